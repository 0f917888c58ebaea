// The steering group's home and meetings: loaders and actions with real Requests on a seeded database.
import { describe, expect, it } from "vitest";
import { listGroupMembers } from "#db/queries/meetings";
import * as homeRoute from "~/routes/styregruppe._index/route";
import * as planRoute from "~/routes/styregruppe.moeder.ny/route";
import * as meetingRoute from "~/routes/styregruppe.moeder.$mid._index/route";
import { db } from "~/utils/db.server";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor } from "./helpers";
import { newInitiative, submittedAssessment } from "./governance-fixtures";

const plan = (fields: Record<string, string>, cookie: string) =>
  outcome(planRoute.action(args(formRequest(`${BASE}/styregruppe/moeder/ny`, fields, cookie))));
const act = (mid: number | string, fields: Record<string, string>, cookie: string) =>
  outcome(meetingRoute.action(args(formRequest(`${BASE}/styregruppe/moeder/${mid}`, fields, cookie), { mid })));
const page = (mid: number | string, cookie: string) => outcome(meetingRoute.loader(args(get(`/styregruppe/moeder/${mid}`, cookie), { mid })));

async function plannedMeeting(cookie: string, date = "2026-12-10") {
  const res = await plan({ date, title: "Decembermøde" }, cookie);
  expect(res.status).toBe(302);
  return Number(res.location!.split("/").pop());
}

describe("/styregruppe", () => {
  it("lists what awaits a decision with area, phase, target, submitted date and days waiting", async () => {
    const id = await newInitiative("Ventende initiativ");
    await submittedAssessment(id, "maturation", "trial");
    const held = await newInitiative("I bero", "trial", "on_hold");
    const res = await outcome(homeRoute.loader(args(get("/styregruppe", await sessionCookieFor("steering_group")))));
    expect(res.status).toBe(200);
    const row = res.data.submitted.find((s: any) => s.initiative_id === id);
    expect(row).toMatchObject({ title: "Ventende initiativ", area: "children", phase: "maturation", to_phase: "trial", submitted_at: "2026-02-01T12:00:00.000Z" });
    expect(row.days).toBeGreaterThan(0);
    expect(res.data.held.map((h: any) => h.initiative_id)).toContain(held);
  });

  it("lists open conditions due or overdue, marked as such, and leaves out those due later or already met", async () => {
    const id = await newInitiative("Med betingelser");
    const { id: did } = await db().insertInto("decisions").values({
      initiative_id: id, outcome: "conditional_go", from_phase: "screening", to_phase: "maturation", resulting_phase: "maturation",
      resulting_status: "active", rationale: "Betinget", flexibly_passed: "[]", decided_at: "2026-01-10T12:00:00.000Z",
    }).returning("id").executeTakeFirstOrThrow();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const condition = (text: string, due: string, state: "open" | "met" = "open") =>
      ({ initiative_id: id, decision_id: did, text, owner: "Programleder", due_date: due, status: "open" as const, state });
    await db().insertInto("conditions").values([
      condition("Overskredet plan", day(-3)), condition("Snart", day(2)), condition("Langt ude", day(60)), condition("Opfyldt", day(-3), "met"),
    ]).execute();
    const res = await outcome(homeRoute.loader(args(get("/styregruppe", await sessionCookieFor("steering_group")))));
    const mine = res.data.conditions.filter((c: any) => c.initiative_id === id);
    expect(mine.map((c: any) => [c.text, c.standing])).toEqual([["Overskredet plan", "overdue"], ["Snart", "due_soon"]]);
  });

  it("is for the steering group only", async () => {
    for (const role of ["program_manager", "knowledge_staff", "admin"] as const) {
      expect((await outcome(homeRoute.loader(args(get("/styregruppe", await sessionCookieFor(role)))))).status).toBe(403);
    }
  });
});

describe("planning a meeting", () => {
  it("plans it with a receipt and lands on its page", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const res = await plan({ date: "2026-12-10", title: "Decembermøde", location: "Odense" }, cookie);
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/styregruppe\/moeder\/\d+$/);
    expect(res.response?.headers.get("Set-Cookie")).toContain("susi_flash=");
    const p = await page(Number(res.location!.split("/").pop()), cookie);
    expect(p.data.meeting).toMatchObject({ date: "2026-12-10", title: "Decembermøde", location: "Odense", status: "planned" });
  });

  it.each([
    ["no date", {}, "date", "error.required"],
    ["an impossible date", { date: "2026-02-30" }, "date", "error.invalidDate"],
    ["a chair who is not a member", { date: "2026-12-10", chairId: "1" }, "chairId", "Mødelederen skal være et aktivt medlem af styregruppen."],
  ])("answers %s with 400 naming the field, and writes nothing", async (_, fields, field, message) => {
    const before = await count("meetings");
    const res = await plan(fields as Record<string, string>, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(400);
    expect(res.data.result.error[field]).toEqual([message]);
    expect(await count("meetings")).toBe(before);
  });

  it("planned from an initiative's decision page, puts the initiative on the new meeting's agenda", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const id = await newInitiative("Planlagt fra beslutningssiden");
    const form = await outcome(planRoute.loader(args(get(`/styregruppe/moeder/ny?initiativ=${id}`, cookie))));
    expect(form.data.initiative).toEqual({ id, title: "Planlagt fra beslutningssiden" });
    expect((await outcome(planRoute.loader(args(get("/styregruppe/moeder/ny?initiativ=abc", cookie))))).data.initiative).toBeNull();
    const res = await plan({ date: "2026-12-10", initiativeId: String(id) }, cookie);
    expect(res.status).toBe(302);
    const p = await page(Number(res.location!.split("/").pop()), cookie);
    expect(p.data.agenda.map((a: any) => [a.position, a.initiative_id])).toEqual([[1, id]]);
    expect(p.data.meeting.version).toBe(2);
  });

  it("refuses an unknown initiative for the agenda with 400 naming it, and plans nothing", async () => {
    const before = await count("meetings");
    const res = await plan({ date: "2026-12-10", initiativeId: "999999" }, await sessionCookieFor("steering_group"));
    expect(res.status).toBe(400);
    expect(res.data.result.error.initiativeId).toEqual(["error.invalidChoice"]);
    expect(await count("meetings")).toBe(before);
  });

  it("is refused with 403 for other roles", async () => {
    expect((await plan({ date: "2026-12-10" }, await sessionCookieFor("program_manager"))).status).toBe(403);
    expect((await outcome(planRoute.loader(args(get("/styregruppe/moeder/ny", await sessionCookieFor("admin")))))).status).toBe(403);
  });
});

describe("a meeting's agenda and members present", () => {
  it("adds initiatives from the awaiting list once each, and records the members present", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const mid = await plannedMeeting(cookie);
    const a = await newInitiative("Punkt A");
    await submittedAssessment(a, "maturation", "trial");
    expect((await page(mid, cookie)).data.awaiting.submitted.map((s: any) => s.initiative_id)).toContain(a);
    expect((await act(mid, { intent: "agenda", initiativeId: String(a), version: "1" }, cookie)).status).toBe(302);
    const after = await page(mid, cookie);
    expect(after.data.agenda.map((i: any) => i.initiative_id)).toEqual([a]);
    expect(after.data.awaiting.submitted.map((s: any) => s.initiative_id)).not.toContain(a);

    const twice = await act(mid, { intent: "agenda", initiativeId: String(a), version: "2" }, cookie);
    expect(twice.status).toBe(409);
    expect(twice.data.refusals).toEqual(["Initiativet er allerede på mødets dagsorden."]);

    const members = await listGroupMembers(db());
    expect(members.length).toBe(3);
    const res = await act(mid, { intent: "attendance", version: "2", present: String(members[0].id) }, cookie);
    expect(res.status).toBe(302);
    const held = await page(mid, cookie);
    expect(held.data.meeting.status).toBe("held");
    expect(held.data.present.map((p: any) => p.id)).toEqual([members[0].id]);
    expect(held.data.quorum).toEqual({ required: 2, met: false });
  });

  it.each([
    ["an unknown initiative", { intent: "agenda", initiativeId: "999999", version: "1" }, "initiativeId"],
    ["no initiative", { intent: "agenda", version: "1" }, "initiativeId"],
    ["no members present", { intent: "attendance", version: "1" }, "present"],
    ["a member who is not in the group", { intent: "attendance", version: "1", present: "1" }, "present"],
    ["an unknown intent", { intent: "delete", version: "1" }, "intent"],
  ])("answers %s with 400 naming the field, and writes nothing", async (_, fields, field) => {
    const cookie = await sessionCookieFor("steering_group");
    const mid = await plannedMeeting(cookie);
    const before = { items: await count("meeting_agenda_items"), present: await count("meeting_members_present"), history: await count("history") };
    const res = await act(mid, fields, cookie);
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.result.error)).toContain(field);
    expect({ items: await count("meeting_agenda_items"), present: await count("meeting_members_present"), history: await count("history") }).toEqual(before);
  });

  it("answers a stale version with 409, an unknown meeting with 404 and other roles with 403", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const mid = await plannedMeeting(cookie);
    const a = await newInitiative("Punkt B");
    expect((await act(mid, { intent: "agenda", initiativeId: String(a), version: "7" }, cookie)).data).toMatchObject({ conflict: true });
    expect((await page(999999, cookie)).status).toBe(404);
    expect((await page("abc", cookie)).status).toBe(404);
    expect((await page(mid, await sessionCookieFor("program_manager"))).status).toBe(403);
    expect((await act(mid, { intent: "agenda", initiativeId: String(a), version: "1" }, await sessionCookieFor("knowledge_staff"))).status).toBe(403);
  });
});
