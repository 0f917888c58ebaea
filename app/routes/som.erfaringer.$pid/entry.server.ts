// One published calculation of the experience database: what the page shows, and its two intents, copy it
// into an initiative's phase (a new calculation) or withdraw it (the publisher only, version-guarded).
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { createCalculation } from "#db/queries/som";
import { getPublishedCalculation, listInitiativeChoices, unpublishCalculation } from "#db/queries/som-experience";
import { calculate, explainCalculation } from "~/som/engine";
import { versionSimulation } from "~/som/montecarlo";
import { CopySchema, UnpublishSchema } from "~/schemas/som-knowledge";
import { forbidden, intParam, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export type ActionData = { intent: "copy" | "unpublish"; result: SubmissionResult<string[]> } | { conflict: true };

/** A withdrawn publication is gone for everyone but its publisher. */
export async function loadEntry(db: Db, pid: string | undefined, userId: number) {
  const entry = await getPublishedCalculation(db, intParam(pid));
  if (!entry || (entry.unpublished_at && entry.published_by !== userId)) notFound("Published calculation not found");
  return entry;
}

export async function loadEntryPage(db: Db, pid: string | undefined, user: { id: number }, canCopy: boolean) {
  const entry = await loadEntry(db, pid, user.id);
  const initiatives = canCopy && !entry.unpublished_at ? await listInitiativeChoices(db) : [];
  return { entry, result: calculate(entry.input), notes: explainCalculation(entry.input), initiatives };
}

type Step = { pid: string | undefined; form: FormData; actorId: number };

export async function copyStep(db: Db, { pid, form, actorId }: Step) {
  const entry = await loadEntry(db, pid, actorId);
  const submission = parseWithZod(form, { schema: CopySchema });
  if (submission.status !== "success") return data<ActionData>({ intent: "copy", result: submission.reply() }, { status: 400 });
  if (entry.unpublished_at) return data<ActionData>({ intent: "copy", result: submission.reply({ formErrors: ["somx.error.withdrawn"] }) }, { status: 409 });
  const v = submission.value;
  if (!(await getInitiative(db, v.initiativeId))) {
    return data<ActionData>({ intent: "copy", result: submission.reply({ fieldErrors: { initiativeId: ["somk.error.initiative"] } }) }, { status: 400 });
  }
  const { calculationId } = await db.transaction().execute((trx) =>
    createCalculation(trx, {
      initiativeId: v.initiativeId, phase: v.phase, scenario: v.scenario, title: v.title,
      input: entry.input, checklist: entry.checklist, spreads: entry.spreads,
      uncertainty: versionSimulation(entry.input, entry.spreads),
    }, actorId, nowIso()),
  );
  return redirect(`/initiativer/${v.initiativeId}/som/${calculationId}`);
}

export async function unpublishStep(db: Db, { pid, form, actorId }: Step) {
  const entry = await loadEntry(db, pid, actorId);
  if (entry.published_by !== actorId) forbidden("Only the publisher may withdraw a publication");
  const submission = parseWithZod(form, { schema: UnpublishSchema });
  if (submission.status !== "success") return data<ActionData>({ intent: "unpublish", result: submission.reply() }, { status: 400 });
  const conflict = await withConflictCheck(() =>
    db.transaction().execute((trx) => unpublishCalculation(trx, entry.id, submission.value.version, actorId, nowIso())),
  );
  return conflict ?? redirect("/som/erfaringer");
}
