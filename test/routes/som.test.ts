// SØM routes called with real Requests on a seeded database: who may create and save, 400 naming the
// field with nothing written, 409 for a stale version, 404 for ids that do not belong, and a steering-group
// decision that freezes the phase's calculation versions and shows them.
import { describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import { getVersionUncertainty, listCalculationVersions } from "#db/queries/som";
import type { PhasePeriod } from "#workflows/phase-model";
import * as decisionRoute from "~/routes/initiativer.$id.beslutning/route";
import * as initiativeRoute from "~/routes/initiativer.$id._index/route";
import * as compareRoute from "~/routes/initiativer.$id.som.sammenlign";
import * as editRoute from "~/routes/initiativer.$id.som.$cid/route";
import * as versionRoute from "~/routes/initiativer.$id.som.$cid_.v.$vid";
import * as newRoute from "~/routes/initiativer.$id.som.ny";
import * as overviewRoute from "~/routes/som._index";
import { simulate, SIMULATION_SEED } from "~/som/montecarlo";
import { db } from "~/utils/db.server";
import { validFormFields } from "../schemas/som-form-fixtures";
import { meetingFor } from "./governance-fixtures";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor } from "./helpers";

async function newInitiative(phase: PhasePeriod = "trial") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Housing First i Aarhus", description: "", area: "adults", targetGroup: "Hjemløse", agreementYears: [2024], track: 1,
      trackReason: "Ensartet", prototypeDescription: "Manual", phase, status: "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

async function counts() {
  return { calculations: await count("som_calculations"), versions: await count("som_calculation_versions"), frozen: await count("decision_som_versions") };
}

function postNew(id: number | string, fields: Record<string, string>, cookie: string) {
  return outcome(newRoute.action(args(formRequest(`${BASE}/initiativer/${id}/som/ny`, fields, cookie), { id })));
}

function postSave(id: number | string, cid: number | string, fields: Record<string, string>, cookie: string) {
  return outcome(editRoute.action(args(formRequest(`${BASE}/initiativer/${id}/som/${cid}`, fields, cookie), { id, cid })));
}

/** Creates a calculation through the route, as a program manager; returns its id. */
async function createThroughRoute(id: number, overrides: Record<string, string> = {}) {
  const res = await postNew(id, validFormFields(overrides), await sessionCookieFor("program_manager"));
  expect(res.status).toBe(302);
  const cid = Number(/\/som\/(\d+)\?gemt=1$/.exec(res.location ?? "")?.[1]);
  expect(cid).toBeGreaterThan(0);
  return cid;
}

describe("creating a SØM calculation", () => {
  it("the program manager gets the blank editor; other roles 403; an unknown initiative 404", async () => {
    const id = await newInitiative("maturation");
    const ok = await outcome(newRoute.loader(args(get(`/initiativer/${id}/som/ny`, await sessionCookieFor("program_manager")), { id })));
    expect(ok.status).toBe(200);
    expect(ok.data.defaults).toMatchObject({ phase: "maturation", horizonYears: "10", discountRate: "0", courseLengthYears: "1" });
    for (const role of ["steering_group", "knowledge_staff", "admin"] as const) {
      expect((await outcome(newRoute.loader(args(get(`/initiativer/${id}/som/ny`, await sessionCookieFor(role)), { id })))).status).toBe(403);
    }
    const pm = await sessionCookieFor("program_manager");
    expect((await outcome(newRoute.loader(args(get("/initiativer/999999/som/ny", pm), { id: 999999 })))).status).toBe(404);
    expect((await outcome(newRoute.loader(args(get("/initiativer/abc/som/ny", pm), { id: "abc" })))).status).toBe(404);
  });

  it("saves version 1 with who, the checklist and the engine's input, and redirects to it", async () => {
    const id = await newInitiative();
    const cid = await createThroughRoute(id, { "spreads.successRate": "3" });
    const res = await outcome(editRoute.loader(args(get(`/initiativer/${id}/som/${cid}`, await sessionCookieFor("program_manager")), { id, cid })));
    expect(res.status).toBe(200);
    expect(res.data.canEdit).toBe(true);
    expect(res.data.calculation).toMatchObject({ title: "Forventet forløb", scenario: "expected", phase: "trial", version: 1 });
    expect(res.data.calculation.latest).toMatchObject({ number: 1, created_by_name: "Pia Programleder" });
    expect(res.data.calculation.latest.input.successRate).toEqual({ intervention: "0.12", comparison: "0.02" });
    expect(res.data.calculation.latest.checklist.priceYear).toBe(2026);
    expect(res.data.calculation.latest.spreads).toEqual({ successRate: "0.03", consequenceDeltas: "0", prices: "0", costs: "0" });
    // The version's Monte Carlo result is stored with it, and its page shows it (what a decision freezes).
    const vid = res.data.calculation.latest.id;
    const stored = await getVersionUncertainty(db(), vid);
    expect(stored).toMatchObject({ versionId: vid, draws: 10_000, seed: SIMULATION_SEED, spreads: res.data.calculation.latest.spreads });
    expect(stored!.result).toEqual(simulate(res.data.calculation.latest.input, stored!.spreads, { seed: SIMULATION_SEED, draws: 10_000 }));
    const page = await outcome(versionRoute.loader(args(get(`/initiativer/${id}/som/${cid}/v/${vid}`, await sessionCookieFor("steering_group")), { id, cid, vid })));
    expect(page.data.uncertainty.result.probabilityPositive).toBe(stored!.result.probabilityPositive);
  });

  it("refuses bad input with 400 naming the field, and writes nothing", async () => {
    const id = await newInitiative();
    const before = await counts();
    const res = await postNew(id, validFormFields({ "cohorts[0].citizens": "fyrre", "checklist.effectSource": "" }), await sessionCookieFor("program_manager"));
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.result.error)).toEqual(expect.arrayContaining(["cohorts[0].citizens", "checklist.effectSource"]));
    expect(res.data.result.error["cohorts[0].citizens"][0]).toMatch(/tal/);
    expect(await counts()).toEqual(before);
  });

  it("an add-row button posted without JavaScript answers 200 with one more row and writes nothing", async () => {
    const id = await newInitiative();
    const before = await counts();
    const fields = { ...validFormFields(), __intent__: JSON.stringify({ type: "insert", payload: { name: "costs", defaultValue: {} } }) };
    const res = await postNew(id, fields, await sessionCookieFor("program_manager"));
    expect(res.status).toBe(200);
    expect(res.data.result.initialValue.costs).toHaveLength(4);
    expect(await counts()).toEqual(before);
  });

  it("is for program managers only: 403 and nothing written", async () => {
    const id = await newInitiative();
    const before = await counts();
    for (const role of ["steering_group", "knowledge_staff", "admin"] as const) {
      expect((await postNew(id, validFormFields(), await sessionCookieFor(role))).status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("saving a new version", () => {
  it("saves version 2 and keeps version 1; the stale form answers 409 and writes nothing", async () => {
    const id = await newInitiative();
    const cid = await createThroughRoute(id);
    const pm = await sessionCookieFor("program_manager");
    const saved = await postSave(id, cid, validFormFields({ version: "1", discountRate: "4", title: "Forventet, diskonteret" }), pm);
    expect(saved).toMatchObject({ status: 302, location: `/initiativer/${id}/som/${cid}?gemt=2` });
    expect((await listCalculationVersions(db(), cid)).map((v) => v.number)).toEqual([2, 1]);

    const before = await counts();
    const stale = await postSave(id, cid, validFormFields({ version: "1", discountRate: "3" }), pm);
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ conflict: true });
    expect(await counts()).toEqual(before);

    const page = await outcome(editRoute.loader(args(get(`/initiativer/${id}/som/${cid}`, pm), { id, cid })));
    expect(page.data.calculation).toMatchObject({ title: "Forventet, diskonteret", version: 2 });
    expect(page.data.calculation.latest.input.discountRate).toBe("0.04");
  });

  it("400 names the field and writes nothing; other roles get 403", async () => {
    const id = await newInitiative();
    const cid = await createThroughRoute(id);
    const before = await counts();
    const bad = await postSave(id, cid, validFormFields({ version: "1", "costs[2].toYear": "0" }), await sessionCookieFor("program_manager"));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.result.error)).toContain("costs[2].toYear");
    expect((await postSave(id, cid, validFormFields({ version: "1" }), await sessionCookieFor("steering_group"))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for a calculation that is unknown or belongs to another initiative", async () => {
    const id = await newInitiative();
    const other = await newInitiative();
    const cid = await createThroughRoute(id);
    const pm = await sessionCookieFor("program_manager");
    expect((await postSave(other, cid, validFormFields({ version: "1" }), pm)).status).toBe(404);
    expect((await postSave(id, 999999, validFormFields({ version: "1" }), pm)).status).toBe(404);
    expect((await outcome(editRoute.loader(args(get(`/initiativer/${other}/som/${cid}`, pm), { id: other, cid })))).status).toBe(404);
    expect((await outcome(editRoute.loader(args(get(`/initiativer/${id}/som/x`, pm), { id, cid: "x" })))).status).toBe(404);
  });
});

describe("reading calculations", () => {
  it("the steering group reads a calculation (not the editor), a version, the comparison and the overview", async () => {
    const id = await newInitiative();
    const expected = await createThroughRoute(id);
    const cautious = await createThroughRoute(id, { title: "Forsigtigt forløb", scenario: "cautious", "successRate.intervention": "8" });
    const sg = await sessionCookieFor("steering_group");

    const page = await outcome(editRoute.loader(args(get(`/initiativer/${id}/som/${expected}`, sg), { id, cid: expected })));
    expect(page.status).toBe(200);
    expect(page.data.canEdit).toBe(false);

    const vid = page.data.calculation.latest.id;
    const version = await outcome(versionRoute.loader(args(get(`/initiativer/${id}/som/${expected}/v/${vid}`, sg), { id, cid: expected, vid })));
    expect(version.status).toBe(200);
    expect(version.data.version).toMatchObject({ id: vid, number: 1 });
    // A version under the wrong calculation is not found.
    expect((await outcome(versionRoute.loader(args(get(`/initiativer/${id}/som/${cautious}/v/${vid}`, sg), { id, cid: cautious, vid })))).status).toBe(404);

    const compare = await outcome(compareRoute.loader(args(get(`/initiativer/${id}/som/sammenlign?fase=trial`, sg), { id })));
    expect(compare.data.columns.map((c: any) => c.scenario)).toEqual(["cautious", "expected"]);
    const [c, e] = compare.data.columns;
    // 40 citizens; the cautious net success rate is 6 % against 10 %: smaller effects, same costs.
    expect(c.figures.netSuccessRate).toBe("0.06");
    expect(e.figures.netSuccessRate).toBe("0.1");
    expect(Number(c.figures.net)).toBeLessThan(Number(e.figures.net));
    expect(e.figures).toHaveProperty("breakEvenSuccessRate");

    const overview = await outcome(overviewRoute.loader(args(get("/som?page=1", sg), {})));
    expect(overview.data.rows.slice(0, 2).map((r: any) => r.id)).toEqual([cautious, expected]);
    expect(overview.data.rows[0]).toMatchObject({ initiative_id: id, initiative_title: "Housing First i Aarhus" });
  });

  it("a stored version the schema no longer accepts is reported on the page, not a 500", async () => {
    const id = await newInitiative();
    const cid = await createThroughRoute(id);
    // Versions are immutable (a trigger refuses updates), so write a broken one as a new version row.
    const { id: vid } = await db()
      .insertInto("som_calculation_versions")
      .values({ calculation_id: cid, number: 2, input_json: JSON.stringify({ horizonYears: "ti" }), checklist_json: "{}", spreads_json: null, created_by: null, created_at: "2026-05-01T00:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().updateTable("som_calculations").set({ latest_version_id: vid, version: 2 }).where("id", "=", cid).execute();
    const pm = await sessionCookieFor("program_manager");
    const page = await outcome(editRoute.loader(args(get(`/initiativer/${id}/som/${cid}`, pm), { id, cid })));
    expect(page.status).toBe(200);
    expect(page.data.input).toBeNull();
    expect(page.data.storedErrors.map((e: any) => e.path)).toContain("horizonYears");
    const compare = await outcome(compareRoute.loader(args(get(`/initiativer/${id}/som/sammenlign`, pm), { id })));
    expect(compare.data.columns[0].figures).toBeNull();
  });

  it("the comparison page answers 404 for an unknown initiative", async () => {
    const sg = await sessionCookieFor("steering_group");
    expect((await outcome(compareRoute.loader(args(get("/initiativer/999999/som/sammenlign", sg), { id: 999999 })))).status).toBe(404);
  });
});

describe("a steering-group decision", () => {
  it("freezes the latest versions of the phase's calculations; the decision page lists them and the decision links them", async () => {
    const id = await newInitiative("trial");
    const cid = await createThroughRoute(id);
    const otherPhase = await createThroughRoute(id, { phase: "maturation", title: "Fra modningen" });
    const pm = await sessionCookieFor("program_manager");
    await postSave(id, cid, validFormFields({ version: "1", discountRate: "4" }), pm);
    const sg = await sessionCookieFor("steering_group");

    const before = await outcome(decisionRoute.loader(args(get(`/initiativer/${id}/beslutning`, sg), { id })));
    expect(before.data.somCalculations.map((c: any) => [c.id, c.latest_number])).toEqual([[cid, 2]]);

    const decided = await outcome(decisionRoute.action(args(
      formRequest(`${BASE}/initiativer/${id}/beslutning`, { outcome: "hold", rationale: "Afventer økonomien", version: "1", meetingId: await meetingFor(id), confirmed: "yes" }, sg), { id },
    )));
    expect(decided.status).toBe(302);

    // Saving again afterwards does not move what the decision was taken on.
    await postSave(id, cid, validFormFields({ version: "2", discountRate: "3" }), pm);
    const page = await outcome(initiativeRoute.loader(args(get(`/initiativer/${id}`, sg), { id })));
    const decision = page.data.decisions[0];
    expect(page.data.frozenSom[decision.id].map((l: any) => [l.calculation_id, l.number])).toEqual([[cid, 2]]);
    expect(page.data.frozenSom[decision.id].some((l: any) => l.calculation_id === otherPhase)).toBe(false);
    expect(page.data.somCalculations.map((c: any) => c.id)).toEqual(expect.arrayContaining([cid, otherPhase]));

    const vid = page.data.frozenSom[decision.id][0].version_id;
    const version = await outcome(versionRoute.loader(args(get(`/initiativer/${id}/som/${cid}/v/${vid}`, sg), { id, cid, vid })));
    expect(version.data.decisions.map((d: any) => d.id)).toEqual([decision.id]);
    expect(version.data.version.input.discountRate).toBe("0.04");
  });

  it("a decision refused by the workflow freezes nothing", async () => {
    const id = await newInitiative("trial");
    await createThroughRoute(id);
    const meetingId = await meetingFor(id);
    const before = await counts();
    const refused = await outcome(decisionRoute.action(args(
      formRequest(`${BASE}/initiativer/${id}/beslutning`, { outcome: "go", targetPhase: "dissemination", rationale: "Klar", version: "1", meetingId, confirmed: "yes" }, await sessionCookieFor("steering_group")), { id },
    )));
    expect(refused.status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});
