// The public subscription form (no login): email, municipality, areas and/or topics, how often. A valid
// request is stored as pending and only a confirmation mail is queued (double opt-in).
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { countRecentRequests, createPendingSubscription, MAX_REQUESTS_PER_DAY } from "#db/queries/subscriptions";
import { MUNICIPALITIES } from "#db/seed-data/municipalities";
import { ErrorSummary, RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { hashToken, newToken } from "~/mail/tokens.server";
import { FOLLOWABLE_AREAS, FREQUENCIES, SubscribeSchema } from "~/schemas/subscription";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("subscriptions.title")} · SUSI Tracker` }];

export async function loader() {
  const municipalities = [...MUNICIPALITIES].sort((a, b) => a.name.localeCompare(b.name, "da"));
  return { municipalities: municipalities.map((m) => ({ value: m.code, label: m.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: SubscribeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const now = nowIso();
  const token = newToken();
  await db().transaction().execute(async (trx) => {
    // Past the daily cap the answer looks the same, so the form says nothing about who subscribes.
    const dayAgo = new Date(Date.parse(now) - 86_400_000).toISOString();
    if ((await countRecentRequests(trx, v.email, dayAgo)) >= MAX_REQUESTS_PER_DAY) return;
    await createPendingSubscription(trx, {
      email: v.email, municipalityCode: v.municipality, areas: v.areas, topics: v.topics, frequency: v.frequency,
      confirmTokenHash: hashToken(token),
    }, token, now);
  });
  return redirect("/viden/abonnement/tak");
}

export default function Subscribe() {
  const t = useT();
  const { municipalities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { frequency: "immediate" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubscribeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{t("subscriptions.title")}</h1>
        <p className="font-lead">{t("subscriptions.intro")}</p>
        <ErrorSummary form={form} fields={[fields.email, fields.municipality, fields.areas, fields.topics, fields.frequency]} />
        <Form method="post" {...getFormProps(form)}>
          <TextField meta={fields.email} type="email" label={t("subscriptions.email")} hint={t("subscriptions.emailHint")} autoComplete="email" />
          <SelectField meta={fields.municipality} label={t("subscriptions.municipality")} options={municipalities}
            placeholder={t("subscriptions.municipalityPlaceholder")} />
          <AreaCheckboxes meta={fields.areas} />
          <TextareaField meta={fields.topics} label={t("subscriptions.topics")} hint={t("subscriptions.topicsHint")} required={false} rows={2} />
          <RadioField meta={fields.frequency} legend={t("subscriptions.frequency")}
            options={FREQUENCIES.map((f) => ({ value: f, label: t(`subscriptions.frequency.${f}`) }))} />
          <p>{t("subscriptions.privacy")}</p>
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
