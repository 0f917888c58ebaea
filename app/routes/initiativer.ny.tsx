import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createInitiative } from "#db/queries/initiatives";
import { isActiveProgramManager, listProgramManagers, setOwnerAndBudgets } from "#db/queries/portfolio";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { InitiativeFields } from "~/components/initiative-fields";
import { CreateInitiativeSchema } from "~/schemas/initiative";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { nowIso, readForm } from "~/utils/http.server";
import { metaT, useT } from "~/utils/i18n";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("form.createTitle")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "initiative.create");
  return { owners: await listProgramManagers(db()), me: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.create");
  const submission = parseWithZod(await readForm(request), { schema: CreateInitiativeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  if (v.ownerId != null && !(await isActiveProgramManager(db(), v.ownerId))) {
    return data(submission.reply({ fieldErrors: { ownerId: ["error.invalidOwner"] } }), { status: 400 });
  }
  const now = nowIso();
  const id = await db().transaction().execute(async (trx) => {
    const created = await createInitiative(trx, {
      ...v,
      track: v.track ? (Number(v.track) as 1 | 2) : null,
      status: "active",
      framework: "susi2",
      plannedStart: v.plannedStart ?? null,
      plannedEnd: v.plannedEnd ?? null,
    }, user.id, now);
    await setOwnerAndBudgets(trx, created, { ownerId: v.ownerId, budgets: v.budgets && new Map(v.budgets) }, user.id, now);
    return created;
  });
  return redirectWithFlash(request, `/initiativer/${id}`, "flash.initiative.created");
}

export default function NewInitiative() {
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
