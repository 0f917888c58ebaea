// Moving prices with the net price index, and the draft calculation built from the knowledge database.
import { describe, expect, it } from "vitest";
import { calculate } from "~/som/engine";
import { draftInputFromKnowledge } from "~/som/from-knowledge";
import { movePrice, npiFactor, NpiMissingYearError, npiTable, npiYears } from "~/som/npi";
import { parseSomInput } from "~/som/schema";

const npi = npiTable([
  { year: 2020, value: "100" },
  { year: 2022, value: "108.4" },
  { year: 2024, value: "114" },
  { year: 2019, value: "98.9" },
]);

describe("movePrice", () => {
  it("multiplies by NPI(target) / NPI(own year) and keeps öre", () => {
    expect(movePrice(npi, "1100", 2020, 2024)).toBe("1254.00");
    expect(movePrice(npi, "1254", 2024, 2020)).toBe("1100.00");
    // 2500 × 114 / 108.4 = 2629.15129… → 2629.15
    expect(movePrice(npi, "2500", 2022, 2024)).toBe("2629.15");
  });

  it("returns a price already in the target year as written", () => {
    expect(movePrice(npi, "1100.5", 2022, 2022)).toBe("1100.5");
    expect(movePrice(npi, "0", 1999, 1999)).toBe("0"); // no index needed for no move
  });

  it("rounds halves away from zero, in decimal arithmetic", () => {
    const halves = npiTable([{ year: 2000, value: "2" }, { year: 2001, value: "1" }]);
    expect(movePrice(halves, "1.01", 2000, 2001)).toBe("0.51"); // 0.505 exactly
    expect(movePrice(halves, "-1.01", 2000, 2001)).toBe("-0.51");
    // 0.1 × 3 in binary floating point is 0.30000000000000004; here it is exactly 0.3.
    const thirds = npiTable([{ year: 2000, value: "1" }, { year: 2001, value: "3" }]);
    expect(npiFactor(thirds, 2000, 2001).times("0.1").toString()).toBe("0.3");
    expect(movePrice(thirds, "0.005", 2000, 2001)).toBe("0.02"); // 0.015 exactly → 0.02
  });

  it("names the year the table lacks, or holds no usable value for", () => {
    expect(() => movePrice(npi, "100", 2014, 2024)).toThrow(NpiMissingYearError);
    try {
      movePrice(npi, "100", 2020, 2031);
    } catch (e) {
      expect((e as NpiMissingYearError).year).toBe(2031);
    }
    const zero = npiTable([{ year: 2020, value: "0" }, { year: 2021, value: "100" }]);
    expect(() => movePrice(zero, "100", 2020, 2021)).toThrow(/2020/);
  });

  it("lists the years a calculation can choose, ascending", () => {
    expect(npiYears(npi)).toEqual([2019, 2020, 2022, 2024]);
  });
});

describe("draftInputFromKnowledge", () => {
  const estimates = [
    {
      label: "Herberg", consequenceArea: "Sociale serviceydelser", kind: "expenditure" as const, deltas: ["-120", "-90"], unit: "døgn",
      prices: { kommune: "1100", region: "0", stat: "550" }, priceYear: 2020,
    },
    {
      label: "Skat", consequenceArea: "Skatteindtægter", kind: "revenue" as const, deltas: ["0.1"], unit: "",
      prices: { kommune: "62000", region: "0", stat: "41000" }, priceYear: 2024,
    },
  ];

  it("builds a valid calculation with prices moved to the chosen year and the study's rates", () => {
    const input = draftInputFromKnowledge(estimates, { rateWith: "0.12", rateWithout: "0.02" }, npi, {
      priceYear: 2024, citizens: "40", courseLengthYears: 1,
    });
    const checked = parseSomInput(input);
    expect(checked.ok).toBe(true);
    expect(input.successRate).toEqual({ intervention: "0.12", comparison: "0.02" });
    expect(input.cohorts).toEqual([{ startYear: 1, citizens: "40" }]);
    expect(input.consequences[0]).toEqual({
      label: "Herberg (døgn)", area: "Sociale serviceydelser", kind: "expenditure", deltaPerSuccess: ["-120", "-90"],
      prices: { kommune: "1254.00", region: "0.00", stat: "627.00" },
    });
    expect(input.consequences[1].label).toBe("Skat");
    expect(input.consequences[1].prices.kommune).toBe("62000");
    // Year 1, kommune: 40 × 0.1 successes × (120 fewer nights × 1254 kr. + 0.1 more taxpayers × 62000 kr.).
    expect(calculate(input).years[0].byPayer.kommune.budgetEffects).toBe("626720.00");
  });

  it("refuses a price year the index lacks", () => {
    expect(() =>
      draftInputFromKnowledge(estimates, { rateWith: "0.1", rateWithout: "0" }, npi, { priceYear: 2030, citizens: "1", courseLengthYears: 1 }),
    ).toThrow(NpiMissingYearError);
  });
});
