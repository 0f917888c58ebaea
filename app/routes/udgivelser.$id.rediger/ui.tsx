// The release draft editor: edition kind and change note for later editions, the content fields, the preview of
// the public page and the internal texts beside them, the stale-form notice.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EDITION_KINDS } from "#workflows/release";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConflictAlert, ErrorSummary, RadioField } from "~/components/forms";
import { InternalReferencePanel, PreviewButton, ReleasePreview } from "~/components/release-editor";
import { ReleaseContentFields } from "~/components/release-fields";
import { EditReleaseSchema } from "~/schemas/release";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function EditReleasePage() {
  const { release: r, knownTopics, internal, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const formId = `edit-release-${r.id}`;
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData && "conflict" in actionData && actionData.conflict ? undefined : actionData?.result,
    defaultValue: {
      title: r.title, summary: r.summary, bodyMarkdown: r.body_md, audiences: r.audiences, areas: r.areas, topics: r.topics, newTopics: "",
      maturity: r.maturity ?? undefined, editionKind: r.edition_kind ?? undefined, changeNote: r.change_note, version: String(r.version),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditReleaseSchema }),
    shouldValidate: "onBlur",
  });
  const shown = (actionData && "preview" in actionData ? actionData.preview : null) ?? preview;
  return (
    <>
      <Breadcrumbs items={[{ to: "/udgivelser", label: t("releases.list.title") }, { to: `/udgivelser/${r.id}`, label: r.title || t("releases.untitled") }, { label: t("common.edit") }]} />
      <h1>{t("releases.edit.title")}</h1>
      {r.status !== "draft" ? (
        <div className="alert alert-info"><div className="alert-body"><p className="alert-text">{t("releases.edit.onlyDrafts")}</p></div></div>
      ) : null}
      {actionData && "conflict" in actionData && actionData.conflict ? <ConflictAlert /> : null}
      <div className="row">
        <div className="col-12 col-lg-7">
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="version" value={String(r.version)} />
            {r.edition > 1 ? (
              <RadioField
                meta={fields.editionKind} legend={t("releases.field.editionKind")}
                options={EDITION_KINDS.map((k) => ({ value: k, label: t(`editionKind.${k}`), hint: t(`editionKind.${k}.explain`) }))}
              />
            ) : null}
            <ReleaseContentFields fields={fields} knownTopics={knownTopics} laterEdition={r.edition > 1} />
            <div className="app-actions">
              <button type="submit" className="button button-primary">{t("releases.edit.save")}</button>
              <PreviewButton />
              <Link to={`/udgivelser/${r.id}`}>{t("form.cancel")}</Link>
            </div>
          </Form>
        </div>
        <div className="col-12 col-lg-5">
          <ReleasePreview formId={formId} preview={shown} />
          <InternalReferencePanel internal={internal} />
        </div>
      </div>
    </>
  );
}
