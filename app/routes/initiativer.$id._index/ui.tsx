// The initiative page's markup. Sections that grow with the initiative's past (assessments, decisions,
// history) show the latest rows and a "vis alle" link to /initiativer/:id/alle/:liste.
import { Link, useLoaderData } from "@remix-run/react";
import { allowedOutcomes } from "#workflows/decision";
import { isTerminal } from "#workflows/phase-model";
import { StatusBadge } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CorrectionNotices } from "~/components/correction-notice";
import { ConditionList, DecisionList } from "~/components/decision-list";
import { HistoryTable } from "~/components/history-table";
import { PhaseFlow } from "~/components/phase-flow";
import { InitiativeCalculations } from "~/components/som/links";
import { formatDate, type MessageKey } from "~/i18n";
import { can } from "~/utils/permissions";
import { useLang, useT, useUser } from "~/utils/i18n";
import { InvolvementEntryActions, InvolvementForm } from "./involvement";
import type { loader } from "./route";

/** "Vis alle" under a section that shows only its latest rows; nothing when every row is already shown. */
function ShowAll({ id, list, shown, total, label }: { id: number; list: string; shown: number; total: number; label: MessageKey }) {
  const t = useT();
  if (total <= shown) return null;
  return (
    <p>
      <span className="app-meta">{t("showAll.latest", { shown, total })}</span>{" "}
      <Link to={`/initiativer/${id}/alle/${list}`}>{t(label, { total })}</Link>
    </p>
  );
}

export function InitiativePage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const i = d.initiative;
  const dateRange = (from: string | null, to: string | null) =>
    from || to ? `${from ? formatDate(from, lang) : "…"} – ${to ? formatDate(to, lang) : "…"}` : t("detail.timeline.noDates");
  return (
    <>
      <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { label: i.title }]} />
      <div className="app-page-head">
        <div>
          <h1>{i.title}</h1>
          <p className="app-meta">
            {t(`area.${i.area}`)} · {i.agreement_label} · {t(`phase.${i.phase}`)} · <StatusBadge status={i.status} />
          </p>
        </div>
        <div className="app-actions">
          {can(user, "initiative.edit") ? <Link to={`/initiativer/${i.id}/rediger`} className="button button-secondary" aria-label={`${t("common.edit")}: ${i.title}`}>{t("common.edit")}</Link> : null}
          {can(user, "assessment.edit") && i.status === "active" && !isTerminal(i.phase) ? (
            <Link to={`/initiativer/${i.id}/vurdering/ny`} className="button button-secondary">{t("detail.newAssessment")}</Link>
          ) : null}
          {can(user, "release.edit") ? <Link to={`/udgivelser/ny?initiative=${i.id}&phase=${i.phase}`} className="button button-secondary">{t("releases.startFromInitiative")}</Link> : null}
          {can(user, "decision.create") && allowedOutcomes(i).length > 0 ? (
            <Link to={`/initiativer/${i.id}/beslutning`} className="button button-primary">{t("detail.decide")}</Link>
          ) : null}
          {can(user, "initiative.correct") ? <Link to={`/initiativer/${i.id}/korrektion`} className="button button-secondary">{t("correction.link")}</Link> : null}
        </div>
      </div>

      <CorrectionNotices corrections={d.corrections} />
      <dl className="app-dl">
        <dt>{t("detail.phase")}</dt><dd>{t(`phase.${i.phase}`)}</dd>
        <dt>{t("detail.status")}</dt><dd><StatusBadge status={i.status} /></dd>
        <dt>{t("detail.area")}</dt><dd>{t(`area.${i.area}`)}</dd>
        <dt>{t("detail.agreements")}</dt><dd>{d.years.map((y) => `UIP ${y}`).join(", ")}</dd>
        <dt>{t("detail.targetGroup")}</dt><dd>{i.target_group || "–"}</dd>
        <dt>{t("detail.track")}</dt>
        <dd>{i.track ? t(`track.${i.track}.long`) : i.framework === "susi1" ? t("detail.noTrackLegacy") : t("form.trackNone")}</dd>
        {i.track_reason ? (<><dt>{t("detail.trackReason")}</dt><dd>{i.track_reason}</dd></>) : null}
        {i.prototype_description ? (<><dt>{t("detail.prototype")}</dt><dd>{i.prototype_description}</dd></>) : null}
        <dt>{t("detail.framework")}</dt><dd>{t(`framework.${i.framework}`)}</dd>
        {i.susi_assessment_made ? (<><dt>{t("detail.assessmentMade")}</dt><dd>{t(`made.${i.susi_assessment_made}`)}</dd></>) : null}
        {/* The source's own words (seed 004), Danish on any page. */}
        {i.source_assessment ? (<><dt>{t("detail.sourceAssessment")}</dt><dd lang="da">{i.source_assessment}</dd></>) : null}
        {i.source_outcome ? (<><dt>{t("detail.sourceOutcome")}</dt><dd lang="da">{i.source_outcome}</dd></>) : null}
      </dl>
      {i.description ? (<section className="app-section"><h2>{t("detail.description")}</h2><p className="app-prewrap">{i.description}</p></section>) : null}
      {isTerminal(i.phase) ? <div className="alert alert-info app-section"><div className="alert-body"><p className="alert-text">{t("detail.terminal")}</p></div></div> : null}

      <section className="app-section" aria-labelledby="fasemodel">
        <h2 id="fasemodel">{t("detail.phaseModel")}</h2>
        <p>{t("detail.phaseModelHint")}</p>
        <PhaseFlow current={i.phase} title={i.title} predecessors={d.links.predecessors} successors={d.links.successors} />
      </section>

      <section className="app-section" aria-labelledby="faseforloeb">
        <h2 id="faseforloeb">{t("detail.timeline")}</h2>
        <ol className="app-timeline">
          {d.periods.map((p, idx) => (
            <li key={p.id} aria-current={idx === d.periods.length - 1 ? "step" : undefined}>
              <strong>{t(`phase.${p.phase}`)}</strong>
              <br />
              <span className="app-meta">{t("detail.timeline.planned")}: {dateRange(p.planned_start, p.planned_end)}</span>
              <br />
              <span className="app-meta">{t("detail.timeline.actual")}: {dateRange(p.actual_start, p.actual_end)}</span>
            </li>
          ))}
        </ol>
        {can(user, "initiative.edit") ? <p><Link to={`/initiativer/${i.id}/perioder`}>{t("detail.timeline.editDates")}</Link></p> : null}
      </section>

      <PhaseOutcomes />

      <section className="app-section" aria-labelledby="kaede">
        <h2 id="kaede">{t("detail.chain")}</h2>
        {d.links.predecessors.length + d.links.successors.length === 0 ? <p>{t("detail.noLinks")}</p> : null}
        {d.links.predecessors.length ? (
          <>
            <h3>{t("detail.predecessors")}</h3>
            <ul>{d.links.predecessors.map((p) => <li key={p.id}><Link to={`/initiativer/${p.id}`}>{p.title}</Link> ({p.agreement_label}, {t(`phase.${p.phase}`)})</li>)}</ul>
          </>
        ) : null}
        {d.links.successors.length ? (
          <>
            <h3>{t("detail.successors")}</h3>
            <ul>{d.links.successors.map((s) => <li key={s.id}><Link to={`/initiativer/${s.id}`}>{s.title}</Link> ({s.agreement_label}, {t(`phase.${s.phase}`)})</li>)}</ul>
          </>
        ) : null}
      </section>

      <section className="app-section" aria-labelledby="vurderinger">
        <h2 id="vurderinger">{t("detail.assessments")}</h2>
        {d.assessments.length === 0 ? <p>{t("detail.noAssessments")}</p> : (
          <ul>
            {d.assessments.map((a) => (
              <li key={a.id}>
                <Link to={`/initiativer/${i.id}/vurdering/${a.id}`}>
                  {t(`phase.${a.from_phase}`)} → {t(`phase.${a.to_phase}`)}
                </Link>{" "}
                · {t(`assessmentStatus.${a.status}`)} · {a.judged}/{a.total} · {formatDate(a.at, lang)}
              </li>
            ))}
          </ul>
        )}
        <ShowAll id={i.id} list="vurderinger" shown={d.assessments.length} total={d.totals.assessments} label="showAll.assessments" />
      </section>

      <section className="app-section" aria-labelledby="betingelser">
        <h2 id="betingelser">{t("detail.openConditions")}</h2>
        {d.openConditions.length === 0 ? <p>{t("detail.noConditions")}</p> : <ConditionList conditions={d.openConditions} />}
        <p><Link to={`/initiativer/${i.id}/betingelser`}>{t("conditions.link")}</Link></p>
      </section>

      <section className="app-section" aria-labelledby="beslutninger">
        <h2 id="beslutninger">{t("detail.decisions")}</h2>
        {d.decisions.length === 0 ? <p>{t("detail.noDecisions")}</p> : <DecisionList decisions={d.decisions} frozenSom={d.frozenSom} />}
        <ShowAll id={i.id} list="beslutninger" shown={d.decisions.length} total={d.totals.decisions} label="showAll.decisions" />
      </section>

      <section className="app-section" aria-labelledby="som">
        <h2 id="som">{t("som.initiative.title")}</h2>
        <InitiativeCalculations initiativeId={i.id} calculations={d.somCalculations} canEdit={can(user, "som.edit")} />
      </section>

      <section className="app-section" aria-labelledby="brugerinddragelse" id="brugerinddragelse">
        <h2 id="brugerinddragelse-h">{t("detail.involvement")}</h2>
        {d.involvements.length === 0 ? <p>{t("detail.noInvolvement")}</p> : (
          <ul className="nobullet-list">
            {d.involvements.map((v) => (
              <li key={v.id} className="app-card">
                <h3>{v.who} <span className="app-meta">({t(`phase.${v.phase}`)})</span></h3>
                <p><strong>{t("involvement.how")}:</strong> {v.how}</p>
                <p><strong>{t("involvement.whatChanged")}:</strong> {v.what_changed}</p>
                <p className="app-meta">{formatDate(v.created_at, lang)} {v.created_by_name ? t("common.by", { name: v.created_by_name }) : ""}</p>
                {can(user, "involvement.add") ? <InvolvementEntryActions entry={v} /> : null}
              </li>
            ))}
          </ul>
        )}
        {can(user, "involvement.add") ? <InvolvementForm count={d.involvements.length} phase={i.phase} /> : null}
      </section>

      <section className="app-section" aria-labelledby="historik">
        <h2 id="historik">{t("detail.history")}</h2>
        <HistoryTable rows={d.history} names={d.historyNames} />
        <ShowAll id={i.id} list="historik" shown={d.history.length} total={d.totals.history} label="showAll.history" />
      </section>
    </>
  );
}


/** The recorded outcome of each ended phase (DECISIONS 0094): verdict, reason, methods, and "fra kilden" when the import read it from seed 004. */
function PhaseOutcomes() {
  const { phaseOutcomes, links } = useLoaderData<typeof loader>();
  const t = useT();
  if (phaseOutcomes.length === 0) return null;
  const successorTitle = (o: (typeof phaseOutcomes)[number]) => links.successors.find((s) => s.id === o.successorId)?.title ?? o.successorTitle;
  return (
    <section className="app-section" aria-labelledby="udfald">
      <h2 id="udfald">{t("detail.outcomes.title")}</h2>
      <ul className="nobullet-list">
        {phaseOutcomes.map((o) => (
          <li key={o.id} className="app-card" data-testid="phase-outcome">
            <h3>
              {t(`phase.${o.phase}`)}: {t(`phaseOutcome.kind.${o.kind}`)}
              {o.fromSource ? <> <span className="app-badge" data-testid="from-source">{t("detail.outcomes.fromSource")}</span></> : null}
            </h3>
            <dl className="app-dl">
              {o.verdict ? (<><dt>{t("detail.outcomes.verdict")}</dt><dd>{t(`phaseOutcome.verdict.${o.verdict}`)}</dd></>) : null}
              {o.reason ? (<><dt>{t("detail.outcomes.reason")}</dt><dd>{t(`phaseOutcome.reason.${o.reason}`)}</dd></>) : null}
              {o.methods.length ? (
                <>
                  <dt>{t("detail.outcomes.methods")}</dt>
                  <dd>
                    <ul>
                      {o.methods.map((m, n) => (
                        <li key={n}>
                          {m.name ?? t("detail.outcomes.methodUnnamed", { n: n + 1 })}: {t(m.passed ? "detail.outcomes.passed" : "detail.outcomes.notPassed")}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              {successorTitle(o) ? (
                <>
                  <dt>{t("detail.outcomes.successor")}</dt>
                  <dd>{o.successorId ? <Link to={`/initiativer/${o.successorId}`}>{successorTitle(o)}</Link> : successorTitle(o)}</dd>
                </>
              ) : null}
              {o.continuesInYear ? (<><dt>{t("detail.outcomes.year")}</dt><dd>UIP {o.continuesInYear}</dd></>) : null}
              {o.recommended ? (<><dt>{t("detail.outcomes.recommended")}</dt><dd>{t("common.yes")}</dd></>) : null}
              {o.note ? (<><dt>{t("detail.outcomes.note")}</dt><dd className="app-prewrap" lang={o.fromSource ? "da" : undefined}>{o.note}</dd></>) : null}
              {o.ambiguity ? (<><dt>{t("detail.outcomes.ambiguity")}</dt><dd>{t(`detail.outcomes.ambiguity.${o.ambiguity}`)}</dd></>) : null}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
