// An initiative's SØM calculations as Excel workbooks: download any calculation's latest version, and read a
// workbook back in as a new calculation or as a new version of an existing one (program managers only).
// The whole workbook is checked before anything is saved; each problem is named by sheet and cell.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData,
  type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConflictError } from "#db/errors";
import { getInitiative } from "#db/queries/initiatives";
import { createCalculation, getCalculation, listCalculationsForInitiative, saveCalculationVersion } from "#db/queries/som";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FileField, SelectField } from "~/components/forms";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { formatKr } from "~/components/som-knowledge";
import { calculate } from "~/som/engine";
import { formatXlsxIssue, parseSomWorkbook, type SomWorkbookImport } from "~/som/xlsx.server";
import { MAX_WORKBOOK_BYTES, WorkbookImportSchema } from "~/schemas/som-knowledge";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getLang } from "~/utils/i18n.server";
import { badRequest, checkFieldNames, intParam, notFound, nowIso } from "~/utils/http.server";
import { metaT, useLang, useT, useUser } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { versionSimulation } from "~/som/montecarlo";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${metaT(matches)("somk.excel.title")} · ${data.initiative.title} · SUSI Tracker` : "SUSI Tracker" },
];

async function loadInitiative(idParam: string | undefined) {
  const initiative = await getInitiative(db(), intParam(idParam));
  if (!initiative) notFound("Initiative not found");
  return initiative;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const initiative = await loadInitiative(params.id);
  const rows = await listCalculationsForInitiative(db(), initiative.id);
  const calculations = [];
  for (const r of rows) {
    const c = await getCalculation(db(), r.id);
    if (!c) continue;
    calculations.push({
      id: r.id, title: r.title, phase: r.phase, scenario: r.scenario, version: r.version, latestNumber: r.latest_number,
      latestVersionId: c.latest.id, net: calculate(c.latest.input).summary.net,
    });
  }
  return { initiative: { id: initiative.id, title: initiative.title }, calculations };
}

type ActionData = { result: SubmissionResult<string[]>; issues?: string[]; conflict?: true };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "som.edit");
  const initiative = await loadInitiative(params.id);
  const formData = await readUpload(request);
  if (typeof formData === "string") return refuse({ file: [formData] });
  const submission = parseWithZod(checkFieldNames(formData), { schema: WorkbookImportSchema });
  if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });

  const parsed = await parseSomWorkbook(new Uint8Array(await submission.value.file.arrayBuffer()));
  if (!parsed.ok) {
    const lang = getLang(request);
    return data<ActionData>(
      { result: submission.reply({ fieldErrors: { file: ["somk.error.workbook"] } }), issues: parsed.errors.map((e) => formatXlsxIssue(e, lang)) },
      { status: 400 },
    );
  }
  const target = submission.value.target;
  const now = nowIso();
  if (target === "new") {
    const { calculationId } = await db().transaction().execute((trx) => createCalculation(trx, { initiativeId: initiative.id, ...parsed.value, uncertainty: versionSimulation(parsed.value.input, parsed.value.spreads) }, user.id, now));
    return redirect(`/initiativer/${initiative.id}/som/${calculationId}`);
  }
  const [calculationId, expectedVersion] = target.split("@").map(Number);
  const existing = await getCalculation(db(), calculationId);
  if (!existing || existing.initiative_id !== initiative.id) return refuse({ target: ["somk.error.importTarget"] });
  try {
    await db().transaction().execute((trx) => saveCalculationVersion(trx, calculationId, expectedVersion, versionData(parsed.value), user.id, now));
  } catch (error) {
    // Someone saved the calculation after this page was loaded: nothing is written, the user reloads.
    if (error instanceof ConflictError) return data<ActionData>({ result: submission.reply(), conflict: true }, { status: 409 });
    throw error;
  }
  return redirect(`/initiativer/${initiative.id}/som/${calculationId}`);
}

/** A new version keeps the calculation's phase; title and scenario follow the workbook. */
function versionData(d: SomWorkbookImport) {
  return { input: d.input, checklist: d.checklist, spreads: d.spreads, title: d.title, scenario: d.scenario, uncertainty: versionSimulation(d.input, d.spreads) };
}

function refuse(fieldErrors: Record<string, string[]>) {
  const result = parseWithZod(new FormData(), { schema: WorkbookImportSchema }).reply({ fieldErrors });
  return data<ActionData>({ result }, { status: 400 });
}

/** The submitted form, each part held in memory up to the workbook limit; a broken body is a 400. */
async function readUpload(request: Request): Promise<FormData | string> {
  try {
    if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
      return await request.formData();
    }
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_WORKBOOK_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "somk.error.fileTooLarge";
    badRequest("The request body is not a form");
  }
}

export default function SomExcelPage() {
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
