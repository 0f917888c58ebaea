// The administrator's correction route: reason required (400 naming the field), administrators only (403),
// shown as a correction in the history and as a notice on the initiative page.
import { describe, expect, it } from "vitest";
import { getInitiative } from "#db/queries/initiatives";
import type { Role } from "#db/schema";
import { action, loader } from "~/routes/initiativer.$id.korrektion/route";
import { loader as pageLoader } from "~/routes/initiativer.$id._index/route";
import { action as startAction, loader as startLoader } from "~/routes/initiativer.$id.vurdering.ny/route";
import { refusalText } from "~/i18n/refusals";
import { db } from "~/utils/db.server";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor } from "./helpers";

const REASON = "Status blev importeret forkert fra UIP-tabellen (rettet efter aftale med kontoret)";

async function firstStopped() {
  const row = await db().selectFrom("initiatives").select(["id", "phase", "status", "track", "version"]).where("status", "=", "stopped").orderBy("id").executeTakeFirstOrThrow();
  return row;
}

function post(id: number, fields: Record<string, string>, cookie: string) {
  return outcome(action(args(formRequest(`${BASE}/initiativer/${id}/korrektion`, fields, cookie), { id })));
}

const governed = async (id: number) => {
  const i = await getInitiative(db(), id);
  return { phase: i!.phase, status: i!.status, track: i!.track, version: i!.version };
};

describe("/initiativer/:id/korrektion", () => {
  it.each<Role>(["program_manager", "steering_group", "knowledge_staff"])("is for administrators only: %s gets 403 and nothing is written", async (role) => {
    const i = await firstStopped();
    const cookie = await sessionCookieFor(role);
    expect((await outcome(loader(args(get(`/initiativer/${i.id}/korrektion`, cookie), { id: i.id })))).status).toBe(403);
    const before = await count("history");
    const res = await post(i.id, { phase: i.phase, status: "active", track: "none", reason: REASON, version: String(i.version) }, cookie);
    expect(res.status).toBe(403);
    expect(await governed(i.id)).toEqual({ phase: i.phase, status: i.status, track: i.track, version: i.version });
    expect(await count("history")).toBe(before);
  });

  it("needs a written reason: 400 naming the field, nothing written", async () => {
    const i = await firstStopped();
    const cookie = await sessionCookieFor("admin");
    for (const reason of ["", "   ", "fejl"]) {
      const before = await count("history");
      const res = await post(i.id, { phase: i.phase, status: "active", track: "none", reason, version: String(i.version) }, cookie);
      expect(res.status).toBe(400);
      expect(Object.keys(res.data.result.error)).toEqual(["reason"]);
      expect(res.data.result.error.reason[0]).toMatch(/begrundelse/i);
      expect(await governed(i.id)).toMatchObject({ status: "stopped", version: i.version });
      expect(await count("history")).toBe(before);
    }
  });

  it("answers bad values, an unchanged form and a stale version without writing", async () => {
    const i = await firstStopped();
    const cookie = await sessionCookieFor("admin");
    const before = await count("history");
    const bad = await post(i.id, { phase: "udbredning", status: "paused", track: "9", reason: REASON, version: String(i.version) }, cookie);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.result.error).sort()).toEqual(["phase", "status", "track"]);
    const same = await post(i.id, { phase: i.phase, status: i.status, track: i.track === null ? "none" : String(i.track), reason: REASON, version: String(i.version) }, cookie);
    expect(same.status).toBe(400);
    expect(same.data.result.error[""][0]).toMatch(/mindst én ændring/);
    const noVersion = await post(i.id, { phase: i.phase, status: "active", track: "none", reason: REASON }, cookie);
    expect(noVersion.status).toBe(400);
    const stale = await post(i.id, { phase: i.phase, status: "active", track: "none", reason: REASON, version: String(i.version + 7) }, cookie);
    expect(stale.status).toBe(409);
    expect(await count("history")).toBe(before);
    expect((await post(999999, { phase: "trial", status: "active", track: "none", reason: REASON, version: "1" }, cookie)).status).toBe(404);
  });

  it("corrects the status, writes a correction history row and shows the correction on the initiative page", async () => {
    const i = await firstStopped();
    const cookie = await sessionCookieFor("admin");
    const res = await post(i.id, { phase: i.phase, status: "active", track: i.track === null ? "none" : String(i.track), reason: REASON, version: String(i.version) }, cookie);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/initiativer/${i.id}#korrektioner`);
    expect(await governed(i.id)).toMatchObject({ status: "active", version: i.version + 1 });
    const page = await pageLoader(args(get(`/initiativer/${i.id}`, await sessionCookieFor("program_manager")), { id: i.id }));
    expect(page.history[0]).toMatchObject({ action: "initiative.correction" });
    expect(JSON.parse(page.history[0].after!)).toEqual({ status: "active", reason: REASON });
    expect(JSON.parse(page.history[0].before!)).toEqual({ status: "stopped" });
    expect(page.corrections).toEqual([
      expect.objectContaining({ actor_name: "Anne Admin", reason: REASON, changes: [{ field: "status", before: "stopped", after: "active" }] }),
    ]);
  });
});

describe("a held initiative is not assessed", () => {
  it("refuses to start an assessment while on hold, naming the hold, and writes nothing", async () => {
    const i = await db().selectFrom("initiatives").select(["id", "phase"]).where("status", "=", "active").where("phase", "=", "maturation").orderBy("id").executeTakeFirstOrThrow();
    // Put it on hold through the one way around the gate, so the test needs no decision page.
    const before = await getInitiative(db(), i.id);
    await post(i.id, { phase: i.phase, status: "on_hold", track: before!.track === null ? "none" : String(before!.track), reason: REASON, version: String(before!.version) }, await sessionCookieFor("admin"));
    const cookie = await sessionCookieFor("program_manager");
    const shown = await outcome(startLoader(args(get(`/initiativer/${i.id}/vurdering/ny`, cookie), { id: i.id })));
    expect(shown.data.refusal).toEqual({ code: "on_hold" });
    const assessments = await count("assessments");
    const res = await outcome(startAction(args(formRequest(`${BASE}/initiativer/${i.id}/vurdering/ny`, { toPhase: "trial" }, cookie), { id: i.id })));
    expect(res.status).toBe(409);
    expect(res.data).toEqual({ refusal: { code: "on_hold" } });
    expect(refusalText({ kind: "assessment", refusal: res.data.refusal }, "da")).toMatch(/sat i bero/);
    expect(await count("assessments")).toBe(assessments);
  });
});
