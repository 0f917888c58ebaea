// A fingerprint of the database's state that moves whenever anything is written, for caches that hold
// "until the next change" (app/utils/memo.server.ts). SQLite: PRAGMA data_version moves when another
// connection (a script, the CLI import, a second server) commits, and total_changes() counts this
// connection's own inserts, updates and deletes; together about 20 µs. PostgreSQL has no such cheap
// counter, so there the answer is null and callers compute as if nothing were cached.
import { sql } from "kysely";
import type { Executor } from "./client";
import { dialectOf } from "./dialect";

export async function dataVersion(db: Executor): Promise<string | null> {
  if (dialectOf(db) !== "sqlite") return null;
  const { rows } = await sql<{ v: number; c: number }>`select (select data_version from pragma_data_version) as v, total_changes() as c`.execute(db);
  const r = rows[0];
  return r ? `${r.v}.${r.c}` : null;
}
