// The dossier a decision is taken on (live on the decision page, frozen on the decision's own page): the
// assessment per criterion with its evidence, the overall assessment and recommendation, the phase's user
// involvement, the open conditions, the SØM figures, and the SØM warning. Headings sit under an h2.
import type { SomWarning } from "#workflows/som-warning";
import { getCriterion } from "#workflows/phase-model";
import { AssessorJudgements } from "~/components/assessor-judgements";
import { JudgementLabel } from "~/components/badges";
import { ConditionDueBadge } from "~/components/condition-due";
import { formatDate } from "~/i18n";
import { formatDecimal, formatKroner, formatPercent } from "~/i18n/format";
import type { Dossier } from "~/utils/dossier.server";
import { useLang, useT } from "~/utils/i18n";

/** The SØM warning as a visible alert; nothing when there is none. Also used on the assessment page. */
export function SomWarnings({ warnings }: { warnings: SomWarning[] }) {
  const t = useT();
  const lang = useLang();
  if (!warnings.length) return null;
  return (
    <div className="alert alert-warning app-section" role="note" aria-labelledby="som-warning-heading" data-testid="som-warning">
      <div className="alert-body">
        <p className="alert-heading" id="som-warning-heading">{t("dossier.warning.title")}</p>
        <ul className="alert-text">
          {warnings.map((w, i) => (
            <li key={i}>
              {t(`dossier.warning.${w.reason}`, {
                criterion: getCriterion(w.criterionId)?.[lang] ?? w.criterionId,
                calculation: w.calculationTitle,
                value: w.reason === "negative_present_value" ? formatKroner(w.value, lang) : formatDecimal(w.value, lang, 2),
              })}
            </li>
          ))}
        </ul>
        <p className="alert-text">{t("dossier.warning.note")}</p>
      </div>
    </div>
  );
}

/** Where an assessor's own judgement differs from the consolidated one: who said what, criterion by criterion. */
function AssessorViews({ views }: { views: Dossier["assessorViews"] }) {
  const t = useT();
  if (!views || views.assessors.length === 0) return null;
  const differing = views.criteria.filter((c) => c.assessors.some((a) => a.differs));
  return (
    <div data-testid="dossier-assessors">
      <h4>{t("dossier.assessors.title")}</h4>
      <p className="app-meta">{t("dossier.assessors.names", { names: views.assessors.map((a) => `${a.name} (${t(`assessment.assessorRole.${a.role}`)})`).join(", ") })}</p>
      {differing.length === 0 ? <p>{t("dossier.assessors.agree")}</p> : (
        <>
          <p>{t("dossier.assessors.intro")}</p>
          <AssessorJudgements views={{ ...views, criteria: differing }} headingLevel={5} />
        </>
      )}
    </div>
  );
}

export function DossierView({ dossier, frozenAt }: { dossier: Dossier; frozenAt?: string | null }) {
  const t = useT();
  const lang = useLang();
  const a = dossier.assessment;
  return (
    <div className="app-dossier" data-testid="dossier">
      {frozenAt ? <p className="app-meta">{t("dossier.frozen", { date: formatDate(frozenAt, lang) })}</p> : null}
      <SomWarnings warnings={dossier.warnings} />
      <h3>{t("dossier.assessment.title")}</h3>
      {a ? (
        <>
          <p className="app-meta">
            {t("dossier.assessment.meta", { from: t(`phase.${a.fromPhase}`), to: t(`phase.${a.toPhase}`), date: formatDate(a.submittedAt, lang) })}
          </p>
          <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("dossier.criteria.caption")}>
            <table className="table table--compact" data-testid="dossier-criteria">
              <caption>{t("dossier.criteria.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("decision.criteria.criterion")}</th>
                  <th scope="col">{t("decision.criteria.judgement")}</th>
                  <th scope="col">{t("dossier.criteria.evidence")}</th>
                  <th scope="col">{t("dossier.criteria.level")}</th>
                  <th scope="col">{t("decision.criteria.justification")}</th>
                </tr>
              </thead>
              <tbody>
                {a.criteria.map((c) => (
                  <tr key={c.criterionId}>
                    <th scope="row">{getCriterion(c.criterionId)?.[lang] ?? c.criterionId}</th>
                    <td><JudgementLabel judgement={c.judgement} /></td>
                    <td style={{ whiteSpace: "pre-wrap" }}>{c.evidence || "–"}</td>
                    <td>{c.evidenceLevel ? t(`evidence.${c.evidenceLevel}`) : "–"}</td>
                    <td>{c.justification || "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="app-dl">
            <dt>{t("decision.assessments.overall")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{a.overallAssessment || "–"}</dd>
            <dt>{t("decision.assessments.recommendation")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{a.recommendation || "–"}</dd>
          </dl>
          <AssessorViews views={dossier.assessorViews} />
        </>
      ) : <p>{t("dossier.assessment.none")}</p>}

      <h3>{t("dossier.involvement.title", { phase: t(`phase.${dossier.phase}`) })}</h3>
      {dossier.involvement.length === 0 ? <p>{t("dossier.involvement.none")}</p> : (
        <ul data-testid="dossier-involvement">
          {dossier.involvement.map((i, n) => (
            <li key={n}><strong>{i.who}</strong>: {i.how}. {i.whatChanged} <span className="app-meta">({formatDate(i.createdAt, lang)})</span></li>
          ))}
        </ul>
      )}

      <h3>{t("dossier.conditions.title")}</h3>
      {dossier.openConditions.length === 0 ? <p>{t("dossier.conditions.none")}</p> : (
        <ul>
          {dossier.openConditions.map((c) => (
            <li key={c.id}>
              {c.text} <span className="app-meta">({t("dossier.conditions.meta", { owner: c.owner, due: formatDate(c.dueDate, lang) })})</span>{" "}
              <ConditionDueBadge standing={c.standing} />
            </li>
          ))}
        </ul>
      )}

      <h3>{t("dossier.som.title")}</h3>
      {dossier.calculations.length === 0 ? <p>{t("dossier.som.none", { phase: t(`phase.${dossier.phase}`) })}</p> : (
        <div className="app-table-wrap" tabIndex={0} role="region" aria-label={t("dossier.som.caption")}>
          <table className="table table--compact" data-testid="dossier-som">
            <caption>{t("dossier.som.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dossier.som.calculation")}</th>
                <th scope="col">{t("som.result.net")}</th>
                <th scope="col">{t("dossier.som.pvNet")}</th>
                <th scope="col">{t("som.payer.kommune")}</th>
                <th scope="col">{t("som.payer.region")}</th>
                <th scope="col">{t("som.payer.stat")}</th>
                <th scope="col">{t("som.result.bcr")}</th>
                <th scope="col">{t("som.result.breakEvenYear")}</th>
                <th scope="col">{t("som.result.breakEvenRate")}</th>
                <th scope="col">{t("dossier.som.probability")}</th>
              </tr>
            </thead>
            <tbody>
              {dossier.calculations.map((c) => (
                <tr key={c.versionId}>
                  <th scope="row">{c.title} <span className="app-meta">({t(`som.scenario.${c.scenario}`)}, {t("som.versionN", { n: c.versionNumber })})</span></th>
                  {c.failed ? <td colSpan={9}>{t("dossier.som.failed")}</td> : (
                    <>
                      <td>{formatKroner(c.net, lang)}</td>
                      <td>{formatKroner(c.presentValueNet, lang)}</td>
                      <td>{formatKroner(c.byPayer.kommune, lang)}</td>
                      <td>{formatKroner(c.byPayer.region, lang)}</td>
                      <td>{formatKroner(c.byPayer.stat, lang)}</td>
                      <td>{c.benefitCostRatio === null ? "–" : formatDecimal(c.benefitCostRatio, lang, 2)}</td>
                      <td>{c.breakEvenYear ?? t("dossier.som.noBreakEven")}</td>
                      <td>{c.breakEvenSuccessRate === null ? "–" : formatPercent(c.breakEvenSuccessRate, lang)}</td>
                      <td>{c.probabilityPositive === null ? t("dossier.som.noSpreads") : formatPercent(c.probabilityPositive, lang)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
