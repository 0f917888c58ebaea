// One published calculation of the experience database: what the page shows, and its two intents, copy it
// into an initiative's phase (a new calculation) or withdraw it (version-guarded). Who may see, copy and
// withdraw it is workflows/som-experience.ts; these steps load, ask it, and save.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { createCalculation } from "#db/queries/som";
import { getPublishedCalculation, listInitiativeChoices, unpublishCalculation } from "#db/queries/som-experience";
import { copyOf, EXPERIENCE_REFUSAL_STATUS, mayCopy, mayRead, mayWithdraw, offersCopy, type Publication } from "#workflows/som-experience";
import type { Lang } from "~/i18n";
import { refusalText } from "~/i18n/refusals";
import { calculate, explainCalculation } from "~/som/engine";
import { versionSimulation } from "~/som/montecarlo";
import { CopySchema, UnpublishSchema } from "~/schemas/som-knowledge";
import { forbidden, intParam, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export type ActionData = { intent: "copy" | "unpublish"; result: SubmissionResult<string[]> } | { conflict: true };

const publication = (entry: { published_by: number; unpublished_at: string | null }): Publication =>
  ({ publishedBy: entry.published_by, unpublishedAt: entry.unpublished_at });

/** The publication, if this user may see it (workflows/som-experience.ts mayRead); 404 otherwise. */
export async function loadEntry(db: Db, pid: string | undefined, userId: number) {
  const entry = await getPublishedCalculation(db, intParam(pid));
  if (!entry || !mayRead(publication(entry), userId)) notFound("Published calculation not found");
  return entry;
}

export async function loadEntryPage(db: Db, pid: string | undefined, user: { id: number }, canCopy: boolean) {
  const entry = await loadEntry(db, pid, user.id);
  const initiatives = offersCopy(publication(entry), canCopy) ? await listInitiativeChoices(db) : [];
  return { entry, result: calculate(entry.input), notes: explainCalculation(entry.input), initiatives };
}

type Step = { pid: string | undefined; form: FormData; actorId: number; lang: Lang };

export async function copyStep(db: Db, { pid, form, actorId, lang }: Step) {
  const entry = await loadEntry(db, pid, actorId);
  const submission = parseWithZod(form, { schema: CopySchema });
  if (submission.status !== "success") return data<ActionData>({ intent: "copy", result: submission.reply() }, { status: 400 });
  const check = mayCopy(publication(entry));
  if (!check.ok) {
    const result = submission.reply({ formErrors: [refusalText({ kind: "somExperience", refusal: check.refusal }, lang)] });
    return data<ActionData>({ intent: "copy", result }, { status: EXPERIENCE_REFUSAL_STATUS[check.refusal.code] });
  }
  const v = submission.value;
  if (!(await getInitiative(db, v.initiativeId))) {
    return data<ActionData>({ intent: "copy", result: submission.reply({ fieldErrors: { initiativeId: ["somk.error.initiative"] } }) }, { status: 400 });
  }
  const copy = copyOf(entry, { initiativeId: v.initiativeId, phase: v.phase, scenario: v.scenario, title: v.title });
  const { calculationId } = await db.transaction().execute((trx) =>
    createCalculation(trx, { ...copy, uncertainty: versionSimulation(copy.input, copy.spreads) }, actorId, nowIso()),
  );
  return redirect(`/initiativer/${v.initiativeId}/som/${calculationId}`);
}

export async function unpublishStep(db: Db, { pid, form, actorId, lang }: Step) {
  const entry = await loadEntry(db, pid, actorId);
  const check = mayWithdraw(publication(entry), actorId);
  if (!check.ok) forbidden(refusalText({ kind: "somExperience", refusal: check.refusal }, lang));
  const submission = parseWithZod(form, { schema: UnpublishSchema });
  if (submission.status !== "success") return data<ActionData>({ intent: "unpublish", result: submission.reply() }, { status: 400 });
  const conflict = await withConflictCheck(() =>
    db.transaction().execute((trx) => unpublishCalculation(trx, entry.id, submission.value.version, actorId, nowIso())),
  );
  return conflict ?? redirect("/som/erfaringer");
}
