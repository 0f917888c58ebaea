// Start a release from an initiative's phase (/udgivelser/ny?initiative=ID&phase=…), prefilled with what the
// initiative, the phase's decision and its SUSI assessment say. Knowledge staff only.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getInitiative, listPhasePeriods } from "#db/queries/initiatives";
import { insertDraft, loadReleaseFacts } from "#db/queries/releases";
import { startRelease } from "#workflows/release";
import type { PhasePeriod } from "#workflows/phase-model";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { ReleaseContentFields } from "~/components/release-fields";
import { NewReleaseQuerySchema, NewReleaseSchema } from "~/schemas/release";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { badRequest, notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { composeReleaseDraft, releaseRefusalMessage } from "~/utils/release-text";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("releases.new.title")} · SUSI Tracker` }];

/** The phases an initiative has been in (its periods and where it stands now), in order. */
async function phasesOf(initiativeId: number, current: PhasePeriod): Promise<PhasePeriod[]> {
  const periods = await listPhasePeriods(db(), initiativeId);
  return [...new Set([...periods.map((p) => p.phase), current])];
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "release.edit");
  const query = NewReleaseQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) badRequest(`Ugyldig værdi for "${query.error.issues[0].path.join(".")}"`);
  const initiative = await getInitiative(db(), query.data.initiative);
  if (!initiative) notFound();
  const phases = await phasesOf(initiative.id, initiative.phase);
  const phase = query.data.phase ?? initiative.phase;
  if (!phases.includes(phase)) badRequest(`Initiativet har ikke været i fasen "${phase}"`);
  const facts = await loadReleaseFacts(db(), initiative.id, phase);
  const draft = composeReleaseDraft(facts!);
  return { initiative: { id: initiative.id, title: initiative.title }, phase, phases, draft };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "release.edit");
  const submission = parseWithZod(await readForm(request), { schema: NewReleaseSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[] }, { status: 400 });
  const { initiativeId, phase, ...content } = submission.value;
  const initiative = await getInitiative(db(), initiativeId);
  if (!initiative) notFound();
  if (!(await phasesOf(initiativeId, initiative.phase)).includes(phase)) {
    return data({ result: submission.reply({ fieldErrors: { phase: ["releases.error.phaseNotReached"] } }), refusals: [] as string[] }, { status: 400 });
  }
  const started = startRelease(user, { ...content, maturity: content.maturity ?? null });
  if (!started.ok) {
    const t = getT(request);
    const refusals = started.refusals.map((r) => releaseRefusalMessage(r, t));
    return data({ result: submission.reply({ formErrors: refusals }), refusals }, { status: 409 });
  }
  const id = await db().transaction().execute((trx) =>
    insertDraft(trx, {
      initiativeId, phase, decisionId: null, content: started.value.content, authorId: started.value.authorId, requestedById: null,
    }, user.id, nowIso()),
  );
  return redirect(`/udgivelser/${id}`);
}

export default function NewRelease() {
  const { initiative, phase, phases, draft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "new-release",
    lastResult: actionData?.result,
    defaultValue: {
      ...draft, maturity: draft.maturity ?? undefined, topics: draft.topics.join(", "), initiativeId: String(initiative.id), phase,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewReleaseSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <Breadcrumbs items={[{ to: "/udgivelser", label: t("releases.list.title") }, { label: t("releases.new.title") }]} />
        <h1>{t("releases.new.title")}</h1>
        <p>{t("releases.new.intro", { initiative: initiative.title, phase: t(`phase.${phase}`) })}</p>
        {phases.length > 1 ? (
          <Form method="get" className="app-actions">
            <input type="hidden" name="initiative" value={initiative.id} />
            <div className="form-group">
              <label className="form-label" htmlFor="choose-phase">{t("releases.new.phase")}</label>
              <select className="form-select" id="choose-phase" name="phase" defaultValue={phase}>
                {phases.map((p) => <option key={p} value={p}>{t(`phase.${p}`)}</option>)}
              </select>
            </div>
            <button type="submit" className="button button-secondary">{t("releases.new.changePhase")}</button>
          </Form>
        ) : null}
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="initiativeId" value={initiative.id} />
          <input type="hidden" name="phase" value={phase} />
          <ReleaseContentFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("releases.new.create")}</button>
            <Link to={`/initiativer/${initiative.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
