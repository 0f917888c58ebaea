// Add an effect study to a target group (program managers and admins).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { createEffectStudy } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EffectStudyFields } from "~/components/som-knowledge-fields";
import { KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { EffectStudySchema } from "~/schemas/som-knowledge";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";
import { requireTargetGroupToEdit } from "~/utils/som-knowledge.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.study.create")} · ${t("somk.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireTargetGroupToEdit(request, params);
  return { group: { id: group.id, name: group.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireTargetGroupToEdit(request, params);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: EffectStudySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await db().transaction().execute((trx) => createEffectStudy(trx, group.id, submission.value, user.id, nowIso()));
  return redirect(`/som/viden/${group.id}#studies-heading`);
}

export default function NewStudy() {
  const { group } = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields } = useKnowledgeForm(EffectStudySchema, useActionData<typeof action>());
  return (
    <KnowledgeFormPage group={group} title={t("somk.study.create")} meta={group.name}>
      <KnowledgeForm form={form} cancelTo={`/som/viden/${group.id}`}>
        <EffectStudyFields fields={fields} />
      </KnowledgeForm>
    </KnowledgeFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
