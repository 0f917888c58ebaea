// The portfolio overview: headline figures (phase × status, area, agreement year, outcome), the funnel
// per area and per agreement cohort, and time in phase.
import { Link, useLoaderData } from "@remix-run/react";
import { NOT_CARRIED_ON, OUTCOME_KINDS, sumFunnel, type FunnelRow } from "#db/queries/portfolio-shared";
import { PHASE_PERIODS, PHASES } from "#workflows/phase-model";
import { STATUSES } from "#workflows/decision";
import { DurationChart, FunnelChart, HorizontalBars } from "~/components/portfolio/overview-charts";
import { PHASE_COLOURS } from "~/components/portfolio/phase-colours";
import { formatNumber } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import type { loader } from "./route";

function FunnelTable({ caption, rows, label }: { caption: string; rows: { key: string; label: string; sums: Pick<FunnelRow, "entered" | "passed"> }[]; label: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="app-table-wrap">
      <table className="table table--compact pf-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            {PHASES.map((p, k) => [
              k > 0 ? <th key={`g${k}`} scope="col">{t(`portfolio.gate.${k}`)}</th> : null,
              <th key={p} scope="col">{t("portfolio.funnel.entered", { phase: t(`phase.${p}`) })}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {PHASES.map((p, k) => [
                k > 0 ? <td key={`g${k}`} className="pf-num">{formatNumber(r.sums.passed[k - 1], lang)}</td> : null,
                <td key={p} className="pf-num">{formatNumber(r.sums.entered[p], lang)}</td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PortfolioOverview() {
  const { query, headline, funnelRows, durations } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const cell = (phase: string, status?: string) =>
    headline.byPhaseStatus.filter((r) => r.phase === phase && (!status || r.status === status)).reduce((s, r) => s + r.n, 0);
  const listHref = (extra: Record<string, string>) => {
    const p = new URLSearchParams(query.slice(1));
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `/initiativer?${p.toString()}`;
  };
  const byStatus = (s: string) => headline.byPhaseStatus.filter((r) => r.status === s).reduce((sum, r) => sum + r.n, 0);
  const outcomes = new Map(headline.byOutcome.map((o) => [o.outcome, o.n]));
  const notCarried = NOT_CARRIED_ON.filter((o) => outcomes.get(o));
  const areas = ["adults", "children"] as const;
  const cohorts = [...new Set(funnelRows.map((r) => r.cohort))].sort((a, b) => (a ?? 0) - (b ?? 0));
  const total = sumFunnel(funnelRows);
  return (
    <>
      <section className="app-section" aria-labelledby="pf-headline">
        <h2 id="pf-headline">{t("portfolio.headline.title")}</h2>
        <p className="pf-total" role="status"><strong data-testid="portfolio-total">{headline.total === 1 ? t("list.countOne") : t("list.count", { count: n(headline.total) })}</strong></p>
        <div className="pf-grid">
          <div>
            <HorizontalBars testId="phase-chart" label={t("portfolio.headline.byPhase")} bars={PHASE_PERIODS.map((p) => ({ key: p, label: t(`phase.${p}`), value: cell(p), colour: PHASE_COLOURS[p] }))} />
          </div>
          <div className="app-table-wrap">
            <table className="table table--compact pf-table">
              <caption>{t("portfolio.headline.phaseStatus")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.col.phase")}</th>
                  {STATUSES.map((s) => <th key={s} scope="col">{t(`status.${s}`)}</th>)}
                  <th scope="col">{t("portfolio.total")}</th>
                </tr>
              </thead>
              <tbody>
                {PHASE_PERIODS.map((p) => (
                  <tr key={p}>
                    <th scope="row">{t(`phase.${p}`)}</th>
                    {STATUSES.map((s) => <td key={s} className="pf-num">{cell(p, s) ? <Link to={listHref({ phase: p, status: s })}>{n(cell(p, s))}</Link> : n(0)}</td>)}
                    <td className="pf-num"><Link to={listHref({ phase: p })} data-testid={`phase-count-${p}`} aria-label={t("portfolio.headline.phaseLink", { phase: t(`phase.${p}`), count: cell(p) })}>{n(cell(p))}</Link></td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("portfolio.total")}</th>
                  {STATUSES.map((s) => <td key={s} className="pf-num">{n(byStatus(s))}</td>)}
                  <td className="pf-num">{n(headline.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
        <div className="pf-grid">
          <div className="app-table-wrap">
            <table className="table table--compact pf-table">
              <caption>{t("portfolio.headline.byArea")}</caption>
              <thead><tr><th scope="col">{t("list.col.area")}</th><th scope="col">{t("portfolio.count")}</th></tr></thead>
              <tbody>
                {areas.map((a) => (
                  <tr key={a}><th scope="row">{t(`area.${a}`)}</th><td className="pf-num">{n(headline.byArea.find((r) => r.area === a)?.n ?? 0)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="app-table-wrap">
            <table className="table table--compact pf-table">
              <caption>{t("portfolio.headline.byYear")}</caption>
              <thead><tr><th scope="col">{t("list.col.agreement")}</th><th scope="col">{t("portfolio.count")}</th></tr></thead>
              <tbody>
                {headline.byYear.map((r) => (
                  <tr key={r.year}><th scope="row">UIP {r.year}</th><td className="pf-num">{n(r.n)}</td></tr>
                ))}
              </tbody>
            </table>
            <p className="app-meta">{t("portfolio.headline.byYearNote")}</p>
          </div>
        </div>
        <h3>{t("portfolio.outcome.title")}</h3>
        <p className="app-meta">{t("portfolio.outcome.source")}</p>
        <div className="pf-grid">
          <div className="app-table-wrap">
            <table className="table table--compact pf-table">
              <caption>{t("portfolio.outcome.notCarried")}</caption>
              <thead><tr><th scope="col">{t("portfolio.outcome.reason")}</th><th scope="col">{t("portfolio.count")}</th></tr></thead>
              <tbody>
                {notCarried.length ? notCarried.map((o) => (
                  <tr key={o}><th scope="row">{t(`portfolio.outcome.${o}`)}</th><td className="pf-num">{n(outcomes.get(o) ?? 0)}</td></tr>
                )) : <tr><td colSpan={2}>{t("portfolio.outcome.none")}</td></tr>}
              </tbody>
            </table>
          </div>
          <div className="app-table-wrap">
            <table className="table table--compact pf-table">
              <caption>{t("portfolio.outcome.all")}</caption>
              <thead><tr><th scope="col">{t("portfolio.outcome.kind")}</th><th scope="col">{t("portfolio.count")}</th></tr></thead>
              <tbody>
                {OUTCOME_KINDS.filter((o) => outcomes.get(o)).map((o) => (
                  <tr key={o}><th scope="row">{t(`portfolio.outcome.${o}`)}</th><td className="pf-num">{n(outcomes.get(o) ?? 0)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section className="app-section" aria-labelledby="pf-funnel">
        <h2 id="pf-funnel">{t("portfolio.funnel.title")}</h2>
        <p className="app-meta">{t("portfolio.funnel.intro")}</p>
        <FunnelChart entered={total.entered} passed={total.passed} />
        <FunnelTable caption={t("portfolio.funnel.byArea")} label={t("list.col.area")}
          rows={areas.filter((a) => funnelRows.some((r) => r.area === a)).map((a) => ({ key: a, label: t(`area.${a}`), sums: sumFunnel(funnelRows.filter((r) => r.area === a)) }))} />
        <FunnelTable caption={t("portfolio.funnel.byCohort")} label={t("portfolio.cohort")}
          rows={cohorts.map((c) => ({ key: String(c), label: c === null ? "–" : `UIP ${c}`, sums: sumFunnel(funnelRows.filter((r) => r.cohort === c)) }))} />
      </section>

      <section className="app-section" aria-labelledby="pf-duration">
        <h2 id="pf-duration">{t("portfolio.duration.title")}</h2>
        <p className="app-meta">{t("portfolio.duration.intro")}</p>
        {durations.some((d) => d.n > 0) ? <DurationChart rows={durations} /> : <p>{t("portfolio.duration.none")}</p>}
        <div className="app-table-wrap">
          <table className="table table--compact pf-table">
            <caption>{t("portfolio.duration.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.col.phase")}</th>
                <th scope="col">{t("portfolio.duration.n")}</th>
                <th scope="col">{t("portfolio.duration.median")}</th>
                <th scope="col">{t("portfolio.duration.p25")}</th>
                <th scope="col">{t("portfolio.duration.p75")}</th>
                <th scope="col">{t("portfolio.duration.min")}</th>
                <th scope="col">{t("portfolio.duration.max")}</th>
                <th scope="col">{t("portfolio.duration.ongoing")}</th>
              </tr>
            </thead>
            <tbody>
              {durations.map((d) => (
                <tr key={d.phase}>
                  <th scope="row">{t(`phase.${d.phase}`)}</th>
                  <td className="pf-num">{n(d.n)}</td>
                  {[d.median, d.p25, d.p75, d.min, d.max].map((v, k) => <td key={k} className="pf-num">{v === null ? "–" : formatNumber(v, lang, v % 1 ? 1 : 0)}</td>)}
                  <td className="pf-num">{n(d.ongoing)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
