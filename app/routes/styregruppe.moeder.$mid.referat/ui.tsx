// The minutes as a document: heading, date, place, chair, members present and absent, then one section per
// agenda item with the decision, its rationale, conditions and dissents.
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "~/i18n";
import { useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import type { loader } from "./route";

export function MinutesPage() {
  const { meeting, chair, present, absent, items, generatedAt } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const title = meeting.title || t("meeting.untitled", { date: formatDate(meeting.date, lang) });
  return (
    <article className="app-document" aria-labelledby="minutes-heading">
      {can(user, "meeting.manage") ? <p className="app-noprint"><Link to={`/styregruppe/moeder/${meeting.id}`}>{t("minutes.back")}</Link></p> : null}
      <p className="app-document__kicker">{t("app.owner")} · {t("minutes.kicker")}</p>
      <h1 id="minutes-heading">{t("minutes.title", { title })}</h1>
      <div className="app-noprint app-section">
        <button type="button" className="button button-secondary" onClick={() => window.print()} aria-describedby="minutes-print-hint">{t("decisionRecord.print")}</button>
        <p className="form-hint" id="minutes-print-hint">{t("minutes.printHint")}</p>
      </div>
      <dl className="app-dl">
        <dt>{t("meeting.field.date")}</dt><dd>{formatDate(meeting.date, lang)}</dd>
        {meeting.location ? (<><dt>{t("meeting.field.location")}</dt><dd>{meeting.location}</dd></>) : null}
        <dt>{t("meeting.field.chair")}</dt><dd>{chair ?? "–"}</dd>
        <dt>{t("decisionRecord.members")}</dt><dd data-testid="minutes-present">{present.length ? present.map((p) => p.name).join(", ") : t("minutes.noneRecorded")}</dd>
        {absent.length ? (<><dt>{t("minutes.absent")}</dt><dd>{absent.map((p) => p.name).join(", ")}</dd></>) : null}
      </dl>
      {items.length === 0 ? <p>{t("meeting.agenda.none")}</p> : null}
      {items.map((item, i) => (
        <section key={`${item.id}-${item.decision_id ?? 0}`} className="app-minutes-item" aria-labelledby={`punkt-${item.id}`} data-testid="minutes-item">
          <h2 id={`punkt-${item.id}`}>{t("minutes.item", { n: i + 1, title: item.title })}</h2>
          {item.decision_id ? (
            <dl className="app-dl">
              <dt>{t("meeting.agenda.decision")}</dt>
              <dd>
                <strong>{t(`outcome.${item.outcome}`)}</strong>{" "}
                {item.to_phase ? t("decision.list.phaseChange", { from: t(`phase.${item.from_phase!}`), to: t(`phase.${item.to_phase}`) }) : ""}
                <span className="app-noprint"> · <Link to={`/initiativer/${item.initiative_id}/beslutninger/${item.decision_id}`}>{t("decisionRecord.link")}</Link></span>
              </dd>
              <dt>{t("decision.list.rationale")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{item.rationale}</dd>
              <dt>{t("decision.list.conditions")}</dt>
              <dd>
                {item.conditions.length ? (
                  <ul>{item.conditions.map((c) => <li key={c.id}>{c.text} ({t("dossier.conditions.meta", { owner: c.owner, due: formatDate(c.due_date, lang) })})</li>)}</ul>
                ) : t("minutes.noConditions")}
              </dd>
              <dt>{t("decisionRecord.dissents")}</dt>
              <dd>
                {item.dissents.length ? (
                  <ul>{item.dissents.map((d) => <li key={d.id}><strong>{d.name}</strong>: {d.reason}</li>)}</ul>
                ) : t("minutes.noDissent")}
              </dd>
            </dl>
          ) : <p>{t("minutes.noDecision")}</p>}
        </section>
      ))}
      <p className="app-document__colophon app-meta">{t("minutes.generated", { date: formatDateTime(generatedAt, lang) })}</p>
    </article>
  );
}
