// The SQLite statement cache (db/client.ts withStatementCache): Kysely prepares every query it runs, and the
// cache hands back the compiled statement for SQL it has seen, unless that statement is still being iterated.
import Database from "better-sqlite3";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, withStatementCache } from "#db/client";

describe("withStatementCache", () => {
  it("hands back the same compiled statement for the same SQL, and a new one for other SQL", () => {
    const cache = withStatementCache(new Database(":memory:"));
    const a = cache.prepare("select 1 as x");
    expect(cache.prepare("select 1 as x")).toBe(a);
    expect(cache.prepare("select 2 as x")).not.toBe(a);
    cache.close();
  });

  it("compiles a fresh statement while the kept one is being iterated, so both run", () => {
    const cache = withStatementCache(new Database(":memory:"));
    const text = "select value from json_each('[1,2,3]')";
    const outer = cache.prepare(text);
    const seen: number[][] = [];
    for (const row of outer.iterate() as Iterable<{ value: number }>) {
      const inner = cache.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push([row.value, (inner.all() as { value: number }[]).length]);
    }
    expect(seen).toEqual([[1, 3], [2, 3], [3, 3]]);
    // Once the iteration is over the kept statement is free again.
    expect(cache.prepare(text)).toBe(outer);
    cache.close();
  });

  it("keeps at most `max` statements, dropping the least recently used", () => {
    const cache = withStatementCache(new Database(":memory:"), 2);
    const one = cache.prepare("select 1");
    const two = cache.prepare("select 2");
    expect(cache.prepare("select 1")).toBe(one); // 1 is now the most recent
    cache.prepare("select 3"); // drops 2
    expect(cache.prepare("select 1")).toBe(one);
    expect(cache.prepare("select 2")).not.toBe(two);
    cache.close();
  });

  it("a kept statement sees a migration's new column (SQLite recompiles it), through Kysely", async () => {
    const db = createDb(":memory:");
    await sql`create table t (a integer)`.execute(db);
    await sql`insert into t (a) values (1)`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from t`.execute(db).then((r) => r.rows);
    expect(await read()).toEqual([{ a: 1 }]);
    await sql`alter table t add column b text default 'x'`.execute(db);
    expect(await read()).toEqual([{ a: 1, b: "x" }]);
    await db.destroy();
  });
});
