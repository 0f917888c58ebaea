// The hash-chained, append-only history (issue 14, DECISIONS 0028), on SQLite and PostgreSQL (test:pg):
// the seeded chain verifies; appends stay one chain under concurrency (20 steps on different initiatives at
// once, each holding its initiative's lock before it writes history, on separate PostgreSQL connections); triggers refuse UPDATE and DELETE;
// with the triggers dropped, an edit, a deleted row and a deleted last row are each caught and named, by
// verifyHistoryChain and by `npm run -s audit:verify`; existing rows are chained by the migration; deleting
// an initiative keeps its history.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, isPostgresUrl, type Db } from "#db/client";
import { dialectOf } from "#db/dialect";
import { appendHistory, GENESIS_HASH, verifyHistoryChain } from "#db/queries/history";
import { bumpVersion, createInitiative, getInitiative, updateInitiative } from "#db/queries/initiatives";
import * as initial from "#db/migrations/2026-11-23T0900_initial";
import * as releases from "#db/migrations/2026-11-23T1300_releases";
import * as subscriptions from "#db/migrations/2026-11-23T1310_subscriptions";
import * as somCalculations from "#db/migrations/2026-11-23T1400_som_calculations";
import * as somKnowledge from "#db/migrations/2026-11-23T1410_som_knowledge";
import * as searchIndexes from "#db/migrations/2026-12-02T1050_search_and_list_indexes";
import * as portfolio from "#db/migrations/2026-12-02T1110_portfolio_owner_budget";
import * as chain from "#db/migrations/2026-12-02T1405_history_chain";
import { databaseTarget, db } from "~/utils/db.server";
import { emptyDatabase, openDatabase } from "../setup/databases";

const NOW = "2026-12-02T12:00:00.000Z";

async function dropTriggers(d: Db) {
  if (dialectOf(d) === "postgres") {
    await sql`drop trigger history_no_update_delete on history`.execute(d);
    await sql`drop trigger history_chain_no_delete on history_chain`.execute(d);
  } else {
    await sql`drop trigger history_no_update`.execute(d);
    await sql`drop trigger history_no_delete`.execute(d);
    await sql`drop trigger history_chain_no_delete`.execute(d);
  }
}

async function ids(): Promise<number[]> {
  return (await db().selectFrom("history").select("id").orderBy("id").execute()).map((r) => r.id);
}

/** A second handle on the test's PostgreSQL database, with a pool of `size` connections. */
function withPool(size: number): Db {
  const saved = process.env.DATABASE_POOL_MAX;
  process.env.DATABASE_POOL_MAX = String(size);
  try {
    return createDb(databaseTarget()!);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_POOL_MAX;
    else process.env.DATABASE_POOL_MAX = saved;
  }
}

const run = promisify(execFile);
async function cliVerify() {
  const target = databaseTarget()!;
  const env = { ...process.env, ...(isPostgresUrl(target) ? { DATABASE_URL: target } : { DATABASE_PATH: target, DATABASE_URL: "" }) };
  return run(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/audit-verify.ts"], { env })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}

describe("the history chain", () => {
  it("verifies on the seeded database, and every row links to the one before", async () => {
    const state = await verifyHistoryChain(db(), { chunk: 7 });
    const rows = await db().selectFrom("history").select(["prev_hash", "hash"]).orderBy("id").execute();
    expect(rows.length).toBeGreaterThan(10);
    expect(state).toEqual({ ok: true, rows: rows.length, lastHash: rows.at(-1)!.hash });
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]!.hash));
    expect((await cliVerify()).code).toBe(0);
  });

  it("stays one chain when many writers append at once", async () => {
    const before = (await ids()).length;
    // On PostgreSQL these run on separate pooled connections, each in its own transaction.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db().transaction().execute((trx) =>
          appendHistory(trx, { initiativeId: null, actorId: null, at: NOW, action: "test.appended", entity: "user", entityId: i, after: { i } }),
        ),
      ),
    );
    const state = await verifyHistoryChain(db());
    expect(state).toMatchObject({ ok: true, rows: before + 40 });
  });

  it("20 concurrent steps on different initiatives, each locking its initiative and then writing history, neither deadlock nor fork the chain", async () => {
    const N = 20;
    const ids: number[] = [];
    for (let i = 0; i < N; i++) {
      ids.push(await db().transaction().execute((trx) => createInitiative(trx, {
        title: `Samtidig historik ${i}`, description: "", area: "adults", targetGroup: "Voksne", agreementYears: [2024],
        track: 1, trackReason: "", prototypeDescription: "", phase: "screening", status: "active", framework: "susi2",
      }, null, NOW)));
    }
    const before = await db().selectFrom("history").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const postgres = dialectOf(db()) === "postgres";
    // On PostgreSQL every step gets its own connection (a pool big enough for all of them), and all of them
    // hold their initiative's row lock before any writes history: the order in which a deadlock would show.
    // On SQLite the one connection runs the transactions one after another: the same answers must come out.
    const pooled = postgres ? withPool(N + 5) : db();
    let locked = 0;
    let release!: () => void;
    const allLocked = new Promise<void>((r) => (release = r));
    const actor = (await db().selectFrom("users").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    try {
      await Promise.all(ids.map((id, i) => pooled.transaction().execute(async (trx) => {
        const { version } = (await getInitiative(trx, id))!;
        await bumpVersion(trx, id, version, {}, NOW);
        if (postgres) {
          if (++locked === N) release();
          await allLocked;
        }
        await updateInitiative(trx, id, version + 1, {
          title: `Samtidig historik ${i} (rettet)`, description: "", area: "adults", targetGroup: "Voksne", agreementYears: [2024],
          trackReason: "", prototypeDescription: "",
        }, actor, NOW);
        await appendHistory(trx, { initiativeId: id, actorId: actor, at: NOW, action: "test.concurrent", entity: "initiative", entityId: id, after: { i } });
      })));
    } finally {
      if (pooled !== db()) await pooled.destroy();
    }
    // Every step's two rows are there, once each, and the whole chain (the seeded rows too) verifies.
    const written = await db().selectFrom("history").select(["initiative_id", "action"]).where("initiative_id", "in", ids)
      .where("action", "in", ["initiative.updated", "test.concurrent"]).execute();
    expect(written).toHaveLength(2 * N);
    for (const id of ids) expect(written.filter((w) => w.initiative_id === id).map((w) => w.action).sort()).toEqual(["initiative.updated", "test.concurrent"]);
    const state = await verifyHistoryChain(db());
    expect(state).toMatchObject({ ok: true, rows: Number(before.n) + 2 * N });
    const rows = await db().selectFrom("history").select(["prev_hash", "hash"]).orderBy("id").execute();
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    const cli = await cliVerify();
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`${rows.length} rows verified`);
  }, 60_000);

  it("refuses UPDATE and DELETE of history rows, and DELETE of the chain's head", async () => {
    const [first] = await ids();
    await expect(db().updateTable("history").set({ action: "forged" }).where("id", "=", first!).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("history").where("id", "=", first!).execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("history").execute()).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("history_chain").execute()).rejects.toThrow(/append-only/);
    if (dialectOf(db()) === "postgres") await expect(sql`truncate history`.execute(db())).rejects.toThrow(/append-only/);
    expect((await verifyHistoryChain(db())).ok).toBe(true);
  });

  it("names a row edited with the triggers dropped", async () => {
    const all = await ids();
    const victim = all[Math.floor(all.length / 2)]!;
    await dropTriggers(db());
    await db().updateTable("history").set({ after: JSON.stringify({ outcome: "go" }) }).where("id", "=", victim).execute();
    expect(await verifyHistoryChain(db(), { chunk: 5 })).toMatchObject({ ok: false, brokenId: victim, reason: "hash_mismatch" });
    const cli = await cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`history row ${victim}:`);
  });

  it("names the row after a deleted one, and a deleted last row", async () => {
    const all = await ids();
    const victim = all[3]!;
    await dropTriggers(db());
    await db().deleteFrom("history").where("id", "=", victim).execute();
    expect(await verifyHistoryChain(db())).toMatchObject({ ok: false, brokenId: all[4], reason: "link_broken" });
    const cli = await cliVerify();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`history row ${all[4]}:`);
  });

  it("notices the last row deleted", async () => {
    const all = await ids();
    await dropTriggers(db());
    await db().deleteFrom("history").where("id", "=", all.at(-1)!).execute();
    expect(await verifyHistoryChain(db())).toMatchObject({ ok: false, brokenId: all.at(-1), reason: "head_mismatch" });
  });

  it("keeps an initiative's history when the initiative is deleted", async () => {
    const id = (await db().selectFrom("history").select("initiative_id").where("initiative_id", "is not", null).executeTakeFirstOrThrow()).initiative_id!;
    const before = await db().selectFrom("history").select("id").where("initiative_id", "=", id).execute();
    await db().deleteFrom("initiatives").where("id", "=", id).execute();
    const after = await db().selectFrom("history").select("id").where("initiative_id", "=", id).execute();
    expect(after).toEqual(before);
    expect((await verifyHistoryChain(db())).ok).toBe(true);
  });
});

describe("the chain migration", () => {
  it("chains the rows an older database already has, in id order", async () => {
    const target = await emptyDatabase();
    const old = openDatabase(target.target) as unknown as Kysely<any>;
    try {
      for (const m of [initial, releases, subscriptions, somCalculations, somKnowledge, searchIndexes, portfolio]) await m.up(old);
      const user = await old.insertInto("users").values({ email: "a@b.dk", name: "A", role: "admin", password_hash: "x", created_at: NOW }).returning("id").executeTakeFirstOrThrow();
      // Old rows written the old way (no hashes), in a few multi-row inserts.
      const oldRows = Array.from({ length: 2500 }, (_, i) => ({
        initiative_id: null, actor_id: i % 2 ? user.id : null, at: NOW, action: "x.y", entity: "user", entity_id: i,
        before: i % 3 ? null : "{}", after: JSON.stringify({ n: i, text: "æøå" }),
      }));
      for (let i = 0; i < oldRows.length; i += 500) await old.insertInto("history").values(oldRows.slice(i, i + 500)).execute();
      await chain.up(old);
      const state = await verifyHistoryChain(old as unknown as Db);
      expect(state).toMatchObject({ ok: true, rows: 2500 });
      // The next append continues the backfilled chain with the next id.
      await appendHistory(old as unknown as Db, { initiativeId: null, actorId: null, at: NOW, action: "x.z", entity: "user", entityId: null });
      expect(await verifyHistoryChain(old as unknown as Db)).toMatchObject({ ok: true, rows: 2501 });
      const last = await old.selectFrom("history").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
      expect(last.id).toBe(2501);
    } finally {
      await old.destroy();
      await target.drop();
    }
  }, 120_000);
});
