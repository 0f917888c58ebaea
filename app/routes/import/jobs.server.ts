// The import jobs of this server process (DECISIONS 0085): one worker thread, started on first use, runs
// them one at a time on its own database connection, so a 30,000-row file never holds up other requests
// on the event loop. A small file (at most IN_PROCESS_CHARS characters, some hundreds of rows: tens of milliseconds
// of work) is run by the server itself, through the same steps, so it never waits for the worker to start. The job row (db/queries/import-jobs.ts) says who started a job and how it ended; its
// progress while it runs is kept here, in memory, because the worker's transaction holds the write lock.
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { defaultDatabaseTarget } from "#db/client";
import { runImportJob, type ImportJobInput, type ImportJobMessage } from "#db/import/job";
import type { ImportProgress } from "#db/import/run";
import { createImportJob, finishImportJob, type ImportJobResult } from "#db/queries/import-jobs";
import { databaseTarget, db } from "~/utils/db.server";

interface LiveJob {
  progress: ImportProgress | null;
  finished: Promise<ImportJobResult>;
  settle: (result: ImportJobResult) => void;
}

/** Files of up to this many characters are imported by the server process itself. */
export const IN_PROCESS_CHARS = 50_000;

const live = new Map<number, LiveJob>();
let starting = false;
let worker: Worker | null = null;

const CRASHED: ImportJobResult = { ok: false, crashed: true };

/** Ends a job the worker could not finish: its row says so (nothing was committed), and its waiters hear it. */
function crash(jobId: number) {
  const job = live.get(jobId);
  live.delete(jobId);
  finishImportJob(db(), jobId, CRASHED, new Date().toISOString()).catch(() => {});
  job?.settle(CRASHED);
}

/** What a job says about itself, from the worker or from the server's own run. */
function hear(jobId: number, m: ImportJobMessage) {
  const job = live.get(jobId);
  if (!job) return;
  if (m.type === "progress") job.progress = { stage: m.stage, done: m.done, total: m.total };
  else if (m.type === "finished") {
    live.delete(jobId);
    job.settle(m.result);
  } else if (m.type === "crashed") {
    crash(jobId);
    console.error(`Import job ${jobId} failed: ${m.message}`);
  }
}

function theWorker(): Worker {
  if (worker) return worker;
  // A plain .mjs beside the import's steps; the built server and the tests both run from the project root.
  const w = new Worker(join(process.cwd(), "db", "import", "worker.mjs"));
  w.unref();
  w.on("message", (m: { jobId?: number } & (ImportJobMessage | { type: "ready" })) => {
    if (m.jobId !== undefined && m.type !== "ready") hear(m.jobId, m);
  });
  const gone = (error?: unknown) => {
    if (error) console.error("The import worker stopped:", error);
    if (worker === w) worker = null;
    for (const id of [...live.keys()]) crash(id);
  };
  w.on("error", gone);
  w.on("exit", (code) => gone(code === 0 ? undefined : `exit code ${code}`));
  worker = w;
  return w;
}

/** Whether an import is running in this process (a second one waits: SQLite has one writer). */
export function importRunning(): boolean {
  return starting || live.size > 0;
}

/** Where a running job is, or undefined if this process is not running it. */
export function liveProgress(jobId: number): { progress: ImportProgress | null } | undefined {
  const job = live.get(jobId);
  return job && { progress: job.progress };
}

/** Starts an import in the worker; null when another one is running. */
export async function startImportJob(input: { userId: number; fileName: string; text: string; semicolons: boolean; now: string }) {
  if (importRunning()) return null;
  starting = true;
  try {
    const jobId = await createImportJob(db(), { userId: input.userId, fileName: input.fileName, now: input.now });
    let settle!: (r: ImportJobResult) => void;
    const finished = new Promise<ImportJobResult>((resolve) => (settle = resolve));
    live.set(jobId, { progress: null, finished, settle });
    const job: ImportJobInput = {
      jobId, target: databaseTarget() ?? defaultDatabaseTarget(), text: input.text, actorId: input.userId, now: input.now, semicolons: input.semicolons,
    };
    if (input.text.length <= IN_PROCESS_CHARS) void runImportJob(job, (m) => hear(jobId, m), db());
    else theWorker().postMessage(job);
    return { jobId, finished };
  } finally {
    starting = false;
  }
}

/** The job's result if it finishes within `ms`, else null (the page then shows its progress). */
export async function waitForJob(finished: Promise<ImportJobResult>, ms: number): Promise<ImportJobResult | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([finished, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
