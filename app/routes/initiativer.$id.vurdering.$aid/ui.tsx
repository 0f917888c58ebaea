// The SUSI assessment page: facts and progress (people and criteria), the assessors, the assessor's own
// judgements as ONE form (all criteria saved together; warns before leaving unsaved), the lead's
// consolidation beside who said what, and submitting with a confirmation. Works without JavaScript.
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ASSESSOR_ROLES, EVIDENCE_LEVELS, JUDGEMENTS, type AssessmentRefusal } from "#workflows/assessment";
import { gatesBetween, getCriterion, type Criterion, type Gate } from "#workflows/phase-model";
import { AssessorJudgements } from "~/components/assessor-judgements";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConfirmStep } from "~/components/confirm-step";
import { SomWarnings } from "~/components/dossier";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextareaField, type SummaryField } from "~/components/forms";
import { useUnsavedChanges, WARN_UNSAVED } from "~/components/unsaved-changes";
import { formatDateTime, type Translate } from "~/i18n";
import { refusalText } from "~/i18n/refusals";
import { AddAssessorSchema, ConsolidationSchema, OwnJudgementsSchema } from "~/schemas/assessment";
import { useLang, useT } from "~/utils/i18n";
import type { loader, action } from "./route";

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;
type Judged = { criterion_id: string; judgement: string; evidence: string; evidence_level: string | null; justification: string };

/** A fragment id for a criterion ("toTrial.implemented" → "kriterium-toTrial-implemented"). */
function criterionAnchor(criterionId: string) {
  return `kriterium-${criterionId.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function gateLabel(t: Translate, gate: Pick<Gate, "from" | "to">) {
  return t("assessment.gate", { from: t(`phase.${gate.from}`), to: t(`phase.${gate.to}`) });
}

function answerFor(actionData: ActionData, intent: string) {
  return actionData && "intent" in actionData && actionData.intent === intent ? actionData : undefined;
}

function resultOf(actionData: ActionData, intent: string) {
  const a = answerFor(actionData, intent);
  return a && "result" in a ? (a.result as SubmissionResult<string[]>) : undefined;
}

export function AssessmentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const a = d.assessment;
  const gates = gatesBetween(a.from_phase, a.to_phase);
  const criteria = gates.flatMap((g) => g.criteria);
  const path = `/initiativer/${d.initiative.id}/vurdering/${a.id}`;
  const submitAnswer = answerFor(actionData, "submit");
  const confirm = submitAnswer && "confirm" in submitAnswer ? submitAnswer.confirm : null;
  const external = d.me.assessor?.role === "external";
  const refused = !!actionData && (("result" in actionData) || ("conflict" in actionData) || ("refusals" in actionData));
  useUnsavedChanges(t("assessment.unsaved"), refused);
  return (
    <>
      <Breadcrumbs
        items={external
          ? [{ to: "/mine-vurderinger", label: t("nav.myAssessments") }, { label: t("assessment.title") }]
          : [{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${d.initiative.id}`, label: d.initiative.title }, { label: t("assessment.title") }]}
      />
      <h1>{t("assessment.pageTitle", { title: d.initiative.title })}</h1>

      <dl className="app-dl">
        <dt>{t("assessment.initiative")}</dt>
        <dd>{external ? d.initiative.title : <Link to={`/initiativer/${d.initiative.id}`}>{d.initiative.title}</Link>}</dd>
        <dt>{t("assessment.span")}</dt>
        <dd>{t("assessment.spanValue", { from: t(`phase.${a.from_phase}`), to: t(`phase.${a.to_phase}`) })}</dd>
        <dt>{t("assessment.gates")}</dt>
        <dd>{gates.map((g) => gateLabel(t, g)).join(", ")}</dd>
        <dt>{t("assessment.track")}</dt>
        <dd>{d.initiative.track ? t(`track.${d.initiative.track}`) : t("track.none")}</dd>
        <dt>{t("assessment.status")}</dt>
        <dd>{t(`assessmentStatus.${a.status}`)}</dd>
        <dt>{t("assessment.started")}</dt>
        <dd>{t("assessment.byOn", { date: formatDateTime(a.created_at, lang), name: a.created_by_name ?? t("common.unknown") })}</dd>
        {a.submitted_at ? (
          <>
            <dt>{t("assessment.submitted")}</dt>
            <dd>{t("assessment.byOn", { date: formatDateTime(a.submitted_at, lang), name: a.submitted_by_name ?? t("common.unknown") })}</dd>
          </>
        ) : null}
      </dl>
      <p id="assessment-progress" data-testid="assessment-progress">
        <strong>
          {t("assessment.progressPeople", {
            done: d.progress.assessorsDone, assessors: d.progress.assessors, judged: d.progress.judged, total: d.progress.total,
          })}
        </strong>
      </p>

      {a.status === "submitted" ? <Notice text={t("assessment.readOnlySubmitted")} /> : null}
      {a.status === "draft" && !d.canEdit ? <Notice text={t("assessment.readOnlyNotAssessor")} /> : null}
      {a.status === "draft" && d.initiative.phase !== a.from_phase ? (
        <Notice text={t("assessment.movedOn", { phase: t(`phase.${d.initiative.phase}`), from: t(`phase.${a.from_phase}`) })} />
      ) : null}
      {/* The page may have become read-only since a form was loaded (submitted meanwhile): answer at the top. */}
      {actionData && !d.canEdit ? <ConflictAlert answer={actionData} /> : null}
      {actionData && !d.canEdit && "refusals" in actionData ? <RefusalList refusals={actionData.refusals} /> : null}
      {/* An economy criterion judged met while the phase's SØM says otherwise: a warning, never a refusal. */}
      <SomWarnings warnings={d.somWarnings} />

      <AssessorsSection />

      {d.canEdit && d.me.assessor ? (
        <OwnForm criteria={criteria} gates={gates} path={path} />
      ) : null}

      {d.canConsolidate ? (
        <ConsolidationForm criteria={criteria} path={path} />
      ) : (
        <section className="app-section" aria-labelledby="samlet-vurdering">
          <h2 id="samlet-vurdering">{t("assessment.consolidatedHeading")}</h2>
          <AssessorJudgements views={d.views} />
          <h3>{t("assessment.textsHeading")}</h3>
          <dl className="app-dl">
            <dt>{t("assessment.field.overall")}</dt>
            <dd className="app-prewrap">{a.overall_assessment || t("assessment.notFilled")}</dd>
            <dt>{t("assessment.field.recommendation")}</dt>
            <dd className="app-prewrap">{a.recommendation || t("assessment.notFilled")}</dd>
          </dl>
        </section>
      )}

      {d.canConsolidate ? (
        <section className="app-section" aria-labelledby="indsend">
          <h2 id="indsend">{t("assessment.submitHeading")}</h2>
          <p>{t("assessment.submitIntro")}</p>
          <ConflictAlert answer={actionData} match={{ intent: "submit" }} />
          {submitAnswer && "refusals" in submitAnswer ? <RefusalList refusals={submitAnswer.refusals} /> : null}
          {confirm ? (
            <ConfirmStep
              action={`${path}#indsend`} fields={confirm} heading={t("assessment.confirm.heading")}
              text={[t("assessment.confirm.text", { consolidated: d.progress.judged, total: d.progress.total })]}
              confirmLabel={t("assessment.confirm.submit")} cancelHref={`${path}#indsend`}
            />
          ) : (
            <Form method="post" action={`${path}#indsend`}>
              <input type="hidden" name="intent" value="submit" />
              <input type="hidden" name="version" value={a.version} />
              <button type="submit" className="button button-primary">{t("assessment.submit")}</button>
            </Form>
          )}
        </section>
      ) : null}
    </>
  );
}

function AssessorsSection() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const path = `/initiativer/${d.initiative.id}/vurdering/${d.assessment.id}`;
  const [form, fields] = useForm({
    id: "form-assessor",
    lastResult: resultOf(actionData, "assessor"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddAssessorSchema }),
    shouldValidate: "onSubmit",
  });
  const answer = answerFor(actionData, "assessor");
  return (
    <section className="app-section" aria-labelledby="bedoemmere">
      <h2 id="bedoemmere">{t("assessment.assessorsHeading")}</h2>
      <ul data-testid="assessors">
        {d.assessors.map((p) => (
          <li key={p.user_id}>
            {p.name} ({t(`assessment.assessorRole.${p.role}`)}){" – "}
            {p.done ? t("assessment.assessorDone") : t("assessment.assessorJudged", { judged: p.judgements.length, total: d.progress.total })}
          </li>
        ))}
      </ul>
      {d.canConsolidate && d.candidates.length ? (
        <Form method="post" action={`${path}#bedoemmere`} {...getFormProps(form)}>
          <input type="hidden" name="intent" value="assessor" />
          <input type="hidden" name="version" value={d.assessment.version} />
          <ConflictAlert answer={actionData} match={{ intent: "assessor" }} />
          {answer && "refusals" in answer ? <RefusalList refusals={answer.refusals} /> : null}
          <ErrorSummary form={form} fields={[[fields.userId, t("assessment.field.assessor")], [fields.role, t("assessment.field.assessorRole")]]} />
          <SelectField
            meta={fields.userId} label={t("assessment.field.assessor")} placeholder={t("assessment.field.assessorNone")}
            options={d.candidates.map((c) => ({ value: String(c.id), label: `${c.name} (${c.roles.map((r) => t(`role.${r}`)).join(", ")})` }))}
          />
          <RadioField
            meta={fields.role} legend={t("assessment.field.assessorRole")} hint={t("assessment.field.assessorRoleHint")}
            options={ASSESSOR_ROLES.filter((r) => r !== "lead").map((r) => ({ value: r, label: t(`assessment.assessorRole.${r}`) }))}
          />
          <button type="submit" className="button button-secondary">{t("assessment.addAssessor")}</button>
        </Form>
      ) : null}
    </section>
  );
}

type CriterionFields = { criterionId: FieldMetadata<string>; judgement: FieldMetadata<string>; evidence: FieldMetadata<string>; evidenceLevel: FieldMetadata<string>; justification: FieldMetadata<string> };

/** The fields of one criterion (judgement, evidence, level, justification) inside the one form. */
function CriterionFieldset({ criterion, f, showJustification, extra, own = false }: { criterion: Criterion; f: CriterionFields; showJustification: string | null; extra?: React.ReactNode; own?: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="app-card">
      <fieldset id={`${own ? "min-" : ""}${criterionAnchor(criterion.id)}`}>
        <legend><h3>{criterion[lang]}</h3></legend>
        <p className="app-meta">{t("assessment.dimension", { dimension: t(`dimension.${criterion.dimension}`) })}</p>
        {extra}
        <input type="hidden" name={f.criterionId.name} value={criterion.id} />
        <RadioField
          meta={f.judgement} legend={t("assessment.field.judgement")} hint={t("assessment.field.judgementHint")}
          options={JUDGEMENTS.map((j) => ({ value: j, label: t(`judgement.${j}`) }))}
        />
        <TextareaField meta={f.evidence} label={t("assessment.field.evidence")} hint={t("assessment.field.evidenceHint")} rows={3} />
        <SelectField
          meta={f.evidenceLevel} label={t("assessment.field.evidenceLevel")} hint={t("assessment.field.evidenceLevelHint")}
          placeholder={t("assessment.field.evidenceLevelNone")} options={EVIDENCE_LEVELS.map((l) => ({ value: l, label: t(`evidence.${l}`) }))}
        />
        {showJustification ? (
          <TextareaField meta={f.justification} label={t("assessment.field.justification")} hint={t(showJustification)} required={false} rows={3} />
        ) : null}
      </fieldset>
    </div>
  );
}

function justificationHint(initiative: LoaderData["initiative"]) {
  // Track 2 may pass a partly met criterion with a justification; a SUSI 2.0 initiative without a track may still become track 2.
  return initiative.track === 2 ? "assessment.field.justificationHint"
    : initiative.track === null && initiative.framework === "susi2" ? "assessment.field.justificationHintNoTrack" : null;
}

function defaults(criteria: Criterion[], rows: readonly Judged[]) {
  return criteria.map((c) => {
    const j = rows.find((x) => x.criterion_id === c.id);
    return { criterionId: c.id, judgement: j?.judgement, evidence: j?.evidence ?? "", evidenceLevel: j?.evidence_level ?? "", justification: j?.justification ?? "" };
  });
}

/** Error-summary names: "Dokumentation for 'Indsatsen er efterspurgt'". */
function summaryFields(t: Translate, lang: "da" | "en", criteria: Criterion[], list: { getFieldset: () => CriterionFields }[]): SummaryField[] {
  return list.flatMap((item, i) => {
    const f = item.getFieldset();
    const name = criteria[i] ? criteria[i][lang] : "";
    const label = (key: string) => t("assessment.fieldFor", { field: t(key), criterion: name });
    return [
      [f.judgement, label("assessment.field.judgement")], [f.evidence, label("assessment.field.evidence")],
      [f.evidenceLevel, label("assessment.field.evidenceLevel")], [f.justification, label("assessment.field.justification")],
    ] as SummaryField[];
  });
}

function OwnForm({ criteria, gates, path }: { criteria: Criterion[]; gates: Gate[]; path: string }) {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const mine = d.assessors.find((p) => p.user_id === d.me.id)!;
  const answer = answerFor(actionData, "own");
  const [form, fields] = useForm({
    id: "form-own",
    lastResult: resultOf(actionData, "own"),
    defaultValue: { criteria: defaults(criteria, mine.judgements) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OwnJudgementsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const list = fields.criteria.getFieldList();
  const hint = justificationHint(d.initiative);
  return (
    <section className="app-section" aria-labelledby="mine-vurderinger">
      <h2 id="mine-vurderinger">{t("assessment.ownHeading")}</h2>
      <p>{t("assessment.ownIntro")}</p>
      <Form method="post" action={`${path}#mine-vurderinger`} {...getFormProps(form)} {...WARN_UNSAVED}>
        <input type="hidden" name="intent" value="own" />
        <input type="hidden" name="assessor" value={d.me.id} />
        <input type="hidden" name="assessorVersion" value={d.me.assessor!.version} />
        <ConflictAlert answer={actionData} match={{ intent: "own" }} />
        {answer && "refusals" in answer ? <RefusalList refusals={answer.refusals} /> : null}
        <ErrorSummary form={form} fields={summaryFields(t, lang, criteria, list)} />
        {gates.map((g) => (
          <div key={g.key}>
            <h3 className="h4">{t("assessment.gateHeading", { from: t(`phase.${g.from}`), to: t(`phase.${g.to}`) })}</h3>
            {g.criteria.map((c) => {
              const i = criteria.findIndex((x) => x.id === c.id);
              return <CriterionFieldset key={c.id} criterion={c} f={list[i].getFieldset()} showJustification={hint} own />;
            })}
          </div>
        ))}
        <button type="submit" className="button button-primary">{t("assessment.saveOwn")}</button>
      </Form>
    </section>
  );
}

function ConsolidationForm({ criteria, path }: { criteria: Criterion[]; path: string }) {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const answer = answerFor(actionData, "consolidate");
  const [form, fields] = useForm({
    id: "form-consolidate",
    lastResult: resultOf(actionData, "consolidate"),
    defaultValue: {
      criteria: defaults(criteria, d.judgements),
      overallAssessment: d.assessment.overall_assessment,
      recommendation: d.assessment.recommendation,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConsolidationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const list = fields.criteria.getFieldList();
  const hint = justificationHint(d.initiative);
  return (
    <section className="app-section" aria-labelledby="samlet-vurdering">
      <h2 id="samlet-vurdering">{t("assessment.consolidateHeading")}</h2>
      <p>{t("assessment.consolidateIntro")}</p>
      <Form method="post" action={`${path}#samlet-vurdering`} {...getFormProps(form)} {...WARN_UNSAVED}>
        <input type="hidden" name="intent" value="consolidate" />
        <input type="hidden" name="version" value={d.assessment.version} />
        <ConflictAlert answer={actionData} match={{ intent: "consolidate" }} />
        {answer && "refusals" in answer ? <RefusalList refusals={answer.refusals} /> : null}
        <ErrorSummary
          form={form}
          fields={[
            ...summaryFields(t, lang, criteria, list),
            [fields.overallAssessment, t("assessment.field.overall")], [fields.recommendation, t("assessment.field.recommendation")],
          ]}
        />
        {criteria.map((c, i) => {
          const view = d.views.criteria.find((v) => v.criterionId === c.id);
          return (
            <CriterionFieldset
              key={c.id} criterion={c} f={list[i].getFieldset()} showJustification={hint}
              extra={view ? <WhoSaidWhat view={view} /> : null}
            />
          );
        })}
        <h3>{t("assessment.textsHeading")}</h3>
        <TextareaField meta={fields.overallAssessment} label={t("assessment.field.overall")} hint={t("assessment.field.overallHint")} rows={6} />
        <TextareaField meta={fields.recommendation} label={t("assessment.field.recommendation")} hint={t("assessment.field.recommendationHint")} rows={4} />
        <button type="submit" className="button button-primary">{t("assessment.saveConsolidation")}</button>
      </Form>
    </section>
  );
}

/** Inside the lead's form: what each assessor said about this criterion, differences marked. */
function WhoSaidWhat({ view }: { view: LoaderData["views"]["criteria"][number] }) {
  const t = useT();
  return (
    <ul className="app-meta" data-testid={`who-said-what-${view.criterionId}`}>
      {view.assessors.map((a) => (
        <li key={a.userId}>
          {t("assessment.views.said", {
            name: a.name, judgement: a.judgement ? t(`judgement.${a.judgement}`) : t("assessment.views.notYet"),
          })}
          {a.differs ? <strong> {t("assessment.views.differsShort")}</strong> : null}
        </li>
      ))}
    </ul>
  );
}

function RefusalList({ refusals }: { refusals: AssessmentRefusal[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="alert alert-error" role="alert" aria-labelledby="refusals-heading" tabIndex={-1}>
      <div className="alert-body">
        <p className="alert-heading" id="refusals-heading">{t("assessment.refusedHeading")}</p>
        <ul className="alert-text app-refusals">
          {refusals.map((r, i) => (
            <li key={i}>
              {"criterionId" in r && getCriterion(r.criterionId) ? (
                <a href={`#${criterionAnchor(r.criterionId)}`}>{refusalText({ kind: "assessment", refusal: r }, lang)}</a>
              ) : r.code === "overall_missing" || r.code === "recommendation_missing" ? (
                <a href="#samlet-vurdering">{refusalText({ kind: "assessment", refusal: r }, lang)}</a>
              ) : refusalText({ kind: "assessment", refusal: r }, lang)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function Notice({ text }: { text: string }) {
  return (
    <div className="alert alert-info">
      <div className="alert-body"><p className="alert-text">{text}</p></div>
    </div>
  );
}
