// Edit or delete one effect study of a target group (program managers and admins); version-guarded.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { deleteEffectStudy, getEffectStudy, getTargetGroup, updateEffectStudy } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EffectStudyFields } from "~/components/som-knowledge-fields";
import { DeleteForm, KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { rateToPercentInput } from "~/schemas/danish-decimal";
import { DeleteSchema, EditEffectStudySchema } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.study.edit")} · ${t("somk.title")} · SUSI Tracker` }];
};

/** The study, 404 unless it exists and belongs to the target group in the URL. */
async function load(params: { tgid?: string; sid?: string }) {
  const group = await getTargetGroup(db(), intParam(params.tgid));
  const study = await getEffectStudy(db(), intParam(params.sid));
  if (!group || !study || study.target_group_id !== group.id) notFound("Effect study not found");
  return { group: { id: group.id, name: group.name }, study };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  return load(params);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const { group, study } = await load(params);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: DeleteSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const conflict = await withConflictCheck(() =>
      db().transaction().execute((trx) => deleteEffectStudy(trx, study.id, submission.value.version, user.id, nowIso())),
    );
    return conflict ?? redirect(`/som/viden/${group.id}#studies-heading`);
  }
  const submission = parseWithZod(formData, { schema: EditEffectStudySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...values } = submission.value;
  const conflict = await withConflictCheck(() =>
    db().transaction().execute((trx) => updateEffectStudy(trx, study.id, version, values, user.id, nowIso())),
  );
  return conflict ?? redirect(`/som/viden/${group.id}#studies-heading`);
}

export default function EditStudy() {
  const { group, study: s } = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields, conflict } = useKnowledgeForm(EditEffectStudySchema, useActionData<typeof action>(), {
    intervention: s.intervention, rateWith: rateToPercentInput(s.rate_with), rateWithout: rateToPercentInput(s.rate_without),
    evidenceLevel: String(s.evidence_level), citation: s.citation, isExample: s.is_example ? "on" : undefined,
  });
  return (
    <KnowledgeFormPage group={group} title={t("somk.study.edit")} crumb={s.intervention} meta={group.name}>
      <KnowledgeForm form={form} conflict={conflict} version={s.version} cancelTo={`/som/viden/${group.id}`}>
        <EffectStudyFields fields={fields} />
      </KnowledgeForm>
      <DeleteForm version={s.version} label={t("somk.study.delete")} />
    </KnowledgeFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
