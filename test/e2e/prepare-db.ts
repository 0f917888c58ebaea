// A fresh, migrated and seeded database for the e2e run: the SQLite file at DATABASE_PATH (playwright.config.ts),
// or with DATABASE_URL (playwright.postgres.config.ts) a PostgreSQL database made anew on TEST_DATABASE_URL's server.
import { rmSync } from "node:fs";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";
import { adminUrl, PgAdmin } from "../setup/postgres";

const url = process.env.DATABASE_URL?.trim();
let target: string;
if (url) {
  const admin = new PgAdmin(adminUrl());
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await admin.drop(name);
  await admin.create(name);
  await admin.end();
  target = url;
} else {
  target = process.env.DATABASE_PATH ?? "test-results/e2e/e2e.db";
  for (const suffix of ["", "-wal", "-shm"]) rmSync(target + suffix, { force: true });
}
const db = createDb(target);
await migrateToLatest(db);
await seedDatabase(db, { quiet: true });
await (await import("../../db/seed-som")).seedSomExamples(db);
await db.destroy();
