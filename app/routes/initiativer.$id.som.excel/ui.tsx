// The workbook page's markup: the initiative's calculations with their workbooks to download, and for
// program managers the form that reads a workbook back in (as a new calculation or a new version).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, FileField, SelectField } from "~/components/forms";
import { formatKr } from "~/components/som-knowledge";
import { MAX_WORKBOOK_BYTES, WorkbookImportSchema } from "~/schemas/som-knowledge";
import { useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import type { ActionData } from "./import.server";
import type { action, loader } from "./route";

export function SomExcelPage() {
  const { initiative, calculations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const [form, fields] = useForm({
    id: "som-import",
    lastResult: actionData?.result,
    defaultValue: { target: "new" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkbookImportSchema }),
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  return (
    <>
      <Breadcrumbs items={[{ to: "/initiativer", label: t("list.title") }, { to: `/initiativer/${initiative.id}`, label: initiative.title }, { label: t("somk.excel.title") }]} />
      <h1>{t("somk.excel.title")}</h1>
      <p className="app-meta">{initiative.title}</p>
      <p>{t("somk.excel.intro")}</p>

      <section className="app-section" aria-labelledby="excel-list">
        <h2 id="excel-list">{t("somk.excel.listTitle")}</h2>
        {calculations.length ? (
          <div className="app-table-wrap">
            <table className="table table--compact" data-testid="som-calculations">
              <caption className="visually-hidden">{t("somk.excel.listTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("somk.excel.col.title")}</th>
                  <th scope="col">{t("somk.field.phase")}</th>
                  <th scope="col">{t("somk.field.scenario")}</th>
                  <th scope="col">{t("somk.excel.col.version")}</th>
                  <th scope="col">{t("somk.excel.col.net")}</th>
                  <th scope="col">{t("somk.excel.col.download")}</th>
                </tr>
              </thead>
              <tbody>
                {calculations.map((c) => (
                  <tr key={c.id} data-calculation-id={c.id}>
                    <th scope="row"><Link to={`/initiativer/${initiative.id}/som/${c.id}`}>{c.title}</Link></th>
                    <td>{t(`phase.${c.phase}`)}</td>
                    <td>{t(`somk.scenario.${c.scenario}`)}</td>
                    <td>{c.latestNumber}</td>
                    <td data-testid="net">{formatKr(c.net, lang)}</td>
                    <td>
                      {/* A resource route: a plain link so the browser downloads the file instead of client routing. */}
                      <a href={`/initiativer/${initiative.id}/som/${c.id}/v/${c.latestVersionId}.xlsx`} download>
                        {t("somk.excel.download")}<span className="visually-hidden"> {c.title}</span>
                      </a>
                      {can(user, "som.edit") ? (
                        <>
                          {" · "}
                          <Link to={`/som/erfaringer/udgiv?version=${c.latestVersionId}`}>
                            {t("somk.excel.publish")}<span className="visually-hidden"> {c.title}</span>
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p>{t("somk.excel.none")}</p>}
      </section>

      {can(user, "som.edit") ? (
        <section className="app-section" aria-labelledby="excel-import">
          <h2 id="excel-import">{t("somk.excel.importTitle")}</h2>
          <p>{t("somk.excel.importIntro")}</p>
          {actionData?.conflict ? (
            <div className="alert alert-error" role="alert"><div className="alert-body"><p className="alert-text">{t("error.conflict")}</p></div></div>
          ) : null}
          <ErrorSummary form={form} fields={[fields.file, fields.target]} />
          {actionData?.issues?.length ? (
            <div className="alert alert-error" role="alert" data-testid="workbook-issues">
              <div className="alert-body">
                <p className="alert-heading">{t("somk.excel.issuesTitle", { count: actionData.issues.length })}</p>
                <ul className="alert-text">{actionData.issues.map((m) => <li key={m}>{m}</li>)}</ul>
              </div>
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            <FileField meta={fields.file} label={t("somk.excel.file")} hint={t("somk.excel.fileHint", { max: MAX_WORKBOOK_BYTES / 1_000_000 })} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            <SelectField
              meta={fields.target} label={t("somk.excel.target")} hint={t("somk.excel.targetHint")}
              options={[
                { value: "new", label: t("somk.excel.targetNew") },
                ...calculations.map((c) => ({ value: `${c.id}@${c.version}`, label: t("somk.excel.targetVersion", { title: c.title, n: c.latestNumber }) })),
              ]}
            />
            <button type="submit" className="button button-primary" disabled={busy}>{busy ? t("somk.excel.importing") : t("somk.excel.import")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
