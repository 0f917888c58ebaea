// The SUSI assessment aggregate: an assessment row, its assessors with their own judgements, and the
// consolidated per-criterion judgements the lead chooses. The assessment's version guards the lead's
// consolidation and the texts; each assessor's own version guards that assessor's judgements, so two
// assessors saving at once both keep their work. Every change appends a history row on the initiative.
import { sql } from "kysely";
import type { Executor } from "../client";
import { lockForUpdate } from "../dialect";
import { ConflictError } from "../errors";
import { rolesOf } from "./users";
import {
  ASSESSOR_USER_ROLES, criteriaFor, type Assessor, type AssessorRole, type AssessmentState, type AssessmentStatus, type CriterionJudgement,
} from "../../workflows/assessment";
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
      sql<number>`(select count(*) from assessment_assessors x where x.assessment_id = a.id)`.as("assessor_count"),
    ])
    .where("a.initiative_id", "=", initiativeId)
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => ({ ...r, judged: Number(r.judged), assessor_count: Number(r.assessor_count), total: criteriaCount(r.from_phase, r.to_phase) }));
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
  return { ...row, judgements: await listJudgements(db, assessmentId), assessors: await listAssessors(db, assessmentId) };
}

/** The assessors of an assessment (lead first, then by name) with their own judgements. */
export async function listAssessors(db: Executor, assessmentId: number) {
  const people = await db
    .selectFrom("assessment_assessors as x")
    .innerJoin("users as u", "u.id", "x.user_id")
    .select(["x.user_id", "x.role", "x.version", "x.added_at", "u.name", "u.role as user_role"])
    .where("x.assessment_id", "=", assessmentId)
    .orderBy(sql`case when x.role = 'lead' then 0 else 1 end`)
    .orderBy("u.name")
    .execute();
  const own = await db
    .selectFrom("assessor_judgements")
    .select(["user_id", "criterion_id", "judgement", "evidence", "evidence_level", "justification", "assessed_at"])
    .where("assessment_id", "=", assessmentId)
    .orderBy("criterion_id")
    .execute();
  return people.map((p) => ({ ...p, judgements: own.filter((j) => j.user_id === p.user_id) }));
}

export type AssessorRow = Awaited<ReturnType<typeof listAssessors>>[number];

/** The workflow's view of the stored assessors. */
export function toAssessors(rows: readonly Pick<AssessorRow, "user_id" | "role" | "judgements">[]): Assessor[] {
  return rows.map((r) => ({
    userId: r.user_id,
    role: r.role,
    judgements: r.judgements.map((j) => ({
      criterionId: j.criterion_id, judgement: j.judgement, evidence: j.evidence, evidenceLevel: j.evidence_level, justification: j.justification,
    })),
  }));
}

/** Whether the user is named on the assessment, and as what (undefined when not). */
export async function assessorRoleOf(db: Executor, assessmentId: number, userId: number): Promise<AssessorRole | undefined> {
  const row = await db.selectFrom("assessment_assessors").select("role")
    .where("assessment_id", "=", assessmentId).where("user_id", "=", userId).executeTakeFirst();
  return row?.role;
}

/** The assessments that name this user, newest first: an external assessor's whole world. */
export function assessmentsOfAssessor(db: Executor, userId: number) {
  return db
    .selectFrom("assessment_assessors as x")
    .innerJoin("assessments as a", "a.id", "x.assessment_id")
    .innerJoin("initiatives as i", "i.id", "a.initiative_id")
    .select(["a.id", "a.initiative_id", "a.from_phase", "a.to_phase", "a.status", "x.role", "i.title"])
    .where("x.user_id", "=", userId)
    .orderBy("a.id", "desc")
    .execute();
}

/**
 * Users who may be named as assessors: active users holding the program manager's or the external role,
 * as their primary role or besides it (user_roles), each with every role they hold.
 */
export async function listAssessorCandidates(db: Executor) {
  const eligible = [...ASSESSOR_USER_ROLES];
  const users = await db.selectFrom("users").select(["id", "name", "role"])
    .where("active", "=", 1)
    .where((eb) => eb.or([
      eb("role", "in", eligible),
      eb.exists(eb.selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "users.id").where("r.role", "in", eligible)),
    ]))
    .orderBy("name").execute();
  const roles = await rolesOf(db, users);
  return users.map((u) => ({ ...u, roles: roles.get(u.id)! }));
}

/**
 * For the decision dossier: per criterion of the assessment, the consolidated judgement and each assessor's
 * own judgement beside it, with whether that assessor differs. Undefined when the assessment is unknown.
 */
export async function assessmentJudgementViews(db: Executor, assessmentId: number) {
  const a = await db.selectFrom("assessments").select(["id", "from_phase", "to_phase"]).where("id", "=", assessmentId).executeTakeFirst();
  if (!a) return undefined;
  const criteria = criteriaFor(a.from_phase, a.to_phase);
  const consolidated = await listJudgements(db, assessmentId);
  const assessors = await listAssessors(db, assessmentId);
  return {
    assessors: assessors.map((p) => ({ userId: p.user_id, name: p.name, role: p.role })),
    criteria: (criteria.ok ? criteria.value : []).map((c) => {
      const chosen = consolidated.find((j) => j.criterion_id === c.id);
      return {
        criterionId: c.id,
        consolidated: chosen ? { judgement: chosen.judgement, evidence: chosen.evidence, evidenceLevel: chosen.evidence_level, byName: chosen.assessed_by_name } : null,
        assessors: assessors.map((p) => {
          const own = p.judgements.find((j) => j.criterion_id === c.id);
          return {
            userId: p.user_id, name: p.name, role: p.role,
            judgement: own?.judgement ?? null, evidence: own?.evidence ?? "", evidenceLevel: own?.evidence_level ?? null,
            differs: !!own && !!chosen && own.judgement !== chosen.judgement,
          };
        }),
      };
    }),
  };
}

export type AssessmentJudgementViews = NonNullable<Awaited<ReturnType<typeof assessmentJudgementViews>>>;

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
  // Who starts the assessment leads it.
  await trx.insertInto("assessment_assessors").values({ assessment_id: id, user_id: actorId, role: "lead", added_by: actorId, added_at: now }).execute();
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

/** Names another assessor on a draft (the workflow's addAssessor has allowed it). */
export async function addAssessorRow(
  trx: Executor,
  assessmentId: number,
  expectedVersion: number,
  assessor: { userId: number; role: AssessorRole },
  actorId: number,
  now: string,
) {
  const initiativeId = await bumpAssessmentVersion(trx, assessmentId, expectedVersion);
  await trx.insertInto("assessment_assessors")
    .values({ assessment_id: assessmentId, user_id: assessor.userId, role: assessor.role, added_by: actorId, added_at: now })
    .execute();
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: "assessment.assessor_added", entity: "assessment", entityId: assessmentId,
    after: { user_id: assessor.userId, role: assessor.role },
  });
}

const ownValues = (j: CriterionJudgement) => ({
  judgement: j.judgement, evidence: j.evidence.trim(), evidence_level: j.evidenceLevel, justification: j.justification.trim(),
});

/**
 * Saves all of one assessor's own judgements at once, replacing their earlier ones; checks and moves that
 * assessor's version only, so another assessor's save meanwhile is no conflict. ConflictError when the
 * assessor's form is stale or the assessment is no longer a draft.
 */
export async function saveOwnJudgements(
  trx: Executor,
  assessmentId: number,
  userId: number,
  expectedVersion: number,
  judgements: readonly CriterionJudgement[],
  now: string,
) {
  const draft = await trx.selectFrom("assessments").select("initiative_id")
    .where("id", "=", assessmentId).where("status", "=", "draft").executeTakeFirst();
  if (!draft) throw new ConflictError("assessment", assessmentId);
  const bumped = await trx.updateTable("assessment_assessors").set({ version: expectedVersion + 1 })
    .where("assessment_id", "=", assessmentId).where("user_id", "=", userId).where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) !== 1) throw new ConflictError("assessment", assessmentId);
  const before = await trx.selectFrom("assessor_judgements")
    .select(["criterion_id", "judgement", "evidence", "evidence_level", "justification"])
    .where("assessment_id", "=", assessmentId).where("user_id", "=", userId).orderBy("criterion_id").execute();
  await trx.deleteFrom("assessor_judgements").where("assessment_id", "=", assessmentId).where("user_id", "=", userId).execute();
  if (judgements.length) {
    await trx.insertInto("assessor_judgements")
      .values(judgements.map((j) => ({ assessment_id: assessmentId, user_id: userId, criterion_id: j.criterionId, ...ownValues(j), assessed_at: now })))
      .execute();
  }
  await appendHistory(trx, {
    initiativeId: draft.initiative_id, actorId: userId, at: now, action: "assessment.assessor_judged", entity: "assessment", entityId: assessmentId,
    before, after: judgements.map((j) => ({ criterion_id: j.criterionId, ...ownValues(j) })),
  });
}

/**
 * The lead's consolidation: the chosen judgement per criterion (replacing earlier choices; a criterion left
 * out keeps no consolidated judgement) and the overall assessment and recommendation, in one save.
 */
export async function saveConsolidation(
  trx: Executor,
  assessmentId: number,
  expectedVersion: number,
  judgements: readonly CriterionJudgement[],
  texts: { overallAssessment: string; recommendation: string },
  actorId: number,
  now: string,
) {
  const beforeTexts = await trx.selectFrom("assessments").select(["overall_assessment", "recommendation"]).where("id", "=", assessmentId).executeTakeFirst();
  const patch = { overall_assessment: texts.overallAssessment.trim(), recommendation: texts.recommendation.trim() };
  const initiativeId = await bumpAssessmentVersion(trx, assessmentId, expectedVersion, patch);
  const stored = await trx.selectFrom("assessment_judgements")
    .select(["criterion_id", "judgement", "evidence", "evidence_level", "justification", "assessed_by", "assessed_at"])
    .where("assessment_id", "=", assessmentId).orderBy("criterion_id").execute();
  const before = stored.map(({ assessed_by: _b, assessed_at: _a, ...j }) => j);
  const old = new Map(stored.map((b) => [b.criterion_id, b]));
  await trx.deleteFrom("assessment_judgements").where("assessment_id", "=", assessmentId).execute();
  if (judgements.length) {
    const rows = judgements.map((j) => {
      const values = ownValues(j);
      const prior = old.get(j.criterionId);
      // An unchanged choice keeps who made it and when.
      const unchanged = prior && prior.judgement === values.judgement && prior.evidence === values.evidence
        && prior.evidence_level === values.evidence_level && prior.justification === values.justification;
      return {
        assessment_id: assessmentId, criterion_id: j.criterionId, ...values,
        assessed_by: unchanged ? prior.assessed_by : actorId, assessed_at: unchanged ? prior.assessed_at : now,
      };
    });
    await trx.insertInto("assessment_judgements").values(rows).execute();
  }
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: "assessment.consolidated", entity: "assessment", entityId: assessmentId,
    before: { ...beforeTexts, judgements: before },
    after: { ...patch, judgements: judgements.map((j) => ({ criterion_id: j.criterionId, ...ownValues(j) })) },
  });
}
