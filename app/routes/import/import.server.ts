// The import page's steps. Upload: read the file (at most 2 MB, UTF-8 text), start an import job in the
// worker (jobs.server.ts) and wait a few seconds for it: a small file is answered at once, as before (the
// report, or 400 with every problem by line and column, nothing written); a larger one sends the user to
// its progress page, /import?job=<id>, which shows the report or the problems when it is done.
import { parseWithZod } from "@conform-to/zod/v4";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { UIP_ALL_COLUMNS, type UipProblem } from "#db/import/parse";
import type { ImportReport } from "#db/import/write";
import { getImportJob, type ImportJobResult } from "#db/queries/import-jobs";
import type { Executor } from "#db/client";
import type { ImportProgress } from "#db/import/run";
import { ImportSchema, MAX_IMPORT_BYTES } from "~/schemas/admin";
import { checkFieldNames, notFound } from "~/utils/http.server";
import { liveProgress, startImportJob, waitForJob } from "./jobs.server";

/** How long an upload waits for its import before showing the progress page instead. */
export const INLINE_WAIT_MS = Number(process.env.IMPORT_INLINE_WAIT_MS ?? 4000);
const REQUIRED_COLUMNS: ReadonlySet<string> = new Set(["area", "title", "phase", "agreement_years"]);

export type ImportActionData = {
  result: SubmissionResult<string[]>;
  rowErrors?: UipProblem[];
  rowErrorCount?: number;
  report?: ImportReport;
};

type UploadAnswer = { status: 200 | 400 | 409; body: ImportActionData } | { status: 303; jobId: number };

/** A 400 (or 409) whose only message belongs to the file field. */
function fileError(message: string, status: 400 | 409 = 400): { status: 400 | 409; body: ImportActionData } {
  const result = parseWithZod(new FormData(), { schema: ImportSchema }).reply({ fieldErrors: { file: [message] } });
  return { status, body: { result } };
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

/** What a finished job answers: the report (200), or its problems on the file field (400). */
export function finishedAnswer(result: ImportJobResult, submission: { reply: (o?: object) => SubmissionResult<string[]> }): { status: 200 | 400; body: ImportActionData } {
  if (result.ok) return { status: 200, body: { result: submission.reply({ resetForm: true }), report: result.report } };
  if ("crashed" in result) return { status: 400, body: { result: submission.reply({ fieldErrors: { file: ["csvImport.job.crashed"] } }) } };
  if (result.errors.some((e) => e.code === "empty_file")) return { status: 400, body: fileError("import.error.fileEmpty").body };
  return {
    status: 400,
    body: {
      result: submission.reply({ fieldErrors: { file: [result.semicolons ? "import.error.semicolons" : "import.error.rows"] } }),
      rowErrors: result.errors,
      rowErrorCount: result.errorCount,
    },
  };
}

/** The upload form's one intent: check the file, start its import, answer with the outcome or the job's page. */
export async function uploadStep(request: Request, userId: number, now: string): Promise<UploadAnswer> {
  const formData = await readUpload(request);
  if (typeof formData === "string") return fileError(formData);
  const submission = parseWithZod(checkFieldNames(formData), { schema: ImportSchema });
  if (submission.status !== "success") return { status: 400, body: { result: submission.reply() } };
  const text = await readText(submission.value.file);
  if (text === null) return fileError("import.error.notText");
  const started = await startImportJob({ userId, fileName: submission.value.file.name, text, semicolons: looksSemicolonSeparated(text), now });
  if (!started) return fileError("csvImport.job.busy", 409);
  const result = await waitForJob(started.finished, INLINE_WAIT_MS);
  return result ? finishedAnswer(result, submission) : { status: 303, jobId: started.jobId };
}

export interface JobView {
  id: number;
  fileName: string;
  /** interrupted: the row says running but no process runs it (the server restarted); nothing was written. */
  state: "running" | "done" | "failed" | "interrupted";
  progress: ImportProgress | null;
  report: ImportReport | null;
  rowErrors: UipProblem[];
  rowErrorCount: number;
  fileMessage: string | null;
}

/** The job's page: its progress while it runs, then the report or the problems. Another user's job is not found. */
export async function loadJob(db: Executor, userId: number, param: string | null): Promise<JobView | null> {
  if (param === null) return null;
  const id = /^\d{1,15}$/.test(param) ? Number(param) : 0;
  const job = id > 0 ? await getImportJob(db, id, userId) : null;
  if (!job) notFound();
  const running = liveProgress(job.id);
  const r = job.result;
  const failed = r && !r.ok ? r : null;
  return {
    id: job.id,
    fileName: job.fileName,
    state: job.state === "running" ? (running ? "running" : "interrupted") : job.state,
    progress: running?.progress ?? null,
    report: r?.ok ? r.report : null,
    rowErrors: failed && "errors" in failed ? failed.errors : [],
    rowErrorCount: failed && "errors" in failed ? failed.errorCount : 0,
    fileMessage: !failed ? null : "crashed" in failed ? "csvImport.job.crashed" : failed.semicolons ? "import.error.semicolons" : "import.error.rows",
  };
}

/** The page: the columns' help and the job asked for, if any. */
export async function importPage(db: Executor, userId: number, jobParam: string | null) {
  return {
    columns: UIP_ALL_COLUMNS.map((name) => ({ name, required: REQUIRED_COLUMNS.has(name) })),
    maxMegabytes: MAX_IMPORT_BYTES / 1_000_000,
    job: await loadJob(db, userId, jobParam),
  };
}
