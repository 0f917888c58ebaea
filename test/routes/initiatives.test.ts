// Initiative routes called with real Requests: list filters, detail, create, edit, involvement, dates.
import { describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/initiativer._index/route";
import { action as createAction, loader as createLoader } from "~/routes/initiativer.ny/route";
import { action as detailAction, loader as detailLoader } from "~/routes/initiativer.$id._index/route";
import { action as editAction } from "~/routes/initiativer.$id.rediger/route";
import { action as periodsAction } from "~/routes/initiativer.$id.perioder";
import { db } from "~/utils/db.server";
import { args, BASE, count, formRequest, get, sessionCookieFor, statusOf, thrown } from "./helpers";

const validInitiative = {
  title: "Screening af peer-støtte til unge hjemløse",
  description: "Et nyt initiativ",
  area: "adults",
  targetGroup: "Unge hjemløse 18-25 år",
  agreementYears: "2025",
  track: "",
  trackReason: "",
  prototypeDescription: "",
  phase: "screening",
};

describe("initiative list", () => {
  it("sends a visitor who is not logged in to the login page", async () => {
    const res = await thrown(listLoader(args(get("/initiativer"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Finitiativer");
  });

  it("lists the 42 seeded initiatives, 25 per page, and filters in SQL", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const all = await listLoader(args(get("/initiativer", cookie)));
    expect(all.total).toBe(42);
    expect(all.rows).toHaveLength(25);
    const children = await listLoader(args(get("/initiativer?area=children", cookie)));
    expect(children.total).toBe(15);
    const combined = await listLoader(args(get("/initiativer?phase=screening_maturation", cookie)));
    expect(combined.rows.map((r) => r.title)).toContain("Styrket match af barn og anbringelsessted");
    const search = await listLoader(args(get("/initiativer?q=move", cookie)));
    expect(search.rows.every((r) => r.title.toLowerCase().includes("move"))).toBe(true);
    expect(search.total).toBeGreaterThan(0);
    const y2017 = await listLoader(args(get("/initiativer?year=2017", cookie)));
    expect(y2017.rows.map((r) => r.title)).toContain("Gruppebaseret bostøtteforløb");
    const page2 = await listLoader(args(get("/initiativer?page=2", cookie)));
    expect(page2.rows).toHaveLength(17);
  });

  it("answers an unknown filter value with 400 naming the filter", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const res = await thrown(listLoader(args(get("/initiativer?phase=udbredning", cookie))));
    expect(statusOf(res)).toBe(400);
    expect(res.data.message).toContain("phase");
  });
});

describe("create initiative", () => {
  it("lets a program manager create one that starts in the chosen phase with a history row", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const before = await count("initiatives");
    const res = await createAction(args(formRequest(`${BASE}/initiativer/ny`, validInitiative, cookie)));
    expect(statusOf(res)).toBe(302);
    const id = Number((res as Response).headers.get("Location")!.split("/").pop());
    expect(await count("initiatives")).toBe(before + 1);
    const page = await detailLoader(args(get(`/initiativer/${id}`, cookie), { id: String(id) }));
    expect(page.initiative.title).toBe(validInitiative.title);
    expect(page.initiative.phase).toBe("screening");
    expect(page.initiative.framework).toBe("susi2");
    expect(page.years).toEqual([2025]);
    expect(page.history.map((h) => h.action)).toContain("initiative.created");
  });

  it("refuses a steering-group member with 403 and writes nothing", async () => {
    const cookie = await sessionCookieFor("steering_group");
    const before = await count("initiatives");
    expect(statusOf(await thrown(createLoader(args(get("/initiativer/ny", cookie)))))).toBe(403);
    expect(statusOf(await thrown(createAction(args(formRequest(`${BASE}/initiativer/ny`, validInitiative, cookie)))))).toBe(403);
    expect(await count("initiatives")).toBe(before);
  });

  it.each([
    ["title", { title: "" }, "error.required"],
    ["area", { area: "elderly" }, "error.invalidChoice"],
    ["agreementYears", { agreementYears: "tyve" }, "error.invalidYear"],
    ["phase", { phase: "done" }, "error.invalidChoice"],
    ["trackReason", { track: "2", trackReason: "" }, "form.trackRequiresReason"],
  ])("answers a bad %s with 400 naming the field and writes nothing", async (field, patch, message) => {
    const cookie = await sessionCookieFor("program_manager");
    const before = await count("initiatives");
    const res: any = await createAction(args(formRequest(`${BASE}/initiativer/ny`, { ...validInitiative, ...patch }, cookie)));
    expect(statusOf(res)).toBe(400);
    expect(res.data.error[field]).toEqual([message]);
    expect(await count("initiatives")).toBe(before);
  });
});

describe("initiative page", () => {
  it("shows an imported initiative with its successor link and source outcome", async () => {
    const cookie = await sessionCookieFor("knowledge_staff");
    const row = await db().selectFrom("initiatives").select("id").where("title", "=", "ADHD og misbrug").executeTakeFirstOrThrow();
    const page = await detailLoader(args(get(`/initiativer/${row.id}`, cookie), { id: String(row.id) }));
    expect(page.links.successors.map((s) => s.title)).toEqual([
      "Modning af styrket ambulante stofmiddelbehandling med MOVE til de mest udsatte unge",
    ]);
    expect(page.initiative.source_outcome).toContain("Ja (Modning");
    expect(page.initiative.framework).toBe("susi1");
  });

  it.each(["999999", "abc", "0"])("answers /initiativer/%s with 404", async (id) => {
    const cookie = await sessionCookieFor("program_manager");
    expect(statusOf(await thrown(detailLoader(args(get(`/initiativer/${id}`, cookie), { id }))))).toBe(404);
  });
});

describe("edit initiative", () => {
  it("saves changes, bumps the version and records before/after in history", async () => {
    const cookie = await sessionCookieFor("program_manager");
    // The track is the program manager's to set only while the initiative is in screening.
    await db().updateTable("initiatives").set({ phase: "screening" }).where("id", "=", 1).execute();
    const i = await db().selectFrom("initiatives").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    const res = await editAction(args(formRequest(`${BASE}/initiativer/1/rediger`, {
      title: i.title, description: "Ny beskrivelse", area: i.area, targetGroup: "Borgere med behov for bostøtte",
      agreementYears: "2017, 2018, 2019", track: "1", trackReason: "Ensartet metode", prototypeDescription: "",
      version: String(i.version),
    }, cookie), { id: "1" }));
    expect(statusOf(res)).toBe(302);
    const after = await db().selectFrom("initiatives").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    expect(after.version).toBe(i.version + 1);
    expect(after.track).toBe(1);
    const h = await db().selectFrom("history").selectAll().where("initiative_id", "=", 1).where("action", "=", "initiative.updated").executeTakeFirstOrThrow();
    expect(JSON.parse(h.after!)).toMatchObject({ description: "Ny beskrivelse", track: 1 });
  });

  it("answers a stale form with 409 and leaves the initiative as it was", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const i = await db().selectFrom("initiatives").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    const res: any = await editAction(args(formRequest(`${BASE}/initiativer/1/rediger`, {
      title: "Overskrevet", description: "", area: i.area, targetGroup: "", agreementYears: "2017",
      trackReason: "", prototypeDescription: "", version: String(i.version - 1),
    }, cookie), { id: "1" }));
    expect(statusOf(res)).toBe(409);
    expect(res.data.conflict).toBe(true);
    const after = await db().selectFrom("initiatives").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    expect(after.title).toBe(i.title);
    expect(after.version).toBe(i.version);
  });
});

describe("user involvement", () => {
  const involvement = { phase: "maturation", who: "Ungepanel", how: "Workshops om materialet", whatChanged: "Sproget blev enklere" };

  it("is recorded by a program manager and shown on the page", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const res = await detailAction(args(formRequest(`${BASE}/initiativer/2`, involvement, cookie), { id: "2" }));
    expect(statusOf(res)).toBe(302);
    const page = await detailLoader(args(get("/initiativer/2", cookie), { id: "2" }));
    expect(page.involvements).toEqual([expect.objectContaining({ who: "Ungepanel", what_changed: "Sproget blev enklere" })]);
  });

  it("refuses other roles (403) and missing fields (400), writing nothing", async () => {
    const before = await count("user_involvements");
    const sg = await sessionCookieFor("steering_group");
    expect(statusOf(await thrown(detailAction(args(formRequest(`${BASE}/initiativer/2`, involvement, sg), { id: "2" }))))).toBe(403);
    const pm = await sessionCookieFor("program_manager");
    const res: any = await detailAction(args(formRequest(`${BASE}/initiativer/2`, { ...involvement, who: "" }, pm), { id: "2" }));
    expect(statusOf(res)).toBe(400);
    expect(res.data.error.who).toEqual(["error.required"]);
    expect(await count("user_involvements")).toBe(before);
  });
});

describe("correcting user involvement", () => {
  const involvement = { phase: "maturation", who: "Borgerpanel", how: "Interviews", whatChanged: "Nyt trin" };
  const post = async (fields: Record<string, string>, role: "program_manager" | "steering_group" = "program_manager") => {
    const cookie = await sessionCookieFor(role);
    try {
      return await detailAction(args(formRequest(`${BASE}/initiativer/4`, fields, cookie), { id: "4" }));
    } catch (e) {
      return e;
    }
  };
  const entries = () => db().selectFrom("user_involvements").selectAll().where("initiative_id", "=", 4).orderBy("id").execute();
  const historyOf = async (id: number) =>
    (await db().selectFrom("history").select(["action", "before", "after"]).where("entity", "=", "user_involvement").where("entity_id", "=", id).orderBy("id").execute());

  it("edits an entry with its version, keeps what it said in the history, and answers a stale edit with 409", async () => {
    expect(statusOf(await post(involvement))).toBe(302);
    const [entry] = (await entries()).filter((e) => e.who === "Borgerpanel");
    const edited = await post({ intent: "editInvolvement", involvementId: String(entry.id), version: "1", ...involvement, who: "Borgerpanel (rettet)" });
    expect(statusOf(edited)).toBe(302);
    const after = (await entries()).find((e) => e.id === entry.id)!;
    expect(after).toMatchObject({ who: "Borgerpanel (rettet)", version: 2 });
    const history = await historyOf(entry.id);
    expect(history.map((h) => h.action)).toEqual(["involvement.added", "involvement.updated"]);
    expect(JSON.parse(history[1].before!)).toMatchObject({ who: "Borgerpanel" });

    const stale: any = await post({ intent: "editInvolvement", involvementId: String(entry.id), version: "1", ...involvement, who: "Gammel" });
    expect(statusOf(stale)).toBe(409);
    expect(stale.data).toMatchObject({ conflict: true, involvementId: entry.id });
    expect((await entries()).find((e) => e.id === entry.id)).toEqual(after);
    const empty: any = await post({ intent: "editInvolvement", involvementId: String(entry.id), version: "2", ...involvement, who: "" });
    expect(statusOf(empty)).toBe(400);
    expect(empty.data.error.who).toEqual(["error.required"]);
    expect(statusOf(await post({ intent: "editInvolvement", involvementId: String(entry.id), version: "2", ...involvement }, "steering_group"))).toBe(403);
  });

  it("deletes an entry only after a confirmation, keeping it in the history", async () => {
    expect(statusOf(await post({ ...involvement, who: "Slettes" }))).toBe(302);
    const entry = (await entries()).find((e) => e.who === "Slettes")!;
    const asked: any = await post({ intent: "deleteInvolvement", involvementId: String(entry.id), version: "1" });
    expect(statusOf(asked)).toBe(200);
    expect(asked.data.confirm).toEqual([["intent", "deleteInvolvement"], ["involvementId", String(entry.id)], ["version", "1"]]);
    expect((await entries()).some((e) => e.id === entry.id)).toBe(true);
    expect(statusOf(await post({ intent: "deleteInvolvement", involvementId: String(entry.id), version: "1", confirmed: "yes" }))).toBe(302);
    expect((await entries()).some((e) => e.id === entry.id)).toBe(false);
    const history = await historyOf(entry.id);
    expect(history.map((h) => h.action)).toEqual(["involvement.added", "involvement.deleted"]);
    expect(JSON.parse(history[1].before!)).toMatchObject({ who: "Slettes" });
    const again: any = await post({ intent: "deleteInvolvement", involvementId: String(entry.id), version: "1", confirmed: "yes" });
    expect(statusOf(again)).toBe(409);
  });
});

describe("phase period dates", () => {
  it("saves valid dates and refuses an end before the start", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const period = await db().selectFrom("phase_periods").selectAll().where("initiative_id", "=", 3).executeTakeFirstOrThrow();
    const bad: any = await periodsAction(args(formRequest(`${BASE}/initiativer/3/perioder`, {
      periodId: String(period.id), plannedStart: "2024-05-01", plannedEnd: "2024-01-01",
    }, cookie), { id: "3" }));
    expect(statusOf(bad)).toBe(400);
    expect(bad.data.result.error.plannedEnd).toEqual(["error.dateOrder"]);
    const ok = await periodsAction(args(formRequest(`${BASE}/initiativer/3/perioder`, {
      periodId: String(period.id), plannedStart: "2024-01-01", plannedEnd: "2024-12-31",
    }, cookie), { id: "3" }));
    expect(statusOf(ok)).toBe(302);
    const after = await db().selectFrom("phase_periods").selectAll().where("id", "=", period.id).executeTakeFirstOrThrow();
    expect([after.planned_start, after.planned_end]).toEqual(["2024-01-01", "2024-12-31"]);
  });

  it("answers a period of another initiative with 404", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const other = await db().selectFrom("phase_periods").select("id").where("initiative_id", "=", 4).executeTakeFirstOrThrow();
    const res = await thrown(periodsAction(args(formRequest(`${BASE}/initiativer/3/perioder`, { periodId: String(other.id) }, cookie), { id: "3" })));
    expect(statusOf(res)).toBe(404);
  });
});

describe("edit initiative: governed fields", () => {
  it("refuses a forged POST carrying status or phase with 400 naming the field, and writes nothing", async () => {
    const cookie = await sessionCookieFor("program_manager");
    const i = await db().selectFrom("initiatives").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    const res: any = await editAction(args(formRequest(`${BASE}/initiativer/1/rediger`, {
      title: i.title, description: "", area: i.area, targetGroup: "", agreementYears: "2017", trackReason: "", prototypeDescription: "",
      status: "stopped", phase: "dissemination", version: String(i.version),
    }, cookie), { id: "1" }));
    expect(statusOf(res)).toBe(400);
    expect(res.data.refused).toEqual(["phase", "status"]);
    const after = await db().selectFrom("initiatives").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
    expect(after).toEqual(i);
  });
});
