// Conditions that come due: the conditions page (owner, due date, met/waived, with history; bad input named,
// nothing written), overdue shown on the initiative page and by openConditionsDue, and the reminder mails
// through the real outbox and an SMTP sink: a few days before and on the due date, each sent once.
import { afterEach, describe, expect, it } from "vitest";
import { enqueueConditionReminders, openConditionsDue } from "#db/queries/conditions";
import { getUserByEmail } from "#db/queries/users";
import type { Role } from "#db/schema";
import { deliverDueMessages } from "~/mail/deliver.server";
import { createMailTransport, type MailConfig } from "~/mail/transport.server";
import { action, loader } from "~/routes/initiativer.$id.betingelser/route";
import { loader as pageLoader } from "~/routes/initiativer.$id._index/route";
import { db } from "~/utils/db.server";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor } from "./helpers";

const sinks: SmtpSink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

/** A Conditional Go on a seeded initiative with one condition due on `due`, owned by `ownerEmail` (or nobody). */
async function conditionFixture(due: string, ownerEmail: string | null = "projektleder@susi.test", nth = 0) {
  const initiative = await db().selectFrom("initiatives").select(["id", "phase"]).where("status", "=", "active").orderBy("id").offset(nth).limit(1).executeTakeFirstOrThrow();
  const owner = ownerEmail ? await getUserByEmail(db(), ownerEmail) : null;
  const decision = await db().insertInto("decisions").values({
    initiative_id: initiative.id, assessment_id: null, outcome: "conditional_go", from_phase: initiative.phase, to_phase: null,
    resulting_phase: initiative.phase, resulting_status: "active", rationale: "Betinget go", decided_by: null, decided_at: "2026-01-10T10:00:00.000Z",
  }).returning("id").executeTakeFirstOrThrow();
  const condition = await db().insertInto("conditions").values({
    initiative_id: initiative.id, decision_id: decision.id, text: "Implementeringsplan afleveres", owner: owner?.name ?? "Programleder",
    owner_id: owner?.id ?? null, due_date: due, status: "open", carried_from_id: null, resolved_by_decision_id: null, resolved_at: null,
  }).returning("id").executeTakeFirstOrThrow();
  return { initiativeId: initiative.id, conditionId: condition.id, ownerId: owner?.id ?? null };
}

function post(id: number, fields: Record<string, string>, cookie: string) {
  return outcome(action(args(formRequest(`${BASE}/initiativer/${id}/betingelser`, fields, cookie), { id })));
}

const row = (id: number) => db().selectFrom("conditions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("/initiativer/:id/betingelser", () => {
  it("shows every condition with its owner and due standing; an overdue one is overdue on the initiative page too", async () => {
    const f = await conditionFixture("2020-01-31");
    const cookie = await sessionCookieFor("knowledge_staff");
    const page = await loader(args(get(`/initiativer/${f.initiativeId}/betingelser`, cookie), { id: f.initiativeId }));
    expect(page.conditions).toEqual([expect.objectContaining({ id: f.conditionId, owner_name: "Peter Projektleder", standing: "overdue", state: "open" })]);
    const detail = await pageLoader(args(get(`/initiativer/${f.initiativeId}`, cookie), { id: f.initiativeId }));
    expect(detail.openConditions).toEqual([expect.objectContaining({ id: f.conditionId, standing: "overdue" })]);
    expect((await outcome(loader(args(get(`/initiativer/999999/betingelser`, cookie), { id: 999999 })))).status).toBe(404);
  });

  it.each<Role>(["program_manager", "steering_group"])("lets %s set owner and due date, with a history row", async (role) => {
    const f = await conditionFixture("2026-06-30", null);
    const owner = (await getUserByEmail(db(), "programleder@susi.test"))!;
    const res = await post(f.initiativeId, { intent: "assign", conditionId: String(f.conditionId), version: "1", ownerId: String(owner.id), dueDate: "2026-09-30" }, await sessionCookieFor(role));
    expect(res.status).toBe(302);
    expect(await row(f.conditionId)).toMatchObject({ owner_id: owner.id, owner: owner.name, due_date: "2026-09-30", version: 2 });
    const history = await db().selectFrom("history").select(["action", "after"]).where("entity", "=", "condition").where("entity_id", "=", f.conditionId).execute();
    expect(history).toEqual([{ action: "condition.assigned", after: JSON.stringify({ owner: owner.name, due_date: "2026-09-30" }) }]);
  });

  it("marks a condition met through the workflow; only the steering group waives, with a note", async () => {
    const f = await conditionFixture("2026-06-30");
    const pm = await sessionCookieFor("program_manager");
    const waive = await post(f.initiativeId, { intent: "state", conditionId: String(f.conditionId), version: "1", state: "waived", note: "Bortfaldet" }, pm);
    expect(waive.status).toBe(400);
    expect(waive.data.result.error.state[0]).toMatch(/Kun styregruppen/);
    const met = await post(f.initiativeId, { intent: "state", conditionId: String(f.conditionId), version: "1", state: "met" }, pm);
    expect(met.status).toBe(302);
    expect(await row(f.conditionId)).toMatchObject({ state: "met", version: 2 });
    const due = await openConditionsDue(db(), "2026-07-15T10:00:00.000Z");
    expect(due.map((c) => c.id)).not.toContain(f.conditionId);
    const history = await db().selectFrom("history").select("action").where("entity", "=", "condition").where("entity_id", "=", f.conditionId).execute();
    expect(history.map((h) => h.action)).toEqual(["condition.met"]);
  });

  it.each<Role>(["knowledge_staff", "admin"])("refuses %s with 403 and writes nothing", async (role) => {
    const f = await conditionFixture("2026-06-30");
    const before = await count("history");
    const res = await post(f.initiativeId, { intent: "state", conditionId: String(f.conditionId), version: "1", state: "met" }, await sessionCookieFor(role));
    expect(res.status).toBe(403);
    expect(await row(f.conditionId)).toMatchObject({ state: "open", version: 1 });
    expect(await count("history")).toBe(before);
  });

  it("answers bad input with 400 naming the field (or 404/409), writing nothing", async () => {
    const f = await conditionFixture("2026-06-30");
    const other = await conditionFixture("2026-06-30", null, 1);
    const cookie = await sessionCookieFor("steering_group");
    const before = await count("history");
    const base = { intent: "assign", conditionId: String(f.conditionId), version: "1" };
    const cases: [Record<string, string>, number, string][] = [
      [{ ...base, ownerId: "", dueDate: "2026-09-30" }, 400, "ownerId"],
      [{ ...base, ownerId: "abc", dueDate: "2026-09-30" }, 400, "ownerId"],
      [{ ...base, ownerId: "999999", dueDate: "2026-09-30" }, 400, "ownerId"],
      [{ ...base, ownerId: String(f.ownerId), dueDate: "30-09-2026" }, 400, "dueDate"],
      [{ ...base, ownerId: String(f.ownerId), dueDate: "2026-02-30" }, 400, "dueDate"],
      [{ intent: "state", conditionId: String(f.conditionId), version: "1", state: "done" }, 400, "state"],
      [{ intent: "state", conditionId: String(f.conditionId), version: "1", state: "waived", note: " " }, 400, "note"],
    ];
    for (const [fields, status, field] of cases) {
      const res = await post(f.initiativeId, fields, cookie);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(Object.keys(res.data.result.error), JSON.stringify(fields)).toContain(field);
    }
    expect((await post(f.initiativeId, { intent: "explode" }, cookie)).status).toBe(400);
    expect((await post(f.initiativeId, { ...base, conditionId: "abc", ownerId: String(f.ownerId), dueDate: "2026-09-30" }, cookie)).status).toBe(400);
    // Another initiative's condition, an unknown initiative: 404. A stale version: 409.
    expect((await post(f.initiativeId, { ...base, conditionId: String(other.conditionId), ownerId: String(f.ownerId), dueDate: "2026-09-30" }, cookie)).status).toBe(404);
    expect((await post(999999, { ...base, ownerId: String(f.ownerId), dueDate: "2026-09-30" }, cookie)).status).toBe(404);
    expect((await post(f.initiativeId, { ...base, version: "5", ownerId: String(f.ownerId), dueDate: "2026-09-30" }, cookie)).status).toBe(409);
    expect(await row(f.conditionId)).toMatchObject({ due_date: "2026-06-30", state: "open", version: 1 });
    expect(await count("history")).toBe(before);
  });

  it("refuses to change a condition a later decision closed (409)", async () => {
    const f = await conditionFixture("2026-06-30");
    await db().updateTable("conditions").set({ status: "closed" }).where("id", "=", f.conditionId).execute();
    const res = await post(f.initiativeId, { intent: "state", conditionId: String(f.conditionId), version: "1", state: "met" }, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(409);
    expect(res.data.result.error[""][0]).toMatch(/senere beslutning/);
  });
});

describe("reminder mails", () => {
  const config = (port: number): MailConfig => ({ host: "127.0.0.1", port, secure: false, from: "SUSI Tracker <noreply@susi.test>", baseUrl: "https://susi.test" });
  async function deliver(sink: SmtpSink, now: string, reminderDays = 7) {
    const c = config(sink.port);
    const transport = createMailTransport(c);
    return deliverDueMessages(db(), { config: c, transport, now: () => new Date(now), reminderDays }).finally(() => transport.close?.());
  }

  it("reminds the owner the given days before and on the due date, each once", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const f = await conditionFixture("2026-03-31");
    expect((await deliver(sink, "2026-03-20T08:00:00.000Z")).remindersQueued).toBe(0);
    const first = await deliver(sink, "2026-03-24T08:00:00.000Z");
    expect(first).toMatchObject({ remindersQueued: 1, sent: 1 });
    expect((await deliver(sink, "2026-03-25T08:00:00.000Z")).remindersQueued).toBe(0);
    const onTheDay = await deliver(sink, "2026-03-31T08:00:00.000Z");
    expect(onTheDay).toMatchObject({ remindersQueued: 1, sent: 1 });
    expect((await deliver(sink, "2026-04-03T08:00:00.000Z")).remindersQueued).toBe(0);
    expect(sink.messages.map((m) => m.to)).toEqual([["projektleder@susi.test"], ["projektleder@susi.test"]]);
    expect(sink.messages[0].subject).toMatch(/^Påmindelse: betingelse for .+ skal være opfyldt 31\.03\.2026$/);
    expect(sink.messages[1].subject).toMatch(/skal være opfyldt i dag/);
    expect(sink.messages[1].text).toContain("Implementeringsplan afleveres");
    expect(sink.messages[1].text).toContain(`https://susi.test/initiativer/${f.initiativeId}/betingelser`);
  });

  it("follows CONDITION_REMINDER_DAYS, reminds nobody without an owner and stops once met", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const owned = await conditionFixture("2026-05-31");
    await conditionFixture("2026-05-31", null);
    expect((await deliver(sink, "2026-05-20T08:00:00.000Z", 7)).remindersQueued).toBe(0);
    expect((await deliver(sink, "2026-05-20T08:00:00.000Z", 14)).remindersQueued).toBe(1);
    await db().updateTable("conditions").set({ state: "met" }).where("id", "=", owned.conditionId).execute();
    expect((await deliver(sink, "2026-05-31T08:00:00.000Z", 14)).remindersQueued).toBe(0);
    expect(sink.messages).toHaveLength(1);
  });

  it("queues each reminder once even when two passes run at once", async () => {
    const f = await conditionFixture("2026-08-31");
    const [a, b] = await Promise.all([
      enqueueConditionReminders(db(), "2026-08-31T09:00:00.000Z", 7),
      enqueueConditionReminders(db(), "2026-08-31T09:00:00.000Z", 7),
    ]);
    expect(a + b).toBe(1);
    const rows = await db().selectFrom("outbox").select(["kind", "recipient"]).where("dedupe_key", "like", `condition-reminder:${f.conditionId}:%`).execute();
    expect(rows).toEqual([{ kind: "reminder", recipient: "projektleder@susi.test" }]);
  });

  it("lists what falls due for the steering group, overdue first", async () => {
    const late = await conditionFixture("2026-02-01");
    const soon = await conditionFixture("2026-03-05");
    await conditionFixture("2026-06-01");
    const due = await openConditionsDue(db(), "2026-03-01T10:00:00.000Z", 7);
    expect(due.map((c) => [c.id, c.standing, c.overdue])).toEqual([[late.conditionId, "overdue", true], [soon.conditionId, "due_soon", false]]);
    expect(due[0]).toMatchObject({ owner: "Peter Projektleder", initiative_id: late.initiativeId });
  });
});
