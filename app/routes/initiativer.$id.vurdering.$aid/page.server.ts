// The SUSI assessment page's steps: one load, and one load-ask-save step per form intent. Each assessor
// saves all of their own criteria in one form (guarded by their own version); the lead consolidates,
// names assessors and submits (guarded by the assessment's version). Every step takes `db | trx`.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Executor } from "#db/client";
import {
  addAssessorRow, assessmentJudgementViews, getAssessment, listAssessorCandidates, saveConsolidation, saveOwnJudgements, submitAssessmentRow,
  toAssessmentState, toAssessors, type AssessmentWithJudgements,
} from "#db/queries/assessments";
import { getInitiative } from "#db/queries/initiatives";
import { getUserById, rolesOf } from "#db/queries/users";
import type { Initiative } from "#db/schema";
import {
  addAssessor, assessmentProgress, assessorDone, consolidate, isLead, mayBeNamedAssessor, recordOwnJudgements, submitAsLead,
  type AssessmentRefusal, type CriterionJudgement,
} from "#workflows/assessment";
import { AddAssessorSchema, ConsolidationSchema, OwnJudgementsSchema, SubmitSchema } from "~/schemas/assessment";
import type { SessionUser } from "~/utils/auth.server";
import { confirmationFields, isConfirmed } from "~/utils/confirm.server";
import { assessmentSomWarnings } from "~/utils/dossier.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { isExternalOnly } from "~/utils/permissions";
import { conflictResponse, forbidden, notFound, nowIso, withConflictCheck } from "~/utils/http.server";

export type Loaded = { initiative: Initiative; assessment: AssessmentWithJudgements };

export async function loadAssessment(db: Executor, initiativeId: number, assessmentId: number): Promise<Loaded> {
  const initiative = await getInitiative(db, initiativeId);
  if (!initiative) notFound();
  const assessment = await getAssessment(db, initiativeId, assessmentId);
  if (!assessment) notFound();
  return { initiative, assessment };
}

export async function loadAssessmentPage(db: Executor, loaded: Loaded, user: SessionUser) {
  const { initiative, assessment } = loaded;
  const { judgements, assessors, ...row } = assessment;
  const state = toAssessmentState(assessment);
  const mine = assessors.find((a) => a.user_id === user.id);
  const lead = isLead(toAssessors(assessors), user.id);
  const draft = assessment.status === "draft";
  return {
    initiative: { id: initiative.id, title: initiative.title, phase: initiative.phase, track: initiative.track, framework: initiative.framework },
    assessment: row,
    judgements,
    assessors: assessors.map((a) => ({ ...a, done: assessorDone(state, toAssessors([a])[0]) })),
    progress: assessmentProgress(state, toAssessors(assessors)),
    me: { id: user.id, assessor: mine ? { role: mine.role, version: mine.version } : null, lead },
    canEdit: draft && !!mine,
    canConsolidate: draft && lead,
    // An external user sees no names of the register beyond the assessment's own assessors.
    views: (await assessmentJudgementViews(db, assessment.id))!,
    // The SØM warning on the consolidated judgements (DECISIONS 0089); an external assessor sees no SØM of the register.
    somWarnings: isExternalOnly(user) ? [] : await assessmentSomWarnings(db, initiative.id, assessment.id),
    candidates: draft && lead ? (await listAssessorCandidates(db)).filter((c) => !assessors.some((a) => a.user_id === c.id)) : [],
  };
}

type Intent = "own" | "consolidate" | "assessor" | "submit";

function refused(intent: Intent, refusals: AssessmentRefusal[]) {
  return data({ intent, refusals }, { status: 409, statusText: "Conflict" });
}

function pagePath({ initiative, assessment }: Loaded, hash = "") {
  return `/initiativer/${initiative.id}/vurdering/${assessment.id}${hash}`;
}

type Entry = { criterionId: string; judgement?: CriterionJudgement["judgement"]; evidence: string; evidenceLevel?: CriterionJudgement["evidenceLevel"]; justification: string };

/** The criteria the form judged (an entry with no judgement is a criterion left for later). */
function judged(entries: Entry[]): CriterionJudgement[] {
  return entries.flatMap((e) => (e.judgement
    ? [{ criterionId: e.criterionId, judgement: e.judgement, evidence: e.evidence, evidenceLevel: e.evidenceLevel ?? null, justification: e.justification }]
    : []));
}

function unknownCriterion(intent: Intent, submission: { reply: (o?: { formErrors?: string[] }) => unknown }) {
  return data({ intent, result: submission.reply({ formErrors: ["assessment.error.unknownCriterion"] }) }, { status: 400 });
}

/** intent=own: the assessor's own judgements, all criteria at once. Another assessor's form is 403. */
export async function saveOwn(db: Executor, request: Request, form: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(form, { schema: OwnJudgementsSchema });
  if (submission.status !== "success") return data({ intent: "own" as const, result: submission.reply() }, { status: 400 });
  const { assessor, assessorVersion, criteria } = submission.value;
  const assessors = toAssessors(loaded.assessment.assessors);
  // One edits only one's own judgements.
  if (assessor !== user.id || !assessors.some((a) => a.userId === user.id)) forbidden();
  const own = judged(criteria);
  const recorded = recordOwnJudgements(toAssessmentState(loaded.assessment), assessors, user.id, own);
  if (!recorded.ok) {
    if (recorded.refusals.some((r) => r.code === "unknown_criterion")) return unknownCriterion("own", submission);
    return refused("own", recorded.refusals);
  }
  const saved = await withConflictCheck(
    () => db.transaction().execute((trx) => saveOwnJudgements(trx, loaded.assessment.id, user.id, assessorVersion, recorded.value, nowIso())),
    { intent: "own" as const },
  );
  return saved ?? redirectWithFlash(request, pagePath(loaded, "#mine-vurderinger"), "flash.assessment.ownSaved", { count: recorded.value.length });
}

/** intent=consolidate: the lead's chosen judgement per criterion and the texts. */
export async function saveConsolidationStep(db: Executor, request: Request, form: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(form, { schema: ConsolidationSchema });
  if (submission.status !== "success") return data({ intent: "consolidate" as const, result: submission.reply() }, { status: 400 });
  const { version, criteria, overallAssessment, recommendation } = submission.value;
  const assessors = toAssessors(loaded.assessment.assessors);
  if (!isLead(assessors, user.id)) forbidden();
  if (version !== loaded.assessment.version) return conflictResponse({ intent: "consolidate" as const });
  const chosen = judged(criteria);
  const consolidated = consolidate(toAssessmentState(loaded.assessment), assessors, user.id, chosen);
  if (!consolidated.ok) {
    if (consolidated.refusals.some((r) => r.code === "unknown_criterion")) return unknownCriterion("consolidate", submission);
    return refused("consolidate", consolidated.refusals);
  }
  const saved = await withConflictCheck(
    () => db.transaction().execute((trx) => saveConsolidation(trx, loaded.assessment.id, version, chosen, { overallAssessment, recommendation }, user.id, nowIso())),
    { intent: "consolidate" as const },
  );
  return saved ?? redirectWithFlash(request, pagePath(loaded, "#samlet-vurdering"), "flash.assessment.consolidated");
}

/** intent=assessor: the lead names another assessor. */
export async function addAssessorStep(db: Executor, request: Request, form: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(form, { schema: AddAssessorSchema });
  if (submission.status !== "success") return data({ intent: "assessor" as const, result: submission.reply() }, { status: 400 });
  const { version, userId, role } = submission.value;
  const assessors = toAssessors(loaded.assessment.assessors);
  if (!isLead(assessors, user.id)) forbidden();
  if (version !== loaded.assessment.version) return conflictResponse({ intent: "assessor" as const });
  const candidate = await getUserById(db, userId);
  // Every role the candidate holds counts, not only the primary one (workflows/roles.ts, DECISIONS 0091).
  const roles = candidate ? (await rolesOf(db, [candidate])).get(candidate.id)! : [];
  if (!candidate || !candidate.active || !mayBeNamedAssessor({ role: candidate.role, roles })) {
    return data({ intent: "assessor" as const, result: submission.reply({ fieldErrors: { userId: ["assessment.error.chooseAssessor"] } }) }, { status: 400 });
  }
  const added = addAssessor(toAssessmentState(loaded.assessment), assessors, user.id, { userId, user: { role: candidate.role, roles }, role });
  if (!added.ok) return refused("assessor", added.refusals);
  const saved = await withConflictCheck(
    () => db.transaction().execute((trx) => addAssessorRow(trx, loaded.assessment.id, version, { userId, role }, user.id, nowIso())),
    { intent: "assessor" as const },
  );
  return saved ?? redirectWithFlash(request, pagePath(loaded, "#bedoemmere"), "flash.assessment.assessorAdded", { name: candidate.name });
}

/** intent=submit: checked in full, then "are you sure?", then submitted with a receipt. Lead only. */
export async function submitStep(db: Executor, request: Request, form: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(form, { schema: SubmitSchema });
  if (submission.status !== "success") return data({ intent: "submit" as const, result: submission.reply() }, { status: 400 });
  const { version } = submission.value;
  const assessors = toAssessors(loaded.assessment.assessors);
  if (!isLead(assessors, user.id)) forbidden();
  if (version !== loaded.assessment.version) return conflictResponse({ intent: "submit" as const });
  const submitted = submitAsLead(toAssessmentState(loaded.assessment), assessors, user.id);
  if (!submitted.ok) return refused("submit", submitted.refusals);
  if (!isConfirmed(form)) return data({ intent: "submit" as const, confirm: confirmationFields(form) });
  const saved = await withConflictCheck(
    () => db.transaction().execute((trx) => submitAssessmentRow(trx, loaded.assessment.id, version, user.id, nowIso())),
    { intent: "submit" as const },
  );
  return saved ?? redirectWithFlash(request, pagePath(loaded), "flash.assessment.submitted");
}
