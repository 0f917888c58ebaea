// Edit or delete one consequence estimate of a target group (program managers and admins); version-guarded.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { deleteConsequenceEstimate, getConsequenceEstimate, getTargetGroup, updateConsequenceEstimate } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConflictAlert, ErrorSummary } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConsequenceEstimateFields } from "~/components/som-knowledge-fields";
import { decimalToInput, DeleteSchema, EditConsequenceEstimateSchema, estimateValues } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Rediger konsekvensestimat · SØM-vidensdatabase · SUSI Tracker" }];

/** The estimate, 404 unless it exists and belongs to the target group in the URL. */
async function load(params: { tgid?: string; eid?: string }) {
  const group = await getTargetGroup(db(), intParam(params.tgid));
  const estimate = await getConsequenceEstimate(db(), intParam(params.eid));
  if (!group || !estimate || estimate.target_group_id !== group.id) notFound("Consequence estimate not found");
  return { group: { id: group.id, name: group.name }, estimate };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  return load(params);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const { group, estimate } = await load(params);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const conflict = await withConflictCheck(() =>
      db().transaction().execute((trx) => deleteConsequenceEstimate(trx, estimate.id, submission.value.version, user.id, nowIso())),
    );
    return conflict ?? redirect(`/som/viden/${group.id}#estimates-heading`);
  }
  const submission = parseWithZod(formData, { schema: EditConsequenceEstimateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const conflict = await withConflictCheck(() =>
    db().transaction().execute((trx) =>
      updateConsequenceEstimate(trx, estimate.id, submission.value.version, estimateValues(submission.value), user.id, nowIso()),
    ),
  );
  return conflict ?? redirect(`/som/viden/${group.id}#estimates-heading`);
}

export default function EditEstimate() {
  const { group, estimate: e } = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  const conflict = !!actionData && "conflict" in actionData;
  const [form, fields] = useForm({
    lastResult: conflict ? undefined : (actionData as any),
    defaultValue: {
      label: e.label, consequenceArea: e.consequence_area, kind: e.kind, unit: e.unit,
      deltas: e.deltas.map(decimalToInput).join("; "),
      priceKommune: decimalToInput(e.price_kommune), priceRegion: decimalToInput(e.price_region), priceStat: decimalToInput(e.price_stat),
      priceYear: String(e.price_year), source: e.source, isExample: e.is_example ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditConsequenceEstimateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { to: `/som/viden/${group.id}`, label: group.name }, { label: e.label }]} />
        <h1>{t("somk.estimate.edit")}</h1>
        <p className="app-meta">{group.name}</p>
        {conflict ? <ConflictAlert /> : null}
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={e.version} />
          <ConsequenceEstimateFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.saveChanges")}</button>
            <Link to={`/som/viden/${group.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
        <Form method="post" className="app-section">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="version" value={e.version} />
          <button type="submit" className="button button-secondary">{t("somk.estimate.delete")}</button>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
