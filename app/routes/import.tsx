// Import of UIP initiatives from a CSV file: the whole file is validated first and imported in one
// transaction, so a file with any bad row imports nothing. Program managers and admins only.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData,
  type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { importUipRows, parseUipCsv, UIP_ALL_COLUMNS, type ImportReport, type UipImportError } from "#db/import/uip-csv";
import { ErrorSummary, FileField } from "~/components/forms";
import { ImportSchema, MAX_IMPORT_BYTES } from "~/schemas/admin";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { checkFieldNames, nowIso } from "~/utils/http.server";
import { metaT, useLang, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("nav.import")} · SUSI Tracker` }];

/** A file with thousands of bad rows is fixed as a whole; listing more than this helps nobody. */
const MAX_LISTED_ERRORS = 1000;
const REQUIRED_COLUMNS: ReadonlySet<string> = new Set(["area", "title", "phase", "agreement_years"]);

type ImportActionData = {
  result: SubmissionResult<string[]>;
  rowErrors?: UipImportError[];
  rowErrorCount?: number;
  report?: ImportReport;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "initiative.import");
  return {
    columns: UIP_ALL_COLUMNS.map((name) => ({ name, required: REQUIRED_COLUMNS.has(name) })),
    maxMegabytes: MAX_IMPORT_BYTES / 1_000_000,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "initiative.import");
  const formData = await readUpload(request);
  if (typeof formData === "string") return fileError(formData);
  const submission = parseWithZod(checkFieldNames(formData), { schema: ImportSchema });
  if (submission.status !== "success") return data<ImportActionData>({ result: submission.reply() }, { status: 400 });

  const text = await readText(submission.value.file);
  if (text === null) return fileError("import.error.notText");
  const parsed = parseUipCsv(text);
  // An unknown owner is found only against the users, inside the import's transaction (nothing is written).
  const imported = parsed.ok ? await importUipRows(db(), parsed.rows, user.id, nowIso()) : parsed;
  if (!imported.ok) {
    if (imported.errors.some((e) => e.code === "empty_file")) return fileError("import.error.fileEmpty");
    return data<ImportActionData>(
      {
        result: submission.reply({ fieldErrors: { file: [looksSemicolonSeparated(text) ? "import.error.semicolons" : "import.error.rows"] } }),
        rowErrors: imported.errors.slice(0, MAX_LISTED_ERRORS),
        rowErrorCount: imported.errors.length,
      },
      { status: 400 },
    );
  }
  return data<ImportActionData>({ result: submission.reply({ resetForm: true }), report: imported.report });
}

/** A 400 whose only message belongs to the file field. */
function fileError(message: string) {
  const result = parseWithZod(new FormData(), { schema: ImportSchema }).reply({ fieldErrors: { file: [message] } });
  return data<ImportActionData>({ result }, { status: 400 });
}

/**
 * The submitted form, holding at most MAX_IMPORT_BYTES per part in memory. A body that is not a form at
 * all, or is cut off, is the user's problem (400), not ours (500).
 */
async function readUpload(request: Request): Promise<FormData | "import.error.fileTooLarge" | "import.error.fileRequired"> {
  try {
    if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
      return await request.formData();
    }
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    return error instanceof MaxPartSizeExceededError ? "import.error.fileTooLarge" : "import.error.fileRequired";
  }
}

/** Excel with Danish regional settings saves "CSV" with semicolons; say so instead of only "column missing". */
function looksSemicolonSeparated(text: string): boolean {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0];
  return header.includes(";") && !header.includes(",");
}

/** The file as text if it is UTF-8 (with or without BOM) and not binary; null otherwise. */
async function readText(file: File): Promise<string | null> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export default function ImportPage() {
  const { columns, maxMegabytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportSchema }),
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>

      <section className="app-section" aria-labelledby="import-columns">
        <h2 id="import-columns">{t("import.columns.title")}</h2>
        <p>{t("import.columns.intro")}</p>
        <div className="app-table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">{t("import.columns.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.columns.name")}</th>
                <th scope="col">{t("import.columns.content")}</th>
                <th scope="col">{t("import.columns.required")}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row"><code>{c.name}</code></th>
                  <td>{t(`import.col.${c.name}`)}</td>
                  <td>{c.required ? t("common.yes") : t("common.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t("import.columns.matching")}</p>
        <p>
          {/* A resource route: a plain link so the browser downloads the file instead of client routing. */}
          <a href="/import/skabelon.csv" download="uip-initiativer-skabelon.csv">{t("import.template")}</a>
        </p>
      </section>

      <section className="app-section" aria-labelledby="import-upload">
        <h2 id="import-upload">{t("import.upload.title")}</h2>
        <ErrorSummary form={form} fields={[fields.file]} />
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <FileField meta={fields.file} label={t("import.file")} hint={t("import.file.hint", { max: maxMegabytes })} accept=".csv,text/csv" />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("import.submitting") : t("import.submit")}
          </button>
        </Form>
      </section>

      {actionData?.rowErrors?.length ? (
        <RowErrors errors={actionData.rowErrors} total={actionData.rowErrorCount ?? actionData.rowErrors.length} />
      ) : null}
      {actionData?.report ? <Report report={actionData.report} /> : null}
    </>
  );
}

function RowErrors({ errors, total }: { errors: UipImportError[]; total: number }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="app-section" aria-labelledby="import-errors">
      <h2 id="import-errors">{t("import.errors.title")}</h2>
      <p>{total === 1 ? t("import.errors.countOne") : t("import.errors.count", { count: total })}</p>
      {total > errors.length ? <p>{t("import.errors.truncated", { shown: errors.length })}</p> : null}
      <div className="app-table-wrap">
        <table className="table table--compact">
          <caption className="visually-hidden">{t("import.errors.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.errors.line")}</th>
              <th scope="col">{t("import.errors.column")}</th>
              <th scope="col">{t("import.errors.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <th scope="row">{e.line}</th>
                <td>{e.column ? <code>{e.column}</code> : t("import.errors.wholeRow")}</td>
                <td>{lang === "da" ? e.message : e.messageEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Report({ report }: { report: ImportReport }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="app-section" aria-labelledby="import-report">
      <div className="alert alert-success" role="status">
        <div className="alert-body">
          <h2 className="alert-heading" id="import-report">{t("import.report.title")}</h2>
          <p className="alert-text">{t("import.report.summary", { created: report.created, present: report.alreadyPresent })}</p>
        </div>
      </div>
      <dl className="app-dl">
        <dt>{t("import.report.created")}</dt>
        <dd>{t("import.report.createdByArea", {
          count: report.created, adults: report.createdByArea.adults, children: report.createdByArea.children,
        })}</dd>
        <dt>{t("import.report.alreadyPresent")}</dt>
        <dd>{report.alreadyPresent}</dd>
        <dt>{t("import.report.links")}</dt>
        <dd>{report.links.length}</dd>
        <dt>{t("import.report.unlinked")}</dt>
        <dd>{report.unlinked.length}</dd>
      </dl>
      {report.links.length ? (
        <>
          <h3>{t("import.report.linksTitle")}</h3>
          <ul>
            {report.links.map((l) => (
              <li key={`${l.predecessorId}>${l.successorId}`}>
                <Link to={`/initiativer/${l.predecessorId}`}>{l.predecessor}</Link>
                {" → "}
                <Link to={`/initiativer/${l.successorId}`}>{l.successor}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.unlinked.length ? (
        <>
          <h3>{t("import.report.unlinkedTitle")}</h3>
          <p>{t("import.report.unlinkedHint")}</p>
          <ul>
            {report.unlinked.map((u, i) => (
              <li key={i}>
                <strong>{u.title}</strong>: {lang === "da" ? u.message : u.messageEn}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p><Link to="/initiativer">{t("import.report.toList")}</Link></p>
    </section>
  );
}
