// Edit a target group of the SØM knowledge database (program managers and admins); version-guarded.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getTargetGroup, updateTargetGroup } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConflictAlert, ErrorSummary } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TargetGroupFields } from "~/components/som-knowledge-fields";
import { EditTargetGroupSchema } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Rediger målgruppe · SØM-vidensdatabase · SUSI Tracker" }];

async function loadGroup(tgid: string | undefined) {
  const group = await getTargetGroup(db(), intParam(tgid));
  if (!group) notFound("Target group not found");
  return group;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  return { group: await loadGroup(params.tgid) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const group = await loadGroup(params.tgid);
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
  const actionData = useActionData<typeof action>();
  const conflict = !!actionData && "conflict" in actionData;
  const [form, fields] = useForm({
    lastResult: conflict ? undefined : (actionData as any),
    defaultValue: {
      name: g.name, area: g.area, ageBand: g.age_band, successMeasure: g.success_measure, description: g.description,
      isExample: g.is_example ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditTargetGroupSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { to: `/som/viden/${g.id}`, label: g.name }, { label: t("somk.group.edit") }]} />
        <h1>{t("somk.group.edit")}</h1>
        {conflict ? <ConflictAlert /> : null}
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={g.version} />
          <TargetGroupFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.saveChanges")}</button>
            <Link to={`/som/viden/${g.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
