// Create a target group in the SØM knowledge database (program managers and admins).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { createTargetGroup } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TargetGroupFields } from "~/components/som-knowledge-fields";
import { KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { TargetGroupSchema } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.group.create")} · ${t("somk.title")} · SUSI Tracker` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: TargetGroupSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = await db().transaction().execute((trx) => createTargetGroup(trx, submission.value, user.id, nowIso()));
  return redirect(`/som/viden/${id}`);
}

export default function NewTargetGroup() {
  const t = useT();
  const { form, fields } = useKnowledgeForm(TargetGroupSchema, useActionData<typeof action>());
  return (
    <KnowledgeFormPage title={t("somk.group.create")}>
      <KnowledgeForm form={form} cancelTo="/som/viden">
        <TargetGroupFields fields={fields} />
      </KnowledgeForm>
    </KnowledgeFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
