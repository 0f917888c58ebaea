// Every test gets its own SQLite file, copied from the migrated, seeded template; console.error fails a test.
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, vi } from "vitest";
import { useDatabaseFile, closeDb } from "~/utils/db.server";

let file: string | undefined;

beforeEach(() => {
  const template = process.env.SUSI_TEST_TEMPLATE_DB ?? join(process.cwd(), "test-results", "vitest-db", "template.db");
  file = join(process.cwd(), "test-results", "vitest-db", `${randomUUID()}.db`);
  copyFileSync(template, file);
  useDatabaseFile(file);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error during test: ${args.map(String).join(" ")}`);
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await closeDb();
  if (file) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
