// Add an effect study to a target group (program managers and admins).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createEffectStudy, getTargetGroup } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { EffectStudyFields } from "~/components/som-knowledge-fields";
import { EffectStudySchema } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm } from "~/utils/http.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Nyt effektstudie · SØM-vidensdatabase · SUSI Tracker" }];

async function loadGroup(tgid: string | undefined) {
  const group = await getTargetGroup(db(), intParam(tgid));
  if (!group) notFound("Target group not found");
  return group;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "som.knowledge.edit");
  const g = await loadGroup(params.tgid);
  return { group: { id: g.id, name: g.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const group = await loadGroup(params.tgid);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: EffectStudySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await db().transaction().execute((trx) => createEffectStudy(trx, group.id, submission.value, user.id, nowIso()));
  return redirect(`/som/viden/${group.id}#studies-heading`);
}

export default function NewStudy() {
  const { group } = useLoaderData<typeof loader>();
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EffectStudySchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { to: `/som/viden/${group.id}`, label: group.name }, { label: t("somk.study.create") }]} />
        <h1>{t("somk.study.create")}</h1>
        <p className="app-meta">{group.name}</p>
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <EffectStudyFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.save")}</button>
            <Link to={`/som/viden/${group.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
