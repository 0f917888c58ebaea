// The portfolio overview: headline figures (phase × status, area, agreement year, outcome), the funnel
// per area and per agreement cohort, and time in phase. Every logged-in role; filters as on the list.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { funnel, headlineFigures, timeInPhase } from "#db/queries/portfolio";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { memoUntilChange } from "~/utils/memo.server";
import { filterQuery, parseFilters } from "~/utils/portfolio.server";
import { PortfolioOverview } from "./ui";

// Logged-in readers get this page from memory until the database changes (page-cache.server.ts).
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page: _page, ...filters } = parseFilters(request);
  // Aggregates over every matching initiative: computed once per filter until the data changes.
  const [headline, funnelRows, durations] = await memoUntilChange(db(), `portfolio.overview${filterQuery(filters)}`, () => Promise.all([
    headlineFigures(db(), filters), funnel(db(), filters), timeInPhase(db(), filters),
  ]));
  return { query: filterQuery(filters), headline, funnelRows, durations };
}

export default PortfolioOverview;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
