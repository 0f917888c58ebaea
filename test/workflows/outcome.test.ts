// The outcome of a phase (workflows/outcome.ts): reading the source's two columns, and the rules a decision's outcome follows.
import { describe, expect, it } from "vitest";
import { NO_OUTCOME_INPUT, outcomeRefusals, phaseOutcome, readReason, readSourceOutcome, readVerdict } from "#workflows/outcome";

const read = (outcome: string | null, assessment: string | null, phase = "maturation" as const) => readSourceOutcome({ phase, outcome, assessment });

describe("reading the source's verdict", () => {
  it("keeps 'Ja og nej' and 'Ja og delvist' apart from a plain yes", () => {
    expect(readVerdict("Ja til begge")).toBe("yes_both");
    expect(readVerdict("Ja og nej. Initiativet lever ikke op til SUSI-kriterierne")).toBe("yes_no");
    expect(readVerdict("Ja og delvist")).toBe("yes_partly");
    expect(readVerdict("Nej")).toBe("no_assessment");
    expect(readVerdict("-")).toBeNull();
    expect(readVerdict("Der foretages ikke SUSI-vurdering af udbredelsesinitiativer")).toBeNull();
  });
});

describe("reading the source's outcome", () => {
  it("a dash in both columns: still running, no outcome", () => {
    expect(read("-", "-")).toEqual({ ended: false, status: "active", outcome: null, ambiguity: null });
  });

  it("dissemination's 'kan ikke videreføres' tells no end: active, and marked ambiguous", () => {
    expect(read("Udbredelsesinitiativer kan ikke videreføres", "Der foretages ikke SUSI-vurdering af udbredelsesinitiativer", "dissemination" as never))
      .toEqual({ ended: false, status: "active", outcome: null, ambiguity: "dissemination_end_unknown" });
  });

  it("carried on as the named successor: completed", () => {
    const r = readSourceOutcome({ phase: "screening", outcome: "Ja (Udvikling af indsats, UIP 2021)", assessment: "Ja til begge", successorTitle: "Udvikling af indsats", successorYear: 2021 });
    expect(r).toMatchObject({ ended: true, status: "completed", outcome: { kind: "carried_on", verdict: "yes_both", reason: null, successorTitle: "Udvikling af indsats", continuesInYear: 2021 } });
  });

  it("not carried on: stopped, with the reason from the fixed list and the source's words as the note", () => {
    const covid = read("Nej. COVID-19 medførte, at det ikke var muligt …", "Ja og delvist. En af de fire metoder, der blev modnet har en positiv SUSI-vurdering. De andre tre har ikke");
    expect(covid).toMatchObject({ status: "stopped", outcome: { kind: "not_carried_on", reason: "not_fully_implemented", verdict: "yes_partly" } });
    expect(covid.outcome!.note).toContain("COVID-19");
    expect(covid.outcome!.methods.filter((m) => m.passed)).toHaveLength(1);
    expect(covid.outcome!.methods).toHaveLength(4);
    expect(read("Nej. Indsatsen opfyldte ikke de faglige kriterier", "Ja og nej").outcome).toMatchObject({ reason: "criteria_not_met", verdict: "yes_no" });
    expect(read("Nej. Der er ikke foretaget en SUSI-vurdering, da indsatsen, bl.a. pga. COVID-19, ikke blev fuldt implementeret", "Nej").outcome)
      .toMatchObject({ reason: "not_fully_implemented", verdict: "no_assessment" });
  });

  it("two reasons given: the outcome column's is used and the row is marked ambiguous", () => {
    const r = read("Nej. Initiativet lever ikke op til definitionen af en indsats efter SUSI.", "Ja og nej. Initiativet lever ikke op til SUSI-kriterierne");
    expect(r).toMatchObject({ status: "stopped", ambiguity: "reasons_differ", outcome: { reason: "not_an_intervention" } });
  });

  it("ended and not recommended for continuation differs from recommended for a later agreement", () => {
    const no = read("Initiativet blev afsluttet med udgangen af 2022. Indstilles ikke til videreførelse i UIP2024, da det afventer andre MOVE-initiativer", "Ja og delvist");
    expect(no).toMatchObject({ status: "stopped", outcome: { kind: "not_carried_on", reason: "waiting_on_other", recommended: false } });
    const yes = read("Initiativet indstilles til videreførelse i UIP 2024.", "Ja til begge");
    expect(yes).toMatchObject({ status: "completed", outcome: { kind: "recommended_later", reason: null, recommended: true, continuesInYear: 2024 } });
  });

  it("an assessment recorded without an answer ended the phase (assessments are made when a phase ends): completed, ambiguous", () => {
    expect(read("", "Ja til begge")).toMatchObject({ ended: true, status: "completed", ambiguity: "assessed_without_outcome", outcome: { kind: "not_recorded", verdict: "yes_both" } });
    expect(read("-", "Ja til begge")).toMatchObject({ ended: true, status: "completed" });
  });

  it("reads every reason of the list, and 'other' for what it names none of", () => {
    expect(readReason("afventer andre initiativer")).toBe("waiting_on_other");
    expect(readReason("ikke en indsats efter definitionen af en indsats")).toBe("not_an_intervention");
    expect(readReason("manglende finansiering")).toBe("other");
  });
});

describe("the rules on a decision's outcome", () => {
  it("not carried on needs a reason; carried on takes none", () => {
    expect(outcomeRefusals("not_carried_on", NO_OUTCOME_INPUT)).toEqual([{ code: "outcome_reason_missing" }]);
    expect(outcomeRefusals("not_carried_on", { ...NO_OUTCOME_INPUT, reason: "other" })).toEqual([]);
    expect(outcomeRefusals("carried_on", { ...NO_OUTCOME_INPUT, reason: "other" })).toEqual([{ code: "outcome_reason_not_allowed" }]);
    expect(outcomeRefusals("carried_on", NO_OUTCOME_INPUT)).toEqual([]);
  });

  it("partly carried on needs named methods, some passed and some not, and a reason for those that did not", () => {
    expect(outcomeRefusals("partly_carried_on", { ...NO_OUTCOME_INPUT, methods: [{ name: "CTI", passed: true }] }))
      .toEqual([{ code: "outcome_methods_missing" }, { code: "outcome_reason_missing" }]);
    expect(outcomeRefusals("partly_carried_on", { ...NO_OUTCOME_INPUT, reason: "criteria_not_met", methods: [{ name: "CTI", passed: true }, { name: " ", passed: false }] }))
      .toEqual([{ code: "outcome_method_name_missing", index: 1 }]);
    const ok = { ...NO_OUTCOME_INPUT, reason: "criteria_not_met" as const, note: " SFT nåede ikke ", methods: [{ name: "CTI", passed: true }, { name: "SFT", passed: false }] };
    expect(outcomeRefusals("partly_carried_on", ok)).toEqual([]);
    expect(phaseOutcome("partly_carried_on", ok, null)).toMatchObject({ kind: "partly_carried_on", reason: "criteria_not_met", note: "SFT nåede ikke", verdict: null });
  });

  it("a carried-on outcome keeps no reason even if one was sent", () => {
    expect(phaseOutcome("carried_on", { ...NO_OUTCOME_INPUT, reason: "other" }, "Efterfølger").reason).toBeNull();
  });
});
