// The release page's transitions, each inside the caller's transaction: read the edition, check the form's
// version, ask the workflow, persist what it allowed. Publication gives the edition its public address and,
// when the workflow says subscribers are to be told, queues their notices in the same transaction (the
// outbox sends them later; publishing never sends mail itself).
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db, Executor } from "#db/client";
import { ConflictError } from "#db/errors";
import {
  findOpenEdition, getRelease, getReleaseForUpdate, insertDraft, saveReleaseState, toReleaseState, type ReleaseRecord,
} from "#db/queries/releases";
import {
  approveAndPublish, cancelSchedule, forcePublish, publishEdition, returnToDraft, reviewAfterForce, schedulePublication, startNewEdition,
  submitForReview, withdraw, type Actor, type PublishMode, type ReleaseRefusal, type ReleaseResult, type ReleaseState,
} from "#workflows/release";
import { copenhagenLocalToIso } from "~/i18n/format";
import { announce, announceWithdrawal, saveEditionPublished } from "~/utils/release-publish.server";
import type { Translate } from "~/i18n";
import { ReleaseActionSchema, type ReleaseAction } from "~/schemas/release";
import { confirmationFields, isConfirmed } from "~/utils/confirm.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { conflictResponse, notFound } from "~/utils/http.server";
import { refusalErrors } from "~/i18n/refusals";

export type ActionOutcome = { redirectTo: string } | { refusals: ReleaseRefusal[] };

interface Context {
  trx: Executor;
  before: ReleaseRecord;
  actor: Actor;
  now: string;
  /** Absolute base of public links, e.g. https://viden.example.dk; used in subscribers' notices. */
  baseUrl: string;
}

const page = (id: number) => `/udgivelser/${id}`;

export async function performReleaseAction(
  trx: Executor, id: number, action: ReleaseAction, actor: Actor, now: string, baseUrl: string,
): Promise<ActionOutcome> {
  // Locked: on PostgreSQL two steps on one edition run at once, and starting the next edition changes no version.
  const before = await getReleaseForUpdate(trx, id);
  if (!before || before.version !== action.version) throw new ConflictError("release", id);
  const ctx: Context = { trx, before, actor, now, baseUrl };
  // A draft a steering group asked for belongs to whoever on the knowledge staff acts on it first.
  const state = toReleaseState(before, actor.id);
  switch (action.intent) {
    case "submit":
      return save(ctx, submitForReview(state, actor, now), "release.submitted");
    case "return":
      return save(ctx, returnToDraft(state, actor, action.comment), "release.returned");
    case "review_after_force":
      return save(ctx, reviewAfterForce(state, actor, now), "release.reviewed_after_force");
    case "withdraw": {
      const result = withdraw(state, actor, action.reason, now);
      const outcome = await save(ctx, result, "release.withdrawn");
      if (result.ok) await announceWithdrawal(trx, before, result.value, baseUrl);
      return outcome;
    }
    case "schedule":
      // The form checked the shape; an impossible date (31 February) reaches the workflow as unreadable.
      return save(ctx, schedulePublication(state, actor, copenhagenLocalToIso(action.publishAt) ?? "invalid", now), "release.scheduled");
    case "cancel_schedule":
      return save(ctx, cancelSchedule(state, actor), "release.schedule_cancelled");
    case "approve":
      return publish(ctx, state, { mode: "review" });
    case "force":
      return publish(ctx, state, { mode: "force", reason: action.reason });
    case "new_edition":
      return newEdition(ctx, state, action.kind);
  }
}

async function save(ctx: Context, result: ReleaseResult, historyAction: string): Promise<ActionOutcome> {
  if (!result.ok) return { refusals: result.refusals };
  await saveReleaseState(ctx.trx, ctx.before, ctx.before.version, result.value, historyAction, ctx.actor.id, ctx.now);
  return { redirectTo: page(ctx.before.id) };
}

async function publish(ctx: Context, state: ReleaseState, mode: PublishMode): Promise<ActionOutcome> {
  const { trx, before, actor, now } = ctx;
  const historyAction = mode.mode === "force" ? "release.force_published" : "release.published";
  if (before.edition === 1) {
    const result = mode.mode === "review" ? approveAndPublish(state, actor, now) : forcePublish(state, actor, mode.reason, now);
    if (!result.ok) return { refusals: result.refusals };
    await saveReleaseState(trx, before, before.version, result.value, historyAction, actor.id, now);
    await announce(trx, before, result.value, result.notify, now, ctx.baseUrl);
    return { redirectTo: page(before.id) };
  }
  const previous = before.previous_id === null ? undefined : await getRelease(trx, before.previous_id);
  if (!previous) throw new ConflictError("release", before.previous_id ?? before.id);
  const result = publishEdition(state, toReleaseState(previous), before.id, actor, mode, now);
  if (!result.ok) return { refusals: result.refusals };
  await saveEditionPublished(trx, before, previous, result.value, result.previous, historyAction, actor.id, now);
  await announce(trx, before, result.value, result.notify, now, ctx.baseUrl);
  return { redirectTo: page(before.id) };
}

/** Starts the next edition as a draft, or opens the one already started (one open edition at a time). */
async function newEdition(ctx: Context, state: ReleaseState, kind: "major" | "minor"): Promise<ActionOutcome> {
  const { trx, before, actor, now } = ctx;
  const result = startNewEdition(state, actor, kind);
  if (!result.ok) return { refusals: result.refusals };
  const open = await findOpenEdition(trx, before.id);
  if (open) return { redirectTo: page(open.id) };
  const next = result.value;
  const id = await insertDraft(trx, {
    initiativeId: before.initiative_id,
    phase: before.phase,
    decisionId: before.decision_id,
    content: next.content,
    authorId: next.authorId,
    requestedById: null,
    edition: next.edition,
    editionKind: next.editionKind,
    rootId: before.root_id ?? before.id,
    previousId: before.id,
  }, actor.id, now);
  return { redirectTo: `${page(id)}/rediger` };
}

// ---------------------------------------------------------------------------------------------------
// The page's one action: parse, check the transition in full, ask first where it is irreversible, save.

/** Publishing and withdrawing cannot be taken back: they are answered with "are you sure?" first. */
export const CONFIRMED_INTENTS = ["approve", "force", "withdraw", "schedule"] as const;

const RECEIPTS: Record<ReleaseAction["intent"], string> = {
  submit: "flash.release.submitted", return: "flash.release.returned", approve: "flash.release.published", force: "flash.release.published",
  review_after_force: "flash.release.reviewed", withdraw: "flash.release.withdrawn", new_edition: "flash.release.newEdition",
  schedule: "flash.release.scheduled", cancel_schedule: "flash.release.scheduleCancelled",
};

const REASON_FIELDS = ["reason", "comment", "kind", "publishAt"];

/** Thrown inside the transaction to roll back a transition that was checked but not yet confirmed. */
class Unconfirmed extends Error {}

export async function releaseActionStep(
  db: Db,
  { request, id, form, actor, now, baseUrl, t }: { request: Request; id: number; form: FormData; actor: Actor; now: string; baseUrl: string; t: Translate },
) {
  if (!(await getRelease(db, id))) notFound();
  const intent = String(form.get("intent") ?? "");
  const submission = parseWithZod(form, { schema: ReleaseActionSchema });
  const answer = (body: { refusals?: string[]; conflict?: boolean; result?: unknown; confirm?: [string, string][] }, status: number) =>
    data({ intent, result: body.result ?? submission.reply(), refusals: body.refusals ?? ([] as string[]), conflict: body.conflict ?? false, confirm: body.confirm ?? null }, { status });
  if (submission.status !== "success") return answer({}, 400);
  const action = submission.value;
  const ask = (CONFIRMED_INTENTS as readonly string[]).includes(action.intent) && !isConfirmed(form);
  try {
    // The whole transition runs (workflow, version, writes); unconfirmed, it is rolled back and the page asks first.
    const outcome = await db.transaction().execute(async (trx) => {
      const o = await performReleaseAction(trx, id, action, actor, now, baseUrl);
      if (ask && "redirectTo" in o) throw new Unconfirmed();
      return o;
    });
    if ("redirectTo" in outcome) return redirectWithFlash(request, outcome.redirectTo, RECEIPTS[action.intent]);
    const { messages, formErrors, fieldErrors } = refusalErrors(outcome.refusals.map((refusal) => ({ kind: "release" as const, refusal })), t.lang, REASON_FIELDS);
    return answer({ result: submission.reply({ formErrors, fieldErrors }), refusals: messages }, 409);
  } catch (error) {
    if (error instanceof Unconfirmed) return answer({ confirm: confirmationFields(form) }, 200);
    // The one 409 idiom (app/utils/http.server.ts), with the fields the page reads beside it.
    if (error instanceof ConflictError) return conflictResponse({ intent, result: submission.reply(), refusals: [] as string[], confirm: null });
    throw error;
  }
}
