// The portfolio's frame: the list's filters (kept in the URL, carried between the views and into the
// exports), the views as tabs, and the print stylesheet (A4 landscape).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import flowCss from "@xyflow/react/dist/style.css?url";
import { listAgreementYears } from "#db/queries/initiatives";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { STATUSES } from "#workflows/decision";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import portfolioCss from "~/styles/portfolio.css?url";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { filterQuery, parseFilters } from "~/utils/portfolio.server";
import { metaT, useT } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: flowCss }, { rel: "stylesheet", href: portfolioCss }];

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("portfolio.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { page: _page, ...filters } = parseFilters(request);
  return { filters, query: filterQuery(filters), years: await listAgreementYears(db()) };
}

const VIEWS = [
  { to: "/portefolje", key: "portfolio.view.overview", end: true },
  { to: "/portefolje/bilag1", key: "portfolio.view.bilag1", end: false },
  { to: "/portefolje/boble", key: "portfolio.view.bubble", end: false },
  { to: "/portefolje/slaegt", key: "portfolio.view.lineage", end: false },
] as const;

export default function PortfolioLayout() {
  const { filters, query, years } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const value = (name: keyof typeof filters) => (filters[name] === undefined ? "" : String(filters[name]));
  const select = (name: "area" | "phase" | "track" | "status" | "year", label: string, options: { value: string; label: string }[]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`pf-filter-${name}`}>{label}</label>
      <select className="form-select" id={`pf-filter-${name}`} name={name} defaultValue={value(name)}>
        <option value="">{t("list.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <>
      <div className="app-page-head pf-head">
        <div>
          <h1>{t("portfolio.title")}</h1>
          <p>{t("portfolio.intro")}</p>
        </div>
        <ul className="pf-exports" aria-label={t("portfolio.exports")}>
          <li><a href={`/portefolje.xlsx${query}`} download>{t("portfolio.export.xlsx")}</a></li>
          <li><a href={`/portefolje.csv${query}`} download>{t("portfolio.export.csv")}</a></li>
        </ul>
      </div>
      {/* The key re-mounts the form when the URL changes, so its fields show the filters in force. */}
      <Form key={query} method="get" action={location.pathname} className="app-filters pf-filters" role="search" aria-label={t("list.filter")}>
        <div className="form-group">
          <label className="form-label" htmlFor="pf-filter-q">{t("list.search")}</label>
          <input className="form-input" type="search" id="pf-filter-q" name="q" defaultValue={value("q")} />
        </div>
        {select("area", t("list.area"), [{ value: "adults", label: t("area.adults") }, { value: "children", label: t("area.children") }])}
        {select("phase", t("list.phase"), PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) })))}
        {select("track", t("list.track"), [
          { value: "1", label: t("track.1") }, { value: "2", label: t("track.2") }, { value: "none", label: t("track.none") },
        ])}
        {select("status", t("list.status"), STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })))}
        {select("year", t("list.year"), years.map((y) => ({ value: String(y), label: `UIP ${y}` })))}
        <div className="app-actions">
          <button type="submit" className="button button-secondary">{t("list.filter")}</button>
          <Link to={location.pathname}>{t("list.reset")}</Link>
        </div>
      </Form>
      <nav className="pf-tabs" aria-label={t("portfolio.views")}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v.to}><NavLink to={`${v.to}${query}`} end={v.end} className="pf-tab">{t(v.key)}</NavLink></li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
