// The new-release form: the phase chooser (a GET form), the prefilled content fields.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/forms";
import { InternalReferencePanel, PreviewButton, ReleasePreview } from "~/components/release-editor";
import { ReleaseContentFields } from "~/components/release-fields";
import { NewReleaseSchema } from "~/schemas/release";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function NewReleasePage() {
  const { initiative, phase, phases, draft, knownTopics, internal, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "new-release",
    lastResult: actionData?.result,
    defaultValue: {
      ...draft, maturity: draft.maturity ?? undefined, topics: draft.topics, newTopics: "", initiativeId: String(initiative.id), phase,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewReleaseSchema }),
    shouldValidate: "onBlur",
  });
  const shown = actionData?.preview ?? preview;
  return (
    <div className="row">
      <div className="col-12 col-lg-7">
        <Breadcrumbs items={[{ to: "/udgivelser", label: t("releases.list.title") }, { label: t("releases.new.title") }]} />
        <h1>{t("releases.new.title")}</h1>
        <p>{t("releases.new.intro", { initiative: initiative.title, phase: t(`phase.${phase}`) })}</p>
        {phases.length > 1 ? (
          <Form method="get" className="app-actions">
            <input type="hidden" name="initiative" value={initiative.id} />
            <div className="form-group">
              <label className="form-label" htmlFor="choose-phase">{t("releases.new.phase")}</label>
              <select className="form-select" id="choose-phase" name="phase" defaultValue={phase}>
                {phases.map((p) => <option key={p} value={p}>{t(`phase.${p}`)}</option>)}
              </select>
            </div>
            <button type="submit" className="button button-secondary">{t("releases.new.changePhase")}</button>
          </Form>
        ) : null}
        <ErrorSummary form={form} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="initiativeId" value={initiative.id} />
          <input type="hidden" name="phase" value={phase} />
          <ReleaseContentFields fields={fields} knownTopics={knownTopics} laterEdition={false} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("releases.new.create")}</button>
            <PreviewButton />
            <Link to={`/initiativer/${initiative.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
      <div className="col-12 col-lg-5">
        <ReleasePreview formId="new-release" preview={shown} />
        <InternalReferencePanel internal={internal} />
      </div>
    </div>
  );
}
