// The scenarios of one phase side by side (e.g. cautious / expected / optimistic): the key figures of
// each calculation's latest version, calculated here with the same engine as everywhere else.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { listCalculationsForComparison, listCalculationsForInitiative } from "#db/queries/som";
import { PHASE_PERIODS, type PhasePeriod } from "#workflows/phase-model";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDecimal, formatKroner, formatPercent } from "~/i18n/format";
import somCss from "~/components/som/som.css?url";
import { calculate } from "~/som/engine";
import { parseSomInput } from "~/som/schema";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: somCss }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const title = metaT(matches)("som.compare.title");
  return [{ title: data ? `${title}: ${data.initiative.title} · SUSI Tracker` : `${title} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = intParam(params.id);
  const initiative = await getInitiative(db(), id);
  if (!initiative) notFound();
  const all = await listCalculationsForInitiative(db(), id);
  const phasesWithCalculations = PHASE_PERIODS.filter((p) => all.some((c) => c.phase === p));
  const asked = new URL(request.url).searchParams.get("fase");
  // An unknown phase in the query string is a bad link, not an error: show the initiative's current phase.
  const phase: PhasePeriod = PHASE_PERIODS.find((p) => p === asked) ?? initiative.phase;
  const columns = (await listCalculationsForComparison(db(), id, phase)).map(comparisonColumn);
  return { initiative: { id: initiative.id, title: initiative.title }, phase, phases: phasesWithCalculations, columns };
}

/** One scenario's key figures, from its latest version; null figures if the stored input no longer parses. */
function comparisonColumn(c: Awaited<ReturnType<typeof listCalculationsForComparison>>[number]) {
  const parsed = parseSomInput(c.latest.input);
  const base = { id: c.id, title: c.title, scenario: c.scenario, number: c.latest.number, versionId: c.latest.id };
  if (!parsed.ok) return { ...base, figures: null };
  const r = calculate(parsed.value);
  return {
    ...base,
    figures: {
      discountRate: parsed.value.discountRate, horizon: parsed.value.horizonYears, netSuccessRate: r.netSuccessRate,
      costs: r.summary.costs, budgetEffects: r.summary.budgetEffects, net: r.summary.net, presentValueNet: r.summary.presentValueNet,
      benefitCostRatio: r.summary.benefitCostRatio, breakEvenYear: r.summary.breakEvenYear, breakEvenSuccessRate: r.summary.breakEvenSuccessRate,
      priceYear: c.latest.checklist.priceYear ?? null,
    },
  };
}

type Column = ReturnType<typeof useLoaderData<typeof loader>>["columns"][number];
type Figures = NonNullable<Column["figures"]>;

export default function ComparePage() {
  const { initiative, phase, phases, columns } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const rows: { key: string; label: string; value: (f: Figures) => string }[] = [
    { key: "net", label: t("som.result.net"), value: (f) => formatKroner(f.net, lang) },
    { key: "pv", label: t("som.compare.pvNet"), value: (f) => formatKroner(f.presentValueNet, lang) },
    { key: "bcr", label: t("som.result.bcr"), value: (f) => (f.benefitCostRatio === "n/a" ? t("som.result.na") : formatDecimal(f.benefitCostRatio, lang, 2)) },
    { key: "bey", label: t("som.result.breakEvenYear"), value: (f) => (f.breakEvenYear ? t("som.result.yearN", { year: f.breakEvenYear }) : t("som.result.noBreakEven", { horizon: f.horizon })) },
    { key: "ber", label: t("som.result.breakEvenRate"), value: (f) => (f.breakEvenSuccessRate === null ? t("som.result.noBreakEvenRate") : formatPercent(f.breakEvenSuccessRate, lang, 1)) },
    { key: "s", label: t("som.result.netSuccessRate"), value: (f) => formatPercent(f.netSuccessRate, lang, 1) },
    { key: "costs", label: t("som.result.costs"), value: (f) => formatKroner(f.costs, lang) },
    { key: "effects", label: t("som.result.effects"), value: (f) => formatKroner(f.budgetEffects, lang) },
    { key: "r", label: t("som.field.discountRate"), value: (f) => formatPercent(f.discountRate, lang, 2) },
    { key: "h", label: t("som.field.horizonYears"), value: (f) => String(f.horizon) },
    { key: "py", label: t("som.checklist.priceYear"), value: (f) => (f.priceYear === null ? "–" : String(f.priceYear)) },
  ];
  return (
    <>
      <Breadcrumbs items={[{ to: `/initiativer/${initiative.id}`, label: initiative.title }, { label: t("som.compare.title") }]} />
      <h1>{t("som.compare.heading", { phase: t(`phase.${phase}`) })}</h1>
      <p>{t("som.compare.intro")}</p>
      {phases.length > 1 ? (
        <Form method="get" className="app-filters" aria-label={t("som.compare.choosePhase")}>
          <div className="form-group">
            <label className="form-label" htmlFor="fase">{t("som.field.phase")}</label>
            <select className="form-select" id="fase" name="fase" defaultValue={phase}>
              {phases.map((p) => <option key={p} value={p}>{t(`phase.${p}`)}</option>)}
            </select>
          </div>
          <div><button type="submit" className="button button-secondary">{t("common.show")}</button></div>
        </Form>
      ) : null}
      {columns.length === 0 ? (
        <p>{t("som.compare.none", { phase: t(`phase.${phase}`) })}</p>
      ) : (
        <div className="app-table-wrap">
          <table className="table table--compact som-table som-compare" data-testid="som-compare">
            <caption>{t("som.compare.caption", { phase: t(`phase.${phase}`) })}</caption>
            <thead>
              <tr>
                <td />
                {columns.map((c) => (
                  <th key={c.id} scope="col" className="som-num">
                    {t(`som.scenario.${c.scenario}`)}
                    <br />
                    <Link to={`/initiativer/${initiative.id}/som/${c.id}/v/${c.versionId}`}>{c.title}</Link>
                    <br />
                    <span className="app-meta">{t("som.versionN", { n: c.number })}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  {columns.map((c) => <td key={c.id} className="som-num">{c.figures ? r.value(c.figures) : t("som.compare.invalid")}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
