// Publish one calculation version to the experience database (program managers), with a short description,
// under the publisher's own responsibility. The version is given as ?version=<id>.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getInitiative } from "#db/queries/initiatives";
import { getCalculationVersion } from "#db/queries/som";
import { findLivePublication, publishCalculationVersion } from "#db/queries/som-experience";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CheckboxField } from "~/components/som-knowledge";
import { calculate } from "~/som/engine";
import { PublishSchema } from "~/schemas/som-knowledge";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";
import { formatKroner } from "~/i18n/format";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("somx.publish.title")} · SUSI Tracker` }];

async function loadVersion(versionId: string | null | undefined) {
  const version = await getCalculationVersion(db(), intParam(versionId ?? undefined));
  if (!version) notFound("Calculation version not found");
  return version;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "som.edit");
  const version = await loadVersion(new URL(request.url).searchParams.get("version"));
  const [initiative, live] = await Promise.all([getInitiative(db(), version.calculation.initiative_id), findLivePublication(db(), version.id)]);
  return {
    version: { id: version.id, number: version.number, created_at: version.created_at },
    calculation: version.calculation,
    initiativeTitle: initiative?.title ?? "",
    net: calculate(version.input).summary.net,
    live: live ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: PublishSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const version = await loadVersion(String(submission.value.versionId));
  const alreadyPublished = () => data(submission.reply({ formErrors: ["somx.error.alreadyPublished"] }), { status: 409 });
  if (await findLivePublication(db(), version.id)) return alreadyPublished();
  let id: number;
  try {
    id = await db().transaction().execute((trx) => publishCalculationVersion(trx, version, submission.value, user.id, nowIso()));
  } catch (error) {
    // Published by someone else between the check and the insert (the partial unique index).
    if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return alreadyPublished();
    throw error;
  }
  return redirect(`/som/erfaringer/${id}`);
}

export default function PublishPage() {
  const { version, calculation, initiativeTitle, net, live } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { title: calculation.title },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/erfaringer", label: t("somx.title") }, { label: t("somx.publish.title") }]} />
        <h1>{t("somx.publish.title")}</h1>
        <dl className="app-dl">
          <dt>{t("somx.publish.calculation")}</dt>
          <dd><Link to={`/initiativer/${calculation.initiative_id}/som/${calculation.id}`}>{calculation.title}</Link></dd>
          <dt>{t("somk.field.initiative")}</dt><dd>{initiativeTitle}</dd>
          <dt>{t("somx.publish.version")}</dt><dd>{version.number}</dd>
          <dt>{t("somx.result.net")}</dt><dd>{formatKroner(net, lang)}</dd>
        </dl>
        {live ? (
          <div className="alert alert-info" role="status">
            <div className="alert-body"><p className="alert-text">{t("somx.publish.already")} <Link to={`/som/erfaringer/${live.id}`}>{live.title}</Link></p></div>
          </div>
        ) : (
          <>
            <p>{t("somx.publish.intro")}</p>
            <ErrorSummary form={form} />
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="versionId" value={version.id} />
              <TextField meta={fields.title} label={t("somx.publish.titleField")} />
              <TextareaField meta={fields.description} label={t("somx.publish.description")} hint={t("somx.publish.descriptionHint")} />
              <CheckboxField meta={fields.responsibility} label={t("somx.publish.responsibility")} />
              <button type="submit" className="button button-primary">{t("somx.publish.submit")}</button>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
