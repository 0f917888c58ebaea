// Every test gets its own database, copied from the migrated, seeded template: a SQLite file, or on the
// PostgreSQL run (TEST_DATABASE_URL, vitest.postgres.config.ts) a database made from the template and dropped
// after the test. console.error fails a test.
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { useDatabase, closeDb } from "~/utils/db.server";
import { copyOfTemplate, endAdmin, type TestDatabase } from "./databases";

let current: TestDatabase | undefined;

beforeEach(async () => {
  current = await copyOfTemplate();
  useDatabase(current.target);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error during test: ${args.map(String).join(" ")}`);
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await closeDb();
  await current?.drop();
  current = undefined;
});

afterAll(endAdmin);
