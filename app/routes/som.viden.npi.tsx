// The net price index (nettoprisindeks) that moves a price from its own year to a calculation's price year:
// price × NPI(target) / NPI(own year). Everyone reads it; program managers and admins set and remove years.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { deleteNpiYear, listNpi, setNpiValue } from "#db/queries/som-knowledge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ExampleNotice, ExampleTag } from "~/components/som-knowledge";
import { npiFactor, npiTable } from "~/som/npi";
import { NpiDeleteSchema, NpiSchema } from "~/schemas/som-knowledge";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound, nowIso, readForm } from "~/utils/http.server";
import { metaT, useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { formatMeasure } from "~/i18n/format";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("somk.npi.title")} · ${t("somk.title")} · SUSI Tracker` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const rows = await listNpi(db());
  const table = npiTable(rows);
  const latest = rows.length ? rows[rows.length - 1].year : null;
  return {
    latest,
    rows: rows.map((r) => ({ ...r, factorToLatest: latest === null ? null : npiFactor(table, r.year, latest).toDecimalPlaces(4).toFixed(4) })),
  };
}

type ActionData = { intent: "set" | "delete"; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.knowledge.edit");
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: NpiDeleteSchema });
    if (submission.status !== "success") return data<ActionData>({ intent: "delete", result: submission.reply() }, { status: 400 });
    const deleted = await db().transaction().execute((trx) => deleteNpiYear(trx, submission.value.year, user.id, nowIso()));
    if (!deleted) notFound("No such year in the index");
    return data<ActionData>({ intent: "delete", result: submission.reply() });
  }
  const submission = parseWithZod(formData, { schema: NpiSchema });
  if (submission.status !== "success") return data<ActionData>({ intent: "set", result: submission.reply() }, { status: 400 });
  await db().transaction().execute((trx) => setNpiValue(trx, submission.value.year, submission.value.value, user.id, nowIso()));
  return data<ActionData>({ intent: "set", result: submission.reply({ resetForm: true }) });
}

export default function NpiPage() {
  const { rows, latest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const canEdit = can(user, "som.knowledge.edit");
  const [form, fields] = useForm({
    id: "npi-set",
    lastResult: actionData?.intent === "set" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NpiSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <Breadcrumbs items={[{ to: "/som", label: t("nav.som") }, { to: "/som/viden", label: t("somk.title") }, { label: t("somk.npi.title") }]} />
      <h1>{t("somk.npi.title")}</h1>
      <p>{t("somk.npi.intro")}</p>
      <p>{t("somk.npi.formula")}</p>
      {rows.some((r) => r.is_example) ? <ExampleNotice /> : null}
      {rows.length ? (
        <div className="app-table-wrap">
          <table className="table table--compact" data-testid="npi">
            <caption className="visually-hidden">{t("somk.npi.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("somk.npi.year")}</th>
                <th scope="col">{t("somk.npi.value")}</th>
                <th scope="col">{t("somk.npi.factor", { year: latest ?? "" })}</th>
                {canEdit ? <th scope="col">{t("somk.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.year}>
                  <th scope="row">{r.year} {r.is_example ? <ExampleTag /> : null}</th>
                  <td>{formatMeasure(r.value, lang, 4)}</td>
                  <td>{r.factorToLatest ? formatMeasure(r.factorToLatest, lang, 4) : ""}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="year" value={r.year} />
                        <button type="submit" className="button button-secondary button-small">
                          {t("somk.npi.delete")}<span className="visually-hidden"> {r.year}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>{t("somk.npi.empty")}</p>}

      {canEdit ? (
        <section className="app-section" aria-labelledby="npi-set">
          <h2 id="npi-set">{t("somk.npi.setTitle")}</h2>
          <p>{t("somk.npi.setHint")}</p>
          <ErrorSummary form={form} fields={[fields.year, fields.value]} />
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="set" />
            <TextField meta={fields.year} label={t("somk.npi.year")} className="form-input input-width-xs" />
            <TextField meta={fields.value} label={t("somk.npi.value")} className="form-input input-width-s" />
            <button type="submit" className="button button-primary">{t("form.save")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
