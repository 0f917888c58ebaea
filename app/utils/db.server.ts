// The app's database handle, opened lazily from DATABASE_PATH. Tests point it at their own file.
import { createDb, type Db } from "#db/client";

let current: Db | undefined;
let currentPath: string | undefined;

export function db(): Db {
  if (!current) current = createDb(currentPath);
  return current;
}

/** Tests: switch to another SQLite file (closing nothing; call closeDb first when done). */
export function useDatabaseFile(path: string) {
  currentPath = path;
  current = undefined;
}

export async function closeDb() {
  const d = current;
  current = undefined;
  await d?.destroy();
}
