// memoUntilChange: a value is reused while the database is unchanged and computed again after any write,
// by this connection or another one; the portfolio overview never shows figures older than the data.
import { describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import { dataVersion } from "#db/data-version";
import { dialectOf } from "#db/dialect";
import { loader as overviewLoader } from "~/routes/portefolje._index/route";
import { db, databaseTarget } from "~/utils/db.server";
import { memoUntilChange } from "~/utils/memo.server";
import { args, get, sessionCookieFor } from "../routes/helpers";

const isSqlite = () => dialectOf(db()) === "sqlite";

describe("memoUntilChange", () => {
  it("reuses the value until this connection writes, then computes again", async () => {
    let computed = 0;
    const compute = async () => ++computed;
    expect(await memoUntilChange(db(), "t1", compute)).toBe(1);
    expect(await memoUntilChange(db(), "t1", compute)).toBe(isSqlite() ? 1 : 2);
    const before = computed;
    await db().updateTable("initiatives").set({ description: "ændret af testen" }).where("id", "=", 1).execute();
    expect(await memoUntilChange(db(), "t1", compute)).toBe(before + 1);
  });

  it("computes again after another connection commits", async () => {
    if (!isSqlite()) return; // PostgreSQL keeps nothing (dataVersion is null); the first test covers that
    let computed = 0;
    const compute = async () => ++computed;
    await memoUntilChange(db(), "t2", compute);
    const v = await dataVersion(db());
    const other = createDb(databaseTarget());
    try {
      await other.updateTable("initiatives").set({ description: "ændret af en anden forbindelse" }).where("id", "=", 2).execute();
    } finally {
      await other.destroy();
    }
    expect(await dataVersion(db())).not.toBe(v);
    expect(await memoUntilChange(db(), "t2", compute)).toBe(2);
  });

  it("keeps values apart by key, and does not keep a failed computation", async () => {
    expect(await memoUntilChange(db(), "a", async () => "a")).toBe("a");
    expect(await memoUntilChange(db(), "b", async () => "b")).toBe("b");
    await expect(memoUntilChange(db(), "c", async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await memoUntilChange(db(), "c", async () => "ok")).toBe("ok");
  });

  it("the portfolio overview shows a change at once", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const first: any = await overviewLoader(args(get("/portefolje?area=adults", cookie)));
    const again: any = await overviewLoader(args(get("/portefolje?area=adults", cookie)));
    expect(again.headline.total).toBe(first.headline.total);
    const child = await db().selectFrom("initiatives").select("id").where("area", "=", "children").executeTakeFirstOrThrow();
    await db().updateTable("initiatives").set({ area: "adults" }).where("id", "=", child.id).execute();
    const after: any = await overviewLoader(args(get("/portefolje?area=adults", cookie)));
    expect(after.headline.total).toBe(first.headline.total + 1);
  });
});
