// User involvement on the initiative page: the add form (which starts empty again after a save, so a second
// click adds nothing twice), and per entry an edit form and a delete button that asks first.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { ConfirmStep } from "~/components/confirm-step";
import { ConflictAlert, ErrorSummary, SelectField, TextareaField, TextField } from "~/components/forms";
import { EditInvolvementSchema, InvolvementSchema } from "~/schemas/initiative";
import { useT } from "~/utils/i18n";
import type { action } from "./route";

type Entry = { id: number; phase: string; who: string; how: string; what_changed: string; version: number };

function useAnswer() {
  return useActionData<typeof action>() as (Record<string, unknown> & { intent?: string; involvementId?: number; confirm?: [string, string][] }) | undefined;
}

function InvolvementFields({ fields }: { fields: Record<"phase" | "who" | "how" | "whatChanged", any> }) {
  const t = useT();
  return (
    <>
      <SelectField meta={fields.phase} label={t("involvement.phase")} options={PHASE_PERIODS.map((p) => ({ value: p, label: t(`phase.${p}`) }))} />
      <TextField meta={fields.who} label={t("involvement.who")} hint={t("involvement.whoHint")} />
      <TextareaField meta={fields.how} label={t("involvement.how")} rows={3} />
      <TextareaField meta={fields.whatChanged} label={t("involvement.whatChanged")} rows={3} />
    </>
  );
}

function summary(t: (k: any) => string, fields: Record<"phase" | "who" | "how" | "whatChanged", any>) {
  return [[fields.phase, t("involvement.phase")], [fields.who, t("involvement.who")], [fields.how, t("involvement.how")], [fields.whatChanged, t("involvement.whatChanged")]] as [any, string][];
}

/** The add form. When an entry was added (the count grew), the form is reset, so a second click adds nothing twice. */
export function InvolvementForm({ phase, count }: { phase: string; count: number }) {
  const t = useT();
  const ref = useRef<HTMLFormElement>(null);
  const seen = useRef(count);
  useEffect(() => {
    if (count > seen.current) ref.current?.reset();
    seen.current = count;
  }, [count]);
  const answer = useAnswer();
  const lastResult = answer && !answer.intent ? (answer as unknown as SubmissionResult<string[]>) : undefined;
  const [form, fields] = useForm({
    id: "involvement",
    lastResult,
    defaultValue: { phase },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvolvementSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <details className="details" open={!!lastResult}>
      <summary className="details-summary"><span className="details-summary-text">{t("detail.addInvolvement")}</span></summary>
      <div className="details-text">
        <ErrorSummary form={form} fields={summary(t, fields)} />
        <Form method="post" {...getFormProps(form)} ref={ref}>
          <InvolvementFields fields={fields} />
          <button type="submit" className="button button-primary">{t("detail.addInvolvement")}</button>
        </Form>
      </div>
    </details>
  );
}

/** Edit and delete for one entry. */
export function InvolvementEntryActions({ entry }: { entry: Entry }) {
  const t = useT();
  const answer = useAnswer();
  const mine = answer && answer.involvementId === entry.id ? answer : undefined;
  const editAnswer = mine?.intent === "editInvolvement" && !mine.conflict ? (mine as unknown as SubmissionResult<string[]>) : undefined;
  const [form, fields] = useForm({
    id: `involvement-${entry.id}`,
    lastResult: editAnswer,
    defaultValue: { phase: entry.phase, who: entry.who, how: entry.how, whatChanged: entry.what_changed },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditInvolvementSchema }),
    shouldValidate: "onBlur",
  });
  const confirm = mine?.intent === "deleteInvolvement" ? mine.confirm : undefined;
  return (
    <>
      <ConflictAlert answer={mine} />
      <details className="details" open={!!editAnswer}>
        <summary className="details-summary">
          <span className="details-summary-text">{t("involvement.edit")}<span className="visually-hidden"> {t("involvement.editFor", { who: entry.who })}</span></span>
        </summary>
        <div className="details-text">
          <ErrorSummary form={form} fields={summary(t, fields)} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="editInvolvement" />
            <input type="hidden" name="involvementId" value={entry.id} />
            <input type="hidden" name="version" value={entry.version} />
            <InvolvementFields fields={fields} />
            <button type="submit" className="button button-secondary">{t("involvement.save")}</button>
          </Form>
        </div>
      </details>
      {confirm ? (
        <ConfirmStep
          fields={confirm} danger heading={t("involvement.confirmDelete.heading", { who: entry.who })}
          text={[t("involvement.confirmDelete.text")]} confirmLabel={t("involvement.confirmDelete.submit")} cancelHref="#brugerinddragelse"
        />
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="deleteInvolvement" />
          <input type="hidden" name="involvementId" value={entry.id} />
          <input type="hidden" name="version" value={entry.version} />
          <button type="submit" className="button button-tertiary" aria-label={t("involvement.deleteFor", { who: entry.who })}>{t("involvement.delete")}</button>
        </Form>
      )}
    </>
  );
}
