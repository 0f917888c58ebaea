// The form that plans a steering-group meeting.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { planMeetingSchema } from "~/schemas/meeting";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function PlanMeetingPage() {
  const { members, defaultChairId, initiative } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "plan-meeting",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { chairId: String(defaultChairId) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planMeetingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <p><Link to="/styregruppe">{t("steering.back")}</Link></p>
      <h1>{t("meeting.plan.title")}</h1>
      <p>{t("meeting.plan.intro")}</p>
      <ErrorSummary form={form} fields={[fields.date, fields.title, fields.location, fields.chairId]} />
      <Form method="post" {...getFormProps(form)}>
        {initiative ? (
          <>
            <input type="hidden" name="initiativeId" value={initiative.id} />
            <p data-testid="plan-initiative">{t("meeting.plan.withInitiative", { title: initiative.title })}</p>
          </>
        ) : null}
        <TextField meta={fields.date} label={t("meeting.field.date")} type="date" />
        <TextField meta={fields.title} label={t("meeting.field.title")} required={false} />
        <TextField meta={fields.location} label={t("meeting.field.location")} required={false} />
        <SelectField
          meta={fields.chairId}
          label={t("meeting.field.chair")}
          hint={t("meeting.field.chairHint")}
          options={members.map((m) => ({ value: String(m.id), label: m.name }))}
        />
        <div className="app-actions">
          <button type="submit" className="button button-primary">{t("meeting.plan.submit")}</button>
          <Link to={initiative ? `/initiativer/${initiative.id}/beslutning` : "/styregruppe"}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}
