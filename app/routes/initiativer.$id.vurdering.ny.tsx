// Starting a SUSI assessment: the program manager picks the phase the initiative is assessed towards
// (skipping phases allowed); the draft is created, or the open draft for that span is reopened.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createAssessment, listAssessments } from "#db/queries/assessments";
import { getInitiative } from "#db/queries/initiatives";
import type { Initiative } from "#db/schema";
import { startAssessment, statusStartRefusal, type AssessmentRefusal } from "#workflows/assessment";
import { gatesBetween, isTerminal, nextPhase, PHASES, targetPhases, type Phase, type PhasePeriod } from "#workflows/phase-model";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConflictAlert, ErrorSummary, RadioField } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { StartAssessmentSchema } from "~/schemas/assessment";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";
import type { Lang, Translate } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("assessment.start.title")} · SUSI Tracker` }];

type StartRefusal = AssessmentRefusal | NonNullable<ReturnType<typeof statusStartRefusal>>;

/** Why no assessment can be started for this initiative at all, whatever the target. */
function startRefusal(initiative: Initiative): StartRefusal | null {
  if (isTerminal(initiative.phase)) return { code: "dissemination_no_assessment" };
  // A held, stopped or completed initiative takes no decision but resume or stop, so an assessment would lead nowhere.
  return statusStartRefusal(initiative.status);
}

async function loadInitiative(id: string | undefined) {
  const initiative = await getInitiative(db(), intParam(id));
  if (!initiative) notFound();
  return initiative;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "assessment.edit");
  const initiative = await loadInitiative(params.id);
  const drafts = (await listAssessments(db(), initiative.id)).filter((a) => a.status === "draft" && a.from_phase === initiative.phase);
  return {
    initiative: { id: initiative.id, title: initiative.title, phase: initiative.phase },
    refusal: startRefusal(initiative),
    targets: targetPhases(initiative.phase),
    next: nextPhase(initiative.phase),
    drafts: drafts.map((d) => ({ id: d.id, toPhase: d.to_phase })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "assessment.edit");
  const initiative = await loadInitiative(params.id);
  const refusal = startRefusal(initiative);
  if (refusal) return data({ refusal }, { status: 409 });
  const submission = parseWithZod(await readForm(request), { schema: StartAssessmentSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const started = startAssessment(initiative.phase, submission.value.toPhase);
  if (!started.ok) {
    return data({ result: submission.reply({ fieldErrors: { toPhase: ["assessment.error.targetNotAhead"] } }) }, { status: 400 });
  }
  const input = { initiativeId: initiative.id, fromPhase: initiative.phase, toPhase: submission.value.toPhase };
  const created = await withConflictCheck(() => db().transaction().execute((trx) => createAssessment(trx, input, user.id, nowIso())));
  if (!("id" in created)) return created;
  return redirect(`/initiativer/${initiative.id}/vurdering/${created.id}?startet=${created.existing ? "kladde" : "ny"}`);
}

/** Phases passed over on the way to `to`, counted from the natural next phase. */
function skippedPhases(from: PhasePeriod, to: Phase): Phase[] {
  const next = nextPhase(from);
  if (!next) return [];
  return PHASES.filter((p) => PHASES.indexOf(p) >= PHASES.indexOf(next) && PHASES.indexOf(p) < PHASES.indexOf(to));
}

function targetOption(t: Translate, lang: Lang, from: PhasePeriod, to: Phase, next: Phase | null, hasDraft: boolean) {
  const skipped = skippedPhases(from, to);
  const phase = t(`phase.${to}`);
  const label = to === next
    ? t("assessment.start.next", { phase })
    : skipped.length
      ? t("assessment.start.skips", { phase, skipped: new Intl.ListFormat(lang, { type: "conjunction" }).format(skipped.map((p) => t(`phase.${p}`))) })
      : phase;
  const gates = gatesBetween(from, to);
  const criteria = t("assessment.start.criteria", {
    count: gates.reduce((n, g) => n + g.criteria.length, 0),
    gates: gates.map((g) => t("assessment.gate", { from: t(`phase.${g.from}`), to: t(`phase.${g.to}`) })).join(", "),
  });
  return { value: to, label, hint: hasDraft ? `${criteria} ${t("assessment.start.draftExists")}` : criteria };
}

export default function StartAssessmentPage() {
  const { initiative, refusal, targets, next, drafts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { toPhase: next ?? undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartAssessmentSchema }),
    shouldValidate: "onSubmit",
  });
  const shownRefusal = refusal ?? (actionData && "refusal" in actionData ? actionData.refusal : null);
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${initiative.id}`, label: initiative.title }, { label: t("assessment.start.title") }]} />
        <h1>{t("assessment.start.title")}</h1>
        <p>{t("assessment.start.intro")}</p>
        <dl className="app-dl">
          <dt>{t("assessment.initiative")}</dt><dd>{initiative.title}</dd>
          <dt>{t("assessment.start.currentPhase")}</dt><dd>{t(`phase.${initiative.phase}`)}</dd>
        </dl>
        {actionData && "conflict" in actionData ? <ConflictAlert /> : null}
        {shownRefusal ? (
          <div className="alert alert-warning" role={refusal ? undefined : "alert"}>
            <div className="alert-body"><p className="alert-text">{refusalText(t, shownRefusal)}</p></div>
          </div>
        ) : (
          <>
            <ErrorSummary form={form} fields={[fields.toPhase]} />
            <Form method="post" {...getFormProps(form)}>
              <RadioField
                meta={fields.toPhase}
                legend={t("assessment.start.target")}
                hint={t("assessment.start.targetHint")}
                options={targets.map((to) => targetOption(t, lang, initiative.phase, to, next, drafts.some((d) => d.toPhase === to)))}
              />
              <button type="submit" className="button button-primary">{t("assessment.start.submit")}</button>
            </Form>
          </>
        )}
        {drafts.length ? (
          <section className="app-section" aria-labelledby="open-drafts">
            <h2 id="open-drafts">{t("assessment.start.openDrafts")}</h2>
            <ul>
              {drafts.map((d) => (
                <li key={d.id}>
                  <Link to={`/initiativer/${initiative.id}/vurdering/${d.id}`}>
                    {t("assessment.spanValue", { from: t(`phase.${initiative.phase}`), to: t(`phase.${d.toPhase}`) })}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}

function refusalText(t: Translate, refusal: StartRefusal): string {
  if (refusal.code === "closed") return t("assessment.refused.closed", { status: t(`status.${refusal.status}`) });
  if (refusal.code === "no_gate") {
    return t("assessment.refused.no_gate", { from: t(`phase.${refusal.fromPhase}`), to: t(`phase.${refusal.toPhase}`) });
  }
  return t(`assessment.refused.${refusal.code}`);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
