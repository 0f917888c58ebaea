// How steering-group decisions and their conditions are shown wherever they appear: outcome, phase
// change, rationale, who and when, conditions, and the track-2 criteria passed as partly met with the
// justification. Presentational: the rows come from db/queries/decisions.ts via a loader.
// Headings start at h3: the lists sit under a page's h2 section.
import { Link, useParams } from "@remix-run/react";
import type { ConditionStatus } from "#db/queries/decisions";
import type { InitiativeStatus, Outcome } from "#workflows/decision";
import { getCriterion, type Phase, type PhasePeriod } from "#workflows/phase-model";
import { formatDate, formatDateTime } from "~/i18n";
import { StatusBadge } from "~/components/badges";
import { ConditionDueBadge } from "~/components/condition-due";
import type { ConditionState, DueStanding } from "#workflows/condition";
import { FrozenCalculationLinks } from "~/components/som/links";
import type { FrozenVersionLink } from "#db/queries/som";
import { useLang, useT } from "~/utils/i18n";

export interface ConditionItem {
  id: number;
  text: string;
  owner: string;
  due_date: string;
  status: ConditionStatus;
  carried_from_id: number | null;
  decision_outcome?: Outcome;
  decision_decided_at?: string;
  /** Where it stands against its due date (workflows/condition.ts), where the page knows: overdue shows as overdue. */
  standing?: DueStanding;
  state?: ConditionState;
}

export interface DecisionItem {
  id: number;
  outcome: Outcome;
  from_phase: PhasePeriod;
  to_phase: Phase | null;
  resulting_phase: PhasePeriod;
  resulting_status: InitiativeStatus;
  rationale: string;
  flexibly_passed: { criterionId: string; justification: string }[];
  decided_at: string;
  decided_by_name: string | null;
  conditions: ConditionItem[];
  resolved_conditions?: ConditionItem[];
}

/** A condition's status in words (never colour alone). */
function ConditionStatusLabel({ status }: { status: ConditionStatus }) {
  const t = useT();
  return <span className={`app-condition--${status}`}>{t(`conditionStatus.${status}`)}</span>;
}

/** Conditions as a table: text, owner, due date, status and, when known, the decision that set them. */
export function ConditionList({ conditions, caption }: { conditions: ConditionItem[]; caption?: string }) {
  const t = useT();
  const lang = useLang();
  const showDecision = conditions.some((c) => c.decision_outcome);
  return (
    <div className="app-table-wrap">
      <table className="table table--compact">
        <caption className="visually-hidden">{caption ?? t("condition.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("condition.col.text")}</th>
            <th scope="col">{t("condition.col.owner")}</th>
            <th scope="col">{t("condition.col.due")}</th>
            <th scope="col">{t("condition.col.status")}</th>
            {showDecision ? <th scope="col">{t("condition.col.decision")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.id}>
              <td>
                {c.text}
                {c.carried_from_id !== null ? <><br /><span className="app-meta">{t("condition.carriedFrom")}</span></> : null}
              </td>
              <td>{c.owner}</td>
              <td><time dateTime={c.due_date}>{formatDate(c.due_date, lang)}</time></td>
              <td><ConditionStatusLabel status={c.status} /> <ConditionDueBadge standing={c.standing} state={c.state} /></td>
              {showDecision ? (
                <td>
                  {c.decision_outcome ? t(`outcome.${c.decision_outcome}`) : ""}
                  {c.decision_decided_at ? <> <time dateTime={c.decision_decided_at}>{formatDate(c.decision_decided_at, lang)}</time></> : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The track-2 criteria a decision let pass as partly met, each with the assessment's justification. */
export function FlexiblyPassedList({ items }: { items: DecisionItem["flexibly_passed"] }) {
  const lang = useLang();
  return (
    <ul>
      {items.map((f) => (
        <li key={f.criterionId}>
          <strong>{getCriterion(f.criterionId)?.[lang] ?? f.criterionId}</strong>: {f.justification}
        </li>
      ))}
    </ul>
  );
}

/** `frozenSom`: per decision id, the SØM calculation versions it was taken on (db/queries/som.ts listFrozenVersions). */
export function DecisionList({ decisions, frozenSom }: { decisions: DecisionItem[]; frozenSom?: Record<number, FrozenVersionLink[]> }) {
  // Decision lists sit on an initiative's pages; each decision links to its own page with the frozen dossier.
  const params = useParams();
  const t = useT();
  const lang = useLang();
  return (
    <ol className="nobullet-list">
      {decisions.map((d) => {
        const headingId = `beslutning-${d.id}`;
        const phaseChanged = d.resulting_phase !== d.from_phase || d.outcome === "recycle";
        return (
          <li key={d.id}>
            <article className="app-card" aria-labelledby={headingId}>
              <h3 id={headingId}>
                {t("decision.list.heading", { outcome: t(`outcome.${d.outcome}`), date: formatDate(d.decided_at, lang) })}
              </h3>
              {params.id ? <p><Link to={`/initiativer/${params.id}/beslutninger/${d.id}`}>{t("decisionRecord.link")}<span className="visually-hidden">: {t(`outcome.${d.outcome}`)}, {formatDate(d.decided_at, lang)}</span></Link></p> : null}
              <dl className="app-dl">
                <dt>{t("decision.list.phase")}</dt>
                <dd>
                  {phaseChanged
                    ? t("decision.list.phaseChange", { from: t(`phase.${d.from_phase}`), to: t(`phase.${d.resulting_phase}`) })
                    : t("decision.list.phaseStays", { phase: t(`phase.${d.resulting_phase}`) })}
                </dd>
                <dt>{t("decision.list.status")}</dt>
                <dd><StatusBadge status={d.resulting_status} /></dd>
                <dt>{t("decision.list.decidedBy")}</dt>
                <dd>
                  {d.decided_by_name ?? t("common.unknown")}, <time dateTime={d.decided_at}>{formatDateTime(d.decided_at, lang)}</time>
                </dd>
                <dt>{t("decision.list.rationale")}</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{d.rationale}</dd>
              </dl>
              {d.flexibly_passed.length > 0 ? (
                <>
                  <h4>{t("decision.list.flexibly")}</h4>
                  <FlexiblyPassedList items={d.flexibly_passed} />
                </>
              ) : null}
              {d.conditions.length > 0 ? (
                <>
                  <h4>{t("decision.list.conditions")}</h4>
                  <ConditionList conditions={d.conditions.map(withoutDecision)} caption={t("decision.list.conditions")} />
                </>
              ) : null}
              {d.resolved_conditions && d.resolved_conditions.length > 0 ? (
                <>
                  <h4>{t("decision.list.resolved")}</h4>
                  <ConditionList conditions={d.resolved_conditions} caption={t("decision.list.resolved")} />
                </>
              ) : null}
              <FrozenCalculationLinks links={frozenSom?.[d.id]} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}

// Inside a decision, the "set by" column would only repeat the decision itself.
function withoutDecision(c: ConditionItem): ConditionItem {
  return { ...c, decision_outcome: undefined, decision_decided_at: undefined };
}
