// The SØM warning beside an economy criterion judged met.
import { describe, expect, it } from "vitest";
import { somWarnings } from "../../workflows/som-warning";

const met = (criterionId: string) => ({ criterionId, judgement: "met" as const });

describe("somWarnings", () => {
  it("flags 'not unrealistically expensive' met while the present value is negative", () => {
    expect(somWarnings([met("toTrial.not_unrealistically_expensive")], [{ title: "Forventet", presentValueNet: "-125000.50", benefitCostRatio: "0.40" }])).toEqual([
      { criterionId: "toTrial.not_unrealistically_expensive", calculationTitle: "Forventet", reason: "negative_present_value", value: "-125000.50" },
    ]);
  });

  it("flags 'cost-effective' met while the benefit-cost ratio is below 1", () => {
    expect(somWarnings([met("toDissemination.cost_effective")], [{ title: "Forsigtig", presentValueNet: "0", benefitCostRatio: "0.99" }])).toEqual([
      { criterionId: "toDissemination.cost_effective", calculationTitle: "Forsigtig", reason: "ratio_below_one", value: "0.99" },
    ]);
  });

  it("is silent at a ratio of exactly 1 or above, without a ratio, for other criteria and for judgements other than met", () => {
    const calc = [{ title: "A", presentValueNet: "10", benefitCostRatio: "1.00" }, { title: "B", presentValueNet: "5", benefitCostRatio: null }];
    expect(somWarnings([met("toDissemination.cost_effective")], calc)).toEqual([]);
    const bad = [{ title: "C", presentValueNet: "-1", benefitCostRatio: "0.5" }];
    expect(somWarnings([met("toDissemination.positive_effect")], bad)).toEqual([]);
    expect(somWarnings([{ criterionId: "toDissemination.cost_effective", judgement: "partly_met" }], bad)).toEqual([]);
    expect(somWarnings([met("toDissemination.cost_effective")], [{ title: "D", presentValueNet: "-0.00", benefitCostRatio: "1.5" }])).toEqual([]);
  });
});
