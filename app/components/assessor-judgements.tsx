// Who said what: per criterion, the lead's consolidated judgement and each assessor's own beside it, with the
// differences marked. The assessment page and the decision dossier both render it from
// assessmentJudgementViews (db/queries/assessments.ts).
import type { AssessmentJudgementViews } from "#db/queries/assessments";
import { getCriterion } from "#workflows/phase-model";
import { JudgementLabel } from "~/components/badges";
import { useLang, useT } from "~/utils/i18n";

export function AssessorJudgements({ views, headingLevel = 3 }: { views: AssessmentJudgementViews; headingLevel?: 2 | 3 | 4 | 5 }) {
  const t = useT();
  const lang = useLang();
  const H = `h${headingLevel}` as "h2" | "h3" | "h4" | "h5";
  return (
    <div className="app-assessor-judgements">
      {views.criteria.map((c) => {
        const criterion = getCriterion(c.criterionId);
        const differs = c.assessors.filter((a) => a.differs);
        return (
          <div key={c.criterionId} className="app-card">
            <H>{criterion ? criterion[lang] : c.criterionId}</H>
            {differs.length ? (
              <p className="app-meta" data-testid="judgement-differs">
                <strong>{t("assessment.views.differs", { names: differs.map((a) => a.name).join(", ") })}</strong>
              </p>
            ) : null}
            {/* Focusable, so a table that scrolls sideways (in the narrower dossier) is reachable by keyboard. */}
            <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label={t("assessment.views.caption", { criterion: criterion ? criterion[lang] : c.criterionId })}>
              <table className="table table--compact">
                <caption className="visually-hidden">{t("assessment.views.caption", { criterion: criterion ? criterion[lang] : c.criterionId })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("assessment.views.who")}</th>
                    <th scope="col">{t("assessment.field.judgement")}</th>
                    <th scope="col">{t("assessment.field.evidenceLevel")}</th>
                    <th scope="col">{t("assessment.field.evidence")}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t("assessment.views.consolidated")}</th>
                    <td><JudgementLabel judgement={c.consolidated?.judgement ?? null} /></td>
                    <td>{c.consolidated?.evidenceLevel ? t(`evidence.${c.consolidated.evidenceLevel}`) : "–"}</td>
                    <td className="app-prewrap">{c.consolidated?.evidence || "–"}</td>
                  </tr>
                  {c.assessors.map((a) => (
                    <tr key={a.userId}>
                      <th scope="row">
                        {a.name} <span className="app-meta">({t(`assessment.assessorRole.${a.role}`)})</span>
                        {a.differs ? <span className="visually-hidden"> {t("assessment.views.differsShort")}</span> : null}
                      </th>
                      <td>
                        <JudgementLabel judgement={a.judgement} />
                        {a.differs ? <span aria-hidden="true"> ≠</span> : null}
                      </td>
                      <td>{a.evidenceLevel ? t(`evidence.${a.evidenceLevel}`) : "–"}</td>
                      <td className="app-prewrap">{a.evidence || "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </div>
  );
}
