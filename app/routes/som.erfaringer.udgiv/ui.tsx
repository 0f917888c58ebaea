// The publish form: which calculation and version, its net result, and title, description and responsibility.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextareaField, TextField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CheckboxField } from "~/components/som-knowledge";
import { PublishSchema } from "~/schemas/som-knowledge";
import { useLang, useT } from "~/utils/i18n";
import { formatKroner } from "~/i18n/format";
import type { action, loader } from "./route";

export function PublishPage() {
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
