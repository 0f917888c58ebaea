// The Bilag-1 view: every initiative grouped by area and agreement, with its phase periods on a timeline
// from the first agreement year to today, decisions as marks, and the outcome. Prints on A4 landscape.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countPortfolio, listPortfolioRows, timelineData, type PortfolioRow } from "#db/queries/portfolio";
import { listAgreementYears } from "#db/queries/initiatives";
import { StatusBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { hasDatedPeriod, TimelineAxis, TimelineDefs, TimelineLegend, TimelineRow } from "~/components/portfolio/timeline";
import { formatKroner } from "~/i18n/format";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { memoUntilChange } from "~/utils/memo.server";
import { filterQuery, parseFilters } from "~/utils/portfolio.server";
import { useLang, useT } from "~/utils/i18n";

/** Rows per page: all 42 seeded initiatives on one page, a bounded page on a large portfolio. */
const BILAG1_PAGE_SIZE = 100;

// Logged-in readers get this page from memory until the database changes (page-cache.server.ts).
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page = 1, ...filters } = parseFilters(request);
  const { rows, total, years, timeline } = await memoUntilChange(db(), `portfolio.bilag1.${page}${filterQuery(filters)}`, async () => {
    const [rows, total, years] = await Promise.all([
      listPortfolioRows(db(), filters, { limit: BILAG1_PAGE_SIZE, offset: (page - 1) * BILAG1_PAGE_SIZE }),
      countPortfolio(db(), filters),
      listAgreementYears(db()),
    ]);
    return { rows, total, years, timeline: await timelineData(db(), rows.map((r) => r.id)) };
  });
  const today = new Date().toISOString().slice(0, 10);
  // The axis runs from the first agreement year of the whole programme to today's year, whatever the filters.
  const firstYear = Math.min(years[0] ?? Number(today.slice(0, 4)), ...timeline.periods.flatMap((p) => [p.actual_start, p.planned_start]).filter((d): d is string => !!d).map((d) => Number(d.slice(0, 4))));
  const lastYear = Math.max(Number(today.slice(0, 4)), ...timeline.periods.flatMap((p) => [p.actual_end, p.planned_end]).filter((d): d is string => !!d).map((d) => Number(d.slice(0, 4))));
  return { rows, total, page, pageSize: BILAG1_PAGE_SIZE, timeline, today, firstYear, lastYear };
}

/** Rows by a key (Map.groupBy is Node 21+). */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

type Group = { area: PortfolioRow["area"]; agreements: { label: string; rows: PortfolioRow[] }[] };

function group(rows: readonly PortfolioRow[]): Group[] {
  const out: Group[] = [];
  for (const r of rows) {
    let g = out.find((x) => x.area === r.area);
    if (!g) out.push((g = { area: r.area, agreements: [] }));
    let a = g.agreements.find((x) => x.label === r.agreement_label);
    if (!a) g.agreements.push((a = { label: r.agreement_label, rows: [] }));
    a.rows.push(r);
  }
  return out;
}

export default function Bilag1() {
  const { rows, total, page, pageSize, timeline, today, firstYear, lastYear } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const periodsBy = groupBy(timeline.periods, (p) => p.initiative_id);
  const decisionsBy = groupBy(timeline.decisions, (d) => d.initiative_id);
  const yearsBy = groupBy(timeline.agreements, (a) => a.initiative_id);
  const datedCount = rows.filter((r) => hasDatedPeriod(periodsBy.get(r.id) ?? [])).length;
  return (
    <section className="app-section pf-bilag1" aria-labelledby="pf-bilag1">
      <h2 id="pf-bilag1">{t("portfolio.bilag1.title")}</h2>
      <p>{t("portfolio.bilag1.intro", { from: firstYear, to: lastYear })}</p>
      <p className="app-meta" data-testid="bilag1-summary">{t("portfolio.bilag1.summary", { shown: rows.length, total, dated: datedCount })}</p>
      <TimelineDefs />
      <TimelineLegend />
      {rows.length === 0 ? <p>{t("list.empty")}</p> : null}
      {group(rows).map((g) => (
        <div key={g.area} className="pf-area">
          <h3>{t(`area.${g.area}`)}</h3>
          <div className="app-table-wrap">
            <table className="table table--compact pf-table pf-bilag1-table">
              <caption className="visually-hidden">{t("portfolio.bilag1.caption", { area: t(`area.${g.area}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.col.title")}</th>
                  <th scope="col">{t("list.col.phase")}</th>
                  <th scope="col">{t("list.col.status")}</th>
                  <th scope="col"><span className="visually-hidden">{t("portfolio.bilag1.timeline")}</span><TimelineAxis firstYear={firstYear} lastYear={lastYear} /></th>
                  <th scope="col">{t("portfolio.bilag1.outcome")}</th>
                  <th scope="col">{t("portfolio.bilag1.assessment")}</th>
                </tr>
              </thead>
              {g.agreements.map((a) => (
                <tbody key={a.label}>
                  <tr className="pf-group-row"><th scope="colgroup" colSpan={6}>{a.label}</th></tr>
                  {a.rows.map((r) => (
                    <tr key={r.id} data-testid="bilag1-row" data-initiative-id={r.id} data-dated={hasDatedPeriod(periodsBy.get(r.id) ?? []) ? "yes" : "no"}>
                      <td><Link to={`/initiativer/${r.id}`}>{r.title}</Link>{r.owner_name ? <div className="app-meta">{r.owner_name}</div> : null}
                        {r.budget_kr !== null ? <div className="app-meta">{formatKroner(r.budget_kr, lang)}</div> : null}</td>
                      <td>{t(`phase.${r.phase}`)}</td>
                      <td><StatusBadge status={r.status} /></td>
                      <td className="pf-timeline-cell">
                        <TimelineRow title={r.title} firstYear={firstYear} lastYear={lastYear} today={today}
                          periods={periodsBy.get(r.id) ?? []} decisions={decisionsBy.get(r.id) ?? []} agreementYears={(yearsBy.get(r.id) ?? []).map((y) => y.year)} />
                      </td>
                      <td>{t(`portfolio.outcome.${r.outcome}`)}{r.source_outcome ? <div className="app-meta pf-source" lang="da">{r.source_outcome}</div> : null}</td>
                      <td lang={r.source_assessment ? "da" : undefined}>{r.source_assessment ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </div>
      ))}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
