// The database connection: Kysely over better-sqlite3 with WAL, foreign keys and a busy timeout.
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, type Transaction } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DB } from "./schema";

export type Db = Kysely<DB>;
/** Query functions take either the database or a transaction as their first argument. */
export type Executor = Kysely<DB> | Transaction<DB>;

export const DEFAULT_DATABASE_PATH = "data/susi-tracker.db";

export function createDb(path: string = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}
