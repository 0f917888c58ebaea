// Starting a SUSI assessment: the step behind the form. The program manager picks the phase the initiative
// is assessed towards (skipping phases allowed); the draft is created with its starter as lead, or the open
// draft for that span is reopened. Takes `db | trx`.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Executor } from "#db/client";
import { createAssessment, listAssessments } from "#db/queries/assessments";
import { getInitiative } from "#db/queries/initiatives";
import { startAssessment, startRefusal, type AssessmentRefusal } from "#workflows/assessment";
import { nextPhase, targetPhases } from "#workflows/phase-model";
import { StartAssessmentSchema } from "~/schemas/assessment";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export type StartRefusal = AssessmentRefusal;

async function loadInitiative(db: Executor, id: number) {
  const initiative = await getInitiative(db, id);
  if (!initiative) notFound();
  return initiative;
}

export async function loadStartPage(db: Executor, id: number) {
  const initiative = await loadInitiative(db, id);
  const drafts = (await listAssessments(db, initiative.id)).filter((a) => a.status === "draft" && a.from_phase === initiative.phase);
  return {
    initiative: { id: initiative.id, title: initiative.title, phase: initiative.phase },
    refusal: startRefusal(initiative),
    targets: targetPhases(initiative.phase),
    next: nextPhase(initiative.phase),
    drafts: drafts.map((d) => ({ id: d.id, toPhase: d.to_phase })),
  };
}

export async function start(db: Executor, request: Request, form: FormData, id: number, actorId: number) {
  const initiative = await loadInitiative(db, id);
  const refusal = startRefusal(initiative);
  if (refusal) return data({ refusal }, { status: 409 });
  const submission = parseWithZod(form, { schema: StartAssessmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const started = startAssessment(initiative.phase, submission.value.toPhase);
  if (!started.ok) {
    return data({ result: submission.reply({ fieldErrors: { toPhase: ["assessment.error.targetNotAhead"] } }) }, { status: 400 });
  }
  const input = { initiativeId: initiative.id, fromPhase: initiative.phase, toPhase: submission.value.toPhase };
  const created = await withConflictCheck(() => db.transaction().execute((trx) => createAssessment(trx, input, actorId, nowIso())));
  if (!("id" in created)) return created;
  return redirectWithFlash(request, `/initiativer/${initiative.id}/vurdering/${created.id}`, created.existing ? "flash.assessment.existing" : "flash.assessment.started");
}
