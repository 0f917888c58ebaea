// The CSV import's job rows (DECISIONS 0085): started by one user, finished with the report or the problems.
// A job that succeeds is marked done inside the import's own transaction, so "done" and the imported rows
// are committed together; a refused or failed one is marked failed after the rollback.
import type { Executor } from "../client";
import type { ImportReport } from "../import/write";
import type { UipProblem } from "../import/parse";

/** What a finished job holds: the report, or the first problems and how many there were. */
export type ImportJobResult =
  | { ok: true; report: ImportReport }
  | { ok: false; errors: UipProblem[]; errorCount: number; semicolons?: boolean }
  | { ok: false; crashed: true };

export interface ImportJob {
  id: number;
  userId: number;
  state: "running" | "done" | "failed";
  fileName: string;
  createdAt: string;
  finishedAt: string | null;
  result: ImportJobResult | null;
}

export async function createImportJob(db: Executor, input: { userId: number; fileName: string; now: string }): Promise<number> {
  const row = await db.insertInto("import_jobs")
    .values({ user_id: input.userId, state: "running", file_name: input.fileName.slice(0, 255), created_at: input.now })
    .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function finishImportJob(db: Executor, id: number, result: ImportJobResult, now: string): Promise<void> {
  await db.updateTable("import_jobs")
    .set({ state: result.ok ? "done" : "failed", finished_at: now, result: JSON.stringify(result) })
    .where("id", "=", id).where("state", "=", "running").execute();
}

/** A job of this user (another user's is not found). */
export async function getImportJob(db: Executor, id: number, userId: number): Promise<ImportJob | null> {
  const r = await db.selectFrom("import_jobs").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id, userId: r.user_id, state: r.state, fileName: r.file_name, createdAt: r.created_at, finishedAt: r.finished_at,
    result: r.result === null ? null : (JSON.parse(r.result) as ImportJobResult),
  };
}
