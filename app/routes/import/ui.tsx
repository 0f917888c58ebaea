// The import page: the columns' help, the upload form, and what an import ended with (the report, or every
// problem by line and column), or, while a large one runs, its progress (JobStatus).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { UipProblem } from "#db/import/parse";
import type { ImportReport } from "#db/import/write";
import { ErrorSummary, FileField } from "~/components/forms";
import { importProblemMessage, unlinkedText } from "~/i18n/csv-import";
import { formatNumber } from "~/i18n/format";
import { ImportSchema } from "~/schemas/admin";
import { useLang, useT } from "~/utils/i18n";
import type { action, loader } from "./route";
import type { JobView } from "./import.server";

/** How often a running job's page asks for its progress (with JavaScript; without, the Refresh link). */
const POLL_MS = 1500;

export function ImportPage() {
  const { columns, maxMegabytes, job } = useLoaderData<typeof loader>();
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
      {/* The job asked for comes first: its progress, then what it ended with. */}
      {job && !actionData ? <JobStatus job={job} /> : null}

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

function RowErrors({ errors, total }: { errors: UipProblem[]; total: number }) {
  const t = useT();
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
                <td>{importProblemMessage(t, e)}</td>
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
                <strong>{u.title}</strong>: {unlinkedText(t, u)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p><Link to="/initiativer">{t("import.report.toList")}</Link></p>
    </section>
  );
}

function JobStatus({ job }: { job: JobView }) {
  const t = useT();
  const lang = useLang();
  const { revalidate, state } = useRevalidator();
  const running = job.state === "running";
  // Updating itself is a script's doing, so the button to pause it (WCAG 2.2.2) appears once scripts run.
  const [scripted, setScripted] = useState(false);
  const [paused, setPaused] = useState(false);
  useEffect(() => setScripted(true), []);
  useEffect(() => {
    if (!running || paused || state !== "idle") return;
    const timer = setTimeout(revalidate, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, paused, state, revalidate]);
  if (job.state === "done" && job.report) return <Report report={job.report} />;
  if (job.state === "failed" || job.state === "interrupted") {
    const message = job.state === "interrupted" ? "csvImport.job.interrupted" : job.fileMessage ?? "import.error.rows";
    return (
      <>
        <div className="alert alert-error" role="alert">
          <div className="alert-body"><p className="alert-text">{t(message)}</p></div>
        </div>
        {job.rowErrors.length ? <RowErrors errors={job.rowErrors} total={job.rowErrorCount} /> : null}
      </>
    );
  }
  const p = job.progress;
  const n = (v: number) => formatNumber(v, lang);
  const text = !p ? t("csvImport.job.waiting") : t(`csvImport.job.${p.stage}`, { done: n(p.done), total: n(p.total) });
  return (
    <section className="app-section" aria-labelledby="import-job">
      <h2 id="import-job">{t("csvImport.job.title")}</h2>
      <p>{t("csvImport.job.file", { name: job.fileName })}</p>
      <p role="status">{text}</p>
      <progress aria-label={t("csvImport.job.progressLabel")} max={p?.total || 1} value={p?.done ?? 0} />
      <p>{t("csvImport.job.hint")}</p>
      <p><a href={`/import?job=${job.id}`}>{t("csvImport.job.refresh")}</a></p>
      {scripted ? (
        <p>
          <button type="button" className="button button-secondary" aria-pressed={paused} onClick={() => setPaused(!paused)}>
            {t("csvImport.job.pause")}
          </button>
        </p>
      ) : null}
    </section>
  );
}
