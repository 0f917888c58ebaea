// The steering group's decision at a gate (Go, Conditional Go, Hold, Recycle, Stop) and the rules
// SUSI places on it. Pure: the caller supplies the initiative, the assessment and the open conditions,
// and gets back either the new phase/status or every refusal at once.
import type { AssessmentState, Judgement } from "./assessment";
import { gatesBetween, isTerminal, leavesScreening, type Phase, type PhasePeriod, type Track } from "./phase-model";

export const OUTCOMES = ["go", "conditional_go", "hold", "recycle", "stop", "resume"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const STATUSES = ["active", "on_hold", "completed", "stopped"] as const;
export type InitiativeStatus = (typeof STATUSES)[number];

/** Initiatives from before SUSI 2.0 have no track; the track rule does not apply to them. */
export type Framework = "susi1" | "susi2";

export interface InitiativeState {
  phase: PhasePeriod;
  status: InitiativeStatus;
  framework: Framework;
  track: Track | null;
  trackReason: string;
  prototypeDescription: string;
}

export interface NewCondition {
  text: string;
  owner: string;
  dueDate: string;
}

export type ConditionResolution = "close" | "carry_over";

export interface OpenCondition {
  id: number;
  text: string;
  resolution: ConditionResolution | null;
}

export interface DecisionInput {
  outcome: Outcome;
  /** For Go / Conditional Go: the phase moved to (skips allowed). */
  targetPhase: Phase | null;
  rationale: string;
  /** The submitted assessment the decision is taken on (required for Go / Conditional Go). */
  assessment: AssessmentState | null;
  conditions: NewCondition[];
  openConditions: OpenCondition[];
}

export type DecisionRefusal =
  | { code: "initiative_closed"; status: InitiativeStatus }
  | { code: "dissemination_terminal" }
  | { code: "initiative_on_hold" }
  | { code: "not_on_hold" }
  | { code: "rationale_missing" }
  | { code: "target_missing" }
  | { code: "target_not_ahead"; targetPhase: Phase }
  | { code: "assessment_missing" }
  | { code: "assessment_not_submitted" }
  | { code: "assessment_wrong_gate"; assessmentFrom: PhasePeriod; assessmentTo: Phase }
  | { code: "criterion_not_met"; criterionId: string; judgement: Judgement | null }
  | { code: "justification_missing"; criterionId: string }
  | { code: "track_missing" }
  | { code: "track_reason_missing" }
  | { code: "prototype_missing" }
  | { code: "conditions_missing" }
  | { code: "condition_incomplete"; index: number; field: "text" | "owner" | "dueDate" }
  | { code: "conditions_not_allowed" }
  | { code: "open_condition_unresolved"; conditionId: number; text: string };

export interface DecisionEffect {
  phase: PhasePeriod;
  status: InitiativeStatus;
  /** A new phase period starts (Go into a new phase, or Recycle repeating the phase). */
  startsPeriod: boolean;
  /** Track-2 criteria passed as partly met, with the justification to show beside the decision. */
  flexiblyPassed: { criterionId: string; justification: string }[];
}

export type DecisionResult = { ok: true; value: DecisionEffect } | { ok: false; refusals: DecisionRefusal[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function movesForward(outcome: Outcome): boolean {
  return outcome === "go" || outcome === "conditional_go";
}

/** What the gate criteria say about moving from the initiative's phase to `target` on this assessment. */
export function gateRefusals(initiative: InitiativeState, target: Phase, assessment: AssessmentState | null): DecisionRefusal[] {
  const gates = gatesBetween(initiative.phase, target);
  if (gates.length === 0) return [{ code: "target_not_ahead", targetPhase: target }];
  // The track rule is about the initiative, not the assessment: it is named whatever the assessment's state.
  return [...assessmentRefusals(initiative, target, assessment, gates), ...trackRefusals(initiative)];
}

function assessmentRefusals(
  initiative: InitiativeState,
  target: Phase,
  assessment: AssessmentState | null,
  gates: ReturnType<typeof gatesBetween>,
): DecisionRefusal[] {
  if (!assessment) return [{ code: "assessment_missing" }];
  const refusals: DecisionRefusal[] = [];
  if (assessment.status !== "submitted") refusals.push({ code: "assessment_not_submitted" });
  if (assessment.fromPhase !== initiative.phase || assessment.toPhase !== target) {
    refusals.push({ code: "assessment_wrong_gate", assessmentFrom: assessment.fromPhase, assessmentTo: assessment.toPhase });
    return refusals;
  }
  for (const c of gates.flatMap((g) => g.criteria)) {
    const j = assessment.judgements.find((x) => x.criterionId === c.id);
    if (j?.judgement === "met") continue;
    if (j?.judgement === "partly_met" && initiative.track === 2) {
      if (j.justification.trim() === "") refusals.push({ code: "justification_missing", criterionId: c.id });
      continue;
    }
    refusals.push({ code: "criterion_not_met", criterionId: c.id, judgement: j?.judgement ?? null });
  }
  return refusals;
}

function trackRefusals(initiative: InitiativeState): DecisionRefusal[] {
  if (!leavesScreening(initiative.phase) || initiative.framework !== "susi2") return [];
  const refusals: DecisionRefusal[] = [];
  if (initiative.track === null) refusals.push({ code: "track_missing" });
  if (initiative.trackReason.trim() === "") refusals.push({ code: "track_reason_missing" });
  if (initiative.prototypeDescription.trim() === "") refusals.push({ code: "prototype_missing" });
  return refusals;
}

/** YYYY-MM-DD and a day that exists in the calendar (no 2025-02-30). */
function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The outcomes the steering group may choose for an initiative as it stands. A held initiative can only be
 * resumed or stopped (hold and its end are decisions); one in dissemination has no gate ahead, but the group
 * may still put it on hold or stop it; a stopped or completed one takes no decision at all.
 */
export function allowedOutcomes(initiative: Pick<InitiativeState, "phase" | "status">): Outcome[] {
  if (initiative.status === "stopped" || initiative.status === "completed") return [];
  if (initiative.status === "on_hold") return ["resume", "stop"];
  if (isTerminal(initiative.phase)) return ["hold", "stop"];
  return ["go", "conditional_go", "hold", "recycle", "stop"];
}

/** Why this outcome cannot be chosen for the initiative as it stands, or null when it can. */
function outcomeRefusal(initiative: InitiativeState, outcome: Outcome): DecisionRefusal | null {
  if (initiative.status === "stopped" || initiative.status === "completed") return { code: "initiative_closed", status: initiative.status };
  if (allowedOutcomes(initiative).includes(outcome)) return null;
  if (initiative.status === "on_hold") return { code: "initiative_on_hold" };
  if (outcome === "resume") return { code: "not_on_hold" };
  return { code: "dissemination_terminal" };
}

export function decide(initiative: InitiativeState, input: DecisionInput): DecisionResult {
  const refused = outcomeRefusal(initiative, input.outcome);
  if (refused) return { ok: false, refusals: [refused] };

  const refusals: DecisionRefusal[] = [];
  if (input.rationale.trim() === "") refusals.push({ code: "rationale_missing" });

  if (movesForward(input.outcome)) {
    if (!input.targetPhase) refusals.push({ code: "target_missing" });
    else refusals.push(...gateRefusals(initiative, input.targetPhase, input.assessment));
  }

  if (input.outcome === "conditional_go") {
    if (input.conditions.length === 0) refusals.push({ code: "conditions_missing" });
    input.conditions.forEach((c, index) => {
      if (c.text.trim() === "") refusals.push({ code: "condition_incomplete", index, field: "text" });
      if (c.owner.trim() === "") refusals.push({ code: "condition_incomplete", index, field: "owner" });
      if (!isIsoDate(c.dueDate)) refusals.push({ code: "condition_incomplete", index, field: "dueDate" });
    });
  } else if (input.conditions.length > 0) {
    refusals.push({ code: "conditions_not_allowed" });
  }

  for (const open of input.openConditions) {
    if (open.resolution === null) refusals.push({ code: "open_condition_unresolved", conditionId: open.id, text: open.text });
  }

  if (refusals.length > 0) return { ok: false, refusals };

  const flexiblyPassed =
    movesForward(input.outcome) && input.assessment && initiative.track === 2
      ? input.assessment.judgements
          .filter((j) => j.judgement === "partly_met")
          .map((j) => ({ criterionId: j.criterionId, justification: j.justification }))
      : [];

  switch (input.outcome) {
    case "go":
    case "conditional_go":
      return { ok: true, value: { phase: input.targetPhase!, status: "active", startsPeriod: true, flexiblyPassed } };
    case "hold":
      return { ok: true, value: { phase: initiative.phase, status: "on_hold", startsPeriod: false, flexiblyPassed } };
    case "recycle":
      return { ok: true, value: { phase: initiative.phase, status: "active", startsPeriod: true, flexiblyPassed } };
    case "stop":
      return { ok: true, value: { phase: initiative.phase, status: "stopped", startsPeriod: false, flexiblyPassed } };
    case "resume":
      // The hold ends: work goes on in the same phase period, which never ended.
      return { ok: true, value: { phase: initiative.phase, status: "active", startsPeriod: false, flexiblyPassed } };
  }
}
