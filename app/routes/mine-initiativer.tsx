// "Mine initiativer": a program manager's home. The initiatives they own or assess, and what is due:
// draft assessments, open conditions and phase periods ending (or past their planned end).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myInitiatives } from "#db/queries/portfolio";
import { StatusBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableSection } from "~/components/table-section";
import { formatDate } from "~/i18n";
import { formatKroner } from "~/i18n/format";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaT, useLang, useT } from "~/utils/i18n";

/** Phase periods whose planned end falls within this many days are "ending". */
const ENDING_WITHIN_DAYS = 60;

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("mine.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = new Date().toISOString().slice(0, 10);
  return { ...(await myInitiatives(db(), user.id, today, ENDING_WITHIN_DAYS)), today };
}

export default function MyInitiatives() {
  const { initiatives, drafts, conditions, periods } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const due = drafts.length + conditions.length + periods.length;
  return (
    <>
      <div className="app-page-head">
        <div>
          <h1>{t("mine.title")}</h1>
          <p>{t("mine.intro")}</p>
        </div>
        <p><Link to="/portefolje">{t("mine.portfolioLink")}</Link></p>
      </div>
      <section className="app-section" aria-labelledby="mine-due">
        <h2 id="mine-due">{t("mine.due.title")}</h2>
        {due === 0 ? <p>{t("mine.due.none")}</p> : null}
        {drafts.length ? (
          <>
            <h3>{t("mine.due.drafts", { count: drafts.length })}</h3>
            <ul data-testid="mine-drafts">
              {drafts.map((d) => (
                <li key={d.id}>
                  <Link to={`/initiativer/${d.initiative_id}/vurdering/${d.id}`}>{d.title}</Link>{" "}
                  <span className="app-meta">{t("mine.due.draftSpan", { from: t(`phase.${d.from_phase}`), to: t(`phase.${d.to_phase}`), date: formatDate(d.created_at, lang) })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {conditions.length ? (
          <>
            <h3>{t("mine.due.conditions", { count: conditions.length })}</h3>
            <ul data-testid="mine-conditions">
              {conditions.map((c) => (
                <li key={c.id}>
                  <Link to={`/initiativer/${c.initiative_id}#beslutninger`}>{c.title}</Link>: {c.text}{" "}
                  <span className={c.overdue ? "pf-overdue" : "app-meta"}>
                    {t(c.overdue ? "mine.due.overdue" : "mine.due.dueBy", { date: formatDate(c.due_date, lang) })} · {c.owner}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {periods.length ? (
          <>
            <h3>{t("mine.due.periods", { count: periods.length, days: ENDING_WITHIN_DAYS })}</h3>
            <ul data-testid="mine-periods">
              {periods.map((p) => (
                <li key={p.id}>
                  <Link to={`/initiativer/${p.initiative_id}/perioder`}>{p.title}</Link>{" "}
                  <span className={p.overdue ? "pf-overdue" : "app-meta"}>
                    {t(p.overdue ? "mine.due.periodOverdue" : "mine.due.periodEnds", { phase: t(`phase.${p.phase}`), date: formatDate(p.planned_end, lang) })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <TableSection
        id="mine-list" heading={t("mine.list.title", { count: initiatives.length })} empty={initiatives.length === 0} none={t("mine.list.none")}
        caption={t("mine.list.caption")} testId="mine-table"
        columns={[t("list.col.title"), t("list.col.phase"), t("list.col.status"), t("list.col.agreement"), t("portfolio.budget"), t("mine.list.role")]}
      >
        {initiatives.map((i) => (
          <tr key={i.id}>
            <td><Link to={`/initiativer/${i.id}`}>{i.title}</Link></td>
            <td>{t(`phase.${i.phase}`)}</td>
            <td><StatusBadge status={i.status} /></td>
            <td>{i.agreement_label}</td>
            <td className="pf-num">{i.budget_kr === null ? "–" : formatKroner(i.budget_kr, lang)}</td>
            <td>{i.mine ? t("mine.list.owner") : t("mine.list.assessor")}</td>
          </tr>
        ))}
      </TableSection>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
