// The steering group's decision at a gate: what the latest submitted SUSI assessments say for each
// possible target, the open conditions to close or carry over, and the form. The decision workflow
// (workflows/decision.ts) decides; refusals come back as 409 naming every rule broken, nothing written.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef } from "react";
import type { Executor } from "#db/client";
import { ConflictError } from "#db/errors";
import { getLatestSubmittedAssessment } from "#db/queries/assessments";
import { initiativeState, listConditions, recordDecision } from "#db/queries/decisions";
import { getInitiative } from "#db/queries/initiatives";
import { createDraftFromDecision } from "#db/queries/release-facts";
import { freezeCalculationVersions, listCalculationsForInitiative } from "#db/queries/som";
import type { Initiative } from "#db/schema";
import type { Judgement } from "#workflows/assessment";
import {
  OUTCOMES, decide, gateRefusals, type DecisionInput, type DecisionRefusal, type InitiativeState, type Outcome,
} from "#workflows/decision";
import { gatesBetween, getCriterion, nextPhase, targetPhases, type Phase, type PhasePeriod } from "#workflows/phase-model";
import { JudgementLabel, StatusBadge } from "~/components/badges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DecisionCalculations } from "~/components/som/links";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { FastTrackField } from "~/components/release-fields";
import { formatDate, type Lang, type Translate } from "~/i18n";
import { decisionSchema, resolutionField, type DecisionFormValue } from "~/schemas/decision";
import { parseReleaseNow } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";
import { getLang, getT } from "~/utils/i18n.server";
import { composeReleaseDraft } from "~/utils/release-text";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: `${data ? t("decision.metaTitle", { title: data.initiative.title }) : t("decision.form.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "decision.create");
  const id = intParam(params.id);
  const row = await getInitiative(db(), id);
  if (!row) notFound();
  const state = initiativeState(row);
  const blocker = decisionBlocker(state);
  const [targets, openConditions, somCalculations] = await Promise.all([
    blocker ? [] : targetViews(db(), row, state),
    listConditions(db(), id, "open"),
    listCalculationsForInitiative(db(), id, row.phase),
  ]);
  return { initiative: initiativeView(row), blocker, targets, openConditions, somCalculations };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decision.create");
  const id = intParam(params.id);
  if (!(await getInitiative(db(), id))) notFound();
  const openIds = (await listConditions(db(), id, "open")).map((c) => c.id);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: decisionSchema(openIds) });
  // Fast track: release the knowledge gained now? Yes creates a draft release with the decision.
  const releaseNow = parseReleaseNow(formData);
  // No status: conform's add/remove-condition buttons posted without JavaScript; answer with the new list.
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: submission.status ? 400 : 200 });
  if (releaseNow === null) return data({ result: submission.reply({ fieldErrors: { releaseNow: ["releases.fastTrack.invalid"] } }) }, { status: 400 });
  const outcome = await withConflictCheck(() =>
    db().transaction().execute((trx) => decideAndRecord(trx, id, submission.value, user.id, nowIso(), releaseNow)),
  );
  if (!("refusals" in outcome)) return outcome;
  if (outcome.refusals.length === 0) return redirect(`/initiativer/${id}#beslutninger`);
  const t = getT(request);
  const lang = getLang(request);
  const ctx = { outcome: submission.value.outcome, from: outcome.phase, target: submission.value.targetPhase };
  const messages = outcome.refusals.map((r) => refusalMessage(t, lang, r, ctx));
  return data(
    { result: submission.reply({ fieldErrors: refusalFieldErrors(outcome.refusals, messages) }), refusals: messages },
    { status: 409 },
  );
}

/** Inside the transaction: load the state afresh, ask the workflow, and record the decision if allowed. */
async function decideAndRecord(trx: Executor, id: number, value: DecisionFormValue, actorId: number, now: string, releaseNow = false) {
  const row = await getInitiative(trx, id);
  if (!row) notFound();
  // Refusals computed on a state the member never saw would mislead: a stale form is a conflict first.
  if (row.version !== value.version) throw new ConflictError("initiative", id);
  const assessment = value.targetPhase ? await getLatestSubmittedAssessment(trx, id, row.phase, value.targetPhase) : undefined;
  const open = await listConditions(trx, id, "open");
  const input: DecisionInput = {
    outcome: value.outcome,
    targetPhase: value.targetPhase,
    rationale: value.rationale,
    assessment: assessment ?? null,
    conditions: value.conditions,
    openConditions: open.map((c) => ({
      id: c.id, text: c.text, resolution: value.resolutions.find((r) => r.conditionId === c.id)?.resolution ?? null,
    })),
  };
  const result = decide(initiativeState(row), input);
  if (!result.ok) return { refusals: result.refusals, phase: row.phase };
  const decisionId = await recordDecision(trx, {
    initiativeId: id, expectedVersion: value.version, input, effect: result.value, assessmentId: assessment?.id ?? null,
    resolutions: input.openConditions.flatMap((c) => (c.resolution ? [{ conditionId: c.id, resolution: c.resolution }] : [])),
    actorId, now,
  });
  if (releaseNow) await createDraftFromDecision(trx, { initiativeId: id, decisionId, requestedById: actorId, now }, composeReleaseDraft);
  // The SØM calculations of the phase being decided, as they stand now, are what the decision was taken on.
  await freezeCalculationVersions(trx, decisionId, id, row.phase);
  return { refusals: [] as DecisionRefusal[], phase: row.phase };
}

/**
 * Whether the initiative can take a decision at all (stopped, completed, in dissemination), asked of the
 * workflow itself with a harmless Hold: with a rationale and no conditions, any refusal is about the initiative.
 */
function decisionBlocker(state: InitiativeState): DecisionRefusal | null {
  const probe = decide(state, { outcome: "hold", targetPhase: null, rationale: "-", assessment: null, conditions: [], openConditions: [] });
  return probe.ok ? null : probe.refusals[0];
}

function initiativeView(i: Initiative) {
  return { id: i.id, title: i.title, phase: i.phase, status: i.status, track: i.track, framework: i.framework, version: i.version };
}

/** For each phase the initiative may move to: the latest submitted assessment, each criterion's judgement, what blocks a Go. */
async function targetViews(db: Executor, row: Initiative, state: InitiativeState) {
  return Promise.all(
    targetPhases(row.phase).map(async (target) => {
      const assessment = await getLatestSubmittedAssessment(db, row.id, row.phase, target);
      const criteria = gatesBetween(row.phase, target).flatMap((g) => g.criteria).map((c) => {
        const j = assessment?.judgements.find((x) => x.criterionId === c.id);
        return { id: c.id, dimension: c.dimension, judgement: (j?.judgement ?? null) as Judgement | null, justification: j?.justification ?? "" };
      });
      return {
        target,
        assessment: assessment
          ? { id: assessment.id, overallAssessment: assessment.overallAssessment, recommendation: assessment.recommendation }
          : null,
        criteria,
        refusals: gateRefusals(state, target, assessment ?? null),
      };
    }),
  );
}

type RefusalContext = { outcome: Outcome | null; from: PhasePeriod; target: Phase | null };

/** A refusal in the reader's language, naming the criterion, condition or rule. Used by the action and the page. */
function refusalMessage(t: Translate, lang: Lang, r: DecisionRefusal, ctx: RefusalContext): string {
  const prefix = ctx.outcome ? t("decision.refusal.prefix", { outcome: t(`outcome.${ctx.outcome}`) }) : "";
  const from = t(`phase.${ctx.from}`);
  const to = ctx.target ? t(`phase.${ctx.target}`) : "";
  const criterion = (id: string) => getCriterion(id)?.[lang] ?? id;
  const key = `decision.refusal.${r.code}`;
  let message: string;
  switch (r.code) {
    case "initiative_closed":
      message = t(key, { status: t(`status.${r.status}`) });
      break;
    case "target_not_ahead":
      message = t(key, { prefix, target: t(`phase.${r.targetPhase}`), phase: from });
      break;
    case "assessment_missing":
    case "assessment_not_submitted":
      message = t(key, { prefix, from, to });
      break;
    case "assessment_wrong_gate":
      message = t(key, { prefix, from, to, assessmentFrom: t(`phase.${r.assessmentFrom}`), assessmentTo: t(`phase.${r.assessmentTo}`) });
      break;
    case "criterion_not_met":
      message = t(key, { prefix, criterion: criterion(r.criterionId), judgement: t(`judgement.${r.judgement ?? "none"}`) });
      break;
    case "justification_missing":
      message = t(key, { prefix, criterion: criterion(r.criterionId) });
      break;
    case "condition_incomplete":
      message = t(`${key}.${r.field}`, { n: r.index + 1 });
      break;
    case "open_condition_unresolved":
      message = t(key, { text: r.text });
      break;
    default:
      message = t(key);
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Refusals that belong to one field are also shown (and linked) at that field. */
function refusalFieldErrors(refusals: DecisionRefusal[], messages: string[]) {
  const errors: Record<string, string[]> = {};
  refusals.forEach((r, i) => {
    const field =
      r.code === "rationale_missing" ? "rationale"
      : r.code === "target_missing" || r.code === "target_not_ahead" ? "targetPhase"
      : r.code === "conditions_missing" || r.code === "conditions_not_allowed" || r.code === "condition_incomplete" ? "conditions"
      : r.code === "open_condition_unresolved" ? resolutionField(r.conditionId)
      : null;
    if (field) (errors[field] ??= []).push(messages[i]);
  });
  return errors;
}

export default function DecisionPage() {
  const { initiative, blocker, targets, openConditions, somCalculations } = useLoaderData<typeof loader>();
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
            <p className="alert-text">{refusalMessage(t, lang, blocker, { outcome: null, from: initiative.phase, target: null })}</p>
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
          <DecisionForm initiative={initiative} openConditions={openConditions} />
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
              <li key={i}>{refusalMessage(t, lang, r, { outcome: null, from, target: view.target })}</li>
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

function DecisionForm({ initiative, openConditions }: { initiative: LoaderData["initiative"]; openConditions: LoaderData["openConditions"] }) {
  const t = useT();
  const lang = useLang();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const openIds = useMemo(() => openConditions.map((c) => c.id), [openConditions]);
  const schema = useMemo(() => decisionSchema(openIds), [openIds]);
  const [form, fields] = useForm({
    id: "decision",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { targetPhase: nextPhase(initiative.phase) ?? undefined, conditions: [{}] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const refusals = actionData && "refusals" in actionData ? (actionData.refusals as string[]) : null;
  const conflict = actionData && "conflict" in actionData;
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
          fields={[fields.outcome, fields.targetPhase, fields.rationale, fields.conditions, ...conditionFieldMetas, ...resolutionFields.map((r) => r.meta), dynamicFields.releaseNow]}
        />
      )}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="version" value={initiative.version} />

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
          options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`), hint: t(`decision.form.outcomeHint.${o}`) }))}
        />
        <SelectField
          meta={fields.targetPhase}
          label={t("decision.form.targetPhase")}
          hint={t("decision.form.targetPhaseHint")}
          placeholder={t("decision.form.targetPlaceholder")}
          options={targetPhases(initiative.phase).map((p) => ({ value: p, label: t(`phase.${p}`) }))}
        />
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
