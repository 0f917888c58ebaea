// The SØM engine against hand-worked cases and the conventions of /work/shared/SOM.md.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  calculate,
  calculateExact,
  explainCalculation,
  linearTerms,
  type SomConsequence,
  type SomCost,
  type SomInput,
} from "~/som/engine";
import { parseSomInput } from "~/som/schema";

/** Fixtures go through the schema, as every caller's input does (it fills in omitted prices, for one). */
function fixture(name: string): SomInput {
  const parsed = parseSomInput(JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")));
  if (!parsed.ok) throw new Error(`fixture ${name}: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

const noPrices = { kommune: "0", region: "0", stat: "0" };

function base(overrides: Partial<SomInput> = {}): SomInput {
  return {
    horizonYears: 4,
    discountRate: "0",
    courseLengthYears: 1,
    cohorts: [{ startYear: 1, citizens: "10" }],
    successRate: { intervention: "1", comparison: "0" },
    costs: [],
    consequences: [],
    ...overrides,
  };
}

function consequence(overrides: Partial<SomConsequence> = {}): SomConsequence {
  return {
    label: "c",
    area: "a",
    kind: "revenue",
    deltaPerSuccess: ["1"],
    prices: { ...noPrices, kommune: "1" },
    ...overrides,
  };
}

describe("the SOM.md example input (hand-checked)", () => {
  // 40 citizens, s = 0.12 − 0.02 = 0.1, so 4 successful citizens; L = 1, so the effect starts in year 1.
  // Costs (kommune): year 1 = 250,000 one-off + 60,000 × 40 = 2,400,000 per citizen + 550,000 coordinator
  //   = 3,200,000; years 2 and 3 = 550,000 each. Total 4,300,000.
  // Herberg, an expenditure: effect = 4 × −Δq × 1,100 = 4 × 120 × 1,100 = 528,000 (year 1),
  //   4 × 90 × 1,100 = 396,000 (year 2), 4 × 60 × 1,100 = 264,000 (year 3). Total 1,188,000.
  // Net: −2,672,000, −154,000, −286,000; cumulative −2,672,000, −2,826,000, −3,112,000, then flat.
  // r = 0, so discounted = undiscounted. BCR = 1,188,000 / 4,300,000 = 0.2763 → "0.28". Never breaks even.
  // Break-even s: PV effects at s = 1 are 11,880,000, so s = 4,300,000 / 11,880,000 = 0.3619528… → "0.361953".
  const result = calculate(fixture("som-md-example.json"));

  it("gives the summary worked out by hand", () => {
    expect(result.netSuccessRate).toBe("0.1");
    expect(result.summary).toEqual({
      costs: "4300000.00",
      budgetEffects: "1188000.00",
      net: "-3112000.00",
      presentValueCosts: "4300000.00",
      presentValueBudgetEffects: "1188000.00",
      presentValueNet: "-3112000.00",
      benefitCostRatio: "0.28",
      breakEvenYear: null,
      breakEvenSuccessRate: "0.361953",
    });
  });

  it("gives the year-by-year series worked out by hand", () => {
    expect(result.years).toHaveLength(10);
    const pick = result.years.map((y) => [y.year, y.costs, y.budgetEffects, y.net, y.cumulativeNet]);
    expect(pick.slice(0, 4)).toEqual([
      [1, "3200000.00", "528000.00", "-2672000.00", "-2672000.00"],
      [2, "550000.00", "396000.00", "-154000.00", "-2826000.00"],
      [3, "550000.00", "264000.00", "-286000.00", "-3112000.00"],
      [4, "0.00", "0.00", "0.00", "-3112000.00"],
    ]);
    expect(result.years[9].cumulativeDiscountedNet).toBe("-3112000.00");
    expect(result.years[0].byPayer.kommune).toEqual({ costs: "3200000.00", budgetEffects: "528000.00", net: "-2672000.00" });
    expect(result.years[0].byPayer.stat).toEqual({ costs: "0.00", budgetEffects: "0.00", net: "0.00" });
  });

  it("puts everything on the kommune and the effect in its area", () => {
    expect(result.byPayer.kommune).toEqual({ costs: "4300000.00", budgetEffects: "1188000.00", net: "-3112000.00" });
    expect(result.byPayer.region.net).toBe("0.00");
    expect(result.byArea).toEqual([{ area: "Sociale serviceydelser", budgetEffects: "1188000.00" }]);
  });
});

describe("two cohorts, a two-year course, three payers, an offset and r = 25 % (hand-checked)", () => {
  // s = 0.5 − 0.1 = 0.4. Cohort 1: 10 citizens, years 1–2, completes year 2, 4 successes.
  // Cohort 2: 20 citizens, years 2–3, completes year 3, 8 successes.
  // Costs: per citizen 1,000 (kommune): y1 10,000; y2 10,000 + 20,000; y3 20,000. Grant −5,000 (kommune, y1).
  //   Supervision 2,000 (stat) in y2–y4. Years: 5,000 | 32,000 | 22,000 | 2,000; total 61,000.
  // Herberg (expenditure, Δq −10, −5; kommune 100, region 20, stat 50): units saved 4×10 = 40 (y2),
  //   4×5 + 8×10 = 100 (y3), 8×5 = 40 (y4); times 170 across payers: 6,800 | 17,000 | 6,800.
  // Tax (revenue, Δq 0, 1000; kommune 0.25, stat 0.1, region left out = 0): 4×1000 = 4,000 units (y3),
  //   8×1000 = 8,000 (y4); times 0.35: 1,400 | 2,800.
  // Effects: 0 | 6,800 | 18,400 | 9,600 = 34,800. Net: −5,000 | −25,200 | −3,600 | 7,600 = −26,200.
  // Discount factors 1/1.25^y = 0.8, 0.64, 0.512, 0.4096.
  //   Discounted net: −4,000 | −16,128 | −1,843.20 | 3,112.96; cumulative −4,000 | −20,128 | −21,971.20 | −18,858.24.
  //   PV costs 4,000 + 20,480 + 11,264 + 819.20 = 36,563.20; PV effects 4,352 + 9,420.80 + 3,932.16 = 17,704.96.
  // BCR 17,704.96 / 36,563.20 = 0.4842 → "0.48". Break-even s = 36,563.20 / (17,704.96 / 0.4) = 0.8260555… → "0.826056".
  const result = calculate(fixture("two-cohorts-discounted.json"));

  it("gives the summary worked out by hand", () => {
    expect(result.netSuccessRate).toBe("0.4");
    expect(result.summary).toEqual({
      costs: "61000.00",
      budgetEffects: "34800.00",
      net: "-26200.00",
      presentValueCosts: "36563.20",
      presentValueBudgetEffects: "17704.96",
      presentValueNet: "-18858.24",
      benefitCostRatio: "0.48",
      breakEvenYear: null,
      breakEvenSuccessRate: "0.826056",
    });
  });

  it("discounts each year, year 1 included", () => {
    expect(result.years.map((y) => [y.net, y.discountedNet, y.cumulativeDiscountedNet])).toEqual([
      ["-5000.00", "-4000.00", "-4000.00"],
      ["-25200.00", "-16128.00", "-20128.00"],
      ["-3600.00", "-1843.20", "-21971.20"],
      ["7600.00", "3112.96", "-18858.24"],
    ]);
    expect(result.years.map((y) => y.cumulativeNet)).toEqual(["-5000.00", "-30200.00", "-33800.00", "-26200.00"]);
  });

  it("splits costs and effects by payer", () => {
    // kommune effects: 4,000 | 10,000 + 1,000 | 4,000 + 2,000; region 800 | 2,000 | 800; stat 2,000 | 5,400 | 2,800.
    expect(result.byPayer).toEqual({
      kommune: { costs: "55000.00", budgetEffects: "21000.00", net: "-34000.00" },
      region: { costs: "0.00", budgetEffects: "3600.00", net: "3600.00" },
      stat: { costs: "6000.00", budgetEffects: "10200.00", net: "4200.00" },
    });
    expect(result.years[0].byPayer.kommune.costs).toBe("5000.00");
    expect(result.years[2].byPayer.stat).toEqual({ costs: "2000.00", budgetEffects: "5400.00", net: "3400.00" });
  });

  it("sums budget effects by area in order of first appearance", () => {
    expect(result.byArea).toEqual([
      { area: "Sociale serviceydelser", budgetEffects: "30600.00" },
      { area: "Skat", budgetEffects: "4200.00" },
    ]);
  });
});

describe("costs", () => {
  it("charges per citizen in each course year, and not beyond the horizon", () => {
    const result = calculate(
      base({
        courseLengthYears: 3,
        cohorts: [{ startYear: 3, citizens: "2" }],
        costs: [{ label: "drift", payer: "region", type: "perCitizenPerCourseYear", amount: "100" }],
      }),
    );
    expect(result.years.map((y) => y.costs)).toEqual(["0.00", "0.00", "200.00", "200.00"]);
    expect(result.byPayer.region.costs).toBe("400.00");
  });

  it("charges an annual amount in each year from fromYear to toYear", () => {
    const result = calculate(
      base({ costs: [{ label: "k", payer: "stat", type: "annual", fromYear: 2, toYear: 3, amount: "7.5" }] }),
    );
    expect(result.years.map((y) => y.byPayer.stat.costs)).toEqual(["0.00", "7.50", "7.50", "0.00"]);
  });

  it("treats a labelled negative cost as an offset that lowers costs", () => {
    const costs: SomCost[] = [
      { label: "drift", payer: "kommune", type: "oneOff", year: 1, amount: "1000" },
      { label: "tilskud", payer: "kommune", type: "oneOff", year: 1, amount: "-400", offsetKind: "grant" },
    ];
    expect(calculate(base({ costs })).summary.costs).toBe("600.00");
  });

  it("computes a negative cost without offsetKind as an offset of unspecified kind, the same as a labelled one", () => {
    const labelled: SomCost[] = [
      { label: "drift", payer: "kommune", type: "oneOff", year: 1, amount: "1000" },
      { label: "tilskud", payer: "kommune", type: "oneOff", year: 1, amount: "-400", offsetKind: "grant" },
    ];
    const unlabelled: SomCost[] = [labelled[0], { label: "modregning", payer: "kommune", type: "oneOff", year: 1, amount: "-400" }];
    expect(calculate(base({ costs: unlabelled })).summary.costs).toBe("600.00");
    expect(calculate(base({ costs: unlabelled }))).toEqual(calculate(base({ costs: labelled })));
    expect(explainCalculation(base({ costs: unlabelled })).find((n) => n.id === "costs")?.da).toContain("1 modregninger af uoplyst art");
  });

  it("counts an annual cost whose toYear runs past the horizon only inside the horizon", () => {
    const inside: SomCost[] = [{ label: "k", payer: "stat", type: "annual", fromYear: 2, toYear: 3, amount: "10" }];
    const past: SomCost[] = [{ label: "k", payer: "stat", type: "annual", fromYear: 2, toYear: 40, amount: "10" }];
    expect(calculate(base({ horizonYears: 3, costs: past }))).toEqual(calculate(base({ horizonYears: 3, costs: inside })));
  });
});

describe("consequences", () => {
  it("starts the effect in the completion year and drops what falls after the horizon", () => {
    // Completes in year 3 (start 2, L = 2): Δq index 0 → year 3, index 1 → year 4, index 2 beyond.
    const result = calculate(
      base({
        courseLengthYears: 2,
        cohorts: [{ startYear: 2, citizens: "1" }],
        consequences: [consequence({ deltaPerSuccess: ["5", "6", "7"] })],
      }),
    );
    expect(result.years.map((y) => y.budgetEffects)).toEqual(["0.00", "0.00", "5.00", "6.00"]);
  });

  it("counts less use of an expenditure as a gain and less revenue as a loss", () => {
    const saving = calculate(base({ consequences: [consequence({ kind: "expenditure", deltaPerSuccess: ["-2"] })] }));
    const lostTax = calculate(base({ consequences: [consequence({ kind: "revenue", deltaPerSuccess: ["-2"] })] }));
    expect(saving.summary.budgetEffects).toBe("20.00");
    expect(lostTax.summary.budgetEffects).toBe("-20.00");
  });

  it("never rounds a count of people", () => {
    // 3 citizens × s = 0.25 is 0.75 successful citizens; rounding people would give 1 (1,000) or 0.
    const result = calculate(
      base({
        cohorts: [{ startYear: 1, citizens: "3" }],
        successRate: { intervention: "0.5", comparison: "0.25" },
        consequences: [consequence({ prices: { ...noPrices, stat: "1000" } })],
      }),
    );
    // 0.75 × 1 unit × 1,000.
    expect(result.summary.budgetEffects).toBe("750.00");
  });

  it("lets a negative net success rate count against the intervention", () => {
    const result = calculate(
      base({ successRate: { intervention: "0.1", comparison: "0.3" }, consequences: [consequence()] }),
    );
    expect(result.netSuccessRate).toBe("-0.2");
    expect(result.summary.budgetEffects).toBe("-2.00");
  });
});

describe("summary measures", () => {
  // 1,000 up front; 10 successes × 1 unit × 40 kr = 400 a year in years 1–3.
  const input = base({
    successRate: { intervention: "1", comparison: "0" },
    costs: [{ label: "opstart", payer: "kommune", type: "oneOff", year: 1, amount: "1000" }],
    consequences: [consequence({ deltaPerSuccess: ["1", "1", "1"], prices: { ...noPrices, kommune: "40" } })],
  });

  it("finds the first year in which the cumulative net result reaches zero", () => {
    // −600, −200, +200.
    expect(calculate(input).summary.breakEvenYear).toBe(3);
  });

  it("uses the discounted cumulative net for the break-even year when a rate is set", () => {
    // r = 25 %: −480, −224, −19.20, −19.20: never within the horizon.
    const result = calculate({ ...input, discountRate: "0.25" });
    expect(result.years[2].cumulativeDiscountedNet).toBe("-19.20");
    expect(result.summary.breakEvenYear).toBeNull();
  });

  it("gives no break-even success rate when even s = 1 does not pay back", () => {
    const result = calculate({ ...input, horizonYears: 2 });
    // PV effects at s = 1 are 800 < 1,000.
    expect(result.summary.breakEvenSuccessRate).toBeNull();
  });

  it('shows the benefit-cost ratio as "n/a" when costs are zero or only offsets', () => {
    const noCosts = calculate({ ...input, costs: [] });
    const onlyGrant = calculate({
      ...input,
      costs: [{ label: "g", payer: "stat", type: "oneOff", year: 1, amount: "-5", offsetKind: "grant" }],
    });
    expect(noCosts.summary.benefitCostRatio).toBe("n/a");
    expect(onlyGrant.summary.benefitCostRatio).toBe("n/a");
    // With nothing to recover, any success rate breaks even; the least is reported.
    expect(noCosts.summary.breakEvenSuccessRate).toBe("0.000000");
    expect(onlyGrant.summary.breakEvenSuccessRate).toBeNull();
  });

  it("keeps rates unrounded and in plain notation", () => {
    const result = calculate(base({ successRate: { intervention: "0.123456789", comparison: "0.123456788" } }));
    expect(result.netSuccessRate).toBe("0.000000001");
  });
});

describe("rounding", () => {
  it("rounds amounts to two decimals, halves away from zero, and never shows -0.00", () => {
    const oneOff = (amount: string, offsetKind?: "grant"): SomCost => ({
      label: "x",
      payer: "kommune",
      type: "oneOff",
      year: 1,
      amount,
      offsetKind,
    });
    const costOf = (amount: string, offset = false) =>
      calculate(base({ costs: [oneOff(amount, offset ? "grant" : undefined)] })).summary.costs;
    expect(costOf("0.005")).toBe("0.01");
    expect(costOf("0.125")).toBe("0.13");
    expect(costOf("-0.005", true)).toBe("-0.01");
    expect(costOf("0.0049")).toBe("0.00");
    expect(costOf("-0.004", true)).toBe("0.00");
  });
});

describe("linearTerms", () => {
  it("reproduces the engine's PV net as s × Σ consequences − Σ cost lines", () => {
    const input = fixture("ten-years-twenty-consequences.json");
    const terms = linearTerms(input);
    const effects = terms.consequences.reduce((a, b) => a.plus(b));
    const costs = terms.costLines.reduce((a, b) => a.plus(b));
    const pvNet = effects.times(terms.netSuccessRate).minus(costs);
    expect(pvNet.minus(calculateExact(input).summary.presentValueNet).abs().lt("1e-20")).toBe(true);
    expect(terms.costLines).toHaveLength(input.costs.length);
  });
});

describe("explainCalculation", () => {
  it("states the discount rate and the conventions in Danish and English", () => {
    const notes = explainCalculation(fixture("two-cohorts-discounted.json"));
    const discounting = notes.find((n) => n.id === "discounting");
    expect(discounting?.da).toContain("25 %");
    expect(discounting?.en).toContain("year 1 included");
    expect(notes.find((n) => n.id === "successRate")?.da).toContain("40 %");
    expect(notes.find((n) => n.id === "costs")?.en).toContain("(here 1 grant(s))");
    for (const note of notes) {
      expect(note.da.length).toBeGreaterThan(20);
      expect(note.en.length).toBeGreaterThan(20);
    }
  });

  it("says when figures are undiscounted and writes Danish decimals with a comma", () => {
    const notes = explainCalculation(base({ discountRate: "0", successRate: { intervention: "0.125", comparison: "0" } }));
    expect(notes.find((n) => n.id === "discounting")?.en).toContain("undiscounted");
    expect(notes.find((n) => n.id === "successRate")?.da).toContain("12,5 %");
    expect(notes.some((n) => n.id === "negativeSuccessRate")).toBe(false);
  });

  it("warns when the net success rate is negative", () => {
    const notes = explainCalculation(base({ successRate: { intervention: "0.1", comparison: "0.2" } }));
    expect(notes.find((n) => n.id === "negativeSuccessRate")?.en).toContain("negative");
  });
});
