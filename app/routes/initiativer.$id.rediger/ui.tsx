// The edit form: the descriptive fields, the track while in screening, and a note on where phase and status change.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConflictAlert, ErrorSummary } from "~/components/forms";
import { InitiativeFields } from "~/components/initiative-fields";
import { EditInitiativeSchema } from "~/schemas/initiative";
import { formatNumber } from "~/i18n";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function EditInitiativePage() {
  const { initiative: i, years, ownership, owners, trackEditable } = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  const conflict = !!actionData && "conflict" in actionData;
  const refused = actionData && "messages" in actionData ? actionData.messages : [];
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData && !refused.length ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue: {
      title: i.title, description: i.description, area: i.area, targetGroup: i.target_group,
      agreementYears: years.join(", "), track: i.track ? String(i.track) : "", trackReason: i.track_reason,
      prototypeDescription: i.prototype_description, version: String(i.version),
      ownerId: ownership.ownerId === null ? "" : String(ownership.ownerId),
      budgets: ownership.budgets.filter((b) => b.budget_kr !== null).map((b) => `${b.year}: ${formatNumber(b.budget_kr!, "da")}`).join("\n"),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditInitiativeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{t("form.editTitle")}</h1>
        <p className="app-meta">{i.title}</p>
        {conflict ? <ConflictAlert /> : null}
        {refused.length ? (
          <div className="alert alert-error" role="alert">
            <div className="alert-body"><ul className="alert-text">{refused.map((m) => <li key={m}>{m}</li>)}</ul></div>
          </div>
        ) : null}
        {/* conform's fields is a lazy Proxy with no own keys (Object.values gives []), so list them. */}
        <ErrorSummary form={form} fields={[[fields.title, t("form.title")], [fields.description, t("form.description")], [fields.area, t("form.area")], [fields.targetGroup, t("form.targetGroup")], [fields.agreementYears, t("form.agreementYears")], [fields.track, t("form.track")], [fields.trackReason, t("form.trackReason")], [fields.prototypeDescription, t("form.prototype")], [fields.ownerId, t("form.owner")], [fields.budgets, t("form.budgets")]]} />
        <p>{t("form.editGovernedNote")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={String(i.version)} />
          <InitiativeFields fields={fields} track={trackEditable} trackValue={i.track} owners={owners} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.saveChanges")}</button>
            <Link to={`/initiativer/${i.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
