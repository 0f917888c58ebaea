import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getInitiative, listPhasePeriods, updatePhasePeriodDates } from "#db/queries/initiatives";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { PeriodDatesSchema } from "~/schemas/initiative";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("detail.timeline")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "initiative.edit");
  const id = intParam(params.id);
  const initiative = await getInitiative(db(), id);
  if (!initiative) notFound();
  return { initiative, periods: await listPhasePeriods(db(), id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.edit");
  const id = intParam(params.id);
  if (!(await getInitiative(db(), id))) notFound();
  const submission = parseWithZod(await readForm(request), { schema: PeriodDatesSchema });
  if (submission.status !== "success") return data({ periodId: null, result: submission.reply() }, { status: 400 });
  const { periodId, ...v } = submission.value;
  const dates = { plannedStart: v.plannedStart ?? null, plannedEnd: v.plannedEnd ?? null, actualStart: v.actualStart ?? null, actualEnd: v.actualEnd ?? null };
  const ok = await db().transaction().execute((trx) => updatePhasePeriodDates(trx, periodId, id, dates, user.id, nowIso()));
  if (!ok) notFound();
  return redirect(`/initiativer/${id}#faseforloeb`);
}

export default function PeriodsPage() {
  const { initiative, periods } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{t("form.periodsTitle")}</h1>
        <p className="app-meta"><Link to={`/initiativer/${initiative.id}`}>{initiative.title}</Link></p>
        {periods.map((p, idx) => <PeriodForm key={p.id} period={p} index={idx + 1} />)}
      </div>
    </div>
  );
}

function PeriodForm({ period, index }: { period: { id: number; phase: string; planned_start: string | null; planned_end: string | null; actual_start: string | null; actual_end: string | null }; index: number }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const submittedHere = actionData?.result && (actionData.result as any).initialValue?.periodId === String(period.id);
  const [form, fields] = useForm({
    id: `period-${period.id}`,
    lastResult: submittedHere ? actionData!.result : undefined,
    defaultValue: {
      periodId: String(period.id), plannedStart: period.planned_start ?? "", plannedEnd: period.planned_end ?? "",
      actualStart: period.actual_start ?? "", actualEnd: period.actual_end ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PeriodDatesSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section className="app-card" aria-labelledby={`period-${period.id}-h`}>
      <h2 id={`period-${period.id}-h`} className="h3">{index}. {t(`phase.${period.phase}`)}</h2>
      <ErrorSummary form={form} fields={[[fields.plannedStart, t("form.plannedStart")], [fields.plannedEnd, t("form.plannedEnd")], [fields.actualStart, t("form.actualStart")], [fields.actualEnd, t("form.actualEnd")]]} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="periodId" value={period.id} />
        <div className="app-grid-2">
          <TextField meta={fields.plannedStart} type="date" label={t("form.plannedStart")} required={false} />
          <TextField meta={fields.plannedEnd} type="date" label={t("form.plannedEnd")} required={false} />
          <TextField meta={fields.actualStart} type="date" label={t("form.actualStart")} required={false} />
          <TextField meta={fields.actualEnd} type="date" label={t("form.actualEnd")} required={false} />
        </div>
        <button type="submit" className="button button-secondary">{t("form.save")}</button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
