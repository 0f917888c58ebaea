// The subscription form's page: the fields, who subscribes (the municipality chooser belongs to the
// municipality kind: CSS folds it away once another kind is chosen, and without CSS it stays visible with a label
// saying so), the initiative the reader came from, the areas as one group of checkboxes, the privacy line.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { FOLLOWABLE_AREAS, FREQUENCIES, SUBSCRIBER_KINDS, SubscribeSchema } from "~/schemas/subscription";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function SubscribePage() {
  const t = useT();
  const { municipalities, initiative } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { frequency: "immediate", kind: "municipality", initiatives: initiative ? [String(initiative.id)] : [] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubscribeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{t("subscriptions.title")}</h1>
        <p className="font-lead">{t("subscriptions.intro")}</p>
        <ErrorSummary form={form} fields={[fields.email, fields.kind, fields.municipality, fields.initiatives, fields.areas, fields.topics, fields.frequency]} />
        <Form method="post" className="app-subscribe" {...getFormProps(form)}>
          <TextField meta={fields.email} type="email" label={t("subscriptions.email")} hint={t("subscriptions.emailHint")} autoComplete="email" />
          <RadioField meta={fields.kind} legend={t("subscriptions.kind")}
            options={SUBSCRIBER_KINDS.map((k) => ({ value: k, label: t(`subscriptions.kind.${k}`) }))} />
          <div className="app-municipality">
            <SelectField meta={fields.municipality} label={t("subscriptions.municipality")} hint={t("subscriptions.municipalityHint")}
              options={municipalities} placeholder={t("subscriptions.municipalityPlaceholder")} />
          </div>
          {initiative ? <InitiativeCheckbox meta={fields.initiatives} initiative={initiative} /> : null}
          <AreaCheckboxes meta={fields.areas} />
          <TextareaField meta={fields.topics} label={t("subscriptions.topics")} hint={t("subscriptions.topicsHint")} required={false} rows={2} />
          <RadioField meta={fields.frequency} legend={t("subscriptions.frequency")}
            options={FREQUENCIES.map((f) => ({ value: f, label: t(`subscriptions.frequency.${f}`) }))} />
          <p>{t("subscriptions.privacy")} <Link to="/privatliv">{t("privacy.link")}</Link>.</p>
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("subscriptions.submit")}</button>
          </div>
        </Form>
      </div>
    </div>
  );
}

/** The areas as checkboxes sharing one name; the error (nothing chosen) is shown on the group. */
function AreaCheckboxes({ meta }: { meta: FieldMetadata<any, any, any> }) {
  const t = useT();
  const initial = Array.isArray(meta.initialValue) ? meta.initialValue : [meta.initialValue].filter(Boolean);
  const errors: string[] = meta.errors ?? [];
  const describedBy = [meta.descriptionId, errors.length ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <div className={`form-group${errors.length ? " form-error" : ""}`}>
      <fieldset aria-describedby={describedBy} id={meta.id}>
        <legend className="form-label">{t("subscriptions.areas")}</legend>
        <span className="form-hint" id={meta.descriptionId}>{t("subscriptions.areasHint")}</span>
        {errors.length ? (
          <span className="form-error-message" id={meta.errorId}>
            <span className="sr-only visually-hidden">{t("form.errorSummary")}: </span>
            {errors.map((e) => t(e)).join(" ")}
          </span>
        ) : null}
        <ul className="nobullet-list">
          {FOLLOWABLE_AREAS.map((a) => (
            <li key={a}>
              <input className="form-checkbox" type="checkbox" id={`${meta.id}-${a}`} name={meta.name} value={a}
                defaultChecked={initial.includes(a)} aria-invalid={errors.length ? true : undefined} />
              <label htmlFor={`${meta.id}-${a}`}>{t(`subscriptions.area.${a}`)}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** The initiative the reader came from (the "follow this initiative" link), as one checkbox, ticked. */
function InitiativeCheckbox({ meta, initiative }: { meta: FieldMetadata<any, any, any>; initiative: { id: number; title: string } }) {
  const t = useT();
  const initial = Array.isArray(meta.initialValue) ? meta.initialValue : [meta.initialValue].filter(Boolean);
  const errors: string[] = meta.errors ?? [];
  return (
    <div className={`form-group${errors.length ? " form-error" : ""}`}>
      <fieldset id={meta.id} aria-describedby={errors.length ? meta.errorId : undefined}>
        <legend className="form-label">{t("subscriptions.initiatives")}</legend>
        {errors.length ? <span className="form-error-message" id={meta.errorId}>{errors.map((e) => t(e)).join(" ")}</span> : null}
        <ul className="nobullet-list">
          <li>
            <input className="form-checkbox" type="checkbox" id={`${meta.id}-${initiative.id}`} name={meta.name} value={String(initiative.id)}
              defaultChecked={initial.includes(String(initiative.id))} />
            <label htmlFor={`${meta.id}-${initiative.id}`}>{t("subscriptions.followInitiative", { title: initiative.title })}</label>
          </li>
        </ul>
      </fieldset>
    </div>
  );
}
