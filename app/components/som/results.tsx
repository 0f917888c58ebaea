// The results of one SØM calculation as an economist reads them: key figures, net result per year and
// payer (with the cumulative and, when discounted, the present value), costs and budget effects per year,
// the charts, and the plain-language "Sådan er der regnet". Presentational; the result comes from
// `calculate` in the browser (live) or in a loader (read-only pages).
import type { SomChecklist } from "#db/queries/som";
import { explainCalculation, PAYERS, type SomInput, type SomPayerAmounts, type SomResult } from "~/som/engine";
import type { SomSpreads } from "~/som/montecarlo";
import { useLang, useT } from "~/utils/i18n";
import { AreaChart, CumulativeNetChart } from "./charts";
import { formatDecimal, formatKroner, formatPercent } from "~/i18n/format";

function isDiscounted(input: SomInput) {
  return Number(input.discountRate) !== 0;
}

/** The figures a steering group asks for first. */
export function KeyFigures({ input, result, compact = false }: { input: SomInput; result: SomResult; compact?: boolean }) {
  const t = useT();
  const lang = useLang();
  const s = result.summary;
  const discounted = isDiscounted(input);
  return (
    <>
    {input.costs.length === 0 ? <MissingCostsNotice /> : null}
    <dl className={`app-dl som-keyfigures${compact ? " som-keyfigures--compact" : ""}`} data-testid="som-key-figures">
      <dt>{t("som.result.net")}</dt>
      <dd data-testid="som-net"><strong>{formatKroner(s.net, lang)}</strong></dd>
      <dt>{discounted ? t("som.result.pvNet", { rate: formatPercent(input.discountRate, lang, 2) }) : t("som.result.pvNetUndiscounted")}</dt>
      <dd data-testid="som-pv-net">{formatKroner(s.presentValueNet, lang)}</dd>
      <dt>{t("som.result.bcr")}</dt>
      <dd>{s.benefitCostRatio === "n/a" ? t("som.result.na") : formatDecimal(s.benefitCostRatio, lang, 2)}</dd>
      <dt>{t("som.result.breakEvenYear")}</dt>
      <dd>{s.breakEvenYear ? t("som.result.yearN", { year: s.breakEvenYear }) : t("som.result.noBreakEven", { horizon: input.horizonYears })}</dd>
      <dt>{t("som.result.breakEvenRate")}</dt>
      <dd>{s.breakEvenSuccessRate === null ? t("som.result.noBreakEvenRate") : formatPercent(s.breakEvenSuccessRate, lang, 1)}</dd>
      {compact ? null : (
        <>
          <dt>{t("som.result.netSuccessRate")}</dt>
          <dd>{formatPercent(result.netSuccessRate, lang, 1)}</dd>
          <dt>{t("som.result.costs")}</dt>
          <dd>{formatKroner(s.costs, lang)}</dd>
          <dt>{t("som.result.effects")}</dt>
          <dd>{formatKroner(s.budgetEffects, lang)}</dd>
        </>
      )}
    </dl>
    </>
  );
}

/**
 * A calculation without costs (as one started from a target group's knowledge opens) shows only budget
 * effects, so its "net result" is positive by construction: say so plainly beside the figures.
 */
export function MissingCostsNotice() {
  const t = useT();
  return (
    <div className="alert alert-warning" role="note" data-testid="som-no-costs">
      <div className="alert-body">
        <p className="alert-heading">{t("som.noCosts.heading")}</p>
        <p className="alert-text">{t("som.noCosts.text")}</p>
      </div>
    </div>
  );
}

/** Totals over the horizon per payer. */
export function PayerTable({ result }: { result: SomResult }) {
  const t = useT();
  return (
    <AmountsTable
      caption={t("som.table.payers.caption")} rowHeader={t("som.table.payer")}
      rows={PAYERS.map((p) => ({ key: p, label: t(`som.payer.${p}`), amounts: result.byPayer[p] }))}
      total={{ label: t("som.payer.total"), amounts: result.summary }}
    />
  );
}

/** Net result per year and payer, with the cumulative net (and the discounted figures when r > 0). */
export function YearTable({ input, result }: { input: SomInput; result: SomResult }) {
  const t = useT();
  const lang = useLang();
  const discounted = isDiscounted(input);
  return (
    <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("som.table.years.caption")}>
      <table className="table table--compact som-table" data-testid="som-year-table">
        <caption>{t("som.table.years.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("som.table.year")}</th>
            {PAYERS.map((p) => <th key={p} scope="col" className="som-num">{t(`som.payer.${p}`)}</th>)}
            <th scope="col" className="som-num">{t("som.table.netTotal")}</th>
            <th scope="col" className="som-num">{t("som.table.cumulative")}</th>
            {discounted ? (
              <>
                <th scope="col" className="som-num">{t("som.table.discounted")}</th>
                <th scope="col" className="som-num">{t("som.table.cumulativeDiscounted")}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {result.years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              {PAYERS.map((p) => <td key={p} className="som-num">{formatKroner(y.byPayer[p].net, lang)}</td>)}
              <td className="som-num">{formatKroner(y.net, lang)}</td>
              <td className="som-num">{formatKroner(y.cumulativeNet, lang)}</td>
              {discounted ? (
                <>
                  <td className="som-num">{formatKroner(y.discountedNet, lang)}</td>
                  <td className="som-num">{formatKroner(y.cumulativeDiscountedNet, lang)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Costs and budget effects per year (all payers), the two sides of the net result. */
export function CostEffectTable({ result }: { result: SomResult }) {
  const t = useT();
  return (
    <AmountsTable
      caption={t("som.table.costEffect.caption")} rowHeader={t("som.table.year")}
      rows={result.years.map((y) => ({ key: y.year, label: y.year, amounts: y }))}
    />
  );
}

type AmountsRow = { label: string | number; amounts: SomPayerAmounts };

/** Costs, budget effects and net side by side, one row per payer or year, with an optional total row. */
function AmountsTable({ caption, rowHeader, rows, total }: {
  caption: string;
  rowHeader: string;
  rows: (AmountsRow & { key: string | number })[];
  total?: AmountsRow;
}) {
  const t = useT();
  return (
    <div className="app-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table--compact som-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            <th scope="col" className="som-num">{t("som.table.costs")}</th>
            <th scope="col" className="som-num">{t("som.table.effects")}</th>
            <th scope="col" className="som-num">{t("som.table.net")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, ...row }) => <AmountsTableRow key={key} {...row} />)}
        </tbody>
        {total ? (
          <tfoot>
            <AmountsTableRow {...total} />
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function AmountsTableRow({ label, amounts }: AmountsRow) {
  const lang = useLang();
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="som-num">{formatKroner(amounts.costs, lang)}</td>
      <td className="som-num">{formatKroner(amounts.budgetEffects, lang)}</td>
      <td className="som-num">{formatKroner(amounts.net, lang)}</td>
    </tr>
  );
}

/** Budget effects by area, as a table beside the bar chart. */
export function AreaTable({ result }: { result: SomResult }) {
  const t = useT();
  const lang = useLang();
  if (!result.byArea.length) return null;
  return (
    <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("som.table.areas.caption")}>
      <table className="table table--compact som-table">
        <caption>{t("som.table.areas.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("som.table.area")}</th>
            <th scope="col" className="som-num">{t("som.table.effects")}</th>
          </tr>
        </thead>
        <tbody>
          {result.byArea.map((a) => (
            <tr key={a.area}>
              <th scope="row">{a.area}</th>
              <td className="som-num">{formatKroner(a.budgetEffects, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Sådan er der regnet": the engine's notes for this calculation, in the reader's language. */
export function Explanation({ input }: { input: SomInput }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="som-explanation" aria-labelledby="som-explanation">
      <h3 id="som-explanation">{t("som.explain.title")}</h3>
      <ul>
        {explainCalculation(input).map((n) => <li key={n.id}>{n[lang]}</li>)}
      </ul>
    </section>
  );
}

/** Everything below the key figures: charts, tables and the explanation. */
export function ResultDetails({ input, result }: { input: SomInput; result: SomResult }) {
  const t = useT();
  return (
    <>
      <h3>{t("som.result.chartsTitle")}</h3>
      <CumulativeNetChart result={result} />
      <YearTable input={input} result={result} />
      <PayerTable result={result} />
      <CostEffectTable result={result} />
      {result.byArea.length ? (
        <>
          <h3>{t("som.result.areasTitle")}</h3>
          <AreaChart byArea={result.byArea} />
          <AreaTable result={result} />
        </>
      ) : null}
      <Explanation input={input} />
    </>
  );
}

/** The assumption checklist as saved with a version. */
export function ChecklistView({ checklist }: { checklist: SomChecklist }) {
  const t = useT();
  return (
    <dl className="app-dl">
      <dt>{t("som.checklist.targetGroupMatch")}</dt>
      <dd>{t(`som.match.${checklist.targetGroupMatch}`)}{checklist.targetGroupNote ? ` – ${checklist.targetGroupNote}` : ""}</dd>
      <dt>{t("som.checklist.effectMeasureMatch")}</dt>
      <dd>{t(`som.match.${checklist.effectMeasureMatch}`)}{checklist.effectMeasureNote ? ` – ${checklist.effectMeasureNote}` : ""}</dd>
      <dt>{t("som.checklist.effectSource")}</dt>
      <dd className="app-prewrap">{checklist.effectSource}</dd>
      <dt>{t("som.checklist.priceYear")}</dt>
      <dd>{checklist.priceYear}</dd>
    </dl>
  );
}

export function SpreadsView({ spreads }: { spreads: SomSpreads | null }) {
  const t = useT();
  const lang = useLang();
  if (!spreads) return <p>{t("som.spreads.none")}</p>;
  return (
    <dl className="app-dl">
      <dt>{t("som.spreads.successRate")}</dt><dd>± {formatDecimal(Number(spreads.successRate) * 100, lang, 1)} {t("som.unit.points")}</dd>
      <dt>{t("som.spreads.consequenceDeltas")}</dt><dd>± {formatPercent(spreads.consequenceDeltas, lang, 0)}</dd>
      <dt>{t("som.spreads.prices")}</dt><dd>± {formatPercent(spreads.prices, lang, 0)}</dd>
      <dt>{t("som.spreads.costs")}</dt><dd>± {formatPercent(spreads.costs, lang, 0)}</dd>
    </dl>
  );
}

/** The calculation's input as tables, for the read-only version page. */
export function InputSummary({ input }: { input: SomInput }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <dl className="app-dl">
        <dt>{t("som.field.horizonYears")}</dt><dd>{input.horizonYears}</dd>
        <dt>{t("som.field.courseLengthYears")}</dt><dd>{input.courseLengthYears}</dd>
        <dt>{t("som.field.discountRate")}</dt><dd>{formatPercent(input.discountRate, lang, 2)}</dd>
        <dt>{t("som.field.intervention")}</dt><dd>{formatPercent(input.successRate.intervention, lang, 1)}</dd>
        <dt>{t("som.field.comparison")}</dt><dd>{formatPercent(input.successRate.comparison, lang, 1)}</dd>
      </dl>
      <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("som.section.cohorts")}>
        <table className="table table--compact som-table">
          <caption>{t("som.section.cohorts")}</caption>
          <thead><tr><th scope="col">{t("som.field.startYear")}</th><th scope="col" className="som-num">{t("som.field.citizens")}</th></tr></thead>
          <tbody>
            {input.cohorts.map((c, i) => (
              <tr key={i}><td>{c.startYear}</td><td className="som-num">{formatDecimal(c.citizens, lang, Number(c.citizens) % 1 === 0 ? 0 : 2)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {input.costs.length ? (
        <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("som.section.costs")}>
          <table className="table table--compact som-table">
            <caption>{t("som.section.costs")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("som.field.label")}</th><th scope="col">{t("som.field.payer")}</th>
                <th scope="col">{t("som.field.costType")}</th><th scope="col">{t("som.field.when")}</th>
                <th scope="col" className="som-num">{t("som.field.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {input.costs.map((c, i) => (
                <tr key={i}>
                  <td>{c.label}{c.offsetKind ? ` (${t(`som.offset.${c.offsetKind}`)})` : c.amount.startsWith("-") ? ` (${t("som.offset.unspecified")})` : ""}</td>
                  <td>{t(`som.payer.${c.payer}`)}</td>
                  <td>{t(`som.costType.${c.type}`)}</td>
                  <td>{c.type === "oneOff" ? t("som.result.yearN", { year: c.year }) : c.type === "annual" ? t("som.field.yearRange", { from: c.fromYear, to: c.toYear }) : t("som.field.everyCourseYear")}</td>
                  <td className="som-num">{formatKroner(c.amount, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {input.consequences.length ? (
        <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("som.section.consequences")}>
          <table className="table table--compact som-table">
            <caption>{t("som.section.consequences")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("som.field.label")}</th><th scope="col">{t("som.field.area")}</th><th scope="col">{t("som.field.kind")}</th>
                <th scope="col">{t("som.field.deltaPerSuccess")}</th>
                {PAYERS.map((p) => <th key={p} scope="col" className="som-num">{t("som.field.priceFor", { payer: t(`som.payer.${p}`) })}</th>)}
              </tr>
            </thead>
            <tbody>
              {input.consequences.map((c, i) => (
                <tr key={i}>
                  <td>{c.label}</td><td>{c.area}</td><td>{t(`som.kind.${c.kind}`)}</td>
                  <td>{c.deltaPerSuccess.map((d) => formatDecimal(d, lang, d.includes(".") ? Math.min(4, d.split(".")[1].length) : 0)).join("; ")}</td>
                  {PAYERS.map((p) => <td key={p} className="som-num">{formatKroner(c.prices[p], lang)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
