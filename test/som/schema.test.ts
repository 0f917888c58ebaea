// parseSomInput: what a caller gets back for good and bad calculations, field by field.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatPath, parseSomInput, parseSomSpreads } from "~/som/schema";

const example = JSON.parse(readFileSync(new URL("./fixtures/som-md-example.json", import.meta.url), "utf8"));

/** A copy of the SOM.md example with one change applied. */
function variant(change: (input: any) => void): unknown {
  const copy = structuredClone(example);
  change(copy);
  return copy;
}

function errorsOf(json: unknown) {
  const result = parseSomInput(json);
  if (result.ok) throw new Error("expected the input to be refused");
  return result.errors;
}

describe("parseSomInput accepts", () => {
  it("a negative cost without offsetKind (an offset of unspecified kind), with a warning asking for the kind", () => {
    const result = parseSomInput(variant((c) => (c.costs[0].amount = "-250000")));
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      { path: "costs[0].offsetKind", message: expect.stringContaining('"grant" or a "savedExpenditure"') },
    ]);
  });

  it("an annual cost whose toYear runs past the horizon, with a warning", () => {
    const result = parseSomInput(variant((c) => (c.costs[2].toYear = 12)));
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      { path: "costs[2].toYear", message: "runs to year 12, past the horizon (year 10); only the years inside it are counted" },
    ]);
  });

  it("the SOM.md example, filling in nothing it already has", () => {
    const result = parseSomInput(example);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.horizonYears).toBe(10);
    expect(result.value.costs).toHaveLength(3);
    expect(result.warnings).toEqual([]);
  });

  it("omitted horizon, discount rate, costs, consequences and payer prices with their defaults", () => {
    const result = parseSomInput(
      variant((c) => {
        delete c.horizonYears;
        delete c.discountRate;
        delete c.costs;
        c.consequences[0].prices = { kommune: "1100" };
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.horizonYears).toBe(10);
    expect(result.value.discountRate).toBe("0");
    expect(result.value.costs).toEqual([]);
    expect(result.value.consequences[0].prices).toEqual({ kommune: "1100", region: "0", stat: "0" });
  });

  it("a labelled offset", () => {
    const result = parseSomInput(
      variant((c) => c.costs.push({ label: "Tilskud", payer: "stat", type: "oneOff", year: 2, amount: "-1000", offsetKind: "grant" })),
    );
    expect(result.ok).toBe(true);
  });

  it("an intervention rate below the comparison rate, with a warning that says what it means", () => {
    const result = parseSomInput(variant((c) => (c.successRate = { intervention: "0.01", comparison: "0.02" })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      { path: "successRate.intervention", message: expect.stringContaining("net success rate is negative") },
    ]);
  });

  it("a cohort that completes after the horizon, with a warning", () => {
    const result = parseSomInput(
      variant((c) => {
        c.courseLengthYears = 2;
        c.cohorts.push({ startYear: 10, citizens: "5" });
      }),
    );
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual(["cohorts[1].startYear"]);
  });
});

describe("parseSomInput refuses, naming the field", () => {
  it("negative citizens", () => {
    expect(errorsOf(variant((c) => (c.cohorts[0].citizens = "-40")))).toEqual([
      { path: "cohorts[0].citizens", message: "must not be negative" },
    ]);
  });

  it("a rate outside 0..1", () => {
    expect(errorsOf(variant((c) => (c.successRate.intervention = "1.2")))).toEqual([
      { path: "successRate.intervention", message: expect.stringContaining("between 0 and 1") },
    ]);
    expect(errorsOf(variant((c) => (c.discountRate = "-0.01")))[0].path).toBe("discountRate");
  });

  it("a year outside 1..horizon", () => {
    expect(errorsOf(variant((c) => (c.costs[0].year = 11)))).toEqual([
      { path: "costs[0].year", message: "must be a year between 1 and 10 (the horizon)" },
    ]);
    expect(errorsOf(variant((c) => (c.cohorts[0].startYear = 0)))[0].path).toBe("cohorts[0].startYear");
    expect(errorsOf(variant((c) => (c.costs[2].fromYear = 11)))[0].path).toBe("costs[2].fromYear");
  });

  it("an annual cost that ends before it starts", () => {
    expect(errorsOf(variant((c) => Object.assign(c.costs[2], { fromYear: 3, toYear: 2 })))).toEqual([
      { path: "costs[2].toYear", message: "must not be before fromYear" },
    ]);
  });

  it("an unknown payer, for a cost and in a price list", () => {
    expect(errorsOf(variant((c) => (c.costs[1].payer = "municipality")))).toEqual([
      { path: "costs[1].payer", message: 'unknown payer "municipality"; expected kommune, region or stat' },
    ]);
    expect(errorsOf(variant((c) => (c.consequences[0].prices.kommunen = "5")))).toEqual([
      { path: "consequences[0].prices.kommunen", message: "unknown payer; expected kommune, region or stat" },
    ]);
  });

  it("a non-numeric amount, and an amount written as a JSON number", () => {
    expect(errorsOf(variant((c) => (c.costs[0].amount = "250.000,00")))[0]).toEqual({
      path: "costs[0].amount",
      message: expect.stringContaining("must be a decimal number"),
    });
    expect(errorsOf(variant((c) => (c.costs[0].amount = 250000)))[0]).toEqual({
      path: "costs[0].amount",
      message: 'must be a decimal number written as a string, e.g. "250000"',
    });
    expect(errorsOf(variant((c) => (c.consequences[0].deltaPerSuccess[1] = "abc")))[0].path).toBe(
      "consequences[0].deltaPerSuccess[1]",
    );
  });

  it("offsetKind on a positive cost, or an unknown offsetKind", () => {
    expect(errorsOf(variant((c) => (c.costs[0].offsetKind = "grant")))).toEqual([
      { path: "costs[0].offsetKind", message: expect.stringContaining("only for offsets") },
    ]);
    expect(errorsOf(variant((c) => Object.assign(c.costs[0], { amount: "-1", offsetKind: "gift" })))[0].path).toBe(
      "costs[0].offsetKind",
    );
  });

  it("a negative price, since direction comes from kind and the sign of the change", () => {
    expect(errorsOf(variant((c) => (c.consequences[0].prices.stat = "-3")))[0]).toEqual({
      path: "consequences[0].prices.stat",
      message: expect.stringContaining('use kind "revenue"'),
    });
  });

  it("an unknown cost type and an unknown consequence kind", () => {
    expect(errorsOf(variant((c) => (c.costs[0].type = "monthly")))).toEqual([
      { path: "costs[0].type", message: 'must be "oneOff", "perCitizenPerCourseYear" or "annual"' },
    ]);
    expect(errorsOf(variant((c) => (c.consequences[0].kind = "saving")))[0].path).toBe("consequences[0].kind");
  });

  it("a misspelt field instead of silently using a default", () => {
    expect(errorsOf(variant((c) => (c.horizon = 5)))).toEqual([{ path: "horizon", message: "unknown field" }]);
  });

  it("missing required fields and a non-object", () => {
    expect(errorsOf({}).map((e) => `${e.path}: ${e.message}`)).toEqual([
      "courseLengthYears: is required",
      "cohorts: is required",
      "successRate: is required",
    ]);
    expect(errorsOf(null)).toEqual([{ path: "(input)", message: "must be a JSON object" }]);
    expect(errorsOf(variant((c) => (c.cohorts = [])))[0]).toEqual({ path: "cohorts", message: "must have at least one cohort" });
  });

  it("fractional and out-of-range horizons", () => {
    expect(errorsOf(variant((c) => (c.horizonYears = 2.5)))[0].path).toBe("horizonYears");
    expect(errorsOf(variant((c) => (c.horizonYears = 0)))[0].message).toBe("must be between 1 and 50");
  });
});

describe("parseSomSpreads", () => {
  it("fills omitted spreads with zero and refuses a spread outside 0..1", () => {
    const ok = parseSomSpreads({ successRate: "0.05" });
    expect(ok.ok && ok.value).toEqual({ successRate: "0.05", consequenceDeltas: "0", prices: "0", costs: "0" });
    const bad = parseSomSpreads({ prices: "1.5", cost: "0.1" });
    expect(!bad.ok && bad.errors.map((e) => e.path).sort()).toEqual(["cost", "prices"]);
  });
});

describe("formatPath", () => {
  it("writes array indices in brackets", () => {
    expect(formatPath(["consequences", 2, "deltaPerSuccess", 0])).toBe("consequences[2].deltaPerSuccess[0]");
    expect(formatPath([])).toBe("(input)");
  });
});
