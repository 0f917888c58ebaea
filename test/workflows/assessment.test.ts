// The SUSI assessment as an assessor drives it: start, judge each criterion, watch progress, submit.
import { describe, expect, it } from "vitest";
import {
  EVIDENCE_LEVELS,
  JUDGEMENTS,
  addAssessor,
  mayBeNamedAssessor,
  assessmentProgress,
  consolidate,
  consolidationDifferences,
  recordOwnJudgements,
  startRefusal,
  submitAsLead,
  type Assessor,
  criteriaFor,
  recordJudgement,
  startAssessment,
  submitAssessment,
  type AssessmentState,
  type CriterionJudgement,
  type Judgement,
} from "../../workflows/assessment";
import { PHASES, type Phase, type PhasePeriod } from "../../workflows/phase-model";

function judgement(criterionId: string, overrides: Partial<CriterionJudgement> = {}): CriterionJudgement {
  return { criterionId, judgement: "met", evidence: "Evaluering 2023", evidenceLevel: "2", justification: "", ...overrides };
}

function started(from: PhasePeriod, to: Phase): AssessmentState {
  const result = startAssessment(from, to);
  if (!result.ok) throw new Error(`could not start ${from} → ${to}: ${JSON.stringify(result.refusals)}`);
  return result.value;
}

function judged(state: AssessmentState, ...judgements: CriterionJudgement[]): AssessmentState {
  return judgements.reduce((s, j) => {
    const result = recordJudgement(s, j);
    if (!result.ok) throw new Error(`could not record ${j.criterionId}: ${JSON.stringify(result.refusals)}`);
    return result.value;
  }, state);
}

const SCREENING_IDS = ["toMaturation.well_founded", "toMaturation.realistic", "toMaturation.in_demand"];

function completeScreening(): AssessmentState {
  return {
    ...judged(started("screening", "maturation"), ...SCREENING_IDS.map((id) => judgement(id))),
    overallAssessment: "Indsatsen er velbegrundet og efterspurgt.",
    recommendation: "Videreføres til modning.",
  };
}

describe("the vocabulary", () => {
  it("has the four judgements and the four evidence levels", () => {
    expect(JUDGEMENTS).toEqual(["met", "partly_met", "not_met", "not_assessed"]);
    expect(EVIDENCE_LEVELS).toEqual(["1", "2", "3", "practice"]);
  });
});

describe("startAssessment", () => {
  it.each<[PhasePeriod, Phase, number]>([
    ["screening", "maturation", 3],
    ["screening", "trial", 7],
    ["screening", "dissemination", 12],
    ["screening_maturation", "maturation", 3],
    ["screening_maturation", "trial", 7],
    ["maturation", "trial", 4],
    ["maturation", "dissemination", 9],
    ["trial", "dissemination", 5],
  ])("from %s to %s starts an empty draft over %i criteria", (from, to, count) => {
    const result = startAssessment(from, to);
    expect(result).toEqual({
      ok: true,
      value: { status: "draft", fromPhase: from, toPhase: to, overallAssessment: "", recommendation: "", judgements: [] },
    });
    const criteria = criteriaFor(from, to);
    expect(criteria.ok && criteria.value.length).toBe(count);
  });

  it.each(PHASES)("is refused for dissemination (towards %s): dissemination gets no assessment", (to) => {
    expect(startAssessment("dissemination", to)).toEqual({ ok: false, refusals: [{ code: "dissemination_no_assessment" }] });
  });

  it.each<[PhasePeriod, Phase]>([
    ["screening", "screening"],
    ["screening_maturation", "screening"],
    ["maturation", "screening"],
    ["maturation", "maturation"],
    ["trial", "maturation"],
    ["trial", "screening"],
    ["trial", "trial"],
  ])("is refused from %s to %s: no gate lies ahead", (from, to) => {
    expect(startAssessment(from, to)).toEqual({ ok: false, refusals: [{ code: "no_gate", fromPhase: from, toPhase: to }] });
  });
});

describe("recordJudgement", () => {
  it("records a judgement on a draft and replaces an earlier judgement of the same criterion", () => {
    const first = judged(started("screening", "maturation"), judgement("toMaturation.realistic", { judgement: "not_met" }));
    const second = recordJudgement(first, judgement("toMaturation.realistic", { judgement: "partly_met", evidence: "Ny viden" }));
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.value.judgements).toEqual([judgement("toMaturation.realistic", { judgement: "partly_met", evidence: "Ny viden" })]);
    // the earlier state is left as it was
    expect(first.judgements[0].judgement).toBe("not_met");
  });

  it.each([
    ["a criterion of another gate", "toTrial.implemented"],
    ["the same key at another gate", "toDissemination.in_demand"],
    ["an id that does not exist", "toMaturation.nonsense"],
  ])("refuses %s", (_label, criterionId) => {
    const state = started("screening", "maturation");
    expect(recordJudgement(state, judgement(criterionId))).toEqual({
      ok: false,
      refusals: [{ code: "unknown_criterion", criterionId }],
    });
  });

  it("accepts the criteria of every gate crossed on a skip", () => {
    const state = started("screening", "trial");
    expect(recordJudgement(state, judgement("toTrial.implemented")).ok).toBe(true);
    expect(recordJudgement(state, judgement("toMaturation.in_demand")).ok).toBe(true);
    expect(recordJudgement(state, judgement("toDissemination.in_demand")).ok).toBe(false);
  });

  it("refuses once the assessment is submitted", () => {
    const submitted = submitAssessment(completeScreening());
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    expect(recordJudgement(submitted.value, judgement("toMaturation.realistic", { judgement: "not_met" }))).toEqual({
      ok: false,
      refusals: [{ code: "already_submitted" }],
    });
  });
});

describe("assessmentProgress", () => {
  it('counts "2 of 3" criteria judged, and "not assessed" counts as judged', () => {
    const state = judged(
      started("screening", "maturation"),
      judgement("toMaturation.well_founded"),
      judgement("toMaturation.in_demand", { judgement: "not_assessed", evidence: "", evidenceLevel: null }),
    );
    expect(assessmentProgress(state)).toMatchObject({ judged: 2, total: 3 });
  });

  it("does not count a re-judged criterion twice", () => {
    const state = judged(
      started("trial", "dissemination"),
      judgement("toDissemination.cost_effective", { judgement: "not_met" }),
      judgement("toDissemination.cost_effective"),
    );
    expect(assessmentProgress(state)).toMatchObject({ judged: 1, total: 5 });
  });

  it("totals every gate crossed on a skip", () => {
    expect(assessmentProgress(started("maturation", "dissemination"))).toMatchObject({ judged: 0, total: 9 });
    expect(assessmentProgress(started("screening_maturation", "trial"))).toMatchObject({ judged: 0, total: 7 });
  });

  it("ignores judgements of criteria outside the gates", () => {
    const state: AssessmentState = { ...started("screening", "maturation"), judgements: [judgement("toTrial.implemented")] };
    expect(assessmentProgress(state)).toMatchObject({ judged: 0, total: 3 });
  });
});

describe("submitAssessment", () => {
  it("submits a complete draft", () => {
    const draft = completeScreening();
    expect(submitAssessment(draft)).toEqual({ ok: true, value: { ...draft, status: "submitted" } });
  });

  it("returns every problem at once: unjudged criteria, missing evidence, overall assessment and recommendation", () => {
    const state = judged(
      started("screening", "trial"),
      judgement("toMaturation.well_founded"),
      judgement("toMaturation.realistic", { evidence: "   " }),
      judgement("toMaturation.in_demand", { judgement: "not_met", evidence: "" }),
      judgement("toTrial.fully_defined", { judgement: "not_assessed", evidence: "", evidenceLevel: null }),
      judgement("toTrial.implemented", { judgement: "partly_met", evidence: "" }),
    );
    const result = submitAssessment({ ...state, overallAssessment: " ", recommendation: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusals).toEqual(
      expect.arrayContaining([
        { code: "evidence_missing", criterionId: "toMaturation.realistic", missing: ["evidence"] },
        { code: "evidence_missing", criterionId: "toMaturation.in_demand", missing: ["evidence"] },
        { code: "evidence_missing", criterionId: "toTrial.implemented", missing: ["evidence"] },
        { code: "criterion_unjudged", criterionId: "toTrial.promising_results" },
        { code: "criterion_unjudged", criterionId: "toTrial.not_unrealistically_expensive" },
        { code: "overall_missing" },
        { code: "recommendation_missing" },
      ]),
    );
    expect(result.refusals).toHaveLength(7);
  });

  it('needs no evidence for a criterion "not assessed"', () => {
    const draft = judged(completeScreening(), judgement("toMaturation.in_demand", { judgement: "not_assessed", evidence: "", evidenceLevel: null }));
    const result = submitAssessment(draft);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.status).toBe("submitted");
  });

  it.each<Judgement>(["met", "partly_met", "not_met"])("needs evidence text for a criterion judged %s", (j) => {
    const draft = judged(completeScreening(), judgement("toMaturation.realistic", { judgement: j, evidence: "" }));
    expect(submitAssessment(draft)).toEqual({ ok: false, refusals: [{ code: "evidence_missing", criterionId: "toMaturation.realistic", missing: ["evidence"] }] });
  });

  it.each<Judgement>(["met", "partly_met", "not_met"])("needs an evidence level for a criterion judged %s", (j) => {
    const draft = judged(completeScreening(), judgement("toMaturation.realistic", { judgement: j, evidenceLevel: null }));
    expect(submitAssessment(draft)).toEqual({ ok: false, refusals: [{ code: "evidence_missing", criterionId: "toMaturation.realistic", missing: ["evidenceLevel"] }] });
  });

  it.each(EVIDENCE_LEVELS)("accepts evidence level %s", (level) => {
    const draft = judged(completeScreening(), judgement("toMaturation.realistic", { evidenceLevel: level }));
    expect(submitAssessment(draft).ok).toBe(true);
  });

  it("an empty draft is refused naming each criterion of the gate", () => {
    const result = submitAssessment(started("trial", "dissemination"));
    expect(result).toEqual({
      ok: false,
      refusals: [
        { code: "criterion_unjudged", criterionId: "toDissemination.implemented_as_intended" },
        { code: "criterion_unjudged", criterionId: "toDissemination.positive_effect" },
        { code: "criterion_unjudged", criterionId: "toDissemination.cost_effective" },
        { code: "criterion_unjudged", criterionId: "toDissemination.in_demand" },
        { code: "criterion_unjudged", criterionId: "toDissemination.realistic_operation" },
        { code: "overall_missing" },
        { code: "recommendation_missing" },
      ],
    });
  });

  it("a submitted assessment cannot be submitted again", () => {
    const submitted = submitAssessment(completeScreening());
    if (!submitted.ok) throw new Error("expected submit");
    expect(submitAssessment(submitted.value)).toEqual({ ok: false, refusals: [{ code: "already_submitted" }] });
  });

  it("a judgement of not met with evidence does not block submitting (the decision weighs it)", () => {
    const draft = judged(completeScreening(), judgement("toMaturation.realistic", { judgement: "not_met" }));
    expect(submitAssessment(draft).ok).toBe(true);
  });
});

describe("several assessors and the lead's consolidation", () => {
  const LEAD = 1, CO = 2, EXT = 3, OUTSIDER = 9;
  const assessors = (): Assessor[] => [
    { userId: LEAD, role: "lead", judgements: SCREENING_IDS.map((id) => judgement(id)) },
    { userId: CO, role: "co_assessor", judgements: [judgement(SCREENING_IDS[2], { judgement: "partly_met" })] },
  ];

  it("lets each assessor record their own judgements, all at once, and refuses anyone not named", () => {
    const state = started("screening", "maturation");
    const own = recordOwnJudgements(state, assessors(), CO, [judgement(SCREENING_IDS[0]), judgement(SCREENING_IDS[1], { judgement: "not_met" })]);
    expect(own).toEqual({ ok: true, value: [judgement(SCREENING_IDS[0]), judgement(SCREENING_IDS[1], { judgement: "not_met" })] });
    expect(recordOwnJudgements(state, assessors(), OUTSIDER, [judgement(SCREENING_IDS[0])])).toEqual({ ok: false, refusals: [{ code: "not_assessor" }] });
    expect(recordOwnJudgements(state, assessors(), CO, [judgement("toTrial.implemented")]))
      .toEqual({ ok: false, refusals: [{ code: "unknown_criterion", criterionId: "toTrial.implemented" }] });
    expect(recordOwnJudgements({ ...state, status: "submitted" }, assessors(), CO, [])).toEqual({ ok: false, refusals: [{ code: "already_submitted" }] });
  });

  it("lets only the lead consolidate, and keeps a choice that differs from an assessor's, visible as a difference", () => {
    const state = started("screening", "maturation");
    expect(consolidate(state, assessors(), CO, [judgement(SCREENING_IDS[0])])).toEqual({ ok: false, refusals: [{ code: "not_lead" }] });
    const chosen = consolidate(state, assessors(), LEAD, SCREENING_IDS.map((id) => judgement(id)));
    expect(chosen.ok).toBe(true);
    if (!chosen.ok) return;
    expect(chosen.value.judgements.map((j) => j.judgement)).toEqual(["met", "met", "met"]);
    expect(consolidationDifferences(chosen.value.judgements, assessors())).toEqual([
      { criterionId: SCREENING_IDS[2], consolidated: "met", differing: [{ userId: CO, judgement: "partly_met" }] },
    ]);
  });

  it("refuses submission until every criterion is consolidated with evidence, and only by the lead", () => {
    const partial = consolidate(started("screening", "maturation"), assessors(), LEAD, [judgement(SCREENING_IDS[0])]);
    if (!partial.ok) throw new Error("consolidation refused");
    const texts = { overallAssessment: "Samlet.", recommendation: "Videre." };
    expect(submitAsLead({ ...partial.value, ...texts }, assessors(), LEAD)).toEqual({
      ok: false,
      refusals: [{ code: "criterion_unjudged", criterionId: SCREENING_IDS[1] }, { code: "criterion_unjudged", criterionId: SCREENING_IDS[2] }],
    });
    // The assessors' own judgements do not count: only the consolidated ones.
    expect(assessmentProgress(partial.value, assessors())).toEqual({ judged: 1, total: 3, assessors: 2, assessorsDone: 1 });
    const full = consolidate(partial.value, assessors(), LEAD, SCREENING_IDS.map((id) => judgement(id)));
    if (!full.ok) throw new Error("consolidation refused");
    expect(submitAsLead({ ...full.value, ...texts }, assessors(), CO)).toEqual({ ok: false, refusals: [{ code: "not_lead" }] });
    expect(submitAsLead({ ...full.value, ...texts }, assessors(), LEAD)).toMatchObject({ ok: true, value: { status: "submitted" } });
  });

  it("names assessors: only the lead, no second lead, external only for external users", () => {
    const state = started("screening", "maturation");
    expect(addAssessor(state, assessors(), LEAD, { userId: EXT, user: { role: "external" }, role: "external" }))
      .toEqual({ ok: true, value: { userId: EXT, role: "external", judgements: [] } });
    expect(addAssessor(state, assessors(), CO, { userId: EXT, user: { role: "external" }, role: "external" })).toEqual({ ok: false, refusals: [{ code: "not_lead" }] });
    expect(addAssessor(state, assessors(), LEAD, { userId: CO, user: { role: "program_manager" }, role: "co_assessor" })).toEqual({ ok: false, refusals: [{ code: "already_assessor" }] });
    expect(addAssessor(state, assessors(), LEAD, { userId: OUTSIDER, user: { role: "program_manager" }, role: "lead" })).toEqual({ ok: false, refusals: [{ code: "one_lead" }] });
    expect(addAssessor(state, assessors(), LEAD, { userId: EXT, user: { role: "external" }, role: "co_assessor" })).toEqual({ ok: false, refusals: [{ code: "external_role_mismatch" }] });
    expect(addAssessor(state, assessors(), LEAD, { userId: OUTSIDER, user: { role: "program_manager" }, role: "external" })).toEqual({ ok: false, refusals: [{ code: "external_role_mismatch" }] });
  });

  it("counts every role a candidate holds, not only the primary one (DECISIONS 0091)", () => {
    const state = started("screening", "maturation");
    // A steering group member who is also a program manager may be a co-assessor, not an external one.
    const steeringAndPm = { role: "steering_group", roles: ["steering_group", "program_manager"] };
    expect(mayBeNamedAssessor(steeringAndPm)).toBe(true);
    expect(addAssessor(state, assessors(), LEAD, { userId: OUTSIDER, user: steeringAndPm, role: "co_assessor" })).toMatchObject({ ok: true });
    expect(addAssessor(state, assessors(), LEAD, { userId: OUTSIDER, user: steeringAndPm, role: "external" })).toEqual({ ok: false, refusals: [{ code: "external_role_mismatch" }] });
    // An external user who is also a program manager may be either.
    const externalAndPm = { role: "external", roles: ["external", "program_manager"] };
    expect(addAssessor(state, assessors(), LEAD, { userId: EXT, user: externalAndPm, role: "co_assessor" })).toMatchObject({ ok: true });
    expect(addAssessor(state, assessors(), LEAD, { userId: EXT, user: externalAndPm, role: "external" })).toMatchObject({ ok: true });
    // Neither role among several: not a candidate.
    expect(mayBeNamedAssessor({ role: "steering_group", roles: ["steering_group", "knowledge_staff"] })).toBe(false);
    expect(mayBeNamedAssessor({ role: "external" })).toBe(true);
  });

  it("refuses to start an assessment for a dissemination, stopped or completed initiative", () => {
    expect(startRefusal({ phase: "dissemination", status: "active" })).toEqual({ code: "dissemination_no_assessment" });
    expect(startRefusal({ phase: "trial", status: "stopped" })).toEqual({ code: "closed", status: "stopped" });
    expect(startRefusal({ phase: "trial", status: "completed" })).toEqual({ code: "closed", status: "completed" });
    expect(startRefusal({ phase: "trial", status: "active" })).toBeNull();
  });
});
