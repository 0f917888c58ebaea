// The release draft editor: edition kind for later editions, the content fields, the stale-form notice.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EDITION_KINDS } from "#workflows/release";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConflictAlert, ErrorSummary, RadioField } from "~/components/forms";
import { ReleaseContentFields } from "~/components/release-fields";
import { EditReleaseSchema } from "~/schemas/release";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function EditReleasePage() {
  const { release: r } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: `edit-release-${r.id}`,
    lastResult: actionData?.conflict ? undefined : actionData?.result,
    defaultValue: {
      title: r.title, summary: r.summary, bodyMarkdown: r.body_md, audiences: r.audiences, area: r.area,
      topics: r.topics.join(", "), maturity: r.maturity ?? undefined, editionKind: r.edition_kind ?? undefined, version: String(r.version),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditReleaseSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <Breadcrumbs items={[{ to: "/udgivelser", label: t("releases.list.title") }, { to: `/udgivelser/${r.id}`, label: r.title || t("releases.untitled") }, { label: t("common.edit") }]} />
        <h1>{t("releases.edit.title")}</h1>
        {r.status !== "draft" ? (
          <div className="alert alert-info"><div className="alert-body"><p className="alert-text">{t("releases.edit.onlyDrafts")}</p></div></div>
        ) : null}
        {actionData?.conflict ? <ConflictAlert /> : null}
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={String(r.version)} />
          {r.edition > 1 ? (
            <RadioField
              meta={fields.editionKind} legend={t("releases.field.editionKind")}
              options={EDITION_KINDS.map((k) => ({ value: k, label: t(`editionKind.${k}`), hint: t(`editionKind.${k}.explain`) }))}
            />
          ) : null}
          <ReleaseContentFields fields={fields} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("releases.edit.save")}</button>
            <Link to={`/udgivelser/${r.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
