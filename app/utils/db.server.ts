// The app's database handle, opened lazily from DATABASE_URL (PostgreSQL) or DATABASE_PATH (SQLite).
// Tests point it at their own database.
import { createDb, type Db } from "#db/client";

let current: Db | undefined;
let currentTarget: string | undefined;

export function db(): Db {
  if (!current) current = createDb(currentTarget);
  return current;
}

/** Tests: switch to another database, a SQLite file or a postgres:// URL (closing nothing; call closeDb first). */
export function useDatabase(target: string) {
  currentTarget = target;
  current = undefined;
}

/** What db() opens: a SQLite path or a postgres:// URL. */
export function databaseTarget(): string | undefined {
  return currentTarget;
}

export async function closeDb() {
  const d = current;
  current = undefined;
  await d?.destroy();
}
