// A consistent copy of the SQLite database while the server runs (issue 14, DECISIONS 0029): `VACUUM INTO`
// reads the database in one read transaction, so the copy holds exactly the commits made before it began
// (including those still in the WAL, which a plain file copy misses) and writers carry on meanwhile. The
// copy is checked (`integrity_check`) before it is reported. PostgreSQL is backed up with pg_dump.
import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { mkdirSync } from "node:fs";

export interface BackupResult {
  file: string;
  bytes: number;
  historyRows: number;
  lastHash: string | null;
}

export class BackupError extends Error {}

/** Backs up the SQLite database at `sourcePath` into `file`, which must not exist yet. */
export function backupSqlite(sourcePath: string, file: string): BackupResult {
  const target = resolve(file);
  if (existsSync(target)) throw new BackupError(`${file} already exists; give the backup a new file name.`);
  if (!existsSync(sourcePath)) throw new BackupError(`The database ${sourcePath} does not exist.`);
  mkdirSync(dirname(target), { recursive: true });
  // Written under a temporary name and renamed when checked, so a half-written file never has the name.
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 10000");
    source.prepare("vacuum into ?").run(partial);
  } finally {
    source.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  let result: Omit<BackupResult, "file">;
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new BackupError(`The backup failed its integrity check: ${String(check)}`);
    const head = copy.prepare("select length, last_hash from history_chain where id = 1").get() as { length: number; last_hash: string } | undefined;
    const pages = copy.pragma("page_count", { simple: true }) as number;
    const pageSize = copy.pragma("page_size", { simple: true }) as number;
    result = { bytes: pages * pageSize, historyRows: head?.length ?? 0, lastHash: head?.last_hash ?? null };
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  renameSync(partial, target);
  return { file: target, ...result };
}
