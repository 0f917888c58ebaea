// Builds one migrated and seeded template database per vitest run; each test copies it (setup-each.ts).
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";

export const TEMPLATE_DIR = join(process.cwd(), "test-results", "vitest-db");

export default async function setup() {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const path = join(TEMPLATE_DIR, "template.db");
  const db = createDb(path);
  await migrateToLatest(db);
  await seedDatabase(db, { quiet: true });
  // Fold the WAL into the main file so a plain file copy is complete.
  await db.destroy();
  process.env.SUSI_TEST_TEMPLATE_DB = path;
  return () => rmSync(TEMPLATE_DIR, { recursive: true, force: true });
}
