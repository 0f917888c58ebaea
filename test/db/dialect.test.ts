// db/dialect.ts and the row shapes of db/client.ts, on the database this run uses: `npm test` runs this file on
// SQLite and `npm run test:pg` on PostgreSQL, with the same expectations (DECISIONS 0033, 0034).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import { danishOrder, dialectOf, isUniqueViolation, lockForUpdate, skipLocked, syncIdSequences } from "#db/dialect";
import { databaseTarget, db } from "~/utils/db.server";
import { isPostgresRun, untilBlocked } from "../setup/databases";

const NOW = "2026-12-02T10:00:00.000Z";

describe("the dialect this run uses", () => {
  it("is the one the run is for", () => {
    expect(dialectOf(db())).toBe(isPostgresRun() ? "postgres" : "sqlite");
  });
});

describe("row shapes are the same on both databases", () => {
  it("counts, sums and averages are numbers; comparisons and exists() are 0 or 1", async () => {
    const row = await db()
      .selectFrom("initiatives")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.sum("version").as("versions"),
        eb.fn.avg("version").as("mean"),
        sql<number>`max(version) >= 1`.as("ge"),
        sql<number>`1 = 0`.as("no"),
        eb.exists(eb.selectFrom("users").select("id")).as("any_user"),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 42, versions: expect.any(Number), mean: expect.any(Number), ge: 1, no: 0, any_user: 1 });
  });

  it("integer columns are 64-bit on both: an id beyond 2^31 is stored, read back as a number, and compared without error", async () => {
    const big = 3_000_000_000;
    await db().updateTable("initiative_agreements").set({ budget_kr: big }).where("initiative_id", "=", 1).execute();
    const row = await db().selectFrom("initiative_agreements").select("budget_kr").where("initiative_id", "=", 1).executeTakeFirstOrThrow();
    expect(row.budget_kr).toBe(big);
    expect(await db().selectFrom("initiatives").select("id").where("id", "=", 9_999_999_999).executeTakeFirst()).toBeUndefined();
  });

  it("booleans are stored as integers 0/1 and read back as 0/1", async () => {
    const u = await db().selectFrom("users").select(["active"]).executeTakeFirstOrThrow();
    expect(u.active).toBe(1);
    await db().updateTable("users").set({ active: 0 }).where("email", "=", "admin@susi.test").execute();
    expect((await db().selectFrom("users").select("active").where("email", "=", "admin@susi.test").executeTakeFirstOrThrow()).active).toBe(0);
  });

  it("timestamps are ISO-8601 text, as written, and compare as text", async () => {
    const at = "2026-12-02T10:00:00.123Z";
    await db().updateTable("initiatives").set({ updated_at: at }).where("id", "=", 1).execute();
    const row = await db().selectFrom("initiatives").select("updated_at").where("id", "=", 1).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(at);
    const later = await db().selectFrom("initiatives").select("id").where("id", "=", 1).where("updated_at", ">", "2026-12-02T09:59:59.999Z").execute();
    expect(later).toHaveLength(1);
  });

  it("SØM decimals are text, every digit kept", async () => {
    const value = "1234567890.123456789012345678";
    await db().insertInto("som_npi").values({ year: 2098, value, is_example: 0, updated_by: null, updated_at: NOW }).execute();
    expect((await db().selectFrom("som_npi").select("value").where("year", "=", 2098).executeTakeFirstOrThrow()).value).toBe(value);
  });

  it("text never holds U+0000: it is dropped from every parameter on both, so PostgreSQL does not refuse the write", async () => {
    await db().updateTable("initiatives").set({ title: "Før\u0000efter" }).where("id", "=", 1).execute();
    expect((await db().selectFrom("initiatives").select("title").where("id", "=", 1).executeTakeFirstOrThrow()).title).toBe("Førefter");
    // In comparisons too: a NUL in a search is no error.
    expect(await db().selectFrom("initiatives").select("id").where("title", "=", "Føref\u0000ter").execute()).toEqual([{ id: 1 }]);
  });
});

describe("danishOrder", () => {
  it("sorts æ, ø and å after z, regardless of case", async () => {
    const titles = ["Å-titel", "ø-titel", "Zebra", "æble", "Alfa", "aften"];
    const { rows } = await sql<{ t: string }>`select t from (${sql.join(titles.map((t) => sql`select ${t} as t`), sql` union all `)}) x
      order by ${danishOrder(db(), sql.ref("t"))}`.execute(db());
    expect(rows.map((r) => r.t)).toEqual(["aften", "Alfa", "Zebra", "æble", "ø-titel", "Å-titel"]);
  });
});

describe("isUniqueViolation", () => {
  it("recognises a broken unique constraint, and not another broken constraint", async () => {
    const dup = await db()
      .insertInto("users")
      .values({ email: "admin@susi.test", name: "X", role: "admin", password_hash: "x", created_at: NOW })
      .execute()
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(dup)).toBe(true);
    const other = await db()
      .insertInto("users")
      .values({ email: "ny@susi.test", name: null as unknown as string, role: "admin", password_hash: "x", created_at: NOW })
      .execute()
      .then(() => null, (e: unknown) => e);
    expect(other).not.toBeNull();
    expect(isUniqueViolation(other)).toBe(false);
  });
});

describe("syncIdSequences", () => {
  it("lets an ordinary insert follow rows inserted with explicit ids", async () => {
    await db().insertInto("users").values({ id: 5000, email: "fast@susi.test", name: "X", role: "admin", password_hash: "x", created_at: NOW }).execute();
    await syncIdSequences(db(), ["users"]);
    const { id } = await db()
      .insertInto("users")
      .values({ email: "efter@susi.test", name: "Y", role: "admin", password_hash: "x", created_at: NOW })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(id).toBeGreaterThan(5000);
  });
});

describe("row locks", () => {
  it("skipLocked and lockForUpdate select the rows on both databases", async () => {
    const claimed = await db().transaction().execute((trx) =>
      skipLocked(trx, trx.selectFrom("users").select("id").orderBy("id").limit(2)).execute());
    expect(claimed).toHaveLength(2);
    const locked = await db().transaction().execute((trx) =>
      lockForUpdate(trx, trx.selectFrom("users").select("id").where("email", "=", "admin@susi.test")).execute());
    expect(locked).toHaveLength(1);
  });

  it.runIf(isPostgresRun())("PostgreSQL: skipLocked passes over rows another transaction holds; lockForUpdate waits for them", async () => {
    const other = createDb(databaseTarget()!);
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = other.transaction().execute(async (trx) => {
        await lockForUpdate(trx, trx.selectFrom("users").select("id").where("email", "=", "admin@susi.test")).execute();
        await trx.updateTable("users").set({ name: "Ændret" }).where("email", "=", "admin@susi.test").execute();
        locked();
        await held;
      });
      await isLocked;
      const all = await db().selectFrom("users").select("id").execute();
      const skipped = await db().transaction().execute((trx) => skipLocked(trx, trx.selectFrom("users").select("email")).execute());
      expect(skipped).toHaveLength(all.length - 1);
      expect(skipped.map((u) => u.email)).not.toContain("admin@susi.test");

      const waiting = db().transaction().execute((trx) =>
        lockForUpdate(trx, trx.selectFrom("users").select("name").where("email", "=", "admin@susi.test")).executeTakeFirstOrThrow());
      await untilBlocked(db());
      release();
      await holder;
      // It waited, and then read the committed change.
      expect((await waiting).name).toBe("Ændret");
    } finally {
      await other.destroy();
    }
  });
});
