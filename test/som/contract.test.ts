// The published contract (/work/shared/SOM.md): any input shaped as it documents is calculated, never
// refused. fast-check builds random contract-shaped inputs with every optional field both present and
// absent (horizon, discount rate, costs, consequences, a payer's price, offsetKind) and with the shapes an
// independent implementation found refused before: offsets without offsetKind, annual costs running past
// the horizon, tiny rates, huge amounts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculate, PAYERS } from "~/som/engine";
import { parseSomInput } from "~/som/schema";

/** A decimal string as the contract writes them: integers, decimals, tiny and huge magnitudes. */
const decimal = (opts: { negative?: boolean } = {}) =>
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 0, max: 9_999_999 }), fc.bigInt({ min: 0n, max: 10n ** 16n }).map(String)),
      fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
      opts.negative ? fc.boolean() : fc.constant(false),
    )
    .map(([whole, fraction, negative]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`);

/** A rate in 0..1, including very small ones ("0.000000000000000000000000001"). */
const rate = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((n) => (n === 10_000 ? "1" : `0.${String(n).padStart(4, "0")}`)),
  fc.integer({ min: 1, max: 27 }).map((zeros) => `0.${"0".repeat(zeros - 1)}1`),
  fc.constantFrom("0", "1", "0.12", "0.02"),
);

const label = fc.constantFrom("Opstart: uddannelse", "Drift pr. borger", "Koordinator", "Tilskud fra pulje", "x");
const payer = fc.constantFrom(...PAYERS);

function costArb(H: number) {
  const year = fc.integer({ min: 1, max: H });
  // A negative amount is an offset; offsetKind is an optional refinement and may be left out.
  const amount = fc.oneof(
    decimal().map((amount) => ({ amount })),
    decimal({ negative: true })
      .filter((a) => a.startsWith("-") && !/^-0(\.0+)?$/.test(a))
      .chain((amount) =>
        fc.option(fc.constantFrom("grant" as const, "savedExpenditure" as const), { nil: undefined }).map((offsetKind) =>
          offsetKind ? { amount, offsetKind } : { amount },
        ),
      ),
  );
  return fc.oneof(
    fc.record({ label, payer, amount, year }).map(({ amount, ...c }) => ({ ...c, type: "oneOff", ...amount })),
    fc.record({ label, payer, amount }).map(({ amount, ...c }) => ({ ...c, type: "perCitizenPerCourseYear", ...amount })),
    fc
      .record({ label, payer, amount, fromYear: year, extra: fc.integer({ min: 0, max: 30 }) })
      // toYear may run past the horizon: only the years inside it count.
      .map(({ amount, extra, ...c }) => ({ ...c, type: "annual", toYear: c.fromYear + extra, ...amount })),
  );
}

const prices = fc
  .record(
    { kommune: decimal(), region: decimal(), stat: decimal() },
    { requiredKeys: [] }, // a payer left out pays nothing
  );

const consequence = fc.record({
  label,
  area: fc.constantFrom("Sociale serviceydelser", "Sundhed", "Beskæftigelse", "Skat"),
  kind: fc.constantFrom("expenditure", "revenue"),
  deltaPerSuccess: fc.array(decimal({ negative: true }), { minLength: 1, maxLength: 12 }),
  prices,
});

const contractInput = fc.integer({ min: 1, max: 15 }).chain((H) =>
  fc.record(
    {
      horizonYears: fc.constant(H),
      discountRate: fc.oneof(fc.constant("0"), rate),
      courseLengthYears: fc.integer({ min: 1, max: 5 }),
      cohorts: fc.array(fc.record({ startYear: fc.integer({ min: 1, max: H }), citizens: decimal() }), { minLength: 1, maxLength: 5 }),
      successRate: fc.record({ intervention: rate, comparison: rate }),
      costs: fc.array(costArb(H), { maxLength: 8 }),
      consequences: fc.array(consequence, { maxLength: 8 }),
    },
    // Optional in the contract: horizon (default 10; only left out when the years fit it), rate, costs, consequences.
    { requiredKeys: ["courseLengthYears", "cohorts", "successRate"] },
  ).map((input) => {
    if (input.horizonYears === undefined && H > 10) return { ...input, horizonYears: H };
    return input;
  }),
);

describe("the published contract", () => {
  it("accepts and calculates every contract-shaped input", () => {
    fc.assert(
      fc.property(contractInput, (json) => {
        const parsed = parseSomInput(json);
        if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)} for ${JSON.stringify(json)}`);
        const result = calculate(parsed.value);
        expect(result.years).toHaveLength(parsed.value.horizonYears);
        for (const value of [result.summary.costs, result.summary.net, result.summary.presentValueNet]) {
          expect(value).toMatch(/^-?\d+\.\d{2}$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("calculates the SOM.md example with an unlabelled offset and a cost running past the horizon", () => {
    const parsed = parseSomInput({
      courseLengthYears: 1,
      cohorts: [{ startYear: 1, citizens: "40" }],
      successRate: { intervention: "0.12", comparison: "0.02" },
      costs: [
        { label: "Puljetilskud", payer: "kommune", type: "oneOff", year: 1, amount: "-100000" },
        { label: "Koordinator", payer: "kommune", type: "annual", fromYear: 8, toYear: 14, amount: "1000" },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // 3 years of the coordinator (8, 9, 10) inside the 10-year horizon, less the grant.
    expect(calculate(parsed.value).summary.costs).toBe("-97000.00");
  });
});
