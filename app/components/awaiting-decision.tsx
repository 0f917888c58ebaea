// What awaits the steering group's decision, as tables: submitted assessments, initiatives on hold and open
// conditions, each with area, phase, target, date and days waiting. The meeting page adds a button per row
// (`action`) to put the initiative on its agenda.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Area } from "#db/schema";
import type { DueStanding } from "#workflows/condition";
import type { Phase, PhasePeriod } from "#workflows/phase-model";
import { ConditionDueBadge } from "~/components/condition-due";
import { TableSection } from "~/components/table-section";
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
  const actionCol = action ? [t("steering.awaiting.action")] : [];
  const cell = (row: { initiativeId: number; title: string }) => (action ? <td>{action(row)}</td> : null);
  const col = (k: string) => t(`steering.col.${k}`);
  return (
    <>
      <TableSection
        id="afventer-vurderinger" level={headingLevel} heading={t("steering.awaiting.submitted", { count: data.submitted.length })}
        empty={data.submitted.length === 0} none={t("steering.awaiting.submittedNone")} caption={t("steering.awaiting.submittedCaption")}
        testId="awaiting-submitted" columns={[...["initiative", "area", "phase", "target", "submitted", "days"].map(col), ...actionCol]}
      >
        {data.submitted.map((s) => (
          <tr key={s.assessment_id}>
            <th scope="row"><Link to={`/initiativer/${s.initiative_id}`}>{s.title}</Link></th>
            <td>{t(`area.${s.area}`)}</td>
            <td>{t(`phase.${s.phase}`)}</td>
            <td>{t(`phase.${s.to_phase}`)}</td>
            <td>{formatDate(s.submitted_at, lang)}</td>
            <td>{t("steering.days", { count: s.days })}</td>
            {cell({ initiativeId: s.initiative_id, title: s.title })}
          </tr>
        ))}
      </TableSection>
      <TableSection
        id="afventer-paa-hold" level={headingLevel} heading={t("steering.awaiting.held", { count: data.held.length })}
        empty={data.held.length === 0} none={t("steering.awaiting.heldNone")} caption={t("steering.awaiting.heldCaption")}
        testId="awaiting-held" columns={[...["initiative", "area", "phase", "heldSince", "days"].map(col), ...actionCol]}
      >
        {data.held.map((h) => (
          <tr key={h.initiative_id}>
            <th scope="row"><Link to={`/initiativer/${h.initiative_id}`}>{h.title}</Link></th>
            <td>{t(`area.${h.area}`)}</td>
            <td>{t(`phase.${h.phase}`)}</td>
            <td>{h.held_since ? formatDate(h.held_since, lang) : "–"}</td>
            <td>{h.days === null ? "–" : t("steering.days", { count: h.days })}</td>
            {cell({ initiativeId: h.initiative_id, title: h.title })}
          </tr>
        ))}
      </TableSection>
      <TableSection
        id="afventer-betingelser" level={headingLevel} heading={t("steering.awaiting.conditions", { count: data.conditions.length })}
        empty={data.conditions.length === 0} none={t("steering.awaiting.conditionsNone")} caption={t("steering.awaiting.conditionsCaption")}
        testId="awaiting-conditions" columns={[...["initiative", "condition", "area", "phase", "owner", "due"].map(col), ...actionCol]}
      >
        {data.conditions.map((c) => (
          <tr key={c.id}>
            <th scope="row"><Link to={`/initiativer/${c.initiative_id}#beslutninger`}>{c.title}</Link></th>
            <td>{c.text}</td>
            <td>{t(`area.${c.area}`)}</td>
            <td>{t(`phase.${c.phase}`)}</td>
            <td>{c.owner}</td>
            <td>{formatDate(c.due_date, lang)} <ConditionDueBadge standing={c.standing} /></td>
            {cell({ initiativeId: c.initiative_id, title: c.title })}
          </tr>
        ))}
      </TableSection>
    </>
  );
}
