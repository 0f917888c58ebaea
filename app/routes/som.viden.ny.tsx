// Create a target group in the SØM knowledge database (program managers and admins).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { createTargetGroup } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { TargetGroupFields } from "~/components/som-knowledge-fields";
import { TargetGroupSchema } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Ny målgruppe · SØM-vidensdatabase · SUSI Tracker" }];

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
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TargetGroupSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { label: t("somk.group.create") }]} />
        <h1>{t("somk.group.create")}</h1>
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <TargetGroupFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.save")}</button>
            <Link to="/som/viden">{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
