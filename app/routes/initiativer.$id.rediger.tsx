import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getAgreementYears, getInitiative, updateInitiative } from "#db/queries/initiatives";
import { getOwnerAndBudgets, isActiveProgramManager, listProgramManagers, setOwnerAndBudgets } from "#db/queries/portfolio";
import { STATUSES } from "#workflows/decision";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConflictAlert, ErrorSummary, SelectField } from "~/components/forms";
import { InitiativeFields } from "~/components/initiative-fields";
import { EditInitiativeSchema } from "~/schemas/initiative";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { intParam, notFound, nowIso, readForm, withConflictCheck } from "~/utils/http.server";
import { formatNumber } from "~/i18n";
import { metaT, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("form.editTitle")} · SUSI Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "initiative.edit");
  const id = intParam(params.id);
  const initiative = await getInitiative(db(), id);
  if (!initiative) notFound();
  const [years, ownership, owners] = await Promise.all([getAgreementYears(db(), id), getOwnerAndBudgets(db(), id), listProgramManagers(db())]);
  return { initiative, years, ownership, owners };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.edit");
  const id = intParam(params.id);
  if (!(await getInitiative(db(), id))) notFound();
  const submission = parseWithZod(await readForm(request), { schema: EditInitiativeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...v } = submission.value;
  if (v.ownerId != null && !(await isActiveProgramManager(db(), v.ownerId))) {
    return data(submission.reply({ fieldErrors: { ownerId: ["error.invalidOwner"] } }), { status: 400 });
  }
  const now = nowIso();
  const result = await withConflictCheck(() =>
    db().transaction().execute(async (trx) => {
      // Read before the edit rewrites the agreement rows, so the history row shows what the budgets were.
      const previous = await getOwnerAndBudgets(trx, id);
      await updateInitiative(trx, id, version, { ...v, track: v.track ? (Number(v.track) as 1 | 2) : null }, user.id, now);
      await setOwnerAndBudgets(trx, id, { ownerId: v.ownerId, budgets: v.budgets && new Map(v.budgets) }, user.id, now, previous);
    }),
  );
  if (result) return result;
  return redirect(`/initiativer/${id}`);
}

export default function EditInitiative() {
  const { initiative: i, years, ownership, owners } = useLoaderData<typeof loader>();
  const t = useT();
  const actionData = useActionData<typeof action>();
  const conflict = actionData && "conflict" in actionData;
  const [form, fields] = useForm({
    lastResult: conflict ? undefined : (actionData as any),
    defaultValue: {
      title: i.title, description: i.description, area: i.area, targetGroup: i.target_group,
      agreementYears: years.join(", "), track: i.track ? String(i.track) : "", trackReason: i.track_reason,
      prototypeDescription: i.prototype_description, status: i.status, version: String(i.version),
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
        {/* conform's fields is a lazy Proxy with no own keys (Object.values gives []), so list them. */}
        <ErrorSummary form={form} fields={[fields.title, fields.description, fields.area, fields.targetGroup, fields.agreementYears, fields.track, fields.trackReason, fields.prototypeDescription, fields.ownerId, fields.budgets, fields.status]} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="version" value={String(i.version)} />
          <InitiativeFields fields={fields} owners={owners} />
          <SelectField meta={fields.status} label={t("form.status")} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          <div className="app-actions">
            <button type="submit" className="button button-primary">{t("form.saveChanges")}</button>
            <Link to={`/initiativer/${i.id}`}>{t("form.cancel")}</Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
