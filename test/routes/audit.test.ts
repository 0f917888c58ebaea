// The admin's audit trail, /admin/revision and its exports (issue 14), on SQLite and PostgreSQL (test:pg):
// admin only (403 for every other role), a malformed filter is 400 naming the parameter, the filters narrow
// the rows, the chain check reports intact and then the first broken row, and both exports parse (csv-parse;
// JSON.parse per line), honour the filters and carry hashes that re-verify.
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { dialectOf } from "#db/dialect";
import { appendHistory, GENESIS_HASH, historyRowHash } from "#db/queries/history";
import type { Role } from "#db/schema";
import { copenhagenDayStart } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { action, loader } from "../../app/routes/admin.revision/route";
import { loader as csvLoader } from "../../app/routes/admin.revision[.csv]";
import { loader as jsonlLoader } from "../../app/routes/admin.revision[.jsonl]";
import { args, formRequest, get, outcome, sessionCookieFor, BASE } from "./helpers";

const OTHERS: Role[] = ["program_manager", "steering_group", "knowledge_staff"];

async function adminId() {
  return (await db().selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow()).id;
}

async function body(promise: Promise<unknown>): Promise<{ status: number; text: string; bytes: Uint8Array; type: string | null }> {
  const o = await outcome(promise);
  const bytes = o.response ? new Uint8Array(await o.response.arrayBuffer()) : new Uint8Array();
  // Decoded keeping a byte-order mark, so the test sees it.
  return { status: o.status, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), type: o.response?.headers.get("Content-Type") ?? null };
}

describe("/admin/revision", () => {
  it("is for admins only: 403 for every other role, the page, the check and the exports alike", async () => {
    for (const role of OTHERS) {
      const cookie = await sessionCookieFor(role);
      expect((await outcome(loader(args(get("/admin/revision", cookie))))).status, role).toBe(403);
      expect((await outcome(action(args(formRequest(`${BASE}/admin/revision`, { intent: "verify" }, cookie))))).status, role).toBe(403);
      expect((await outcome(csvLoader(args(get("/admin/revision.csv", cookie))))).status, role).toBe(403);
      expect((await outcome(jsonlLoader(args(get("/admin/revision.jsonl", cookie))))).status, role).toBe(403);
    }
    const anonymous = await outcome(loader(args(get("/admin/revision"))));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain("/login");
  });

  it("shows the chain's head and the newest rows, in words", async () => {
    const cookie = await sessionCookieFor("admin");
    const o = await outcome(loader(args(get("/admin/revision", cookie))));
    expect(o.status).toBe(200);
    const head = await db().selectFrom("history_chain").selectAll().executeTakeFirstOrThrow();
    expect(o.data.head).toEqual({ length: head.length, lastHash: head.last_hash });
    expect(o.data.total).toBe(head.length);
    expect(o.data.rows[0].id).toBe(head.last_id);
    expect(o.data.rows.length).toBe(Math.min(50, head.length));
    expect(o.data.actions).toContain("initiative.created");
  });

  it("answers a malformed filter with 400 naming the parameter", async () => {
    const cookie = await sessionCookieFor("admin");
    const bad: [string, string][] = [
      ["actor", "abc"], ["actor", "0"], ["aggregate", "planets"], ["action", "DROP TABLE"], ["action", "x".repeat(81)],
      ["from", "2024-02-30"], ["from", "02.12.2026"], ["to", "2026-13-01"], ["page", "0"], ["page", "abc"],
    ];
    for (const [param, value] of bad) {
      for (const l of [loader, csvLoader, jsonlLoader]) {
        const o = await outcome(l(args(get(`/admin/revision?${new URLSearchParams({ [param]: value })}`, cookie))));
        expect(o.status, `${param}=${value}`).toBe(400);
        expect(o.data?.message ?? "", `${param}=${value}`).toContain(`"${param}"`);
      }
    }
    const order = await outcome(loader(args(get("/admin/revision?from=2026-12-02&to=2026-12-01", cookie))));
    expect(order.status).toBe(400);
    expect(order.data.message).toContain('"to"');
  });

  it("filters by who, area, action and Copenhagen calendar days", async () => {
    const cookie = await sessionCookieFor("admin");
    const admin = await adminId();
    await appendHistory(db(), { initiativeId: null, actorId: admin, at: "2026-06-30T22:30:00.000Z", action: "user.role_changed", entity: "user", entityId: admin, before: { role: "admin" }, after: { role: "admin" } });
    await appendHistory(db(), { initiativeId: null, actorId: null, at: "2026-07-01T22:30:00.000Z", action: "subscription.requested", entity: "subscriber", entityId: 1, after: { status: "pending" } });
    const page = async (q: string) => (await outcome(loader(args(get(`/admin/revision?${q}`, cookie))))).data;

    const mine = await page(`actor=${admin}`);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r: { actor_id: number }) => r.actor_id === admin)).toBe(true);
    const system = await page("actor=system");
    expect(system.rows.every((r: { actor_id: number | null }) => r.actor_id === null)).toBe(true);
    const users = await page("aggregate=user");
    expect(users.rows.map((r: { entity: string }) => r.entity)).toEqual(users.rows.map(() => "user"));
    expect(users.rows[0]).toMatchObject({ aggregate: "user", action: "user.role_changed" });
    const created = await page("action=initiative.created");
    expect(created.total).toBe(Number((await db().selectFrom("history").select((eb) => eb.fn.countAll().as("n")).where("action", "=", "initiative.created").executeTakeFirstOrThrow()).n));
    // 22:30 UTC on 30 June is 00:30 on 1 July in Copenhagen (summer time).
    const july1 = await page("from=2026-07-01&to=2026-07-01");
    expect(july1.rows.map((r: { action: string }) => r.action)).toEqual(["user.role_changed"]);
    const june30 = await page("from=2026-06-30&to=2026-06-30");
    expect(june30.total).toBe(0);
    const paged = await page("page=2");
    expect(paged.page).toBe(2);
  });

  it("turns a Copenhagen calendar day into the instant it begins, on the days the clocks change too", () => {
    expect(copenhagenDayStart("2026-01-15")).toBe("2026-01-14T23:00:00.000Z");
    expect(copenhagenDayStart("2026-07-01")).toBe("2026-06-30T22:00:00.000Z");
    expect(copenhagenDayStart("2026-03-29")).toBe("2026-03-28T23:00:00.000Z");
    expect(copenhagenDayStart("2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
  });

  it("checks the chain on demand: intact, then the first broken row after an edit with the triggers dropped", async () => {
    const cookie = await sessionCookieFor("admin");
    const ok = await outcome(action(args(formRequest(`${BASE}/admin/revision`, { intent: "verify" }, cookie))));
    expect(ok.status).toBe(200);
    const head = await db().selectFrom("history_chain").selectAll().executeTakeFirstOrThrow();
    expect(ok.data.verification).toMatchObject({ ok: true, rows: head.length });

    const victim = (await db().selectFrom("history").select("id").orderBy("id").offset(5).limit(1).executeTakeFirstOrThrow()).id;
    if (dialectOf(db()) === "postgres") await sql`drop trigger history_no_update_delete on history`.execute(db());
    else await sql`drop trigger history_no_update`.execute(db());
    await db().updateTable("history").set({ action: "decision.forged" }).where("id", "=", victim).execute();
    const broken = await outcome(action(args(formRequest(`${BASE}/admin/revision`, { intent: "verify" }, cookie))));
    expect(broken.data.verification).toMatchObject({ ok: false, brokenId: victim, reason: "hash_mismatch", rows: 5 });

    const unknown = await outcome(action(args(formRequest(`${BASE}/admin/revision`, { intent: "fix" }, cookie))));
    expect(unknown.status).toBe(400);
  });

  it("exports CSV for Danish Excel and JSON lines, with the hashes, honouring the filters", async () => {
    const cookie = await sessionCookieFor("admin");
    const csv = await body(csvLoader(args(get("/admin/revision.csv", cookie))));
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(csv.text, { bom: true, delimiter: ";", columns: true, relax_quotes: false }) as Record<string, string>[];
    const all = await db().selectFrom("history").select(["id", "hash", "prev_hash", "action"]).orderBy("id").execute();
    expect(records.length).toBe(all.length);
    expect(Object.keys(records[0]!)).toEqual(expect.arrayContaining(["Nr.", "Tidspunkt", "Hvem", "Handling", "Før", "Efter", "Forrige hash", "Hash"]));
    expect(records.map((r) => Number(r["Nr."]))).toEqual(all.map((r) => r.id));
    expect(records.map((r) => r["Hash"])).toEqual(all.map((r) => r.hash));
    expect(records[0]!["Handling"]).toBe("Initiativ oprettet");
    expect(records[0]!["Efter"]).toContain("Fase: ");

    const jsonl = await body(jsonlLoader(args(get("/admin/revision.jsonl", cookie))));
    expect(jsonl.status).toBe(200);
    const lines = jsonl.text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.length).toBe(all.length);
    // The export alone re-verifies: each line's hash is the hash of its content and the line before.
    let prev = GENESIS_HASH;
    for (const l of lines) {
      expect(l.prev_hash).toBe(prev);
      expect(historyRowHash(l.prev_hash, l)).toBe(l.hash);
      prev = l.hash;
    }

    const filtered = await body(jsonlLoader(args(get("/admin/revision.jsonl?action=initiative.linked", cookie))));
    const linked = filtered.text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(linked.length).toBe(all.filter((r) => r.action === "initiative.linked").length);
    expect(linked.every((l) => l.action === "initiative.linked")).toBe(true);
    const filteredCsv = parse((await body(csvLoader(args(get("/admin/revision.csv?aggregate=user", cookie))))).text, { bom: true, delimiter: ";", columns: true }) as unknown[];
    expect(filteredCsv.length).toBe(Number((await db().selectFrom("history").select((eb) => eb.fn.countAll().as("n")).where("entity", "=", "user").executeTakeFirstOrThrow()).n));
  });
});
