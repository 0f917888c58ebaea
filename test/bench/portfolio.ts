// Portfolio cases for `npm run bench` (registered in run.ts): each view of /portefolje on the
// 10,000-initiative database, unfiltered and filtered, against the same 100 ms median target as the list.
// The expected content comes from the query functions the routes call, so a fast error page cannot pass.
import type { Db } from "../../db/client";
import { countPortfolio, headlineFigures, lineage } from "../../db/queries/portfolio";

export interface PortfolioBenchCase {
  name: string;
  path: string;
  check: (html: string) => void;
}

function expectIn(html: string, fragment: string, what: string) {
  if (!html.includes(fragment)) throw new Error(`the response does not contain ${what} (${fragment})`);
}

export async function portfolioBenchCases(db: Db): Promise<PortfolioBenchCase[]> {
  const total = await countPortfolio(db, {});
  const adultsTrial = await headlineFigures(db, { area: "adults", phase: "trial" });
  const graph = await lineage(db, { year: 2024 });
  const n = (v: number) => v.toLocaleString("da-DK");
  return [
    {
      name: `portfolio overview (${total.toLocaleString("en")} initiatives)`,
      path: "/portefolje",
      check: (html) => expectIn(html, `data-testid="portfolio-total">${n(total)} initiativer<`, "the total"),
    },
    {
      name: `portfolio overview, area+phase (${adultsTrial.total.toLocaleString("en")})`,
      path: "/portefolje?area=adults&phase=trial",
      check: (html) => expectIn(html, `data-testid="portfolio-total">${n(adultsTrial.total)} initiativer<`, "the filtered total"),
    },
    {
      name: "portfolio Bilag 1, page 1",
      path: "/portefolje/bilag1",
      check: (html) => {
        const rows = html.match(/data-testid="bilag1-row"/g)?.length ?? 0;
        if (rows !== Math.min(100, total)) throw new Error(`expected ${Math.min(100, total)} rows, found ${rows}`);
      },
    },
    {
      name: "portfolio bubble chart",
      path: "/portefolje/boble",
      check: (html) => expectIn(html, 'data-testid="bubble-summary"', "the bubble summary"),
    },
    {
      name: `portfolio lineage, UIP 2024 (${graph.edges.length} links)`,
      path: "/portefolje/slaegt?year=2024",
      check: (html) => {
        const items = (html.match(/<li>/g) ?? []).length;
        if (graph.edges.length && items < graph.edges.length) throw new Error(`expected ${graph.edges.length} listed links, found ${items}`);
      },
    },
  ];
}
