// The correction form: phase, status and track as they should be, and the reason (required).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { STATUSES } from "#workflows/decision";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { CorrectionNotices } from "~/components/correction-notice";
import { ConflictAlert, ErrorSummary, SelectField, TextareaField } from "~/components/forms";
import { CorrectionSchema } from "~/schemas/correction";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function CorrectionPage() {
  const { initiative: i, corrections, reasonMin } = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "correction",
    lastResult: actionData && "result" in actionData ? (actionData.result as SubmissionResult<string[]>) : undefined,
    defaultValue: { phase: i.phase, status: i.status, track: i.track === null ? "none" : String(i.track), reason: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${i.id}`, label: i.title }, { label: t("correction.title") }]} />
        <h1>{t("correction.title")}</h1>
        <p>{t("correction.intro")}</p>
        <ConflictAlert answer={actionData} />
        <ErrorSummary form={form} fields={[fields.phase, fields.status, fields.track, fields.reason]} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={String(i.version)} />
          <SelectField meta={fields.phase} label={t("correction.phase")} options={PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
          <SelectField meta={fields.status} label={t("correction.status")} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          <SelectField meta={fields.track} label={t("correction.track")}
            options={[{ value: "none", label: t("correction.trackNone") }, { value: "1", label: t("track.1.long") }, { value: "2", label: t("track.2.long") }]} />
          <TextareaField meta={fields.reason} label={t("correction.reason")} hint={t("correction.reasonHint", { min: reasonMin })} rows={4} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("correction.submit")}</button>
            <Link to={`/initiativer/${i.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
        <CorrectionNotices corrections={corrections} />
      </div>
    </div>
  );
}
