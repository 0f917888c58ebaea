// The database connection. DATABASE_URL=postgres://… selects PostgreSQL (Kysely's PostgresDialect over a
// `pg` pool); otherwise SQLite through better-sqlite3 at DATABASE_PATH, with WAL, foreign keys, a busy
// timeout and synchronous=FULL. Both return rows of the same shape (DECISIONS 0033): integers and counts as numbers, booleans
// as 0/1, timestamps as ISO text, SØM decimals as the text they were stored as.
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { danishSortKey, PortableSchemaPlugin, withoutNulText } from "./dialect";
import type { DB } from "./schema";

export type Db = Kysely<DB>;
/** Query functions take either the database or a transaction as their first argument. */
export type Executor = Kysely<DB> | Transaction<DB>;

export const DEFAULT_DATABASE_PATH = "data/susi-tracker.db";

export function isPostgresUrl(target: string | undefined): boolean {
  return !!target && /^postgres(ql)?:\/\//i.test(target);
}

/** What the app opens when nothing is passed: DATABASE_URL (PostgreSQL) first, else DATABASE_PATH (SQLite). */
export function defaultDatabaseTarget(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    if (!isPostgresUrl(url)) throw new Error(`DATABASE_URL must be a postgres:// URL (got ${JSON.stringify(url.split(":")[0])}); for SQLite set DATABASE_PATH instead.`);
    return url;
  }
  return process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
}

/** Opens a database: a postgres:// URL opens PostgreSQL, anything else is a SQLite file path (or ":memory:"). */
export function createDb(target: string = defaultDatabaseTarget()): Db {
  return isPostgresUrl(target) ? createPostgresDb(target) : createSqliteDb(target);
}

function createSqliteDb(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk (WAL fsynced) before it is acknowledged, so a power loss loses no recorded
  // decision (DECISIONS 0029; a bare loop still managed hundreds of commits per second on a loaded machine).
  sqlite.pragma("synchronous = FULL");
  // Danish ordering (db/dialect.ts danishOrder): better-sqlite3 cannot register collations, so a sort key.
  sqlite.function("da_sort_key", { deterministic: true }, (v: unknown) => (v === null ? null : danishSortKey(String(v))));
  return new Kysely<DB>({ dialect: withoutNulText(new SqliteDialect({ database: withStatementCache(sqlite) })) });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver calls prepare() for every query it runs, and better-sqlite3 compiles the SQL
 * anew each time (6 µs for the data-version probe, tens of µs for a list query; 5 % of a cached public
 * page's CPU). The same few hundred SQL texts recur, so their compiled statements are kept (least
 * recently used dropped past STATEMENT_CACHE_SIZE). A statement still being iterated (a stream) is busy
 * and cannot run twice at once: then a fresh one is compiled for that call. SQLite recompiles a kept
 * statement itself after a schema change (a migration), so none goes stale.
 */
export function withStatementCache(sqlite: Database.Database, max = STATEMENT_CACHE_SIZE) {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare(sql: string): Database.Statement {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = sqlite.prepare(sql);
      if (!kept) {
        statements.set(sql, statement);
        while (statements.size > max) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}

// node-postgres parses by type oid; these make PostgreSQL's answers look like SQLite's (see DECISIONS 0033).
const INT8 = 20, NUMERIC = 1700, BOOL = 16, TIMESTAMP = 1114, TIMESTAMPTZ = 1184;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: Number, // count(*), sum() of integer columns: far below 2^53 here
  [NUMERIC]: Number, // avg(): SQLite answers a float (no column is numeric; SØM decimals are text)
  [BOOL]: (v) => (v === "t" ? 1 : 0), // comparisons and exists() selected as values: SQLite answers 0/1
  [TIMESTAMP]: (v) => new Date(`${v.replace(" ", "T")}Z`).toISOString(),
  [TIMESTAMPTZ]: (v) => new Date(v).toISOString(),
};

function createPostgresDb(url: string): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    application_name: "susi-tracker",
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closed (restart, failover, a test dropping its database) emits an error
  // on the pool; the pool already discards that connection, and an unhandled 'error' would end the process.
  pool.on("error", () => {});
  return new Kysely<DB>({ dialect: withoutNulText(new PostgresDialect({ pool })), plugins: [new PortableSchemaPlugin()] });
}
