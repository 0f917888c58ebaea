// The steering group's decision at a gate, table-driven over every gate, skip and outcome.
import { describe, expect, it } from "vitest";
import type { AssessmentState, CriterionJudgement, Judgement } from "../../workflows/assessment";
import {
  OUTCOMES,
  allowedOutcomes,
  decide,
  gateRefusals,
  type DecisionInput,
  type DecisionRefusal,
  type InitiativeState,
  type NewCondition,
  type OpenCondition,
  type Outcome,
} from "../../workflows/decision";
import { GATE_LIST, gatesBetween, type Phase, type PhasePeriod } from "../../workflows/phase-model";

function initiative(overrides: Partial<InitiativeState> = {}): InitiativeState {
  return {
    phase: "screening",
    status: "active",
    framework: "susi2",
    track: 1,
    trackReason: "Indsatsen udføres ensartet efter klare standarder.",
    prototypeDescription: "Prototype: manual og kompetenceforløb.",
    ...overrides,
  };
}

/** A submitted assessment with every criterion of the gates crossed met, unless overridden per criterion id. */
function assessment(
  from: PhasePeriod,
  to: Phase,
  overrides: Record<string, Partial<CriterionJudgement> | "absent"> = {},
  status: AssessmentState["status"] = "submitted",
): AssessmentState {
  const judgements = gatesBetween(from, to)
    .flatMap((g) => g.criteria)
    .filter((c) => overrides[c.id] !== "absent")
    .map((c): CriterionJudgement => ({
      criterionId: c.id,
      judgement: "met",
      evidence: "Evaluering",
      evidenceLevel: "2",
      justification: "",
      ...(overrides[c.id] as Partial<CriterionJudgement> | undefined),
    }));
  if (gatesBetween(from, to).length === 0) throw new Error(`no gate ${from} → ${to}`);
  return { status, fromPhase: from, toPhase: to, overallAssessment: "Samlet vurdering", recommendation: "Videreføres", judgements };
}

function go(from: PhasePeriod, to: Phase, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    outcome: "go",
    targetPhase: to,
    rationale: "Styregruppen godkender.",
    assessment: "assessment" in overrides ? null : assessment(from, to),
    conditions: [],
    openConditions: [],
    ...overrides,
  };
}

function other(outcome: Outcome, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return { outcome, targetPhase: null, rationale: "Styregruppens begrundelse.", assessment: null, conditions: [], openConditions: [], ...overrides };
}

function refusalsOf(result: ReturnType<typeof decide>): DecisionRefusal[] {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.refusals;
}

const CONDITION: NewCondition = { text: "Implementeringsplan afleveres", owner: "Programleder", dueDate: "2025-03-31" };

// Every single-step gate, from every period that stands before it (Screening/modning included).
const STEPS: { from: PhasePeriod; to: Phase }[] = [
  { from: "screening", to: "maturation" },
  { from: "screening_maturation", to: "maturation" },
  { from: "screening_maturation", to: "trial" },
  { from: "maturation", to: "trial" },
  { from: "trial", to: "dissemination" },
];

// Skips: the assessment covers every gate crossed.
const SKIPS: { from: PhasePeriod; to: Phase }[] = [
  { from: "screening", to: "trial" },
  { from: "screening", to: "dissemination" },
  { from: "screening_maturation", to: "dissemination" },
  { from: "maturation", to: "dissemination" },
];

describe("Go", () => {
  it("every gate is exercised by the tables", () => {
    const crossed = new Set([...STEPS, ...SKIPS].flatMap(({ from, to }) => gatesBetween(from, to).map((g) => g.key)));
    expect(crossed).toEqual(new Set(GATE_LIST.map((g) => g.key)));
  });

  describe.each([...STEPS, ...SKIPS])("from $from to $to", ({ from, to }) => {
    const criteria = gatesBetween(from, to).flatMap((g) => g.criteria.map((c) => c.id));

    it("with every criterion met moves the initiative into the target phase and starts a new period", () => {
      expect(decide(initiative({ phase: from }), go(from, to))).toMatchObject({
        ok: true,
        value: { phase: to, status: "active", startsPeriod: true, flexiblyPassed: [] },
      });
    });

    it.each(criteria)("with %s not met is refused naming that criterion", (id) => {
      const result = decide(initiative({ phase: from }), go(from, to, { assessment: assessment(from, to, { [id]: { judgement: "not_met" } }) }));
      expect(refusalsOf(result)).toEqual([{ code: "criterion_not_met", criterionId: id, judgement: "not_met" }]);
    });

    it.each(criteria)("with %s not assessed is refused naming that criterion", (id) => {
      const result = decide(
        initiative({ phase: from }),
        go(from, to, { assessment: assessment(from, to, { [id]: { judgement: "not_assessed", evidence: "", evidenceLevel: null } }) }),
      );
      expect(refusalsOf(result)).toEqual([{ code: "criterion_not_met", criterionId: id, judgement: "not_assessed" }]);
    });

    it.each(criteria)("with %s missing from the assessment is refused naming that criterion", (id) => {
      const result = decide(initiative({ phase: from }), go(from, to, { assessment: assessment(from, to, { [id]: "absent" }) }));
      expect(refusalsOf(result)).toEqual([{ code: "criterion_not_met", criterionId: id, judgement: null }]);
    });

    it("with every criterion not met names every one of them at once", () => {
      const all = Object.fromEntries(criteria.map((id) => [id, { judgement: "not_met" as Judgement }]));
      const result = decide(initiative({ phase: from }), go(from, to, { assessment: assessment(from, to, all) }));
      expect(refusalsOf(result)).toEqual(criteria.map((id) => ({ code: "criterion_not_met", criterionId: id, judgement: "not_met" })));
    });

    it("as a Conditional Go with all met and complete conditions moves on too", () => {
      const result = decide(initiative({ phase: from }), go(from, to, { outcome: "conditional_go", conditions: [CONDITION] }));
      expect(result).toMatchObject({ ok: true, value: { phase: to, status: "active", startsPeriod: true, flexiblyPassed: [] } });
    });

    it("on a draft assessment is refused", () => {
      const result = decide(initiative({ phase: from }), go(from, to, { assessment: assessment(from, to, {}, "draft") }));
      expect(refusalsOf(result)).toEqual([{ code: "assessment_not_submitted" }]);
    });

    it("without an assessment is refused", () => {
      expect(refusalsOf(decide(initiative({ phase: from }), go(from, to, { assessment: null })))).toEqual([{ code: "assessment_missing" }]);
    });
  });

  it("a draft assessment with a criterion not met is refused for both at once", () => {
    const a = assessment("maturation", "trial", { "toTrial.implemented": { judgement: "not_met" } }, "draft");
    expect(refusalsOf(decide(initiative({ phase: "maturation" }), go("maturation", "trial", { assessment: a })))).toEqual([
      { code: "assessment_not_submitted" },
      { code: "criterion_not_met", criterionId: "toTrial.implemented", judgement: "not_met" },
    ]);
  });

  it.each<[string, PhasePeriod, Phase, PhasePeriod, Phase]>([
    ["a single-gate assessment for a skip", "screening", "trial", "screening", "maturation"],
    ["a skip assessment for a single step", "screening", "maturation", "screening", "trial"],
    ["the next gate's assessment", "screening", "maturation", "maturation", "trial"],
    ["a screening assessment on a Screening/modning initiative", "screening_maturation", "trial", "screening", "trial"],
    ["a Screening/modning assessment on a screening initiative", "screening", "maturation", "screening_maturation", "maturation"],
    ["the trial gate's assessment for a maturation skip", "maturation", "dissemination", "trial", "dissemination"],
  ])("refuses %s as the wrong gate", (_label, phase, target, aFrom, aTo) => {
    const result = decide(initiative({ phase }), go(phase, target, { assessment: assessment(aFrom, aTo) }));
    expect(refusalsOf(result)).toEqual([{ code: "assessment_wrong_gate", assessmentFrom: aFrom, assessmentTo: aTo }]);
  });

  it("skipping screening → trial with one toMaturation criterion and one toTrial criterion not met names both", () => {
    const a = assessment("screening", "trial", {
      "toMaturation.in_demand": { judgement: "partly_met" },
      "toTrial.promising_results": "absent",
    });
    expect(refusalsOf(decide(initiative(), go("screening", "trial", { assessment: a })))).toEqual([
      { code: "criterion_not_met", criterionId: "toMaturation.in_demand", judgement: "partly_met" },
      { code: "criterion_not_met", criterionId: "toTrial.promising_results", judgement: null },
    ]);
  });

  it.each<[PhasePeriod, Phase]>([
    ["maturation", "maturation"],
    ["maturation", "screening"],
    ["trial", "maturation"],
    ["trial", "trial"],
  ])("from %s to %s is refused: the target is not ahead", (phase, target) => {
    const result = decide(initiative({ phase }), go(phase, target, { assessment: null }));
    expect(refusalsOf(result)).toEqual([{ code: "target_not_ahead", targetPhase: target }]);
  });

  it.each<Outcome>(["go", "conditional_go"])("%s without a target phase is refused", (outcome) => {
    const result = decide(initiative({ phase: "maturation" }), go("maturation", "trial", { outcome, targetPhase: null, conditions: outcome === "go" ? [] : [CONDITION] }));
    expect(refusalsOf(result)).toEqual([{ code: "target_missing" }]);
  });

  it("gateRefusals is empty for a passing assessment", () => {
    expect(gateRefusals(initiative({ phase: "trial" }), "dissemination", assessment("trial", "dissemination"))).toEqual([]);
  });
});

describe("closed and terminal initiatives", () => {
  it.each(["go", "conditional_go", "recycle"] as const)("dissemination is terminal: %s is refused", (outcome) => {
    const input = outcome === "go" || outcome === "conditional_go" ? go("trial", "dissemination", { outcome }) : other(outcome);
    expect(refusalsOf(decide(initiative({ phase: "dissemination" }), input))).toEqual([{ code: "dissemination_terminal" }]);
  });

  it("stopping an initiative in dissemination is a steering-group decision", () => {
    expect(decide(initiative({ phase: "dissemination" }), other("stop"))).toMatchObject({
      ok: true,
      value: { phase: "dissemination", status: "stopped", startsPeriod: false, flexiblyPassed: [] },
    });
  });

  it.each(
    (["stopped", "completed"] as const).flatMap((status) => OUTCOMES.map((outcome) => [status, outcome] as const)),
  )("a %s initiative takes no %s decision", (status, outcome) => {
    const input = outcome === "go" || outcome === "conditional_go" ? go("maturation", "trial", { outcome, conditions: [CONDITION] }) : other(outcome);
    expect(refusalsOf(decide(initiative({ phase: "maturation", status }), input))).toEqual([{ code: "initiative_closed", status }]);
  });
});

describe("hold and resume", () => {
  const held = (phase: PhasePeriod = "maturation") => initiative({ phase, status: "on_hold" });

  it("a Hold decision puts the initiative on hold in its phase", () => {
    expect(decide(initiative({ phase: "maturation" }), other("hold"))).toMatchObject({
      ok: true,
      value: { phase: "maturation", status: "on_hold", startsPeriod: false, flexiblyPassed: [] },
    });
  });

  it("an initiative in dissemination can be put on hold and resumed", () => {
    expect(decide(initiative({ phase: "dissemination" }), other("hold")).ok).toBe(true);
    expect(decide(held("dissemination"), other("resume"))).toMatchObject({
      ok: true,
      value: { phase: "dissemination", status: "active", startsPeriod: false, flexiblyPassed: [] },
    });
  });

  it.each(["screening", "screening_maturation", "maturation", "trial"] as const)("resuming in %s makes it active again in the same period", (phase) => {
    expect(decide(held(phase), other("resume"))).toMatchObject({
      ok: true,
      value: { phase, status: "active", startsPeriod: false, flexiblyPassed: [] },
    });
  });

  it("a held initiative can be stopped", () => {
    expect(decide(held(), other("stop"))).toMatchObject({
      ok: true,
      value: { phase: "maturation", status: "stopped", startsPeriod: false, flexiblyPassed: [] },
    });
  });

  it.each(["go", "conditional_go", "hold", "recycle"] as const)("a held initiative takes no %s decision", (outcome) => {
    const input = outcome === "go" || outcome === "conditional_go" ? go("maturation", "trial", { outcome, conditions: [CONDITION] }) : other(outcome);
    expect(refusalsOf(decide(held(), input))).toEqual([{ code: "initiative_on_hold" }]);
  });

  it("only a held initiative can be resumed", () => {
    expect(refusalsOf(decide(initiative({ phase: "trial" }), other("resume")))).toEqual([{ code: "not_on_hold" }]);
  });

  it("resuming needs a rationale like every decision", () => {
    expect(refusalsOf(decide(held(), other("resume", { rationale: " " })))).toEqual([{ code: "rationale_missing" }]);
  });

  it("the options offered follow the status", () => {
    expect(allowedOutcomes({ phase: "trial", status: "active" })).toEqual(["go", "conditional_go", "hold", "recycle", "stop"]);
    expect(allowedOutcomes({ phase: "trial", status: "on_hold" })).toEqual(["resume", "stop"]);
    expect(allowedOutcomes({ phase: "dissemination", status: "active" })).toEqual(["hold", "stop"]);
    expect(allowedOutcomes({ phase: "trial", status: "stopped" })).toEqual([]);
    expect(allowedOutcomes({ phase: "trial", status: "completed" })).toEqual([]);
  });

  it("hold then resume then Go: the gate applies again once resumed", () => {
    const h = decide(initiative({ phase: "maturation" }), other("hold"));
    if (!h.ok) throw new Error("expected hold");
    const r = decide(initiative({ phase: h.value.phase, status: h.value.status }), other("resume"));
    if (!r.ok) throw new Error("expected resume");
    expect(decide(initiative({ phase: r.value.phase, status: r.value.status }), go("maturation", "trial")).ok).toBe(true);
  });
});

describe("the track rule when leaving screening", () => {
  const leaving: { from: PhasePeriod; to: Phase }[] = [
    { from: "screening", to: "maturation" },
    { from: "screening", to: "trial" },
    { from: "screening", to: "dissemination" },
    { from: "screening_maturation", to: "maturation" },
    { from: "screening_maturation", to: "trial" },
  ];

  describe.each(leaving)("from $from to $to", ({ from, to }) => {
    it.each<[string, Partial<InitiativeState>, DecisionRefusal]>([
      ["no track", { track: null }, { code: "track_missing" }],
      ["no reason for the track", { trackReason: "  " }, { code: "track_reason_missing" }],
      ["no prototype description", { prototypeDescription: "" }, { code: "prototype_missing" }],
    ])("with %s is refused naming it", (_label, overrides, refusal) => {
      expect(refusalsOf(decide(initiative({ phase: from, ...overrides }), go(from, to)))).toEqual([refusal]);
    });

    it("with none of them names all three", () => {
      const bare = initiative({ phase: from, track: null, trackReason: "", prototypeDescription: "" });
      expect(refusalsOf(decide(bare, go(from, to)))).toEqual([{ code: "track_missing" }, { code: "track_reason_missing" }, { code: "prototype_missing" }]);
    });

    it("does not apply to an initiative from before SUSI 2.0 (susi1)", () => {
      const old = initiative({ phase: from, framework: "susi1", track: null, trackReason: "", prototypeDescription: "" });
      expect(decide(old, go(from, to))).toMatchObject({ ok: true, value: { phase: to, status: "active", startsPeriod: true, flexiblyPassed: [] } });
    });
  });

  it("is named alongside a missing assessment", () => {
    const bare = initiative({ track: null, trackReason: "", prototypeDescription: "" });
    expect(refusalsOf(decide(bare, go("screening", "maturation", { assessment: null })))).toEqual([
      { code: "assessment_missing" },
      { code: "track_missing" },
      { code: "track_reason_missing" },
      { code: "prototype_missing" },
    ]);
  });

  it("is named alongside an assessment of the wrong gate", () => {
    const bare = initiative({ track: null });
    expect(refusalsOf(decide(bare, go("screening", "trial", { assessment: assessment("screening", "maturation") })))).toEqual([
      { code: "assessment_wrong_gate", assessmentFrom: "screening", assessmentTo: "maturation" },
      { code: "track_missing" },
    ]);
  });

  it("is named alongside unmet criteria", () => {
    const a = assessment("screening", "maturation", { "toMaturation.realistic": { judgement: "not_met" } });
    expect(refusalsOf(decide(initiative({ prototypeDescription: "" }), go("screening", "maturation", { assessment: a })))).toEqual([
      { code: "criterion_not_met", criterionId: "toMaturation.realistic", judgement: "not_met" },
      { code: "prototype_missing" },
    ]);
  });

  it.each<[PhasePeriod, Phase]>([
    ["maturation", "trial"],
    ["maturation", "dissemination"],
    ["trial", "dissemination"],
  ])("does not apply after screening (%s → %s)", (from, to) => {
    const noTrack = initiative({ phase: from, track: null, trackReason: "", prototypeDescription: "" });
    expect(decide(noTrack, go(from, to)).ok).toBe(true);
  });

  it.each<Outcome>(["hold", "recycle", "stop"])("does not apply to %s in screening", (outcome) => {
    expect(decide(initiative({ track: null, trackReason: "", prototypeDescription: "" }), other(outcome)).ok).toBe(true);
  });
});

describe("partly met criteria and the tracks", () => {
  const partly = (justification: string): Partial<CriterionJudgement> => ({ judgement: "partly_met", justification });

  it("track 2: partly met criteria with a written justification pass and are returned in flexiblyPassed", () => {
    const a = assessment("maturation", "dissemination", {
      "toTrial.implemented": partly("Organisatorisk forandring; implementeret i 3 af 4 kommuner."),
      "toDissemination.cost_effective": partly("Omkostninger varierer med lokal organisering."),
    });
    expect(decide(initiative({ phase: "maturation", track: 2 }), go("maturation", "dissemination", { assessment: a }))).toMatchObject({
      ok: true,
      value: {
        phase: "dissemination",
        status: "active",
        startsPeriod: true,
        flexiblyPassed: [
          { criterionId: "toTrial.implemented", justification: "Organisatorisk forandring; implementeret i 3 af 4 kommuner." },
          { criterionId: "toDissemination.cost_effective", justification: "Omkostninger varierer med lokal organisering." },
        ],
      },
    });
  });

  it("track 2: flexiblyPassed is returned for a Conditional Go as well", () => {
    const a = assessment("trial", "dissemination", { "toDissemination.in_demand": partly("Efterspurgt i de fleste kommuner.") });
    const result = decide(initiative({ phase: "trial", track: 2 }), go("trial", "dissemination", { outcome: "conditional_go", assessment: a, conditions: [CONDITION] }));
    expect(result.ok && result.value.flexiblyPassed).toEqual([{ criterionId: "toDissemination.in_demand", justification: "Efterspurgt i de fleste kommuner." }]);
  });

  it("track 2: every partly met criterion without a justification is named", () => {
    const a = assessment("screening", "maturation", {
      "toMaturation.well_founded": partly(""),
      "toMaturation.realistic": partly("Begrundet."),
      "toMaturation.in_demand": partly("   "),
    });
    expect(refusalsOf(decide(initiative({ track: 2 }), go("screening", "maturation", { assessment: a })))).toEqual([
      { code: "justification_missing", criterionId: "toMaturation.well_founded" },
      { code: "justification_missing", criterionId: "toMaturation.in_demand" },
    ]);
  });

  it.each<Judgement>(["not_met", "not_assessed"])("track 2: a criterion %s still blocks, justification or not", (judgement) => {
    const a = assessment("trial", "dissemination", { "toDissemination.positive_effect": { judgement, justification: "Men alligevel." } });
    expect(refusalsOf(decide(initiative({ phase: "trial", track: 2 }), go("trial", "dissemination", { assessment: a })))).toEqual([
      { code: "criterion_not_met", criterionId: "toDissemination.positive_effect", judgement },
    ]);
  });

  it("track 1: a partly met criterion is refused even with a justification", () => {
    const a = assessment("maturation", "trial", { "toTrial.promising_results": partly("Lovende i to kommuner.") });
    expect(refusalsOf(decide(initiative({ phase: "maturation", track: 1 }), go("maturation", "trial", { assessment: a })))).toEqual([
      { code: "criterion_not_met", criterionId: "toTrial.promising_results", judgement: "partly_met" },
    ]);
  });

  it("an initiative with no track (susi1) gets no flexibility for partly met", () => {
    const a = assessment("maturation", "trial", { "toTrial.fully_defined": partly("Næsten færdig.") });
    const old = initiative({ phase: "maturation", framework: "susi1", track: null });
    expect(refusalsOf(decide(old, go("maturation", "trial", { assessment: a })))).toEqual([
      { code: "criterion_not_met", criterionId: "toTrial.fully_defined", judgement: "partly_met" },
    ]);
  });

  it("track 2 with everything met passes nothing flexibly", () => {
    const result = decide(initiative({ phase: "trial", track: 2 }), go("trial", "dissemination"));
    expect(result.ok && result.value.flexiblyPassed).toEqual([]);
  });
});

describe("Conditional Go conditions", () => {
  const cond = (from: PhasePeriod, to: Phase, conditions: NewCondition[]) =>
    decide(initiative({ phase: from }), go(from, to, { outcome: "conditional_go", conditions }));

  it("are required", () => {
    expect(refusalsOf(cond("maturation", "trial", []))).toEqual([{ code: "conditions_missing" }]);
  });

  it.each<[keyof NewCondition, string]>([
    ["text", ""],
    ["text", "   "],
    ["owner", ""],
    ["owner", " "],
    ["dueDate", ""],
    ["dueDate", "31-03-2025"],
    ["dueDate", "2025-3-31"],
    ["dueDate", "2025-03-31T12:00"],
    ["dueDate", "next week"],
    ["dueDate", "2025-02-30"],
    ["dueDate", "2025-13-01"],
    ["dueDate", "2025-00-10"],
    ["dueDate", "2025-04-31"],
  ])("name the incomplete field %s (%j) with the condition's index", (field, value) => {
    const result = cond("maturation", "trial", [CONDITION, { ...CONDITION, [field]: value }]);
    expect(refusalsOf(result)).toEqual([{ code: "condition_incomplete", index: 1, field }]);
  });

  it("name every incomplete field of every condition at once", () => {
    const result = cond("maturation", "trial", [
      { text: "", owner: "", dueDate: "" },
      CONDITION,
      { text: "Evaluering", owner: "", dueDate: "2025/06/01" },
    ]);
    expect(refusalsOf(result)).toEqual([
      { code: "condition_incomplete", index: 0, field: "text" },
      { code: "condition_incomplete", index: 0, field: "owner" },
      { code: "condition_incomplete", index: 0, field: "dueDate" },
      { code: "condition_incomplete", index: 2, field: "owner" },
      { code: "condition_incomplete", index: 2, field: "dueDate" },
    ]);
  });

  it.each(["2024-02-29", "2025-12-31", "2026-01-01"])("accept the due date %s", (dueDate) => {
    expect(cond("maturation", "trial", [{ ...CONDITION, dueDate }]).ok).toBe(true);
  });

  it.each<Outcome>(["go", "hold", "recycle", "stop"])("are not allowed on %s", (outcome) => {
    const input = outcome === "go" ? go("maturation", "trial", { conditions: [CONDITION] }) : other(outcome, { conditions: [CONDITION] });
    expect(refusalsOf(decide(initiative({ phase: "maturation" }), input))).toEqual([{ code: "conditions_not_allowed" }]);
  });
});

describe("open conditions from earlier decisions", () => {
  const open: OpenCondition[] = [
    { id: 7, text: "Implementeringsplan afleveres", resolution: "close" },
    { id: 8, text: "SØM-beregning opdateres", resolution: null },
    { id: 9, text: "Brugerinddragelse dokumenteres", resolution: "carry_over" },
    { id: 11, text: "Evalueringsdesign godkendes", resolution: null },
  ];

  const inputs: [Outcome, DecisionInput][] = [
    ["go", go("maturation", "trial", { openConditions: open })],
    ["conditional_go", go("maturation", "trial", { outcome: "conditional_go", conditions: [CONDITION], openConditions: open })],
    ["hold", other("hold", { openConditions: open })],
    ["recycle", other("recycle", { openConditions: open })],
    ["stop", other("stop", { openConditions: open })],
  ];

  it.each(inputs)("every unresolved one is named with its id and text at a %s decision", (_outcome, input) => {
    expect(refusalsOf(decide(initiative({ phase: "maturation" }), input))).toEqual([
      { code: "open_condition_unresolved", conditionId: 8, text: "SØM-beregning opdateres" },
      { code: "open_condition_unresolved", conditionId: 11, text: "Evalueringsdesign godkendes" },
    ]);
  });

  it.each(inputs)("all closed or carried over lets a %s decision through", (_outcome, input) => {
    const resolved = open.map((c, i): OpenCondition => ({ ...c, resolution: i % 2 === 0 ? "close" : "carry_over" }));
    expect(decide(initiative({ phase: "maturation" }), { ...input, openConditions: resolved }).ok).toBe(true);
  });
});

describe("Hold, Recycle and Stop", () => {
  it.each<[Outcome, PhasePeriod, { phase: PhasePeriod; status: string; startsPeriod: boolean; endsPeriod: boolean }]>([
    ["hold", "screening", { phase: "screening", status: "on_hold", startsPeriod: false, endsPeriod: false }],
    ["hold", "screening_maturation", { phase: "screening_maturation", status: "on_hold", startsPeriod: false, endsPeriod: false }],
    ["hold", "trial", { phase: "trial", status: "on_hold", startsPeriod: false, endsPeriod: false }],
    ["recycle", "screening", { phase: "screening", status: "active", startsPeriod: true, endsPeriod: true }],
    ["recycle", "screening_maturation", { phase: "screening_maturation", status: "active", startsPeriod: true, endsPeriod: true }],
    ["recycle", "maturation", { phase: "maturation", status: "active", startsPeriod: true, endsPeriod: true }],
    ["recycle", "trial", { phase: "trial", status: "active", startsPeriod: true, endsPeriod: true }],
    ["stop", "screening", { phase: "screening", status: "stopped", startsPeriod: false, endsPeriod: true }],
    ["stop", "maturation", { phase: "maturation", status: "stopped", startsPeriod: false, endsPeriod: true }],
    ["stop", "trial", { phase: "trial", status: "stopped", startsPeriod: false, endsPeriod: true }],
  ])("%s in %s", (outcome, phase, effect) => {
    expect(decide(initiative({ phase }), other(outcome))).toMatchObject({ ok: true, value: { ...effect, flexiblyPassed: [] } });
  });

  it("need no assessment and ignore one that does not pass", () => {
    const failing = assessment("maturation", "trial", { "toTrial.implemented": { judgement: "not_met" } });
    expect(decide(initiative({ phase: "maturation" }), other("recycle", { assessment: failing })).ok).toBe(true);
  });

  it("a stopped initiative takes no further decision", () => {
    const stopped = decide(initiative({ phase: "trial" }), other("stop"));
    if (!stopped.ok) throw new Error("expected stop");
    const after = initiative({ phase: stopped.value.phase, status: stopped.value.status });
    expect(refusalsOf(decide(after, other("recycle")))).toEqual([{ code: "initiative_closed", status: "stopped" }]);
  });

});

describe("the rationale", () => {
  it.each(OUTCOMES.flatMap((outcome) => ["", "  \n "].map((rationale) => [outcome, rationale] as const)))(
    "is required for %s (rationale %j)",
    (outcome, rationale) => {
      const input =
        outcome === "go" || outcome === "conditional_go"
          ? go("maturation", "trial", { outcome, rationale, conditions: outcome === "go" ? [] : [CONDITION] })
          : other(outcome, { rationale });
      const status = outcome === "resume" ? "on_hold" : "active";
      expect(refusalsOf(decide(initiative({ phase: "maturation", status }), input))).toEqual([{ code: "rationale_missing" }]);
    },
  );
});

describe("every refusal at once", () => {
  it("a Conditional Go that breaks every rule names each broken rule", () => {
    const a = assessment(
      "screening",
      "trial",
      { "toMaturation.realistic": { judgement: "not_met" }, "toTrial.implemented": { judgement: "partly_met", justification: "" } },
      "draft",
    );
    const result = decide(initiative({ track: 2, trackReason: "", prototypeDescription: "" }), {
      outcome: "conditional_go",
      targetPhase: "trial",
      rationale: "",
      assessment: a,
      conditions: [{ text: "Plan", owner: "", dueDate: "2025-02-30" }],
      openConditions: [{ id: 3, text: "Budget", resolution: null }],
    });
    expect(refusalsOf(result)).toEqual([
      { code: "rationale_missing" },
      { code: "assessment_not_submitted" },
      { code: "criterion_not_met", criterionId: "toMaturation.realistic", judgement: "not_met" },
      { code: "justification_missing", criterionId: "toTrial.implemented" },
      { code: "track_reason_missing" },
      { code: "prototype_missing" },
      { code: "condition_incomplete", index: 0, field: "owner" },
      { code: "condition_incomplete", index: 0, field: "dueDate" },
      { code: "open_condition_unresolved", conditionId: 3, text: "Budget" },
    ]);
  });
});
