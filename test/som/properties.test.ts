// Properties of the SØM engine that must hold for any valid calculation (fast-check), checked on the
// exact figures, and on the rounded output where a caller would see a difference.
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calculate,
  calculateExact,
  PAYERS,
  type SomConsequence,
  type SomCost,
  type SomExactResult,
  type SomInput,
} from "~/som/engine";
import { parseSomInput } from "~/som/schema";

// The test's own arithmetic needs more digits than the engine's 40 (the global default of 20 would round
// sums of large amounts and make exact comparisons fail for the test's sake, not the engine's).
const Decimal = DecimalJs.clone({ precision: 80 });
type Decimal = DecimalJs;

/** Whole cents as a decimal string, built from an integer so no float ever enters. */
const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => {
    const abs = Math.abs(n);
    return `${n < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  });
/** A rate in 0..1 with up to four decimals. */
const rate = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(10_000).toFixed());
const payer = fc.constantFrom(...PAYERS);

function costArb(H: number): fc.Arbitrary<SomCost> {
  const amount = fc.oneof(
    cents(0, 100_000_000).map((amount) => ({ amount })),
    cents(-10_000_000, -1).chain((amount) =>
      fc.constantFrom("grant" as const, "savedExpenditure" as const).map((offsetKind) => ({ amount, offsetKind })),
    ),
  );
  const year = fc.integer({ min: 1, max: H });
  return fc.oneof(
    fc.record({ payer, money: amount, year }).map(({ payer, money, year }) => ({
      label: "engang",
      payer,
      type: "oneOff" as const,
      year,
      ...money,
    })),
    fc.record({ payer, money: amount }).map(({ payer, money }) => ({
      label: "pr. borger",
      payer,
      type: "perCitizenPerCourseYear" as const,
      ...money,
    })),
    fc.record({ payer, money: amount, a: year, b: year }).map(({ payer, money, a, b }) => ({
      label: "årlig",
      payer,
      type: "annual" as const,
      fromYear: Math.min(a, b),
      toYear: Math.max(a, b),
      ...money,
    })),
  );
}

const consequenceArb: fc.Arbitrary<SomConsequence> = fc.record({
  label: fc.constant("konsekvens"),
  area: fc.constantFrom("Sundhed", "Beskæftigelse", "Sociale serviceydelser"),
  kind: fc.constantFrom("expenditure" as const, "revenue" as const),
  deltaPerSuccess: fc.array(cents(-50_000, 50_000), { minLength: 1, maxLength: 12 }),
  prices: fc.record({ kommune: cents(0, 500_000), region: cents(0, 500_000), stat: cents(0, 500_000) }),
});

const inputArb: fc.Arbitrary<SomInput> = fc.integer({ min: 1, max: 12 }).chain((H) =>
  fc.record({
    horizonYears: fc.constant(H),
    discountRate: fc.oneof(fc.constant("0"), fc.integer({ min: 0, max: 150 }).map((n) => new Decimal(n).div(1000).toFixed())),
    courseLengthYears: fc.integer({ min: 1, max: 4 }),
    cohorts: fc.array(
      fc.record({ startYear: fc.integer({ min: 1, max: H }), citizens: cents(0, 50_000) }),
      { minLength: 1, maxLength: 4 },
    ),
    successRate: fc.record({ intervention: rate, comparison: rate }),
    costs: fc.array(costArb(H), { maxLength: 6 }),
    consequences: fc.array(consequenceArb, { maxLength: 6 }),
  }),
);

const withRates = (input: SomInput, intervention: string, comparison = "0"): SomInput => ({
  ...input,
  successRate: { intervention, comparison },
});

/** Equal up to the last digits of 40-digit division (only discounting divides). */
const close = (a: Decimal, b: Decimal) => a.minus(b).abs().lte("1e-18");

function allYears(result: SomExactResult) {
  return result.years;
}

describe("SØM engine properties", () => {
  it("generates inputs that the schema accepts (so the properties speak of real calculations)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(parseSomInput(input).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("payers sum to the total, each year and overall", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = calculateExact(input);
        for (const year of allYears(result)) {
          for (const field of ["costs", "budgetEffects", "net"] as const) {
            const sum = PAYERS.reduce((acc, p) => acc.plus(year.byPayer[p][field]), new Decimal(0));
            expect(sum.eq(year[field])).toBe(true);
          }
        }
        for (const field of ["costs", "budgetEffects", "net"] as const) {
          const sum = PAYERS.reduce((acc, p) => acc.plus(result.byPayer[p][field]), new Decimal(0));
          expect(sum.eq(result.summary[field])).toBe(true);
        }
        const areas = result.byArea.reduce((acc, a) => acc.plus(a.budgetEffects), new Decimal(0));
        expect(areas.eq(result.summary.budgetEffects)).toBe(true);
        // Rounded output: three payers and the total are each rounded by at most half an øre, so the
        // shown payers can differ from the shown total by at most 2 øre.
        const shown = calculate(input);
        const shownSum = PAYERS.reduce((acc, p) => acc.plus(shown.byPayer[p].net), new Decimal(0));
        expect(shownSum.minus(shown.summary.net).abs().lte("0.02")).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("the result is linear in the net success rate", () => {
    fc.assert(
      fc.property(inputArb, rate, (input, s) => {
        const at0 = calculateExact(withRates(input, "0"));
        const at1 = calculateExact(withRates(input, "1"));
        const atS = calculateExact(withRates(input, s));
        const expected = (f: (r: SomExactResult) => Decimal) => f(at0).plus(new Decimal(s).times(f(at1).minus(f(at0))));
        expect(close(atS.summary.presentValueNet, expected((r) => r.summary.presentValueNet))).toBe(true);
        atS.years.forEach((year, i) => {
          expect(close(year.net, expected((r) => r.years[i].net))).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("zero net success gives minus the costs and no budget effects", () => {
    fc.assert(
      fc.property(inputArb, rate, (input, r) => {
        const result = calculateExact(withRates(input, r, r));
        expect(result.netSuccessRate.isZero()).toBe(true);
        for (const year of result.years) {
          expect(year.budgetEffects.isZero()).toBe(true);
          expect(year.net.eq(year.costs.neg())).toBe(true);
          for (const p of PAYERS) expect(year.byPayer[p].net.eq(year.byPayer[p].costs.neg())).toBe(true);
        }
        expect(result.summary.net.eq(result.summary.costs.neg())).toBe(true);
        expect(result.byArea.every((a) => a.budgetEffects.isZero())).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("a discount rate of 0 leaves the figures undiscounted, and any rate leaves the budget figures alone", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const undiscounted = calculateExact({ ...input, discountRate: "0" });
        for (const year of undiscounted.years) {
          expect(year.discountedNet.eq(year.net)).toBe(true);
          expect(year.cumulativeDiscountedNet.eq(year.cumulativeNet)).toBe(true);
        }
        expect(undiscounted.summary.presentValueCosts.eq(undiscounted.summary.costs)).toBe(true);
        expect(undiscounted.summary.presentValueBudgetEffects.eq(undiscounted.summary.budgetEffects)).toBe(true);
        expect(undiscounted.summary.presentValueNet.eq(undiscounted.summary.net)).toBe(true);

        const discounted = calculateExact(input);
        discounted.years.forEach((year, i) => {
          expect(year.net.eq(undiscounted.years[i].net)).toBe(true);
          expect(year.cumulativeNet.eq(undiscounted.years[i].cumulativeNet)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("cumulative series end at the totals", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = calculateExact(input);
        const last = result.years[result.years.length - 1];
        expect(last.cumulativeNet.eq(result.summary.net)).toBe(true);
        expect(last.cumulativeDiscountedNet.eq(result.summary.presentValueNet)).toBe(true);
        expect(close(result.summary.presentValueNet, result.summary.presentValueBudgetEffects.minus(result.summary.presentValueCosts))).toBe(true);
        const shown = calculate(input);
        expect(shown.years[shown.years.length - 1].cumulativeNet).toBe(shown.summary.net);
        expect(shown.years[shown.years.length - 1].cumulativeDiscountedNet).toBe(shown.summary.presentValueNet);
      }),
      { numRuns: 150 },
    );
  });

  it("the break-even success rate, when there is one, makes the present value of the net result zero", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const rateAtBreakEven = calculateExact(input).summary.breakEvenSuccessRate;
        if (rateAtBreakEven === null) return;
        expect(rateAtBreakEven.gte(0) && rateAtBreakEven.lte(1)).toBe(true);
        const atBreakEven = calculateExact(withRates(input, rateAtBreakEven.toFixed()));
        expect(atBreakEven.summary.presentValueNet.abs().lte("1e-12")).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("the break-even year is the first year the cumulative discounted net is not negative", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = calculateExact(input);
        const first = result.years.find((y) => y.cumulativeDiscountedNet.gte(0));
        expect(result.summary.breakEvenYear).toBe(first ? first.year : null);
      }),
      { numRuns: 100 },
    );
  });
});

describe("SØM budget effects, cohort by cohort as SOM.md writes them", () => {
  /** A decimal string with 0 to 6 decimals, leading zeros and "-0" included: the shapes the schema accepts. */
  const decimalText = (min: number, max: number) =>
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 6 }), fc.boolean()).map(([n, places, padded]) => {
      const text = new Decimal(n).div(new Decimal(10).pow(places)).toFixed(places);
      if (!padded) return text;
      if (n === 0) return "-0";
      return text.startsWith("-") ? text : `00${text}`;
    });
  const mixedConsequence: fc.Arbitrary<SomConsequence> = fc.record({
    label: fc.constant("konsekvens"),
    area: fc.constantFrom("Sundhed", "Beskæftigelse"),
    kind: fc.constantFrom("expenditure" as const, "revenue" as const),
    deltaPerSuccess: fc.array(decimalText(-5_000_000, 5_000_000), { minLength: 1, maxLength: 12 }),
    prices: fc.record({ kommune: decimalText(0, 90_000_000), region: decimalText(0, 90_000_000), stat: decimalText(0, 90_000_000) }),
  });
  const mixedInput: fc.Arbitrary<SomInput> = fc.integer({ min: 1, max: 12 }).chain((H) =>
    fc.record({
      horizonYears: fc.constant(H),
      discountRate: fc.constant("0"),
      courseLengthYears: fc.integer({ min: 1, max: 4 }),
      cohorts: fc.array(fc.record({ startYear: fc.integer({ min: 1, max: H }), citizens: decimalText(0, 9_000_000) }), { minLength: 1, maxLength: 4 }),
      successRate: fc.record({ intervention: rate, comparison: rate }),
      costs: fc.constant([]),
      consequences: fc.array(mixedConsequence, { maxLength: 6 }),
    }),
  );

  /** The exact figure as the engine's last step (× s, in decimal.js at 40 digits, half up) leaves it. */
  const engineDigits = (x: Decimal) => x.toSignificantDigits(40, DecimalJs.ROUND_HALF_UP).toFixed();

  it("equal the engine's figures exactly, per year, payer and area, whatever the decimals (the engine sums in integers)", () => {
    fc.assert(
      fc.property(mixedInput, (input) => {
        expect(parseSomInput(input).ok).toBe(true);
        const exact = calculateExact(input);
        const s = new Decimal(input.successRate.intervention).minus(input.successRate.comparison);
        const byArea = new Map<string, Decimal>();
        for (let y = 1; y <= input.horizonYears; y++) {
          for (const p of PAYERS) {
            let unit = new Decimal(0);
            for (const cohort of input.cohorts) {
              const tau = y - (cohort.startYear + input.courseLengthYears - 1);
              if (tau < 0) continue;
              for (const c of input.consequences) {
                const delta = c.deltaPerSuccess[tau];
                if (delta === undefined) continue;
                const price = new Decimal(c.prices[p]).times(c.kind === "expenditure" ? -1 : 1);
                const amount = new Decimal(cohort.citizens).times(delta).times(price);
                unit = unit.plus(amount);
                byArea.set(c.area, (byArea.get(c.area) ?? new Decimal(0)).plus(amount));
              }
            }
            expect(exact.years[y - 1].byPayer[p].budgetEffects.toFixed(), `year ${y}, ${p}`).toBe(engineDigits(unit.times(s)));
          }
        }
        for (const a of exact.byArea) expect(a.budgetEffects.toFixed(), a.area).toBe(engineDigits((byArea.get(a.area) ?? new Decimal(0)).times(s)));
      }),
      { numRuns: 100 },
    );
  });
});
