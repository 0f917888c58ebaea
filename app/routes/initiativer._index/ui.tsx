// The list's markup: the filter form (a plain GET form, so it works without JavaScript), the count, the
// table and paging.
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { STATUSES } from "#workflows/decision";
import { Pagination } from "~/components/pagination";
import { StatusBadge } from "~/components/badges";
import { can } from "~/utils/permissions";
import { useT, useUser } from "~/utils/i18n";
import type { loader } from "./route";

export function InitiativeListPage() {
  const { rows, total, page, pageSize, years } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const user = useUser();
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`filter-${name}`}>{label}</label>
      <select className="form-select" id={`filter-${name}`} name={name} defaultValue={params.get(name) ?? ""}>
        <option value="">{t("list.all")}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <>
      <div className="app-page-head">
        <div>
          <h1>{t("list.title")}</h1>
          <p>{t("list.intro")}</p>
        </div>
        {can(user, "initiative.create") ? (
          <Link to="/initiativer/ny" className="button button-primary">{t("list.new")}</Link>
        ) : null}
      </div>
      <Form method="get" className="app-filters" role="search" aria-label={t("list.filter")}>
        <div className="form-group">
          <label className="form-label" htmlFor="filter-q">{t("list.search")}</label>
          <input className="form-input" type="search" id="filter-q" name="q" defaultValue={params.get("q") ?? ""} />
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
          <Link to="/initiativer">{t("list.reset")}</Link>
        </div>
      </Form>
      <p role="status" aria-live="polite"><strong>{total === 1 ? t("list.countOne") : t("list.count", { count: total })}</strong></p>
      {rows.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">{t("list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.col.title")}</th>
                <th scope="col">{t("list.col.area")}</th>
                <th scope="col">{t("list.col.phase")}</th>
                <th scope="col">{t("list.col.track")}</th>
                <th scope="col">{t("list.col.status")}</th>
                <th scope="col">{t("list.col.agreement")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/initiativer/${r.id}`}>{r.title}</Link></td>
                  <td>{t(`area.${r.area}`)}</td>
                  <td>{t(`phase.${r.phase}`)}</td>
                  <td>{r.track ? t(`track.${r.track}`) : "–"}</td>
                  <td><StatusBadge status={r.status} /></td>
                  <td>{r.agreement_label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
