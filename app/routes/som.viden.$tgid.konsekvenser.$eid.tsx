// Edit or delete one consequence estimate of a target group (program managers and admins); version-guarded.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { deleteConsequenceEstimate, getConsequenceEstimate, getTargetGroup, updateConsequenceEstimate } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConsequenceEstimateFields } from "~/components/som-knowledge-fields";
import { DeleteForm, KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { decimalToInput } from "~/schemas/danish-decimal";
import { DeleteSchema, EditConsequenceEstimateSchema, estimateValues } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.estimate.edit")} · ${t("somk.title")} · SUSI Tracker` }];
};

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
  const { form, fields, conflict } = useKnowledgeForm(EditConsequenceEstimateSchema, useActionData<typeof action>(), {
    label: e.label, consequenceArea: e.consequence_area, kind: e.kind, unit: e.unit,
    deltas: e.deltas.map(decimalToInput).join("; "),
    priceKommune: decimalToInput(e.price_kommune), priceRegion: decimalToInput(e.price_region), priceStat: decimalToInput(e.price_stat),
    priceYear: String(e.price_year), source: e.source, isExample: e.is_example ? "on" : undefined,
  });
  return (
    <KnowledgeFormPage group={group} title={t("somk.estimate.edit")} crumb={e.label} meta={group.name}>
      <KnowledgeForm form={form} conflict={conflict} version={e.version} cancelTo={`/som/viden/${group.id}`}>
        <ConsequenceEstimateFields fields={fields} />
      </KnowledgeForm>
      <DeleteForm version={e.version} label={t("somk.estimate.delete")} />
    </KnowledgeFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
