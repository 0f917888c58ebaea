// Builds one migrated and seeded template database per vitest run; each test copies it (setup-each.ts).
// Every run has its own directory, so two runs in one working tree never delete each other's files.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    testDbDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = join(process.cwd(), "test-results", "vitest-db", randomUUID());
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "template.db");
  const db = createDb(path);
  await migrateToLatest(db);
  await seedDatabase(db, { quiet: true });
  await (await import("../../db/seed-som")).seedSomExamples(db);
  // Closing folds the WAL into the main file, so a plain file copy is complete.
  await db.destroy();
  project.provide("templateDb", path);
  project.provide("testDbDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
