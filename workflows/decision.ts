// The steering group's decision at a gate (Go, Conditional Go, Hold, Recycle, Stop) and the rules
// SUSI places on it. Pure: the caller supplies the initiative, the assessment and the open conditions,
// and gets back either the decision's whole effect (phase, status, track, periods, a successor to create,
// the outcome to record) or every refusal at once.
import type { AssessmentState, Judgement } from "./assessment";
import { NO_OUTCOME_INPUT, outcomeRefusals, phaseOutcome, type OutcomeInput, type OutcomeRefusal, type PhaseOutcome } from "./outcome";
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

/**
 * How a Go carries the initiative on (DECISIONS 0097): the same initiative moves to the next phase, or, under a
 * new agreement, a successor initiative is created in it (prefilled from this one, linked as its successor)
 * and this one is completed by the same decision.
 */
export type Continuation =
  | { mode: "same_initiative" }
  | { mode: "new_initiative"; title: string; agreementYear: number | null };

export const SAME_INITIATIVE: Continuation = { mode: "same_initiative" };

/** SUSI 2.0 is from 2022 (seed 003); kept here as workflows/import.ts has it, to frame a successor's agreement. */
const SUSI2_FROM = 2022;

export interface DecisionInput {
  outcome: Outcome;
  /** For Go / Conditional Go: the phase moved to (skips allowed). */
  targetPhase: Phase | null;
  rationale: string;
  /** The submitted assessment the decision is taken on (required for Go / Conditional Go). */
  assessment: AssessmentState | null;
  conditions: NewCondition[];
  openConditions: OpenCondition[];
  /** Go only: move this initiative on (the default) or carry it on as a new initiative under a new agreement. */
  continuation?: Continuation;
  /** The initiative's agreement years: a successor's agreement must be a new one. */
  agreementYears?: readonly number[];
  /** What the decision records as the outcome of the phase it ends (reason, note, methods). */
  outcomeInput?: OutcomeInput;
}

export type DecisionRefusal =
  | OutcomeRefusal
  | { code: "continuation_needs_go" }
  | { code: "successor_title_missing" }
  | { code: "successor_agreement_missing" }
  | { code: "successor_agreement_not_new"; year: number }
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

/**
 * Refusals about one field of the decision form (continuation, successor, outcome), not about the state: a
 * page answers them as bad input (422) beside the field rather than as a conflict with the state (409).
 */
export const INPUT_REFUSALS: readonly DecisionRefusal["code"][] = [
  "continuation_needs_go", "successor_title_missing", "successor_agreement_missing", "successor_agreement_not_new",
  "outcome_reason_missing", "outcome_reason_not_allowed", "outcome_methods_missing", "outcome_method_name_missing",
];

/** The initiative a Go under a new agreement creates: its governed state, decided here; the rest is copied from the predecessor. */
export interface SuccessorToCreate {
  title: string;
  agreementYears: number[];
  phase: Phase;
  status: InitiativeStatus;
  framework: Framework;
  track: Track | null;
  trackReason: string;
  prototypeDescription: string;
}

/** The decision's whole effect: db/queries/decisions.ts applies it and computes nothing of its own (issue 15). */
export interface DecisionEffect {
  phase: PhasePeriod;
  status: InitiativeStatus;
  track: Track | null;
  /** A new phase period starts (Go into a new phase, or Recycle repeating the phase). */
  startsPeriod: boolean;
  /** The current phase period ends today (a new one starts, or the initiative stops or completes). */
  endsPeriod: boolean;
  /** Go under a new agreement: the successor to create and link. */
  successor: SuccessorToCreate | null;
  /** The outcome of the phase this decision ends (Go, Conditional Go, Stop); null when no phase ends. */
  phaseOutcome: PhaseOutcome | null;
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

  const continuation = input.continuation ?? SAME_INITIATIVE;
  const outcomeInput = input.outcomeInput ?? NO_OUTCOME_INPUT;
  if (continuation.mode === "new_initiative") refusals.push(...successorRefusals(input, continuation));
  const kind = movesForward(input.outcome) ? (outcomeInput.methods.some((m) => !m.passed) ? "partly_carried_on" : "carried_on") : input.outcome === "stop" ? "not_carried_on" : null;
  // A Stop's reason is asked for, not yet required (DECISIONS 0094): only one given is checked.
  if (kind && !(kind === "not_carried_on" && outcomeInput.reason === null)) refusals.push(...outcomeRefusals(kind, outcomeInput));

  if (refusals.length > 0) return { ok: false, refusals };

  const flexiblyPassed =
    movesForward(input.outcome) && input.assessment && initiative.track === 2
      ? input.assessment.judgements
          .filter((j) => j.judgement === "partly_met")
          .map((j) => ({ criterionId: j.criterionId, justification: j.justification }))
      : [];
  const successorTitle = continuation.mode === "new_initiative" ? continuation.title.trim() : null;
  const recorded = kind ? phaseOutcome(kind, outcomeInput, successorTitle) : null;
  const common = { track: initiative.track, flexiblyPassed, successor: null, phaseOutcome: recorded };

  switch (input.outcome) {
    case "go":
    case "conditional_go":
      if (continuation.mode === "new_initiative") {
        const year = continuation.agreementYear!;
        return {
          ok: true,
          value: {
            ...common, phase: initiative.phase, status: "completed", startsPeriod: false, endsPeriod: true,
            phaseOutcome: { ...recorded!, continuesInYear: year },
            successor: {
              title: successorTitle!, agreementYears: [year], phase: input.targetPhase!, status: "active",
              framework: year >= SUSI2_FROM ? "susi2" : initiative.framework, track: initiative.track,
              trackReason: initiative.trackReason, prototypeDescription: initiative.prototypeDescription,
            },
          },
        };
      }
      return { ok: true, value: { ...common, phase: input.targetPhase!, status: "active", startsPeriod: true, endsPeriod: true } };
    case "hold":
      return { ok: true, value: { ...common, phase: initiative.phase, status: "on_hold", startsPeriod: false, endsPeriod: false } };
    case "recycle":
      return { ok: true, value: { ...common, phase: initiative.phase, status: "active", startsPeriod: true, endsPeriod: true } };
    case "stop":
      return { ok: true, value: { ...common, phase: initiative.phase, status: "stopped", startsPeriod: false, endsPeriod: true } };
    case "resume":
      // The hold ends: work goes on in the same phase period, which never ended.
      return { ok: true, value: { ...common, phase: initiative.phase, status: "active", startsPeriod: false, endsPeriod: false } };
  }
}

/** A successor is created only by a plain Go, with a title and an agreement the initiative is not already under. */
function successorRefusals(input: DecisionInput, c: Extract<Continuation, { mode: "new_initiative" }>): DecisionRefusal[] {
  if (input.outcome !== "go") return [{ code: "continuation_needs_go" }];
  const refusals: DecisionRefusal[] = [];
  if (c.title.trim() === "") refusals.push({ code: "successor_title_missing" });
  if (c.agreementYear === null) refusals.push({ code: "successor_agreement_missing" });
  else if ((input.agreementYears ?? []).includes(c.agreementYear)) refusals.push({ code: "successor_agreement_not_new", year: c.agreementYear });
  return refusals;
}
