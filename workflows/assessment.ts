// The SUSI assessment (SUSI-vurdering): per-criterion judgements for the gates an initiative crosses,
// draft → submitted. Pure; refusals are returned values.
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

export type AssessmentRefusal =
  | { code: "no_gate"; fromPhase: PhasePeriod; toPhase: Phase }
  | { code: "dissemination_no_assessment" }
  | { code: "already_submitted" }
  | { code: "criterion_unjudged"; criterionId: string }
  | { code: "evidence_missing"; criterionId: string }
  | { code: "overall_missing" }
  | { code: "recommendation_missing" }
  | { code: "unknown_criterion"; criterionId: string };

export type Result<T, R> = { ok: true; value: T } | { ok: false; refusals: R[] };

/** The criteria an assessment from `from` to `to` must judge, or a refusal when no gate lies between. */
export function criteriaFor(from: PhasePeriod, to: Phase): Result<Criterion[], AssessmentRefusal> {
  if (isTerminal(from)) return { ok: false, refusals: [{ code: "dissemination_no_assessment" }] };
  const gates = gatesBetween(from, to);
  if (gates.length === 0) return { ok: false, refusals: [{ code: "no_gate", fromPhase: from, toPhase: to }] };
  return { ok: true, value: gates.flatMap((g) => g.criteria) };
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

/** Progress as assessors see it: "2 af 3 kriterier vurderet". */
export function assessmentProgress(state: Pick<AssessmentState, "fromPhase" | "toPhase" | "judgements">) {
  const criteria = criteriaFor(state.fromPhase, state.toPhase);
  const total = criteria.ok ? criteria.value.length : 0;
  const ids = new Set(criteria.ok ? criteria.value.map((c) => c.id) : []);
  const judged = state.judgements.filter((j) => ids.has(j.criterionId)).length;
  return { judged, total };
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
    else if (j.judgement !== "not_assessed" && (j.evidence.trim() === "" || !isEvidenceLevel(j.evidenceLevel))) {
      refusals.push({ code: "evidence_missing", criterionId: c.id });
    }
  }
  if (state.overallAssessment.trim() === "") refusals.push({ code: "overall_missing" });
  if (state.recommendation.trim() === "") refusals.push({ code: "recommendation_missing" });
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, value: { ...state, status: "submitted" } };
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
