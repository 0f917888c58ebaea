// What awaits the steering group's decision, as tables: submitted assessments, initiatives on hold and open
// conditions, each with area, phase, target, date and days waiting. The meeting page adds a button per row
// (`action`) to put the initiative on its agenda.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Area } from "#db/schema";
import type { DueStanding } from "#workflows/condition";
import type { Phase, PhasePeriod } from "#workflows/phase-model";
import { ConditionDueBadge } from "~/components/condition-due";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";

export interface AwaitingData {
  submitted: { initiative_id: number; title: string; area: Area; phase: PhasePeriod; assessment_id: number; to_phase: Phase; submitted_at: string | null; days: number }[];
  held: { initiative_id: number; title: string; area: Area; phase: PhasePeriod; held_since: string | null; days: number | null }[];
  conditions: { id: number; text: string; owner: string; due_date: string; initiative_id: number; title: string; area: Area; phase: PhasePeriod; standing: DueStanding }[];
}

export function AwaitingDecision({ data, action, headingLevel = 2 }: { data: AwaitingData; action?: (row: { initiativeId: number; title: string }) => ReactNode; headingLevel?: 2 | 3 }) {
  const t = useT();
  const lang = useLang();
  const H = headingLevel === 2 ? "h2" : "h3";
  const actionHead = action ? <th scope="col">{t("steering.awaiting.action")}</th> : null;
  return (
    <>
      <section className="app-section" aria-labelledby="afventer-vurderinger">
        <H id="afventer-vurderinger">{t("steering.awaiting.submitted", { count: data.submitted.length })}</H>
        {data.submitted.length === 0 ? <p>{t("steering.awaiting.submittedNone")}</p> : (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="awaiting-submitted">
              <caption className="visually-hidden">{t("steering.awaiting.submittedCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("steering.col.initiative")}</th>
                  <th scope="col">{t("steering.col.area")}</th>
                  <th scope="col">{t("steering.col.phase")}</th>
                  <th scope="col">{t("steering.col.target")}</th>
                  <th scope="col">{t("steering.col.submitted")}</th>
                  <th scope="col">{t("steering.col.days")}</th>
                  {actionHead}
                </tr>
              </thead>
              <tbody>
                {data.submitted.map((s) => (
                  <tr key={s.assessment_id}>
                    <th scope="row"><Link to={`/initiativer/${s.initiative_id}`}>{s.title}</Link></th>
                    <td>{t(`area.${s.area}`)}</td>
                    <td>{t(`phase.${s.phase}`)}</td>
                    <td>{t(`phase.${s.to_phase}`)}</td>
                    <td>{formatDate(s.submitted_at, lang)}</td>
                    <td>{t("steering.days", { count: s.days })}</td>
                    {action ? <td>{action({ initiativeId: s.initiative_id, title: s.title })}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="app-section" aria-labelledby="afventer-paa-hold">
        <H id="afventer-paa-hold">{t("steering.awaiting.held", { count: data.held.length })}</H>
        {data.held.length === 0 ? <p>{t("steering.awaiting.heldNone")}</p> : (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="awaiting-held">
              <caption className="visually-hidden">{t("steering.awaiting.heldCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("steering.col.initiative")}</th>
                  <th scope="col">{t("steering.col.area")}</th>
                  <th scope="col">{t("steering.col.phase")}</th>
                  <th scope="col">{t("steering.col.heldSince")}</th>
                  <th scope="col">{t("steering.col.days")}</th>
                  {actionHead}
                </tr>
              </thead>
              <tbody>
                {data.held.map((h) => (
                  <tr key={h.initiative_id}>
                    <th scope="row"><Link to={`/initiativer/${h.initiative_id}`}>{h.title}</Link></th>
                    <td>{t(`area.${h.area}`)}</td>
                    <td>{t(`phase.${h.phase}`)}</td>
                    <td>{h.held_since ? formatDate(h.held_since, lang) : "–"}</td>
                    <td>{h.days === null ? "–" : t("steering.days", { count: h.days })}</td>
                    {action ? <td>{action({ initiativeId: h.initiative_id, title: h.title })}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="app-section" aria-labelledby="afventer-betingelser">
        <H id="afventer-betingelser">{t("steering.awaiting.conditions", { count: data.conditions.length })}</H>
        {data.conditions.length === 0 ? <p>{t("steering.awaiting.conditionsNone")}</p> : (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="awaiting-conditions">
              <caption className="visually-hidden">{t("steering.awaiting.conditionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("steering.col.initiative")}</th>
                  <th scope="col">{t("steering.col.condition")}</th>
                  <th scope="col">{t("steering.col.area")}</th>
                  <th scope="col">{t("steering.col.phase")}</th>
                  <th scope="col">{t("steering.col.owner")}</th>
                  <th scope="col">{t("steering.col.due")}</th>
                  {actionHead}
                </tr>
              </thead>
              <tbody>
                {data.conditions.map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><Link to={`/initiativer/${c.initiative_id}#beslutninger`}>{c.title}</Link></th>
                    <td>{c.text}</td>
                    <td>{t(`area.${c.area}`)}</td>
                    <td>{t(`phase.${c.phase}`)}</td>
                    <td>{c.owner}</td>
                    <td>{formatDate(c.due_date, lang)} <ConditionDueBadge standing={c.standing} /></td>
                    {action ? <td>{action({ initiativeId: c.initiative_id, title: c.title })}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
