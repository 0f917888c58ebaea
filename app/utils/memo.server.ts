// Results of heavy read-only queries (the portfolio's aggregates over every initiative), kept in memory
// until the database changes (db/data-version.ts) and shared by concurrent requests. A value is stored
// with the version read before it was computed, so a write during the computation only makes the next
// request compute again. Without a version (PostgreSQL) nothing is kept. Per database handle, so tests
// switching databases never see each other's values.
import type { Db } from "#db/client";
import { dataVersion } from "#db/data-version";

const MAX_ENTRIES = 200;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

const caches = new WeakMap<Db, Map<string, Entry>>();

export async function memoUntilChange<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion(db);
  if (version === null) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Re-inserted so that the Map's insertion order is least-recently-used first.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const entry: Entry = { version, value: compute() };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  // A failed computation is not kept: the next request tries again.
  entry.value.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  return entry.value as Promise<T>;
}
