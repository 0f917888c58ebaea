// The conditions page: each condition with its owner, due date, state and due standing; for program
// managers and the steering group, a form for owner and due date and one for the state.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ConditionDueBadge } from "~/components/condition-due";
import { ConflictAlert, ErrorSummary, RadioField, SelectField, TextareaField, TextField } from "~/components/forms";
import { formatDate } from "~/i18n";
import { AssignConditionSchema, ConditionStateSchema } from "~/schemas/condition";
import { can } from "~/utils/permissions";
import { useLang, useT, useUser } from "~/utils/i18n";
import type { action, loader } from "./route";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Condition = Data["conditions"][number];

export function ConditionsPage() {
  const { initiative, conditions } = useLoaderData<typeof loader>();
  const t = useT();
  const user = useUser();
  const inForce = conditions.filter((c) => c.status === "open");
  const resolved = conditions.filter((c) => c.status !== "open");
  const canManage = can(user, "condition.manage");
  return (
    <>
      <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${initiative.id}`, label: initiative.title }, { label: t("conditions.title") }]} />
      <h1>{t("conditions.title")}</h1>
      <p className="app-meta">{initiative.title}</p>
      <p>{t("conditions.intro")}</p>
      {!canManage ? <p>{t("conditions.readOnly")}</p> : null}
      {conditions.length === 0 ? <p>{t("conditions.none")}</p> : null}
      {inForce.length ? (
        <section className="app-section" aria-labelledby="gaeldende">
          <h2 id="gaeldende">{t("conditions.inForce")}</h2>
          <ul className="nobullet-list">{inForce.map((c) => <ConditionCard key={c.id} c={c} canManage={canManage} />)}</ul>
        </section>
      ) : null}
      {resolved.length ? (
        <section className="app-section" aria-labelledby="afsluttede">
          <h2 id="afsluttede">{t("conditions.resolved")}</h2>
          <ul className="nobullet-list">{resolved.map((c) => <ConditionCard key={c.id} c={c} canManage={false} />)}</ul>
        </section>
      ) : null}
      <p><Link to={`/initiativer/${initiative.id}#betingelser`}>{initiative.title}</Link></p>
    </>
  );
}

function ConditionCard({ c, canManage }: { c: Condition; canManage: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <li className="app-card" id={`betingelse-${c.id}`} data-testid="condition">
      <h3>{c.text} <ConditionDueBadge standing={c.standing} state={c.state} /></h3>
      <p className="app-meta">{t("conditions.setBy", { outcome: t(`outcome.${c.decision_outcome}`), date: formatDate(c.decision_decided_at, lang) })} · {t(`conditionStatus.${c.status}`)}</p>
      <dl className="app-dl">
        <dt>{t("conditions.owner")}</dt><dd>{c.owner_name ?? c.owner}</dd>
        <dt>{t("conditions.due")}</dt><dd><time dateTime={c.due_date}>{formatDate(c.due_date, lang)}</time></dd>
        <dt>{t("condition.col.state")}</dt><dd>{t(`conditionState.${c.state}`)}{c.state_note ? ` · ${c.state_note}` : ""}</dd>
      </dl>
      {canManage ? (<><AssignForm c={c} /><StateForm c={c} /></>) : null}
    </li>
  );
}

function useLastResult(intent: string, conditionId: number) {
  const actionData = useActionData<typeof action>();
  const mine = !!actionData && typeof actionData === "object" && "conditionId" in actionData && actionData.conditionId === conditionId && actionData.intent === intent;
  return { actionData: mine ? actionData : undefined, result: mine && "result" in actionData ? (actionData.result as unknown as SubmissionResult<string[]>) : undefined };
}

function AssignForm({ c }: { c: Condition }) {
  const t = useT();
  const { owners } = useLoaderData<typeof loader>();
  const { actionData, result } = useLastResult("assign", c.id);
  const [form, fields] = useForm({
    id: `assign-${c.id}`,
    lastResult: result,
    defaultValue: { ownerId: c.owner_id === null ? "" : String(c.owner_id), dueDate: c.due_date },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignConditionSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ConflictAlert answer={actionData} />
      <ErrorSummary form={form} fields={[fields.ownerId, fields.dueDate]} />
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="conditionId" value={c.id} />
      <input type="hidden" name="version" value={c.version} />
      <SelectField meta={fields.ownerId} label={t("conditions.owner")} placeholder={t("conditions.ownerPick")} options={owners.map((o) => ({ value: String(o.id), label: o.name }))} />
      <TextField meta={fields.dueDate} type="date" label={t("conditions.due")} />
      <button type="submit" className="button button-secondary">{t("conditions.assign")}</button>
    </Form>
  );
}

function StateForm({ c }: { c: Condition }) {
  const t = useT();
  const { actionData, result } = useLastResult("state", c.id);
  const [form, fields] = useForm({
    id: `state-${c.id}`,
    lastResult: result,
    defaultValue: { state: c.state, note: c.state_note },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConditionStateSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <ConflictAlert answer={actionData} />
      <ErrorSummary form={form} fields={[fields.state, fields.note]} />
      <input type="hidden" name="intent" value="state" />
      <input type="hidden" name="conditionId" value={c.id} />
      <input type="hidden" name="version" value={c.version} />
      <RadioField meta={fields.state} legend={t("conditions.stateLegend")}
        options={(["open", "met", "waived"] as const).map((s) => ({ value: s, label: t(`conditionState.${s}`) }))} />
      <TextareaField meta={fields.note} label={t("conditions.note")} hint={t("conditions.noteHint")} required={false} rows={2} />
      <button type="submit" className="button button-secondary">{t("conditions.saveState")}</button>
    </Form>
  );
}
