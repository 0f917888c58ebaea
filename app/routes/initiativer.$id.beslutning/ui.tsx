// The steering group's decision page: the meeting it is taken at, what the latest submitted SUSI assessments
// say for each possible target, the dossier (evidence, involvement, conditions, SØM figures), the open
// conditions to close or carry over, the form, and the confirmation step before anything is recorded.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef } from "react";
import { getCriterion, nextPhase, targetPhases, type PhasePeriod } from "#workflows/phase-model";
import { JudgementLabel, StatusBadge } from "~/components/badges";
import { ConfirmStep } from "~/components/confirm-step";
import { DossierView } from "~/components/dossier";
import { DecisionCalculations } from "~/components/som/links";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { CheckboxesField, FastTrackField } from "~/components/release-fields";
import { NOT_CARRIED_ON_REASONS } from "#workflows/outcome";
import { formatDate } from "~/i18n";
import { refusalText } from "~/i18n/refusals";
import { CONTINUATIONS, decisionSchema, resolutionField } from "~/schemas/decision";
import { useLang, useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function DecisionPage() {
  const { initiative, blocker, targets, somCalculations, dossier } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <p><Link to={`/initiativer/${initiative.id}`}>{t("decision.back")}</Link></p>
      <h1>{t("decision.title")}</h1>
      <p className="app-meta">{initiative.title}</p>
      <dl className="app-dl">
        <dt>{t("detail.phase")}</dt><dd>{t(`phase.${initiative.phase}`)}</dd>
        <dt>{t("detail.status")}</dt><dd><StatusBadge status={initiative.status} /></dd>
        <dt>{t("detail.track")}</dt><dd>{initiative.track ? t(`track.${initiative.track}.long`) : t("track.none")}</dd>
        <dt>{t("detail.framework")}</dt><dd>{t(`framework.${initiative.framework}`)}</dd>
      </dl>
      {blocker ? (
        <div className="alert alert-warning app-section">
          <div className="alert-body">
            <h2 className="alert-heading">{t("decision.blocked.title")}</h2>
            <p className="alert-text">{refusalText({ kind: "decision", refusal: blocker, outcome: null, from: initiative.phase, target: null }, lang)}</p>
          </div>
        </div>
      ) : (
        <>
          <p>{t("decision.intro")}</p>
          <section className="app-section" aria-labelledby="vurderinger">
            <h2 id="vurderinger">{t("decision.assessments.title")}</h2>
            <p>{t("decision.assessments.intro")}</p>
            {targets.map((view) => <TargetView key={view.target} view={view} from={initiative.phase} />)}
          </section>
          <DecisionCalculations initiativeId={initiative.id} phase={initiative.phase} calculations={somCalculations} />
          {dossier ? (
            <section className="app-section" aria-labelledby="beslutningsgrundlag">
              <h2 id="beslutningsgrundlag">{t("dossier.title")}</h2>
              <p>{t("dossier.intro")}</p>
              <DossierView dossier={dossier} />
            </section>
          ) : null}
          <DecisionForm />
        </>
      )}
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function TargetView({ view, from }: { view: LoaderData["targets"][number]; from: PhasePeriod }) {
  const t = useT();
  const lang = useLang();
  const headingId = `maal-${view.target}`;
  const fromLabel = t(`phase.${from}`);
  const toLabel = t(`phase.${view.target}`);
  return (
    <section className="app-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("decision.assessments.heading", { phase: toLabel, from: fromLabel })}</h3>
      {view.assessment ? (
        <dl className="app-dl">
          <dt>{t("decision.assessments.overall")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{view.assessment.overallAssessment}</dd>
          <dt>{t("decision.assessments.recommendation")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{view.assessment.recommendation}</dd>
        </dl>
      ) : (
        <p>{t("decision.assessments.none", { from: fromLabel, to: toLabel })}</p>
      )}
      {view.assessment ? (
        <CriteriaTable view={view} fromLabel={fromLabel} toLabel={toLabel} />
      ) : (
        // Without an assessment every row would say "not judged": the criteria stay one click away.
        <details className="details">
          <summary className="details-summary">
            <span className="details-summary-text">{t("decision.criteria.show", { count: view.criteria.length })}</span>
          </summary>
          <div className="details-text"><CriteriaTable view={view} fromLabel={fromLabel} toLabel={toLabel} /></div>
        </details>
      )}
      {view.refusals.length === 0 ? (
        <p><strong>{t("decision.gate.ok", { phase: toLabel })}</strong></p>
      ) : (
        <>
          <p><strong>{t("decision.gate.blocked", { phase: toLabel })}</strong></p>
          <ul className="app-refusals">
            {view.refusals.map((r, i) => (
              <li key={i}>{refusalText({ kind: "decision", refusal: r, outcome: null, from, target: view.target }, lang)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CriteriaTable({ view, fromLabel, toLabel }: { view: LoaderData["targets"][number]; fromLabel: string; toLabel: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="app-table-wrap">
      <table className="table table--compact">
        <caption>{t("decision.criteria.caption", { from: fromLabel, to: toLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("decision.criteria.criterion")}</th>
            <th scope="col">{t("decision.criteria.dimension")}</th>
            <th scope="col">{t("decision.criteria.judgement")}</th>
            <th scope="col">{t("decision.criteria.justification")}</th>
          </tr>
        </thead>
        <tbody>
          {view.criteria.map((c) => (
            <tr key={c.id}>
              <th scope="row">{getCriterion(c.id)?.[lang] ?? c.id}</th>
              <td>{t(`dimension.${c.dimension}`)}</td>
              <td><JudgementLabel judgement={c.judgement} /></td>
              <td>{c.judgement === "partly_met" ? c.justification || "–" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A decision is taken at a meeting (DECISIONS 0088). When the initiative is on no meeting's agenda, the page
 * says so instead of offering a form that could only be refused, and shows the two ways there: put it on the
 * agenda of a coming meeting, or plan a meeting with it on the agenda.
 */
function MeetingGuide() {
  const { initiative, agendaMeetings } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <section className="app-section" aria-labelledby="beslutning-moede">
      <div className="alert alert-info" data-testid="meeting-guide">
        <div className="alert-body">
          <h2 className="alert-heading" id="beslutning-moede">{t("decision.meetingGuide.title")}</h2>
          <p className="alert-text">{t("decision.meetingGuide.text")}</p>
        </div>
      </div>
      {agendaMeetings.length ? (
        <>
          <h3>{t("decision.meetingGuide.agendaTitle")}</h3>
          <ul className="nobullet-list">
            {agendaMeetings.map((m) => {
              const label = `${formatDate(m.date, lang)}${m.title ? ` · ${m.title}` : ""} (${t(`meetingStatus.${m.status}`)})`;
              return (
                <li key={m.id}>
                  <Form method="post" action={`/styregruppe/moeder/${m.id}`} className="app-actions">
                    <input type="hidden" name="intent" value="agenda" />
                    <input type="hidden" name="initiativeId" value={initiative.id} />
                    <input type="hidden" name="version" value={m.version} />
                    <button type="submit" className="button button-secondary">{t("decision.meetingGuide.add", { meeting: label })}</button>
                  </Form>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <p>
        <Link className="button button-primary" to={`/styregruppe/moeder/ny?initiativ=${initiative.id}`}>{t("decision.meetingGuide.plan")}</Link>
      </p>
    </section>
  );
}

function DecisionForm() {
  const { meetings } = useLoaderData<typeof loader>();
  return meetings.length ? <DecisionFormAtMeeting /> : <MeetingGuide />;
}

function DecisionFormAtMeeting() {
  const { initiative, openConditions, meetings, meetingId, outcomes } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const openIds = useMemo(() => openConditions.map((c) => c.id), [openConditions]);
  const schema = useMemo(() => decisionSchema(openIds), [openIds]);
  const [form, fields] = useForm({
    id: "decision",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: {
      targetPhase: nextPhase(initiative.phase) ?? undefined, conditions: [{}], meetingId: meetingId === null ? undefined : String(meetingId),
      continuation: "same_initiative", successorTitle: initiative.title,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const refusals = actionData && "refusals" in actionData ? (actionData.refusals as string[]) : null;
  const conflict = actionData && "conflict" in actionData;
  const confirm = actionData && "confirm" in actionData ? actionData.confirm : null;
  const refusalRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusals?.length) refusalRef.current?.focus();
  }, [refusals]);

  const conditionRows = fields.conditions.getFieldList();
  // One radio group per open condition; their names are only known at run time.
  const dynamicFields = fields as unknown as Record<string, typeof fields.outcome>;
  const resolutionFields = openConditions.map((c) => ({ condition: c, meta: dynamicFields[resolutionField(c.id)] }));
  const conditionFieldMetas = conditionRows.flatMap((row) => {
    const f = row.getFieldset();
    return [f.text, f.owner, f.dueDate];
  });
  const conditionsError = fields.conditions.errors?.length ? fields.conditions.errorId : undefined;

  if (confirm) {
    const meeting = meetings.find((m) => m.id === confirm.meetingId);
    return (
      <section className="app-section" aria-label={t("decision.form.title")}>
        <ConfirmStep
          fields={confirm.fields}
          heading={t("decision.confirm.heading", { outcome: t(`outcome.${confirm.outcome}`) })}
          text={[
            confirm.target
              ? t("decision.confirm.target", { title: initiative.title, from: t(`phase.${initiative.phase}`), to: t(`phase.${confirm.target}`) })
              : t("decision.confirm.noTarget", { title: initiative.title, outcome: t(`outcome.${confirm.outcome}`) }),
            confirm.successor && confirm.target
              ? t("decision.confirm.successor", { title: confirm.successor.title, year: confirm.successor.year ?? "", to: t(`phase.${confirm.target}`), predecessor: initiative.title })
              : "",
            meeting ? t("decision.confirm.meeting", { date: formatDate(meeting.date, lang) }) : "",
            t("decision.confirm.final"),
          ].filter(Boolean)}
          confirmLabel={t("decision.confirm.submit")}
          cancelHref={`/initiativer/${initiative.id}/beslutning${meetingId ? `?moede=${meetingId}` : ""}`}
          danger={confirm.outcome === "stop"}
        />
      </section>
    );
  }

  return (
    <section className="app-section" aria-labelledby="beslutning-form">
      <h2 id="beslutning-form">{t("decision.form.title")}</h2>
      {conflict ? <ConflictAlert /> : null}
      {refusals?.length ? (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={refusalRef} aria-labelledby="afvisning">
          <div className="alert-body">
            <p className="alert-heading" id="afvisning">{t("decision.refused.title")}</p>
            <p className="alert-text">{t("decision.refused.intro")}</p>
            <ul className="alert-text app-refusals">
              {refusals.map((m) => <li key={m}>{m}</li>)}
            </ul>
          </div>
        </div>
      ) : (
        <ErrorSummary
          form={form}
          fields={[
            fields.meetingId, fields.outcome, fields.targetPhase, fields.continuation, fields.successorTitle, fields.successorAgreementYear,
            fields.rationale, fields.conditions, ...conditionFieldMetas, fields.outcomeReason, fields.outcomeNote, fields.methodsPassed,
            fields.methodsNotPassed, fields.recommended, fields.recommendedYear, ...resolutionFields.map((r) => r.meta), dynamicFields.releaseNow,
          ]}
        />
      )}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="version" value={initiative.version} />

        <SelectField
          meta={fields.meetingId}
          label={t("decision.form.meeting")}
          hint={t("decision.form.meetingHint")}
          placeholder={t("decision.form.meetingChoose")}
          options={meetings.map((m) => ({
            value: String(m.id),
            label: `${formatDate(m.date, lang)}${m.title ? ` · ${m.title}` : ""} (${t(`meetingStatus.${m.status}`)})`,
          }))}
        />

        <h3>{t("decision.open.title")}</h3>
        {openConditions.length === 0 ? <p>{t("decision.open.none")}</p> : <p>{t("decision.open.intro")}</p>}
        {resolutionFields.map(({ condition: c, meta }) => (
          <RadioField
            key={c.id}
            meta={meta}
            legend={t("decision.open.legend", { text: c.text })}
            hint={t("decision.open.meta", {
              owner: c.owner, due: formatDate(c.due_date, lang),
              outcome: t(`outcome.${c.decision_outcome}`), date: formatDate(c.decision_decided_at, lang),
            })}
            options={[
              { value: "close", label: t("decision.resolution.close") },
              { value: "carry_over", label: t("decision.resolution.carry_over") },
            ]}
          />
        ))}

        <h3>{t("decision.form.choose")}</h3>
        <RadioField
          meta={fields.outcome}
          legend={t("decision.form.outcome")}
          options={outcomes.map((o) => ({ value: o, label: t(`outcome.${o}`), hint: t(`decision.form.outcomeHint.${o}`) }))}
        />
        <SelectField
          meta={fields.targetPhase}
          label={t("decision.form.targetPhase")}
          hint={t("decision.form.targetPhaseHint")}
          placeholder={t("decision.form.targetPlaceholder")}
          options={targetPhases(initiative.phase).map((p) => ({ value: p, label: t(`phase.${p}`) }))}
        />
        <RadioField
          meta={fields.continuation}
          legend={t("decision.form.continuation")}
          hint={t("decision.form.continuationHint")}
          options={CONTINUATIONS.map((c) => ({ value: c, label: t(`decision.form.continuation.${c}`), hint: t(`decision.form.continuation.${c}Hint`) }))}
        />
        <TextField meta={fields.successorTitle} label={t("decision.form.successorTitle")} />
        <TextField meta={fields.successorAgreementYear} type="number" label={t("decision.form.successorAgreementYear")} hint={t("decision.form.successorAgreementYearHint")} />
        <TextareaField meta={fields.rationale} label={t("decision.form.rationale")} hint={t("decision.form.rationaleHint")} />

        <fieldset
          className={`form-group${conditionsError ? " form-error" : ""}`}
          aria-describedby={[`${fields.conditions.id}-hint`, conditionsError].filter(Boolean).join(" ")}
        >
          <legend className="form-label">{t("decision.form.conditions")}</legend>
          <span className="form-hint" id={`${fields.conditions.id}-hint`}>{t("decision.form.conditionsHint")}</span>
          {conditionsError ? (
            <span className="form-error-message" id={conditionsError}>
              {fields.conditions.errors!.map((e) => t(e)).join(" ")}
            </span>
          ) : null}
          {conditionRows.map((row, index) => {
            const f = row.getFieldset();
            const n = index + 1;
            return (
              <fieldset key={row.key} className="app-card">
                <legend className="form-label">{t("decision.form.condition", { n })}</legend>
                <TextField meta={f.text} label={t("decision.form.conditionText")} />
                <TextField meta={f.owner} label={t("decision.form.conditionOwner")} />
                <TextField meta={f.dueDate} label={t("decision.form.conditionDue")} type="date" />
                <button className="button button-secondary" {...form.remove.getButtonProps({ name: fields.conditions.name, index })}>
                  {t("decision.form.removeCondition", { n })}
                </button>
              </fieldset>
            );
          })}
          <button className="button button-secondary" {...form.insert.getButtonProps({ name: fields.conditions.name })}>
            {t("decision.form.addCondition")}
          </button>
        </fieldset>

        <OutcomeFields fields={fields} />

        <FastTrackField meta={dynamicFields.releaseNow} />

        <div className="app-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            {t("decision.form.submit")}
          </button>
          <Link to={`/initiativer/${initiative.id}`}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

/** The outcome of the phase the decision ends (DECISIONS 0094): which fields apply is the workflow's rule, named beside the field if broken. */
type OutcomeFieldName = "outcomeReason" | "outcomeNote" | "methodsPassed" | "methodsNotPassed" | "recommended" | "recommendedYear";

function OutcomeFields({ fields }: { fields: Record<OutcomeFieldName, FieldMetadata<any, any, any>> }) {
  const t = useT();
  return (
    <fieldset className="app-card">
      <legend className="form-label">{t("decision.form.outcome.title")}</legend>
      <p className="form-hint">{t("decision.form.outcome.intro")}</p>
      <SelectField
        meta={fields.outcomeReason}
        label={t("decision.form.outcomeReason")}
        hint={t("decision.form.outcomeReasonHint")}
        placeholder={t("decision.form.outcomeReasonNone")}
        options={NOT_CARRIED_ON_REASONS.map((r) => ({ value: r, label: t(`phaseOutcome.reason.${r}`) }))}
      />
      <TextareaField meta={fields.outcomeNote} label={t("decision.form.outcomeNote")} required={false} rows={3} />
      <TextareaField meta={fields.methodsPassed} label={t("decision.form.methodsPassed")} hint={t("decision.form.methodsPassedHint")} required={false} rows={3} />
      <TextareaField meta={fields.methodsNotPassed} label={t("decision.form.methodsNotPassed")} hint={t("decision.form.methodsNotPassedHint")} required={false} rows={3} />
      <CheckboxesField meta={fields.recommended} legend={t("decision.form.recommended")} options={[{ value: "yes", label: t("decision.form.recommended") }]} />
      <TextField meta={fields.recommendedYear} type="number" label={t("decision.form.recommendedYear")} hint={t("decision.form.recommendedYearHint")} required={false} />
    </fieldset>
  );
}
