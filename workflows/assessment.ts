// The SUSI assessment (SUSI-vurdering): per-criterion judgements for the gates an initiative crosses,
// draft → submitted. Several assessors (a lead, co-assessors, externals) each record their own judgements;
// the lead consolidates them into one judgement per criterion (AssessmentState.judgements), and only the
// consolidated judgements count for submission and the decision. Pure; refusals are returned values.
import type { InitiativeStatus } from "./decision";
import { holdsAnyRole, holdsRole, type RoleHolder } from "./roles";
import { gatesBetween, isTerminal, type Criterion, type Phase, type PhasePeriod } from "./phase-model";

export const JUDGEMENTS = ["met", "partly_met", "not_met", "not_assessed"] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const EVIDENCE_LEVELS = ["1", "2", "3", "practice"] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

function isEvidenceLevel(value: unknown): value is EvidenceLevel {
  return typeof value === "string" && (EVIDENCE_LEVELS as readonly string[]).includes(value);
}

export type AssessmentStatus = "draft" | "submitted";

export interface CriterionJudgement {
  criterionId: string;
  judgement: Judgement;
  evidence: string;
  evidenceLevel: EvidenceLevel | null;
  /** Why a partly met criterion may pass on track 2; required for that to count. */
  justification: string;
}

export interface AssessmentState {
  status: AssessmentStatus;
  fromPhase: PhasePeriod;
  toPhase: Phase;
  overallAssessment: string;
  recommendation: string;
  judgements: CriterionJudgement[];
}

export const ASSESSOR_ROLES = ["lead", "co_assessor", "external"] as const;
export type AssessorRole = (typeof ASSESSOR_ROLES)[number];

/** One assessor of an assessment with their own judgements. `external` users may only be external assessors. */
export interface Assessor {
  userId: number;
  role: AssessorRole;
  judgements: CriterionJudgement[];
}

export type AssessmentRefusal =
  | { code: "no_gate"; fromPhase: PhasePeriod; toPhase: Phase }
  | { code: "dissemination_no_assessment" }
  | { code: "already_submitted" }
  | { code: "criterion_unjudged"; criterionId: string }
  | { code: "evidence_missing"; criterionId: string; missing: ("evidence" | "evidenceLevel")[] }
  | { code: "overall_missing" }
  | { code: "recommendation_missing" }
  | { code: "unknown_criterion"; criterionId: string }
  | { code: "closed"; status: InitiativeStatus }
  | { code: "on_hold" }
  | { code: "not_assessor" }
  | { code: "not_lead" }
  | { code: "already_assessor" }
  | { code: "one_lead" }
  | { code: "external_role_mismatch" };

export type Result<T, R> = { ok: true; value: T } | { ok: false; refusals: R[] };

/** The criteria an assessment from `from` to `to` must judge, or a refusal when no gate lies between. */
export function criteriaFor(from: PhasePeriod, to: Phase): Result<Criterion[], AssessmentRefusal> {
  if (isTerminal(from)) return { ok: false, refusals: [{ code: "dissemination_no_assessment" }] };
  const gates = gatesBetween(from, to);
  if (gates.length === 0) return { ok: false, refusals: [{ code: "no_gate", fromPhase: from, toPhase: to }] };
  return { ok: true, value: gates.flatMap((g) => g.criteria) };
}

/**
 * Why no assessment can be started for this initiative at all, whatever the target: a dissemination
 * initiative has no gate ahead, a held one must be resumed first, and no decision is taken on a closed one.
 */
export function startRefusal(initiative: { phase: PhasePeriod; status: InitiativeStatus }): AssessmentRefusal | null {
  if (isTerminal(initiative.phase)) return { code: "dissemination_no_assessment" };
  // A held initiative takes no decision but resume or stop, so an assessment would lead nowhere (nor on a closed one).
  if (initiative.status === "on_hold") return { code: "on_hold" };
  if (initiative.status === "stopped" || initiative.status === "completed") return { code: "closed", status: initiative.status };
  return null;
}

/** Starting an assessment: only for a phase that has a gate ahead, towards a phase ahead. */
export function startAssessment(from: PhasePeriod, to: Phase): Result<AssessmentState, AssessmentRefusal> {
  const criteria = criteriaFor(from, to);
  if (!criteria.ok) return criteria;
  return {
    ok: true,
    value: { status: "draft", fromPhase: from, toPhase: to, overallAssessment: "", recommendation: "", judgements: [] },
  };
}

/** A judgement stands on its evidence: the text and its level (1, 2, 3 or practice), unless "not assessed". */
function hasEvidence(j: CriterionJudgement): boolean {
  return j.judgement === "not_assessed" || (j.evidence.trim() !== "" && isEvidenceLevel(j.evidenceLevel));
}

/** An assessor is done when they have judged every criterion, each with its evidence. */
export function assessorDone(state: Pick<AssessmentState, "fromPhase" | "toPhase">, assessor: Pick<Assessor, "judgements">): boolean {
  const criteria = criteriaFor(state.fromPhase, state.toPhase);
  if (!criteria.ok) return false;
  return criteria.value.every((c) => {
    const j = assessor.judgements.find((x) => x.criterionId === c.id);
    return !!j && hasEvidence(j);
  });
}

/**
 * Progress as assessors see it: people and criteria ("2 af 3 bedømmere færdige; 9 af 12 kriterier").
 * `judged` counts consolidated criteria; `assessorsDone` the assessors who judged every criterion.
 */
export function assessmentProgress(
  state: Pick<AssessmentState, "fromPhase" | "toPhase" | "judgements">,
  assessors: readonly Pick<Assessor, "judgements">[] = [],
) {
  const criteria = criteriaFor(state.fromPhase, state.toPhase);
  const total = criteria.ok ? criteria.value.length : 0;
  const ids = new Set(criteria.ok ? criteria.value.map((c) => c.id) : []);
  const judged = state.judgements.filter((j) => ids.has(j.criterionId)).length;
  const assessorsDone = assessors.filter((a) => assessorDone(state, a)).length;
  return { judged, total, assessors: assessors.length, assessorsDone };
}

function knownCriteria(state: AssessmentState, judgements: readonly CriterionJudgement[]): AssessmentRefusal[] {
  const criteria = criteriaFor(state.fromPhase, state.toPhase);
  if (!criteria.ok) return criteria.refusals;
  const ids = new Set(criteria.value.map((c) => c.id));
  return judgements.filter((j) => !ids.has(j.criterionId)).map((j) => ({ code: "unknown_criterion" as const, criterionId: j.criterionId }));
}

/**
 * An assessor records their own judgements, all of their criteria in one go: only on a draft, only an
 * assessor named on the assessment, only the criteria of the gates crossed. A criterion left out is not
 * judged by this assessor. Returns the assessor's new judgements; the consolidated ones are untouched.
 */
export function recordOwnJudgements(
  state: AssessmentState,
  assessors: readonly Assessor[],
  actorId: number,
  judgements: readonly CriterionJudgement[],
): Result<CriterionJudgement[], AssessmentRefusal> {
  if (state.status !== "draft") return { ok: false, refusals: [{ code: "already_submitted" }] };
  if (!assessors.some((a) => a.userId === actorId)) return { ok: false, refusals: [{ code: "not_assessor" }] };
  const unknown = knownCriteria(state, judgements);
  if (unknown.length) return { ok: false, refusals: unknown };
  return { ok: true, value: [...judgements] };
}

/**
 * The lead consolidates: their choice per criterion becomes the assessment's judgement, whether or not it
 * agrees with the assessors (differences stay visible through consolidationDifferences). Only the lead.
 */
export function consolidate(
  state: AssessmentState,
  assessors: readonly Assessor[],
  actorId: number,
  judgements: readonly CriterionJudgement[],
): Result<AssessmentState, AssessmentRefusal> {
  if (state.status !== "draft") return { ok: false, refusals: [{ code: "already_submitted" }] };
  if (!isLead(assessors, actorId)) return { ok: false, refusals: [{ code: "not_lead" }] };
  const unknown = knownCriteria(state, judgements);
  if (unknown.length) return { ok: false, refusals: unknown };
  const replaced = new Set(judgements.map((j) => j.criterionId));
  return { ok: true, value: { ...state, judgements: state.judgements.filter((j) => !replaced.has(j.criterionId)).concat(judgements) } };
}

export function isLead(assessors: readonly Pick<Assessor, "userId" | "role">[], userId: number): boolean {
  return assessors.some((a) => a.userId === userId && a.role === "lead");
}

/** The roles that make a user someone a lead may name as an assessor (any one of them, among all a user holds). */
export const ASSESSOR_USER_ROLES = ["program_manager", "external"] as const;

/** Whether a user may be named as an assessor at all: holding a program manager's or an external role, primary or not. */
export function mayBeNamedAssessor(user: RoleHolder): boolean {
  return holdsAnyRole(user, ASSESSOR_USER_ROLES);
}

/**
 * The lead names another assessor. One lead per assessment (the one who started it). An external assessor
 * holds the external role; a co-assessor holds the program manager's. Every role the user holds counts
 * (DECISIONS 0091): an external user who is also a program manager may be either, one who is only external
 * only an external assessor.
 */
export function addAssessor(
  state: AssessmentState,
  assessors: readonly Assessor[],
  actorId: number,
  candidate: { userId: number; user: RoleHolder; role: AssessorRole },
): Result<Assessor, AssessmentRefusal> {
  if (state.status !== "draft") return { ok: false, refusals: [{ code: "already_submitted" }] };
  if (!isLead(assessors, actorId)) return { ok: false, refusals: [{ code: "not_lead" }] };
  if (assessors.some((a) => a.userId === candidate.userId)) return { ok: false, refusals: [{ code: "already_assessor" }] };
  if (candidate.role === "lead") return { ok: false, refusals: [{ code: "one_lead" }] };
  if (!holdsRole(candidate.user, candidate.role === "external" ? "external" : "program_manager")) {
    return { ok: false, refusals: [{ code: "external_role_mismatch" }] };
  }
  return { ok: true, value: { userId: candidate.userId, role: candidate.role, judgements: [] } };
}

/**
 * Where the consolidated judgement differs from an assessor's own (judgement or evidence level): who said
 * what, per criterion. Assessors who have not judged a criterion are not a difference.
 */
export function consolidationDifferences(
  consolidated: readonly CriterionJudgement[],
  assessors: readonly Assessor[],
): { criterionId: string; consolidated: Judgement; differing: { userId: number; judgement: Judgement }[] }[] {
  return consolidated.flatMap((c) => {
    const differing = assessors.flatMap((a) => {
      const own = a.judgements.find((j) => j.criterionId === c.criterionId);
      return own && own.judgement !== c.judgement ? [{ userId: a.userId, judgement: own.judgement }] : [];
    });
    return differing.length ? [{ criterionId: c.criterionId, consolidated: c.judgement, differing }] : [];
  });
}

/** Recording a judgement on a draft: replaces any earlier judgement of the same criterion. */
export function recordJudgement(
  state: AssessmentState,
  judgement: CriterionJudgement,
): Result<AssessmentState, AssessmentRefusal> {
  if (state.status !== "draft") return { ok: false, refusals: [{ code: "already_submitted" }] };
  const criteria = criteriaFor(state.fromPhase, state.toPhase);
  if (!criteria.ok) return criteria;
  if (!criteria.value.some((c) => c.id === judgement.criterionId)) {
    return { ok: false, refusals: [{ code: "unknown_criterion", criterionId: judgement.criterionId }] };
  }
  const judgements = state.judgements.filter((j) => j.criterionId !== judgement.criterionId).concat(judgement);
  return { ok: true, value: { ...state, judgements } };
}

/**
 * Submitting: every criterion of every gate crossed has an explicit judgement ("not assessed" is one),
 * every judged criterion has its evidence text and level, and the overall assessment and recommendation are written.
 * All problems are returned together.
 */
export function submitAssessment(state: AssessmentState): Result<AssessmentState, AssessmentRefusal> {
  if (state.status !== "draft") return { ok: false, refusals: [{ code: "already_submitted" }] };
  const criteria = criteriaFor(state.fromPhase, state.toPhase);
  if (!criteria.ok) return criteria;
  const refusals: AssessmentRefusal[] = [];
  for (const c of criteria.value) {
    const j = state.judgements.find((x) => x.criterionId === c.id);
    if (!j) refusals.push({ code: "criterion_unjudged", criterionId: c.id });
    // A judgement stands on its evidence: the text and its level (1, 2, 3 or practice) both count.
    else if (!hasEvidence(j)) {
      const missing = [
        ...(j.evidence.trim() === "" ? ["evidence" as const] : []),
        ...(!isEvidenceLevel(j.evidenceLevel) ? ["evidenceLevel" as const] : []),
      ];
      refusals.push({ code: "evidence_missing", criterionId: c.id, missing });
    }
  }
  if (state.overallAssessment.trim() === "") refusals.push({ code: "overall_missing" });
  if (state.recommendation.trim() === "") refusals.push({ code: "recommendation_missing" });
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, value: { ...state, status: "submitted" } };
}

/**
 * The lead submits: the consolidated assessment must be complete (submitAssessment). Assessors who have not
 * finished do not block: the lead's consolidation is what the steering group decides on.
 */
export function submitAsLead(
  state: AssessmentState,
  assessors: readonly Assessor[],
  actorId: number,
): Result<AssessmentState, AssessmentRefusal> {
  if (state.status !== "draft") return { ok: false, refusals: [{ code: "already_submitted" }] };
  if (!isLead(assessors, actorId)) return { ok: false, refusals: [{ code: "not_lead" }] };
  return submitAssessment(state);
}

/**
 * Whether an assessment can be started for an initiative with this status at all: a held initiative is not
 * assessed (the steering group resumes or stops it first), nor is a stopped or completed one.
 */
export function statusStartRefusal(status: string): { code: "on_hold" } | { code: "closed"; status: string } | null {
  if (status === "on_hold") return { code: "on_hold" };
  if (status === "stopped" || status === "completed") return { code: "closed", status };
  return null;
}
