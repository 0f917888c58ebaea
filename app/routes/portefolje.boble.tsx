// The bubble chart of initiatives in trial or later, with the same data as a table beside it. The chart
// draws every placed initiative; the table pages by 100 rows (a large portfolio has thousands in trial).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { bubbleRows } from "#db/queries/portfolio";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { BubbleChart, isPlaced, type BubbleY } from "~/components/portfolio/bubble-chart";
import { formatNumber } from "~/i18n";
import { formatKroner } from "~/i18n/format";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { memoUntilChange } from "~/utils/memo.server";
import { bubblePoints, filterQuery, parseChoice, parseFilters } from "~/utils/portfolio.server";
import { useLang, useT } from "~/utils/i18n";

const Y_CHOICES = ["npv", "bcr"] as const satisfies readonly BubbleY[];
const TABLE_PAGE_SIZE = 100;

// Logged-in readers get this page from memory until the database changes (page-cache.server.ts).
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page = 1, ...filters } = parseFilters(request);
  const y = parseChoice(request, "y", Y_CHOICES);
  const all = await memoUntilChange(db(), `portfolio.bubble${filterQuery(filters)}`, async () => bubblePoints(await bubbleRows(db(), filters)));
  return {
    // The table's page, and the chart's placed points; the page carries nothing else of the rest.
    points: all.slice((page - 1) * TABLE_PAGE_SIZE, page * TABLE_PAGE_SIZE),
    placed: all.filter((p) => isPlaced(p, y)),
    total: all.length, page, pageSize: TABLE_PAGE_SIZE, y, query: filterQuery(filters),
  };
}

export default function BubbleView() {
  const { points, placed, total, page, pageSize, y, query } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const yHref = (v: BubbleY) => {
    const p = new URLSearchParams(query.slice(1));
    p.set("y", v);
    return `?${p.toString()}`;
  };
  const missing = (p: (typeof points)[number]) => {
    const reasons: string[] = [];
    if (p.evidenceLevel === null) reasons.push(t("portfolio.bubble.noAssessment"));
    if ((y === "npv" ? p.npvPerCitizen : p.benefitCostRatio) === null) reasons.push(t("portfolio.bubble.noSom"));
    return reasons.join(" ");
  };
  return (
    <section className="app-section" aria-labelledby="pf-bubble">
      <h2 id="pf-bubble">{t("portfolio.bubble.title")}</h2>
      <p>{t("portfolio.bubble.intro")}</p>
      <nav className="app-actions" aria-label={t("portfolio.bubble.yChoice")}>
        <span>{t("portfolio.bubble.yChoice")}:</span>
        {Y_CHOICES.map((v) => (
          <Link key={v} to={yHref(v)} aria-current={v === y ? "true" : undefined} className={v === y ? "pf-choice pf-choice--current" : "pf-choice"}>
            {v === "npv" ? t("portfolio.bubble.yNpv") : t("portfolio.bubble.yBcr")}
          </Link>
        ))}
      </nav>
      <p className="app-meta" data-testid="bubble-summary">{t("portfolio.bubble.summary", { placed: placed.length, total })}</p>
      <div className="pf-bubble-layout">
        <div>{placed.length ? <BubbleChart points={placed} y={y} /> : <p>{t("portfolio.bubble.nonePlaced")}</p>}</div>
        <div className="app-table-wrap">
          <table className="table table--compact pf-table">
            <caption>{t("portfolio.bubble.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.col.title")}</th>
                <th scope="col">{t("list.col.phase")}</th>
                <th scope="col">{t("portfolio.bubble.x")}</th>
                <th scope="col">{t("portfolio.bubble.yNpv")}</th>
                <th scope="col">{t("portfolio.bubble.yBcr")}</th>
                <th scope="col">{t("portfolio.budget")}</th>
                <th scope="col">{t("portfolio.bubble.onChart")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/initiativer/${p.id}`}>{p.title}</Link></td>
                  <td>{t(`phase.${p.phase}`)}</td>
                  <td>{p.evidenceLevel ? t(`evidence.${p.evidenceLevel}`) : "–"}</td>
                  <td className="pf-num">{p.npvPerCitizen === null ? "–" : formatKroner(p.npvPerCitizen, lang)}</td>
                  <td className="pf-num">{p.benefitCostRatio === null ? "–" : formatNumber(p.benefitCostRatio, lang, 2)}</td>
                  <td className="pf-num">{p.budgetKr === null ? t("portfolio.budgetUnknown") : formatKroner(p.budgetKr, lang)}</td>
                  <td>{isPlaced(p, y) ? t("portfolio.yes") : missing(p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageSize={pageSize} total={total} />
        </div>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
