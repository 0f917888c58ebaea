// A first calculation built from the knowledge database: a target group's consequence estimates (prices
// moved to the chosen price year with the net price index) and one effect study's success rates.
// Pure, so the same draft can be previewed in the browser. Costs are left for the user to enter.
import type { SomInput } from "./engine";
import { movePrice, type NpiTable } from "./npi";

export interface KnowledgeEstimate {
  label: string;
  consequenceArea: string;
  kind: "expenditure" | "revenue";
  deltas: string[];
  unit: string;
  prices: { kommune: string; region: string; stat: string };
  priceYear: number;
}

export interface KnowledgeStudy {
  rateWith: string;
  rateWithout: string;
}

export interface DraftOptions {
  priceYear: number;
  /** Citizens starting in year 1 (one cohort); decimal string. */
  citizens: string;
  courseLengthYears: number;
  horizonYears?: number;
}

/** Throws NpiMissingYearError when the index lacks an estimate's price year or the target year. */
export function draftInputFromKnowledge(
  estimates: readonly KnowledgeEstimate[], study: KnowledgeStudy, npi: NpiTable, o: DraftOptions,
): SomInput {
  return {
    horizonYears: o.horizonYears ?? 10,
    discountRate: "0",
    courseLengthYears: o.courseLengthYears,
    cohorts: [{ startYear: 1, citizens: o.citizens }],
    successRate: { intervention: study.rateWith, comparison: study.rateWithout },
    costs: [],
    consequences: estimates.map((e) => ({
      // The unit travels in the label: the engine has no unit field, and "-120" means nothing without "døgn".
      label: e.unit ? `${e.label} (${e.unit})` : e.label,
      area: e.consequenceArea,
      kind: e.kind,
      deltaPerSuccess: [...e.deltas],
      prices: {
        kommune: movePrice(npi, e.prices.kommune, e.priceYear, o.priceYear),
        region: movePrice(npi, e.prices.region, e.priceYear, o.priceYear),
        stat: movePrice(npi, e.prices.stat, e.priceYear, o.priceYear),
      },
    })),
  };
}
