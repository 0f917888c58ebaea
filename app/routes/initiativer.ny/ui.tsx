// The new-initiative form: the descriptive fields, owner and budgets, the phase it starts in and its planned dates.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { InitiativeFields } from "~/components/initiative-fields";
import { CreateInitiativeSchema } from "~/schemas/initiative";
import { useT } from "~/utils/i18n";
import type { action, loader } from "./route";

export function NewInitiativePage() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const { owners, me } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { phase: "screening", ownerId: String(me) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateInitiativeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>{t("form.createTitle")}</h1>
        {/* conform's fields is a lazy Proxy with no own keys (Object.values gives []), so list them. */}
        <ErrorSummary form={form} fields={[fields.title, fields.description, fields.area, fields.targetGroup, fields.agreementYears, fields.track, fields.trackReason, fields.prototypeDescription, fields.ownerId, fields.budgets, fields.phase, fields.plannedStart, fields.plannedEnd]} />
        <Form method="post" {...getFormProps(form)}>
          <InitiativeFields fields={fields} owners={owners} />
          <SelectField meta={fields.phase} label={t("form.phase")} hint={t("form.phaseHint")}
            options={PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
          <TextField meta={fields.plannedStart} type="date" label={t("form.plannedStart")} required={false} />
          <TextField meta={fields.plannedEnd} type="date" label={t("form.plannedEnd")} required={false} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.create")}</button>
            <Link to="/initiativer">{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
