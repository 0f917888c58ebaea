// What a decision records as the outcome of the phase it ends, and continuation as a new initiative under a
// new agreement (issue 8, DECISIONS 0094 and 0097): the rules decide() applies on top of the gate rules.
import { describe, expect, it } from "vitest";
import type { AssessmentState, CriterionJudgement } from "../../workflows/assessment";
import { decide, type DecisionInput, type DecisionRefusal, type InitiativeState } from "../../workflows/decision";
import { NO_OUTCOME_INPUT, type OutcomeInput } from "../../workflows/outcome";
import { gatesBetween, type Phase, type PhasePeriod } from "../../workflows/phase-model";

function initiative(overrides: Partial<InitiativeState> = {}): InitiativeState {
  return {
    phase: "maturation", status: "active", framework: "susi2", track: 1,
    trackReason: "Ensartet udførelse.", prototypeDescription: "Manual.", ...overrides,
  };
}

function assessment(from: PhasePeriod, to: Phase): AssessmentState {
  const judgements = gatesBetween(from, to).flatMap((g) => g.criteria).map((c): CriterionJudgement => ({
    criterionId: c.id, judgement: "met", evidence: "Evaluering", evidenceLevel: "2", justification: "",
  }));
  return { status: "submitted", fromPhase: from, toPhase: to, overallAssessment: "Samlet", recommendation: "Videreføres", judgements };
}

function input(outcome: DecisionInput["outcome"], overrides: Partial<DecisionInput> = {}): DecisionInput {
  const forward = outcome === "go" || outcome === "conditional_go";
  return {
    outcome, targetPhase: forward ? "trial" : null, rationale: "Styregruppens begrundelse.",
    assessment: forward ? assessment("maturation", "trial") : null,
    conditions: outcome === "conditional_go" ? [{ text: "Plan", owner: "Programleder", dueDate: "2027-03-31" }] : [],
    openConditions: [], agreementYears: [2024], ...overrides,
  };
}

const outcome = (o: Partial<OutcomeInput>): OutcomeInput => ({ ...NO_OUTCOME_INPUT, ...o });

function refusalsOf(result: ReturnType<typeof decide>): DecisionRefusal[] {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.refusals;
}

function valueOf(result: ReturnType<typeof decide>) {
  if (!result.ok) throw new Error(`expected an effect, got ${JSON.stringify(result.refusals)}`);
  return result.value;
}

describe("the outcome a Go records", () => {
  it("a plain Go carries the initiative on: the phase ends, a new one starts, no reason", () => {
    const v = valueOf(decide(initiative(), input("go")));
    expect(v).toMatchObject({ phase: "trial", status: "active", startsPeriod: true, endsPeriod: true, successor: null });
    expect(v.phaseOutcome).toMatchObject({ kind: "carried_on", reason: null, methods: [], recommended: false, verdict: null });
  });

  it("a carried-on outcome takes no reason", () => {
    expect(refusalsOf(decide(initiative(), input("go", { outcomeInput: outcome({ reason: "other" }) })))).toEqual([{ code: "outcome_reason_not_allowed" }]);
  });

  it("some methods passed and some not: partly carried on, each method named, a reason for those that did not", () => {
    const methods = [{ name: "CTI", passed: true }, { name: "SFT", passed: false }];
    expect(refusalsOf(decide(initiative(), input("go", { outcomeInput: outcome({ methods }) })))).toEqual([{ code: "outcome_reason_missing" }]);
    const unnamed = [{ name: " ", passed: true }, { name: "SFT", passed: false }];
    expect(refusalsOf(decide(initiative(), input("go", { outcomeInput: outcome({ methods: unnamed, reason: "criteria_not_met" }) }))))
      .toEqual([{ code: "outcome_method_name_missing", index: 0 }]);
    const v = valueOf(decide(initiative(), input("go", { outcomeInput: outcome({ methods, reason: "criteria_not_met", note: " SFT mangler evidens " }) })));
    expect(v.phaseOutcome).toMatchObject({ kind: "partly_carried_on", reason: "criteria_not_met", note: "SFT mangler evidens", methods });
  });

  it("every method passed is a plain carried on", () => {
    const methods = [{ name: "MI", passed: true }, { name: "KAT-GO", passed: true }];
    expect(valueOf(decide(initiative(), input("go", { outcomeInput: outcome({ methods }) }))).phaseOutcome).toMatchObject({ kind: "carried_on", methods });
  });
});

describe("the outcome a Stop records", () => {
  it("not carried on, with the reason from the list and the note", () => {
    const v = valueOf(decide(initiative(), input("stop", { outcomeInput: outcome({ reason: "not_fully_implemented", note: "COVID-19" }) })));
    expect(v).toMatchObject({ status: "stopped", endsPeriod: true, startsPeriod: false });
    expect(v.phaseOutcome).toMatchObject({ kind: "not_carried_on", reason: "not_fully_implemented", note: "COVID-19", recommended: false });
  });

  it("recommended for continuation in a later agreement is kept beside the reason", () => {
    const v = valueOf(decide(initiative(), input("stop", { outcomeInput: outcome({ reason: "waiting_on_other", recommended: true, continuesInYear: 2026 }) })));
    expect(v.phaseOutcome).toMatchObject({ kind: "not_carried_on", reason: "waiting_on_other", recommended: true, continuesInYear: 2026 });
  });

  it("a Stop without a reason is still taken (the reason is asked for, not required)", () => {
    expect(valueOf(decide(initiative(), input("stop"))).phaseOutcome).toMatchObject({ kind: "not_carried_on", reason: null });
  });
});

describe("Hold, Resume and Recycle record no outcome", () => {
  it.each(["hold", "recycle"] as const)("%s", (o) => {
    expect(valueOf(decide(initiative(), input(o))).phaseOutcome).toBeNull();
  });

  it("resume", () => {
    expect(valueOf(decide(initiative({ status: "on_hold" }), input("resume"))).phaseOutcome).toBeNull();
  });
});

describe("continuation as a new initiative under a new agreement", () => {
  const newInitiative = (title: string, agreementYear: number | null) => ({ continuation: { mode: "new_initiative" as const, title, agreementYear } });

  it("creates the successor in the target phase, prefilled, and completes this initiative in its phase", () => {
    const v = valueOf(decide(initiative({ track: 2 }), input("go", newInitiative("  Afprøvning af X  ", 2026))));
    expect(v).toMatchObject({ phase: "maturation", status: "completed", startsPeriod: false, endsPeriod: true, track: 2 });
    expect(v.successor).toEqual({
      title: "Afprøvning af X", agreementYears: [2026], phase: "trial", status: "active", framework: "susi2",
      track: 2, trackReason: "Ensartet udførelse.", prototypeDescription: "Manual.",
    });
    expect(v.phaseOutcome).toMatchObject({ kind: "carried_on", successorTitle: "Afprøvning af X", continuesInYear: 2026 });
  });

  it("is refused without a title or an agreement year, and names both", () => {
    expect(refusalsOf(decide(initiative(), input("go", newInitiative(" ", null)))))
      .toEqual([{ code: "successor_title_missing" }, { code: "successor_agreement_missing" }]);
  });

  it("is refused when the agreement is one the initiative is already under", () => {
    expect(refusalsOf(decide(initiative(), input("go", newInitiative("Afprøvning af X", 2024)))))
      .toEqual([{ code: "successor_agreement_not_new", year: 2024 }]);
  });

  it.each(["conditional_go", "stop", "hold", "recycle"] as const)("is refused for %s", (o) => {
    expect(refusalsOf(decide(initiative(), input(o, newInitiative("Afprøvning af X", 2026))))).toContainEqual({ code: "continuation_needs_go" });
  });

  it("the gate rules still apply", () => {
    const r = decide(initiative(), input("go", { ...newInitiative("Afprøvning af X", 2026), assessment: null }));
    expect(refusalsOf(r)).toEqual([{ code: "assessment_missing" }]);
  });

  it("the same initiative moves on by default", () => {
    expect(valueOf(decide(initiative(), input("go", { continuation: { mode: "same_initiative" } })))).toMatchObject({ phase: "trial", successor: null });
  });
});
