// A fresh, migrated and seeded database for the e2e run (DATABASE_PATH, set by playwright.config.ts).
import { rmSync } from "node:fs";
import { createDb } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { seedDatabase } from "../../db/seed";

const path = process.env.DATABASE_PATH ?? "test-results/e2e/e2e.db";
for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
const db = createDb(path);
await migrateToLatest(db);
await seedDatabase(db, { quiet: true });
await (await import("../../db/seed-som")).seedSomExamples(db);
await db.destroy();
