// The SUSI assessment aggregate: an assessment row and its per-criterion judgements. Every change checks
// and moves the assessment's version (optimistic concurrency) and appends a history row on the initiative.
import { sql } from "kysely";
import type { Executor } from "../client";
import { lockForUpdate } from "../dialect";
import { ConflictError } from "../errors";
import { criteriaFor, type AssessmentState, type AssessmentStatus, type CriterionJudgement } from "../../workflows/assessment";
import type { Phase, PhasePeriod } from "../../workflows/phase-model";
import { appendHistory } from "./history";

/** How many criteria an assessment from `from` to `to` must judge (0 when no gate lies between). */
function criteriaCount(from: PhasePeriod, to: Phase): number {
  const criteria = criteriaFor(from, to);
  return criteria.ok ? criteria.value.length : 0;
}

/** The initiative's assessments, newest first, with progress: judged counted in SQL, total from the gates crossed. */
export async function listAssessments(db: Executor, initiativeId: number) {
  const rows = await db
    .selectFrom("assessments as a")
    .leftJoin("users as c", "c.id", "a.created_by")
    .leftJoin("users as s", "s.id", "a.submitted_by")
    .select([
      "a.id", "a.from_phase", "a.to_phase", "a.status", "a.created_at", "a.submitted_at",
      "c.name as created_by_name", "s.name as submitted_by_name",
      sql<number>`(select count(*) from assessment_judgements j where j.assessment_id = a.id)`.as("judged"),
    ])
    .where("a.initiative_id", "=", initiativeId)
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, judged: Number(r.judged), total: criteriaCount(r.from_phase, r.to_phase) }));
}

export function listJudgements(db: Executor, assessmentId: number) {
  return db
    .selectFrom("assessment_judgements as j")
    .leftJoin("users as u", "u.id", "j.assessed_by")
    .select([
      "j.criterion_id", "j.judgement", "j.evidence", "j.evidence_level", "j.justification",
      "j.assessed_by", "j.assessed_at", "u.name as assessed_by_name",
    ])
    .where("j.assessment_id", "=", assessmentId)
    .orderBy("j.criterion_id")
    .execute();
}

/** One assessment of one initiative with its judgements; undefined when it belongs to another initiative. */
export async function getAssessment(db: Executor, initiativeId: number, assessmentId: number) {
  const row = await db
    .selectFrom("assessments as a")
    .leftJoin("users as c", "c.id", "a.created_by")
    .leftJoin("users as s", "s.id", "a.submitted_by")
    .selectAll("a")
    .select(["c.name as created_by_name", "s.name as submitted_by_name"])
    .where("a.id", "=", assessmentId)
    .where("a.initiative_id", "=", initiativeId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, judgements: await listJudgements(db, assessmentId) };
}

export type AssessmentWithJudgements = NonNullable<Awaited<ReturnType<typeof getAssessment>>>;

/** The workflow's view of a stored assessment. */
export function toAssessmentState(a: {
  status: AssessmentStatus;
  from_phase: PhasePeriod;
  to_phase: Phase;
  overall_assessment: string;
  recommendation: string;
  judgements: { criterion_id: string; judgement: CriterionJudgement["judgement"]; evidence: string; evidence_level: CriterionJudgement["evidenceLevel"]; justification: string }[];
}): AssessmentState {
  return {
    status: a.status,
    fromPhase: a.from_phase,
    toPhase: a.to_phase,
    overallAssessment: a.overall_assessment,
    recommendation: a.recommendation,
    judgements: a.judgements.map((j) => ({
      criterionId: j.criterion_id,
      judgement: j.judgement,
      evidence: j.evidence,
      evidenceLevel: j.evidence_level,
      justification: j.justification,
    })),
  };
}

/** The open draft for this initiative and gate span, if any (there is at most one). */
export function findDraft(db: Executor, initiativeId: number, fromPhase: PhasePeriod, toPhase: Phase) {
  return db
    .selectFrom("assessments")
    .select(["id", "version"])
    .where("initiative_id", "=", initiativeId)
    .where("from_phase", "=", fromPhase)
    .where("to_phase", "=", toPhase)
    .where("status", "=", "draft")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** The newest submitted assessment for this span, as the decision workflow reads it. */
export async function getLatestSubmittedAssessment(
  db: Executor,
  initiativeId: number,
  fromPhase: PhasePeriod,
  toPhase: Phase,
): Promise<(AssessmentState & { id: number }) | undefined> {
  const row = await db
    .selectFrom("assessments")
    .selectAll()
    .where("initiative_id", "=", initiativeId)
    .where("from_phase", "=", fromPhase)
    .where("to_phase", "=", toPhase)
    .where("status", "=", "submitted")
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, ...toAssessmentState({ ...row, judgements: await listJudgements(db, row.id) }) };
}

/**
 * Starts a draft assessment, or returns the open draft for the same initiative and span (one at a time).
 * Throws ConflictError when the initiative is no longer in `fromPhase` (a decision moved it meanwhile).
 */
export async function createAssessment(
  trx: Executor,
  input: { initiativeId: number; fromPhase: PhasePeriod; toPhase: Phase },
  actorId: number,
  now: string,
): Promise<{ id: number; existing: boolean }> {
  // The initiative's row is locked until the end: on PostgreSQL two assessors starting the same span at once
  // would otherwise both find no draft and make two, and a decision moving the initiative would not wait.
  const initiative = await lockForUpdate(trx, trx.selectFrom("initiatives").select("phase").where("id", "=", input.initiativeId)).executeTakeFirst();
  if (!initiative || initiative.phase !== input.fromPhase) throw new ConflictError("initiative", input.initiativeId);
  const draft = await findDraft(trx, input.initiativeId, input.fromPhase, input.toPhase);
  if (draft) return { id: draft.id, existing: true };
  const { id } = await trx
    .insertInto("assessments")
    .values({
      initiative_id: input.initiativeId, from_phase: input.fromPhase, to_phase: input.toPhase, status: "draft",
      created_by: actorId, created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: input.initiativeId, actorId, at: now, action: "assessment.created", entity: "assessment", entityId: id,
    after: { from_phase: input.fromPhase, to_phase: input.toPhase },
  });
  return { id, existing: false };
}

/**
 * Moves a draft assessment from `expectedVersion` to the next version; throws ConflictError when it changed
 * meanwhile or is no longer a draft. Returns the initiative it belongs to, for the history row.
 */
async function bumpAssessmentVersion(
  trx: Executor,
  assessmentId: number,
  expectedVersion: number,
  patch: { overall_assessment?: string; recommendation?: string; status?: AssessmentStatus; submitted_by?: number; submitted_at?: string } = {},
): Promise<number> {
  const row = await trx
    .updateTable("assessments")
    .set({ ...patch, version: expectedVersion + 1 })
    .where("id", "=", assessmentId)
    .where("version", "=", expectedVersion)
    .where("status", "=", "draft")
    .returning("initiative_id")
    .executeTakeFirst();
  if (!row) throw new ConflictError("assessment", assessmentId);
  return row.initiative_id;
}

/** Records (or replaces) one criterion's judgement on a draft. */
export async function saveJudgement(
  trx: Executor,
  assessmentId: number,
  expectedVersion: number,
  judgement: CriterionJudgement,
  actorId: number,
  now: string,
) {
  const initiativeId = await bumpAssessmentVersion(trx, assessmentId, expectedVersion);
  const before = await trx
    .selectFrom("assessment_judgements")
    .select(["judgement", "evidence", "evidence_level", "justification"])
    .where("assessment_id", "=", assessmentId)
    .where("criterion_id", "=", judgement.criterionId)
    .executeTakeFirst();
  const values = {
    judgement: judgement.judgement,
    evidence: judgement.evidence.trim(),
    evidence_level: judgement.evidenceLevel,
    justification: judgement.justification.trim(),
    assessed_by: actorId,
    assessed_at: now,
  };
  await trx
    .insertInto("assessment_judgements")
    .values({ assessment_id: assessmentId, criterion_id: judgement.criterionId, ...values })
    .onConflict((oc) => oc.columns(["assessment_id", "criterion_id"]).doUpdateSet(values))
    .execute();
  const { assessed_by: _by, assessed_at: _at, ...after } = values;
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: "assessment.judged", entity: "assessment", entityId: assessmentId,
    before: before ? { criterion_id: judgement.criterionId, ...before } : null,
    after: { criterion_id: judgement.criterionId, ...after },
  });
}

/** Saves the overall assessment (samlet vurdering) and the recommendation (indstilling) of a draft. */
export async function saveAssessmentTexts(
  trx: Executor,
  assessmentId: number,
  expectedVersion: number,
  texts: { overallAssessment: string; recommendation: string },
  actorId: number,
  now: string,
) {
  const before = await trx
    .selectFrom("assessments")
    .select(["overall_assessment", "recommendation"])
    .where("id", "=", assessmentId)
    .executeTakeFirst();
  const patch = { overall_assessment: texts.overallAssessment.trim(), recommendation: texts.recommendation.trim() };
  const initiativeId = await bumpAssessmentVersion(trx, assessmentId, expectedVersion, patch);
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: "assessment.updated", entity: "assessment", entityId: assessmentId,
    before, after: patch,
  });
}

/** Marks a draft submitted. The caller has run the workflow's submitAssessment on the same version. */
export async function submitAssessmentRow(trx: Executor, assessmentId: number, expectedVersion: number, actorId: number, now: string) {
  const initiativeId = await bumpAssessmentVersion(trx, assessmentId, expectedVersion, {
    status: "submitted", submitted_by: actorId, submitted_at: now,
  });
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: "assessment.submitted", entity: "assessment", entityId: assessmentId,
    before: { status: "draft" }, after: { status: "submitted" },
  });
}
