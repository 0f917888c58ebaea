// Each test's own database, on SQLite (a copy of the template file) or PostgreSQL (CREATE DATABASE …
// TEMPLATE), and the extra databases a few tests need (a second copy for a CLI run, an empty one).
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { sql } from "kysely";
import { createDb, type Db } from "../../db/client";
import { databaseUrl, PgAdmin } from "./postgres";

export interface TestDatabase {
  /** A SQLite file path or a postgres:// URL: what createDb() and DATABASE_PATH/DATABASE_URL take. */
  target: string;
  /** Environment for a child process (npm scripts) that should open this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export function isPostgresRun(): boolean {
  return !!inject("pgTemplate");
}

let admin: PgAdmin | undefined;
function pgAdmin() {
  return (admin ??= new PgAdmin(inject("pgAdminUrl")));
}

async function postgresDatabase(template: string | undefined): Promise<TestDatabase> {
  const name = `${inject("pgPrefix")}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await pgAdmin().create(name, template);
  const target = databaseUrl(inject("pgAdminUrl"), name);
  // An unset DATABASE_PATH would not matter, but a stale DATABASE_URL in the parent must not win.
  return { target, env: { DATABASE_URL: target }, drop: () => pgAdmin().drop(name) };
}

function sqliteFile(from: string | undefined): TestDatabase {
  const target = join(inject("testDbDir"), `${randomUUID()}.db`);
  if (from) copyFileSync(from, target);
  return {
    target,
    env: { DATABASE_PATH: target, DATABASE_URL: "" },
    drop: async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(target + suffix, { force: true });
    },
  };
}

/** A new database with the run's migrated, seeded template in it. */
export function copyOfTemplate(): Promise<TestDatabase> {
  return isPostgresRun() ? postgresDatabase(inject("pgTemplate")) : Promise.resolve(sqliteFile(inject("templateDb")));
}

/** A new, empty database (no tables): for migrating and seeding from scratch. */
export function emptyDatabase(): Promise<TestDatabase> {
  return isPostgresRun() ? postgresDatabase(undefined) : Promise.resolve(sqliteFile(undefined));
}

/** A second connection (pool) to a test database, for tests that play two processes. Destroy it yourself. */
export function openDatabase(target: string): Db {
  return createDb(target);
}

export async function endAdmin() {
  await admin?.end();
  admin = undefined;
}

/**
 * PostgreSQL only: resolves once `n` sessions on `db`'s database wait for a lock another holds, i.e. once a
 * concurrent transaction has reached the row a test holds locked. Waits on a condition, not a duration.
 */
export async function untilBlocked(db: Db, n = 1): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (Number(rows[0].n) >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${n} session(s) waiting for a lock`);
}
