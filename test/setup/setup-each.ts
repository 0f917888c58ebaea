// Every test gets its own SQLite file, copied from the migrated, seeded template; console.error fails a test.
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, inject, vi } from "vitest";
import { useDatabaseFile, closeDb } from "~/utils/db.server";

let file: string | undefined;

beforeEach(() => {
  file = join(inject("testDbDir"), `${randomUUID()}.db`);
  copyFileSync(inject("templateDb"), file);
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
