// The audit page: the chain's state and its check, filters, the export links and one page of rows.
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Pagination } from "~/components/pagination";
import { formatDateTime, formatNumber } from "~/i18n";
import { filterQuery } from "~/utils/audit-query";
import { historyActionLabel, historyFields, historySideLines } from "~/utils/history-text";
import { useLang, useT } from "~/utils/i18n";
import type { action, loader } from "./route";

const AGGREGATES = ["initiative", "assessment", "decision", "som", "release", "subscription", "user"] as const;

function ChainState() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const lang = useLang();
  const v = result?.verification;
  const checking = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  let message = t("audit.chain.notChecked");
  let tone = "";
  if (v) {
    const at = formatDateTime(v.checkedAt, lang);
    if (v.ok) {
      message = t("audit.chain.ok", { n: formatNumber(v.rows, lang), at });
      tone = "alert-success";
    } else {
      const reason = t(`audit.reason.${v.reason}`);
      message = v.brokenId === null
        ? t("audit.chain.brokenHead", { reason, at })
        : t("audit.chain.broken", { id: v.brokenId, reason, n: formatNumber(v.rows, lang), at });
      tone = "alert-error";
    }
  }
  return (
    <section aria-labelledby="kaede">
      <h2 id="kaede">{t("audit.chain.heading")}</h2>
      <p>{t("audit.chain.length", { n: formatNumber(d.head.length, lang) })}</p>
      <p>{t("audit.chain.head")}: <code className="app-hash">{d.head.lastHash}</code></p>
      <div role="status" className={tone ? `alert ${tone}` : undefined} data-testid="chain-state">
        <p className={tone ? "alert-text" : undefined}>{message}</p>
      </div>
      <Form method="post">
        <button type="submit" name="intent" value="verify" className="button button-primary" disabled={checking}>{t("audit.chain.verify")}</button>
      </Form>
    </section>
  );
}

function Filters() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const f = d.filters;
  const select = (name: "actor" | "aggregate" | "action", label: string, all: string, options: { value: string; label: string }[]) => (
    <div className="form-group">
      <label className="form-label" htmlFor={`audit-${name}`}>{label}</label>
      <select className="form-select" id={`audit-${name}`} name={name} defaultValue={f[name]}>
        <option value="">{all}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="find">
      <h2 id="find">{t("audit.filter.heading")}</h2>
      <Form key={location.search} method="get" className="app-filters" role="search" aria-labelledby="find">
        {select("actor", t("audit.filter.who"), t("audit.filter.whoAll"), [
          { value: "system", label: t("audit.filter.system") },
          ...d.actors.map((u) => ({ value: String(u.id), label: u.name })),
        ])}
        {select("aggregate", t("audit.filter.aggregate"), t("audit.filter.aggregateAll"), AGGREGATES.map((a) => ({ value: a, label: t(`aggregate.${a}`) })))}
        {select("action", t("audit.filter.action"), t("audit.filter.actionAll"), d.actions.map((a) => ({ value: a, label: historyActionLabel(a, t) })))}
        {(["from", "to"] as const).map((name) => (
          <div className="form-group" key={name}>
            <label className="form-label" htmlFor={`audit-${name}`}>{t(`audit.filter.${name}`)}</label>
            <span className="form-hint" id={`audit-${name}-hint`}>{t("audit.filter.dateHint")}</span>
            <input className="form-input" type="date" id={`audit-${name}`} name={name} defaultValue={f[name]} aria-describedby={`audit-${name}-hint`} />
          </div>
        ))}
        <div className="app-actions">
          <button type="submit" className="button button-secondary">{t("audit.filter.submit")}</button>
          <Link to={location.pathname}>{t("audit.filter.reset")}</Link>
        </div>
      </Form>
    </section>
  );
}

function Rows() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  if (!d.rows.length) return <p>{t("audit.none")}</p>;
  return (
    <div className="app-table-wrap">
      <table className="table table--compact app-history">
        <caption className="visually-hidden">{t("audit.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.col.id")}</th>
            <th scope="col">{t("audit.col.at")}</th>
            <th scope="col">{t("audit.col.who")}</th>
            <th scope="col">{t("audit.col.action")}</th>
            <th scope="col">{t("audit.col.before")}</th>
            <th scope="col">{t("audit.col.after")}</th>
            <th scope="col">{t("audit.col.hash")}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => {
            const fields = historyFields(r, t, d.names);
            return (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{formatDateTime(r.at, lang)}</td>
                <td>{r.actor_name ?? t("hist.empty")}</td>
                <td>
                  {historyActionLabel(r.action, t)}
                  <br />
                  <span className="form-hint">
                    {r.aggregate ? t(`aggregate.${r.aggregate}`) : r.entity}
                    {r.initiative_id !== null ? (
                      <>
                        {" · "}
                        {r.initiative_title !== null ? <Link to={`/initiativer/${r.initiative_id}`}>{r.initiative_title}</Link> : t("hist.number", { n: r.initiative_id })}
                      </>
                    ) : null}
                  </span>
                </td>
                <td><ul className="app-history__fields">{historySideLines(fields, "before", t).map((l, i) => <li key={i}>{l}</li>)}</ul></td>
                <td><ul className="app-history__fields">{historySideLines(fields, "after", t).map((l, i) => <li key={i}>{l}</li>)}</ul></td>
                <td><code className="app-hash" title={r.hash}>{r.hash.slice(0, 12)}…</code></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AuditPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const query = filterQuery(d.filters);
  return (
    <>
      <Breadcrumbs items={[{ to: "/admin/brugere", label: t("nav.users") }, { label: t("audit.title") }]} />
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <ChainState />
      <Filters />
      <section aria-labelledby="eksport">
        <h2 id="eksport">{t("audit.export.heading")}</h2>
        <p>{t("audit.export.intro")}</p>
        <ul>
          <li><a href={`/admin/revision.csv${query}`} download>{t("audit.export.csv")}</a></li>
          <li><a href={`/admin/revision.jsonl${query}`} download>{t("audit.export.jsonl")}</a></li>
        </ul>
      </section>
      <h2 id="raekker">{t("audit.count", { total: formatNumber(d.total, lang) })}</h2>
      <Rows />
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </>
  );
}
