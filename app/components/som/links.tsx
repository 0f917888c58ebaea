// SØM calculations where other pages mention them: the initiative page (per phase), the decision page
// (the calculations a decision will be taken on) and each decision in a list (the versions it froze).
// Presentational; rows come from db/queries/som.ts via the page's loader. Headings fit under an h2/h3.
import { Link } from "@remix-run/react";
import type { FrozenVersionLink, SomScenario } from "#db/queries/som";
import { PHASE_PERIODS, type PhasePeriod } from "#workflows/phase-model";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";

export interface CalculationListItem {
  id: number;
  phase: PhasePeriod;
  scenario: SomScenario;
  title: string;
  latest_number: number;
  latest_version_id: number | null;
  updated_at: string;
  updated_by_name: string | null;
}

function CalculationItem({ initiativeId, c }: { initiativeId: number; c: CalculationListItem }) {
  const t = useT();
  const lang = useLang();
  return (
    <li>
      <Link to={`/initiativer/${initiativeId}/som/${c.id}`}>{c.title}</Link>{" "}
      <span className="app-meta">
        · {t(`som.scenario.${c.scenario}`)} · {t("som.versionN", { n: c.latest_number })} · {formatDate(c.updated_at, lang)}
        {c.updated_by_name ? ` ${t("common.by", { name: c.updated_by_name })}` : ""}
      </span>
    </li>
  );
}

/** The initiative page's section body: calculations grouped by phase, each phase with its comparison. */
export function InitiativeCalculations({
  initiativeId, calculations, canEdit,
}: { initiativeId: number; calculations: CalculationListItem[]; canEdit: boolean }) {
  const t = useT();
  const phases = PHASE_PERIODS.filter((p) => calculations.some((c) => c.phase === p));
  return (
    <>
      {phases.length === 0 ? <p>{t("som.initiative.none")}</p> : null}
      {phases.map((phase) => {
        const inPhase = calculations.filter((c) => c.phase === phase);
        return (
          <div key={phase}>
            <h3>{t(`phase.${phase}`)}</h3>
            <ul>{inPhase.map((c) => <CalculationItem key={c.id} initiativeId={initiativeId} c={c} />)}</ul>
            {inPhase.length > 1 ? (
              <p><Link to={`/initiativer/${initiativeId}/som/sammenlign?fase=${phase}`}>{t("som.compare.link", { phase: t(`phase.${phase}`) })}</Link></p>
            ) : null}
          </div>
        );
      })}
      <p className="app-actions">
        {canEdit ? <Link to={`/initiativer/${initiativeId}/som/ny`} className="button button-secondary">{t("som.new.button")}</Link> : null}
        <Link to={`/initiativer/${initiativeId}/som/excel`}>{t("som.versions.excelPage")}</Link>
      </p>
    </>
  );
}

/** On the decision page: the calculations of the phase being decided, whose latest versions the decision freezes. */
export function DecisionCalculations({ initiativeId, phase, calculations }: { initiativeId: number; phase: PhasePeriod; calculations: CalculationListItem[] }) {
  const t = useT();
  return (
    <section className="app-section" aria-labelledby="som-beregninger">
      <h2 id="som-beregninger">{t("som.decision.title")}</h2>
      {calculations.length === 0 ? (
        <p>{t("som.decision.none", { phase: t(`phase.${phase}`) })}</p>
      ) : (
        <>
          <p>{t("som.decision.intro")}</p>
          <ul>{calculations.map((c) => <CalculationItem key={c.id} initiativeId={initiativeId} c={c} />)}</ul>
          {calculations.length > 1 ? (
            <p><Link to={`/initiativer/${initiativeId}/som/sammenlign?fase=${phase}`}>{t("som.compare.link", { phase: t(`phase.${phase}`) })}</Link></p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** In a decision's card: the calculation versions it was taken on, each linking to that frozen version. */
export function FrozenCalculationLinks({ links }: { links: FrozenVersionLink[] | undefined }) {
  const t = useT();
  if (!links?.length) return null;
  return (
    <>
      <h4>{t("som.decision.frozenTitle")}</h4>
      <ul>
        {links.map((l) => (
          <li key={l.version_id}>
            <Link to={`/initiativer/${l.initiative_id}/som/${l.calculation_id}/v/${l.version_id}`}>
              {t("som.decision.frozenLink", { title: l.title, n: l.number })}
            </Link>{" "}
            <span className="app-meta">({t(`som.scenario.${l.scenario}`)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
