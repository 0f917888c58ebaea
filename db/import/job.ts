// One import job, as the worker thread (./worker.mjs) runs it: its own connection to the database the
// server uses, the steps of ./run.ts, progress and the outcome posted back. A successful job is marked done
// in the import's own transaction; a refused one is marked failed with its problems (nothing was written).
import { createDb, type Db } from "../client";
import { finishImportJob, type ImportJobResult } from "../queries/import-jobs";
import { runUipImport, type ImportProgress } from "./run";

/** The first problems a job keeps; a file with thousands of bad rows is fixed as a whole. */
export const MAX_KEPT_PROBLEMS = 1000;

export interface ImportJobInput {
  jobId: number;
  /** The server's database: a SQLite path or a postgres:// URL. */
  target: string;
  text: string;
  actorId: number;
  now: string;
  /** The header looks semicolon-separated (Danish Excel): said beside the problems. */
  semicolons: boolean;
}

export type ImportJobMessage =
  | ({ type: "progress" } & ImportProgress)
  | { type: "finished"; result: ImportJobResult }
  | { type: "crashed"; message: string };

/** Runs one job on its own connection to `input.target`, or on `shared` (a small file run by the server itself). */
export async function runImportJob(input: ImportJobInput, post: (m: ImportJobMessage) => void, shared?: Db): Promise<void> {
  const db = shared ?? createDb(input.target);
  try {
    const finishedAt = () => new Date().toISOString();
    const outcome = await runUipImport(db, input.text, input.actorId, input.now, {
      onProgress: (p) => post({ type: "progress", ...p }),
      alsoInTransaction: (trx, report) => finishImportJob(trx, input.jobId, { ok: true, report }, finishedAt()),
    });
    const result: ImportJobResult = outcome.ok
      ? outcome
      : { ok: false, errors: outcome.errors.slice(0, MAX_KEPT_PROBLEMS), errorCount: outcome.errors.length, semicolons: input.semicolons };
    if (!result.ok) await finishImportJob(db, input.jobId, result, finishedAt());
    post({ type: "finished", result });
  } catch (error) {
    await finishImportJob(db, input.jobId, { ok: false, crashed: true }, new Date().toISOString()).catch(() => {});
    post({ type: "crashed", message: String((error as Error)?.stack ?? error) });
  } finally {
    if (!shared) await db.destroy();
  }
}
