// The portfolio routes' shared server side: the list's filters read from the URL (a bad value is a 400
// naming the parameter, in the reader's language) and the SØM figures the bubble chart plots.
import Decimal from "decimal.js";
import type { BubbleRow, PortfolioFilters } from "#db/queries/portfolio";
import type { BubblePoint } from "~/components/portfolio/bubble-chart";
import { calculateExact } from "~/som/engine";
import { parseSomInput } from "~/som/schema";
import { ListFiltersSchema } from "~/schemas/initiative";
import { badRequest } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";

/** The filter parameters every portfolio view shares with the initiative list. */
export const FILTER_PARAMS = ["q", "area", "phase", "track", "status", "year"] as const;

/** Parses the list's filters (and page) from the request's query; a bad one is 400 naming it. */
export function parseFilters(request: Request): PortfolioFilters & { page?: number } {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = ListFiltersSchema.safeParse(params);
  if (!parsed.success) {
    badRequest(getT(request)("portfolio.badFilter", { param: String(parsed.error.issues[0].path[0] ?? "") }));
  }
  return parsed.data;
}

/** One more query parameter of a view, one of `allowed` (the first is the default); otherwise 400 naming it. */
export function parseChoice<T extends string>(request: Request, name: string, allowed: readonly T[]): T {
  const v = new URL(request.url).searchParams.get(name);
  if (v === null || v === "") return allowed[0];
  if (!(allowed as readonly string[]).includes(v)) badRequest(getT(request)("portfolio.badFilter", { param: name }));
  return v as T;
}

/** Only the filter parameters of a URL, to carry from one view to another and into the exports. */
export function filterQuery(filters: PortfolioFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_PARAMS) {
    const v = filters[k];
    if (v !== undefined && v !== "") p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The SØM figures of each row's chosen calculation, from the exact engine; a calculation it refuses gives none. */
export function bubblePoints(rows: readonly BubbleRow[]): BubblePoint[] {
  return rows.map((r) => {
    let npvPerCitizen: number | null = null;
    let benefitCostRatio: number | null = null;
    if (r.som_input_json) {
      try {
        const parsed = parseSomInput(JSON.parse(r.som_input_json));
        if (parsed.ok) {
          const exact = calculateExact(parsed.value);
          const citizens = parsed.value.cohorts.reduce((s, c) => s.plus(c.citizens), new Decimal(0));
          if (citizens.gt(0)) npvPerCitizen = exact.summary.presentValueNet.div(citizens).toDecimalPlaces(2).toNumber();
          benefitCostRatio = exact.summary.benefitCostRatio?.toDecimalPlaces(4).toNumber() ?? null;
        }
      } catch {
        // A stored calculation the engine cannot compute is shown as missing, not as a 500.
      }
    }
    return {
      id: r.id, title: r.title, phase: r.phase, evidenceLevel: r.evidence_level, budgetKr: r.budget_kr,
      npvPerCitizen, benefitCostRatio, scenario: r.som_scenario,
    };
  });
}
