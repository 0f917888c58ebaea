// Edit a target group of the SØM knowledge database (program managers and admins); version-guarded.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { updateTargetGroup } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TargetGroupFields } from "~/components/som-knowledge-fields";
import { KnowledgeForm, KnowledgeFormPage, useKnowledgeForm } from "~/components/som-knowledge-form";
import { EditTargetGroupSchema } from "~/schemas/som-knowledge";
import { db } from "~/utils/db.server";
import { nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";
import { requireTargetGroupToEdit } from "~/utils/som-knowledge.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.group.edit")} · ${t("somk.title")} · SUSI Tracker` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group } = await requireTargetGroupToEdit(request, params);
  return { group };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, group } = await requireTargetGroupToEdit(request, params);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: EditTargetGroupSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...values } = submission.value;
  const conflict = await withConflictCheck(() =>
    db().transaction().execute((trx) => updateTargetGroup(trx, group.id, version, values, user.id, nowIso())),
  );
  if (conflict) return conflict;
  return redirect(`/som/viden/${group.id}`);
}

export default function EditTargetGroup() {
  const { group: g } = useLoaderData<typeof loader>();
  const t = useT();
  const { form, fields, conflict } = useKnowledgeForm(EditTargetGroupSchema, useActionData<typeof action>(), {
    name: g.name, area: g.area, ageBand: g.age_band, successMeasure: g.success_measure, description: g.description,
    isExample: g.is_example ? "on" : undefined,
  });
  return (
    <KnowledgeFormPage group={g} title={t("somk.group.edit")}>
      <KnowledgeForm form={form} conflict={conflict} version={g.version} cancelTo={`/som/viden/${g.id}`}>
        <TargetGroupFields fields={fields} />
      </KnowledgeForm>
    </KnowledgeFormPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
