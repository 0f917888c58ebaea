// The SUSI assessment page: one small form per criterion (intent=judge), the overall assessment and
// recommendation (intent=texts) and submitting (intent=submit). Every form carries the assessment's
// version, so a stale form is answered with 409; submitted assessments are read-only.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  getAssessment,
  saveAssessmentTexts,
  saveJudgement,
  submitAssessmentRow,
  toAssessmentState,
  type AssessmentWithJudgements,
} from "#db/queries/assessments";
import { getInitiative } from "#db/queries/initiatives";
import type { Initiative } from "#db/schema";
import {
  assessmentProgress,
  EVIDENCE_LEVELS,
  JUDGEMENTS,
  recordJudgement,
  submitAssessment,
  type AssessmentRefusal,
} from "#workflows/assessment";
import { gatesBetween, getCriterion, getGate, type Criterion, type Gate } from "#workflows/phase-model";
import { JudgementLabel } from "~/components/badges";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextareaField } from "~/components/forms";
import { formatDateTime, type Lang, type Translate } from "~/i18n";
import { AssessmentTextsSchema, JudgementSchema, SubmitAssessmentSchema } from "~/schemas/assessment";
import { requirePermission, requireUser, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, conflictResponse, intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { can } from "~/utils/permissions";
import { metaT, useLang, useT } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("assessment.pageTitle", { title: data.initiative.title }) : t("assessment.title")} · SUSI Tracker` }];
};

async function loadAssessment(params: { id?: string; aid?: string }) {
  const initiativeId = intParam(params.id);
  const assessmentId = intParam(params.aid);
  const initiative = await getInitiative(db(), initiativeId);
  if (!initiative) notFound();
  const assessment = await getAssessment(db(), initiativeId, assessmentId);
  if (!assessment) notFound();
  return { initiative, assessment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { initiative, assessment } = await loadAssessment(params);
  const { judgements, ...row } = assessment;
  return {
    initiative: { id: initiative.id, title: initiative.title, phase: initiative.phase, track: initiative.track, framework: initiative.framework },
    assessment: row,
    judgements,
    progress: assessmentProgress(toAssessmentState(assessment)),
    assessors: [...new Set(judgements.map((j) => j.assessed_by_name).filter((n): n is string => !!n))].sort(),
    canEdit: can(user, "assessment.edit") && assessment.status === "draft",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "assessment.edit");
  const loaded = await loadAssessment(params);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "judge") return judge(formData, loaded, user);
  if (intent === "texts") return saveTexts(formData, loaded, user);
  if (intent === "submit") return submit(formData, loaded, user);
  badRequest("Unknown intent");
}

type Loaded = { initiative: Initiative; assessment: AssessmentWithJudgements };

function pagePath({ initiative, assessment }: Loaded, query: string, hash = "") {
  return `/initiativer/${initiative.id}/vurdering/${assessment.id}?${query}${hash}`;
}

type Intent = "judge" | "texts" | "submit";

function refused(intent: Intent, refusals: AssessmentRefusal[]) {
  return data({ intent, refusals }, { status: 409, statusText: "Conflict" });
}

/** The shared 409 for a stale form, told which form it answers so the page shows the alert beside it. */
function stale(intent: Intent, criterionId?: string) {
  const { data: body, init } = conflictResponse();
  return data({ ...body, intent, criterionId }, init ?? { status: 409 });
}

async function judge(formData: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(formData, { schema: JudgementSchema });
  const criterionId = String(formData.get("criterionId") ?? "");
  if (submission.status !== "success") return data({ intent: "judge" as const, criterionId, result: submission.reply() }, { status: 400 });
  const { version, ...input } = submission.value;
  if (version !== loaded.assessment.version) return stale("judge", criterionId);
  const judgement = { ...input, evidenceLevel: input.evidenceLevel ?? null };
  const recorded = recordJudgement(toAssessmentState(loaded.assessment), judgement);
  if (!recorded.ok) {
    if (recorded.refusals.some((r) => r.code === "unknown_criterion")) {
      return data({ intent: "judge" as const, criterionId, result: submission.reply({ formErrors: ["assessment.error.unknownCriterion"] }) }, { status: 400 });
    }
    return refused("judge", recorded.refusals);
  }
  const saved = await withConflictCheck(() =>
    db().transaction().execute((trx) => saveJudgement(trx, loaded.assessment.id, version, judgement, user.id, nowIso())),
  );
  return saved ? stale("judge", criterionId) : redirect(pagePath(loaded, "gemt=kriterium", `#${criterionAnchor(judgement.criterionId)}`));
}

async function saveTexts(formData: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(formData, { schema: AssessmentTextsSchema });
  if (submission.status !== "success") return data({ intent: "texts" as const, result: submission.reply() }, { status: 400 });
  const { version, ...texts } = submission.value;
  if (version !== loaded.assessment.version) return stale("texts");
  if (loaded.assessment.status !== "draft") return refused("texts", [{ code: "already_submitted" }]);
  const saved = await withConflictCheck(() =>
    db().transaction().execute((trx) => saveAssessmentTexts(trx, loaded.assessment.id, version, texts, user.id, nowIso())),
  );
  return saved ? stale("texts") : redirect(pagePath(loaded, "gemt=tekster", "#samlet-vurdering"));
}

async function submit(formData: FormData, loaded: Loaded, user: SessionUser) {
  const submission = parseWithZod(formData, { schema: SubmitAssessmentSchema });
  if (submission.status !== "success") badRequest("Missing version");
  const { version } = submission.value;
  if (version !== loaded.assessment.version) return stale("submit");
  const submitted = submitAssessment(toAssessmentState(loaded.assessment));
  if (!submitted.ok) return refused("submit", submitted.refusals);
  const saved = await withConflictCheck(() =>
    db().transaction().execute((trx) => submitAssessmentRow(trx, loaded.assessment.id, version, user.id, nowIso())),
  );
  return saved ? stale("submit") : redirect(pagePath(loaded, "gemt=indsendt"));
}

/** A fragment id for a criterion ("toTrial.implemented" → "kriterium-toTrial-implemented"). */
export function criterionAnchor(criterionId: string) {
  return `kriterium-${criterionId.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function gateLabel(t: Translate, gate: Pick<Gate, "from" | "to">) {
  return t("assessment.gate", { from: t(`phase.${gate.from}`), to: t(`phase.${gate.to}`) });
}

/** A refusal in words, naming the criterion and its gate; exported for the tests. */
export function refusalMessage(t: Translate, lang: Lang, refusal: AssessmentRefusal): string {
  switch (refusal.code) {
    case "criterion_unjudged":
    case "evidence_missing":
    case "unknown_criterion": {
      const c = getCriterion(refusal.criterionId);
      const criterion = c ? c[lang] : refusal.criterionId;
      const gate = c ? gateLabel(t, getGate(c.gate)) : "";
      return t(`assessment.refused.${refusal.code}`, { criterion, gate });
    }
    case "no_gate":
      return t("assessment.refused.no_gate", { from: t(`phase.${refusal.fromPhase}`), to: t(`phase.${refusal.toPhase}`) });
    default:
      return t(`assessment.refused.${refusal.code}`);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type JudgementRow = LoaderData["judgements"][number];
type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** The confirmation after a redirect; "submitted" only while it is true, since the query string can be replayed. */
function savedMessageKey(params: URLSearchParams, status: string) {
  const saved = params.get("gemt");
  if (saved === "kriterium") return "assessment.saved.judgement";
  if (saved === "tekster") return "assessment.saved.texts";
  if (saved === "indsendt" && status === "submitted") return "assessment.saved.submitted";
  const started = params.get("startet");
  if (started === "ny") return "assessment.saved.created";
  if (started === "kladde") return "assessment.saved.existing";
  return null;
}

export default function AssessmentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const a = d.assessment;
  const gates = gatesBetween(a.from_phase, a.to_phase);
  const savedKey = actionData ? null : savedMessageKey(params, d.assessment.status);
  const pct = d.progress.total ? Math.round((100 * d.progress.judged) / d.progress.total) : 0;
  // Each form posts to this page with its own fragment, so the answer (errors, 409) opens where the form is.
  const path = `/initiativer/${d.initiative.id}/vurdering/${a.id}`;
  const conflictFor = (intent: string, criterionId?: string) =>
    !!actionData && "conflict" in actionData && actionData.intent === intent && (criterionId === undefined || actionData.criterionId === criterionId);
  return (
    <>
      <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${d.initiative.id}`, label: d.initiative.title }, { label: t("assessment.title") }]} />
      <h1>{t("assessment.pageTitle", { title: d.initiative.title })}</h1>

      <div role="status" aria-live="polite">
        {savedKey ? (
          <div className="alert alert-success"><div className="alert-body"><p className="alert-text">{t(savedKey)}</p></div></div>
        ) : null}
      </div>
      {/* The page may have become read-only since the form was loaded (submitted meanwhile): answer at the top. */}
      {actionData && !d.canEdit && "conflict" in actionData ? <ConflictAlert /> : null}
      {actionData && !d.canEdit && "refusals" in actionData ? <RefusalList refusals={actionData.refusals} /> : null}

      <dl className="app-dl">
        <dt>{t("assessment.initiative")}</dt>
        <dd><Link to={`/initiativer/${d.initiative.id}`}>{d.initiative.title}</Link></dd>
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
        <dt>{t("assessment.assessors")}</dt>
        <dd>{d.assessors.length ? d.assessors.join(", ") : t("assessment.noAssessors")}</dd>
      </dl>
      <p id="assessment-progress"><strong>{t("assessment.progress", { judged: d.progress.judged, total: d.progress.total })}</strong></p>
      <div className="app-progress" aria-hidden="true"><span style={{ width: `${pct}%` }} /></div>

      {a.status === "submitted" ? <Notice text={t("assessment.readOnlySubmitted")} /> : null}
      {a.status === "draft" && !d.canEdit ? <Notice text={t("assessment.readOnlyRole")} /> : null}
      {a.status === "draft" && d.initiative.phase !== a.from_phase ? (
        <Notice text={t("assessment.movedOn", { phase: t(`phase.${d.initiative.phase}`), from: t(`phase.${a.from_phase}`) })} />
      ) : null}

      {gates.map((g) => (
        <section key={g.key} className="app-section" aria-labelledby={`gate-${g.key}`}>
          <h2 id={`gate-${g.key}`}>{t("assessment.gateHeading", { from: t(`phase.${g.from}`), to: t(`phase.${g.to}`) })}</h2>
          {g.criteria.map((c) => {
            const j = d.judgements.find((x) => x.criterion_id === c.id);
            return d.canEdit ? (
              <CriterionForm
                key={c.id} criterion={c} judgement={j} version={a.version} initiative={d.initiative} path={path}
                actionData={actionData} conflict={conflictFor("judge", c.id)}
              />
            ) : (
              <CriterionView key={c.id} criterion={c} judgement={j} />
            );
          })}
        </section>
      ))}

      <section className="app-section" aria-labelledby="samlet-vurdering">
        <h2 id="samlet-vurdering">{t("assessment.textsHeading")}</h2>
        {d.canEdit ? (
          <TextsForm
            overall={a.overall_assessment} recommendation={a.recommendation} version={a.version} path={path}
            actionData={actionData} conflict={conflictFor("texts")}
          />
        ) : (
          <dl className="app-dl">
            <dt>{t("assessment.field.overall")}</dt>
            <dd className="app-prewrap">{a.overall_assessment || t("assessment.notFilled")}</dd>
            <dt>{t("assessment.field.recommendation")}</dt>
            <dd className="app-prewrap">{a.recommendation || t("assessment.notFilled")}</dd>
          </dl>
        )}
      </section>

      {d.canEdit ? (
        <section className="app-section" aria-labelledby="indsend">
          <h2 id="indsend">{t("assessment.submitHeading")}</h2>
          <p>{t("assessment.submitIntro")}</p>
          {conflictFor("submit") ? <ConflictAlert /> : null}
          {actionData && "refusals" in actionData ? <RefusalList refusals={actionData.refusals} /> : null}
          <Form method="post" action={`${path}#indsend`}>
            <input type="hidden" name="intent" value="submit" />
            <input type="hidden" name="version" value={a.version} />
            <button type="submit" className="button button-primary">{t("assessment.submit")}</button>
          </Form>
        </section>
      ) : null}
    </>
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
              {"criterionId" in r ? (
                <a href={`#${criterionAnchor(r.criterionId)}`}>{refusalMessage(t, lang, r)}</a>
              ) : r.code === "overall_missing" || r.code === "recommendation_missing" ? (
                <a href="#samlet-vurdering">{refusalMessage(t, lang, r)}</a>
              ) : refusalMessage(t, lang, r)}
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

function CriterionView({ criterion, judgement }: { criterion: Criterion; judgement: JudgementRow | undefined }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="app-card" id={criterionAnchor(criterion.id)}>
      <h3>{criterion[lang]}</h3>
      <p className="app-meta">{t("assessment.dimension", { dimension: t(`dimension.${criterion.dimension}`) })}</p>
      <dl className="app-dl">
        <dt>{t("assessment.field.judgement")}</dt>
        <dd><JudgementLabel judgement={judgement?.judgement ?? null} /></dd>
        {judgement ? (
          <>
            <dt>{t("assessment.field.evidence")}</dt>
            <dd className="app-prewrap">{judgement.evidence || t("assessment.notFilled")}</dd>
            <dt>{t("assessment.field.evidenceLevel")}</dt>
            <dd>{judgement.evidence_level ? t(`evidence.${judgement.evidence_level}`) : t("assessment.notFilled")}</dd>
            {judgement.justification ? (
              <>
                <dt>{t("assessment.field.justification")}</dt>
                <dd className="app-prewrap">{judgement.justification}</dd>
              </>
            ) : null}
            <dt>{t("assessment.assessors")}</dt>
            <dd>{t("assessment.byOn", { date: formatDateTime(judgement.assessed_at, lang), name: judgement.assessed_by_name ?? t("common.unknown") })}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

function CriterionForm({
  criterion, judgement, version, initiative, path, actionData, conflict,
}: {
  criterion: Criterion;
  judgement: JudgementRow | undefined;
  version: number;
  initiative: LoaderData["initiative"];
  path: string;
  actionData: ActionData;
  conflict: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const anchor = criterionAnchor(criterion.id);
  const mine = actionData && "result" in actionData && actionData.intent === "judge" && actionData.criterionId === criterion.id;
  const [form, fields] = useForm({
    id: `form-${anchor}`,
    lastResult: mine ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue: {
      judgement: judgement?.judgement,
      evidence: judgement?.evidence ?? "",
      evidenceLevel: judgement?.evidence_level ?? "",
      justification: judgement?.justification ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JudgementSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Track 2 may pass a partly met criterion with a justification; a SUSI 2.0 initiative without a track may still become track 2.
  const justification = initiative.track === 2 ? "assessment.field.justificationHint"
    : initiative.track === null && initiative.framework === "susi2" ? "assessment.field.justificationHintNoTrack" : null;
  return (
    <div className="app-card">
      <Form method="post" action={`${path}#${anchor}`} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="judge" />
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="criterionId" value={criterion.id} />
        <fieldset id={anchor}>
          <legend><h3>{criterion[lang]}</h3></legend>
          <p className="app-meta">
            {t("assessment.dimension", { dimension: t(`dimension.${criterion.dimension}`) })}
            {" · "}
            {judgement
              ? t("assessment.judgedBy", { name: judgement.assessed_by_name ?? t("common.unknown"), date: formatDateTime(judgement.assessed_at, lang) })
              : t("assessment.notYetJudged")}
          </p>
          {conflict ? <ConflictAlert /> : null}
          <ErrorSummary form={form} fields={[fields.judgement, fields.evidence, fields.evidenceLevel, fields.justification]} />
          <RadioField
            meta={fields.judgement}
            legend={t("assessment.field.judgement")}
            hint={t("assessment.field.judgementHint")}
            options={JUDGEMENTS.map((j) => ({ value: j, label: t(`judgement.${j}`) }))}
          />
          <TextareaField meta={fields.evidence} label={t("assessment.field.evidence")} hint={t("assessment.field.evidenceHint")} required={false} rows={3} />
          <SelectField
            meta={fields.evidenceLevel}
            label={t("assessment.field.evidenceLevel")}
            hint={t("assessment.field.evidenceLevelHint")}
            required={false}
            placeholder={t("assessment.field.evidenceLevelNone")}
            options={EVIDENCE_LEVELS.map((l) => ({ value: l, label: t(`evidence.${l}`) }))}
          />
          {justification ? (
            <TextareaField meta={fields.justification} label={t("assessment.field.justification")} hint={t(justification)} required={false} rows={3} />
          ) : null}
          <button type="submit" className="button button-secondary">
            {t("assessment.saveJudgement")}
            <span className="visually-hidden"> {t("assessment.saveJudgementFor", { criterion: criterion[lang] })}</span>
          </button>
        </fieldset>
      </Form>
    </div>
  );
}

function TextsForm({
  overall, recommendation, version, path, actionData, conflict,
}: { overall: string; recommendation: string; version: number; path: string; actionData: ActionData; conflict: boolean }) {
  const t = useT();
  const mine = actionData && "result" in actionData && actionData.intent === "texts";
  const [form, fields] = useForm({
    id: "form-texts",
    lastResult: mine ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue: { overallAssessment: overall, recommendation },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssessmentTextsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" action={`${path}#samlet-vurdering`} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="texts" />
      <input type="hidden" name="version" value={version} />
      {conflict ? <ConflictAlert /> : null}
      <ErrorSummary form={form} fields={[fields.overallAssessment, fields.recommendation]} />
      <TextareaField meta={fields.overallAssessment} label={t("assessment.field.overall")} hint={t("assessment.field.overallHint")} required={false} rows={6} />
      <TextareaField meta={fields.recommendation} label={t("assessment.field.recommendation")} hint={t("assessment.field.recommendationHint")} required={false} rows={4} />
      <button type="submit" className="button button-secondary">{t("assessment.saveTexts")}</button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
