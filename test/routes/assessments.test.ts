// SUSI assessments through their routes: loaders and actions called with real Requests on a seeded database.
import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import type { PhasePeriod } from "#workflows/phase-model";
import * as startRoute from "~/routes/initiativer.$id.vurdering.ny/route";
import * as pageRoute from "~/routes/initiativer.$id.vurdering.$aid/route";
import * as listRoute from "~/routes/initiativer._index/route";
import * as initiativeRoute from "~/routes/initiativer.$id._index/route";
import * as portfolioRoute from "~/routes/portefolje._index/route";
import * as mineRoute from "~/routes/mine-vurderinger";
import { translator } from "~/i18n";
import { refusalText } from "~/i18n/refusals";
import { setUserRoles } from "#db/queries/users";
import { db } from "~/utils/db.server";
import { args, BASE, count, formRequest, get, outcome, sessionCookieFor, sessionCookieForEmail } from "./helpers";

const SCREENING_IDS = ["toMaturation.well_founded", "toMaturation.realistic", "toMaturation.in_demand"] as const;

async function initiativeIn(phase: PhasePeriod, status = "active") {
  const row = await db().selectFrom("initiatives").select("id").where("phase", "=", phase).where("status", "=", status as any).orderBy("id").executeTakeFirst();
  if (!row) throw new Error(`no ${status} ${phase} initiative in the seed`);
  return row.id;
}

async function snapshot() {
  const assessments = await db().selectFrom("assessments").selectAll().orderBy("id").execute();
  return { assessments, judgements: await count("assessment_judgements"), history: await count("history") };
}

function startAction(initiativeId: number, fields: Record<string, string>, cookie: string) {
  const request = formRequest(`${BASE}/initiativer/${initiativeId}/vurdering/ny`, fields, cookie);
  return outcome(startRoute.action(args(request, { id: String(initiativeId) })));
}

async function startDraft(initiativeId: number, toPhase: string) {
  const result = await startAction(initiativeId, { toPhase }, await sessionCookieFor("program_manager"));
  expect(result.status).toBe(302);
  const aid = result.location!.match(/\/vurdering\/(\d+)/)![1];
  return { aid, location: result.location! };
}

function pageAction(initiativeId: number, aid: string, fields: Record<string, string>, cookie: string) {
  const request = formRequest(`${BASE}/initiativer/${initiativeId}/vurdering/${aid}`, fields, cookie);
  return outcome(pageRoute.action(args(request, { id: String(initiativeId), aid })));
}

async function page(initiativeId: number, aid: string, cookie: string) {
  return outcome(pageRoute.loader(args(get(`/initiativer/${initiativeId}/vurdering/${aid}`, cookie), { id: String(initiativeId), aid })));
}

async function userId(email: string) {
  return (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

const PIA = "programleder@susi.test";
const PETER = "projektleder@susi.test";
const EVA = "ekstern@susi.test";

type Entry = Partial<Record<"judgement" | "evidence" | "evidenceLevel" | "justification", string>>;
const GOOD: Entry = { judgement: "met", evidence: "Evaluering fra VIVE 2024", evidenceLevel: "2" };

/** The one form's fields: every criterion listed, those in `entries` filled in. */
function criteriaFields(ids: readonly string[], entries: Record<string, Entry>) {
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    fields[`criteria[${i}].criterionId`] = id;
    for (const [k, v] of Object.entries(entries[id] ?? {})) fields[`criteria[${i}].${k}`] = v;
  });
  return fields;
}

async function ownFields(email: string, version: number, entries: Record<string, Entry>, ids: readonly string[] = SCREENING_IDS) {
  return { intent: "own", assessor: String(await userId(email)), assessorVersion: String(version), ...criteriaFields(ids, entries) };
}

function consolidateFields(version: number, entries: Record<string, Entry>, texts: { overallAssessment?: string; recommendation?: string } = {}, ids: readonly string[] = SCREENING_IDS) {
  return { intent: "consolidate", version: String(version), ...criteriaFields(ids, entries), ...texts };
}

async function addAssessor(id: number, aid: string, email: string, role: "co_assessor" | "external", version: number) {
  const result = await pageAction(id, aid, { intent: "assessor", version: String(version), userId: String(await userId(email)), role }, await sessionCookieForEmail(PIA));
  expect(result.status).toBe(302);
}

async function assessorRows(aid: string) {
  return db().selectFrom("assessor_judgements").select(["user_id", "criterion_id", "judgement", "evidence"]).where("assessment_id", "=", Number(aid)).orderBy("user_id").orderBy("criterion_id").execute();
}

describe("starting an assessment", () => {
  it("offers the phases ahead with the natural next phase as default", async () => {
    const id = await initiativeIn("screening");
    const result = await outcome(startRoute.loader(args(get(`/initiativer/${id}/vurdering/ny`, await sessionCookieFor("program_manager")), { id: String(id) })));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ refusal: null, targets: ["maturation", "trial", "dissemination"], next: "maturation", drafts: [] });
  });

  it("creates a draft for a program manager, shows it, and reopens that draft instead of starting a second", async () => {
    const id = await initiativeIn("screening");
    const before = await snapshot();
    const { aid, location } = await startDraft(id, "maturation");
    expect(location).toBe(`/initiativer/${id}/vurdering/${aid}`);

    const shown = await page(id, aid, await sessionCookieFor("program_manager"));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({
      assessment: { status: "draft", from_phase: "screening", to_phase: "maturation", version: 1, created_by_name: "Pia Programleder" },
      progress: { judged: 0, total: 3, assessors: 1, assessorsDone: 0 },
      assessors: [expect.objectContaining({ name: "Pia Programleder", role: "lead" })],
      canEdit: true,
      canConsolidate: true,
    });
    const after = await snapshot();
    expect(after.assessments).toHaveLength(before.assessments.length + 1);
    expect(after.history).toBe(before.history + 1);

    const again = await startAction(id, { toPhase: "maturation" }, await sessionCookieFor("program_manager"));
    expect(again).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}` });
    expect(Buffer.from(/susi_flash=([^;]+)/.exec(again.response!.headers.get("Set-Cookie")!)![1], "base64url").toString()).toContain("flash.assessment.existing");
    expect((await snapshot()).assessments).toHaveLength(after.assessments.length);
  });

  it.each<Role>(["steering_group", "knowledge_staff", "admin"])("refuses a %s with 403 and writes nothing", async (role) => {
    const id = await initiativeIn("screening");
    const cookie = await sessionCookieFor(role);
    const before = await snapshot();
    expect((await startAction(id, { toPhase: "maturation" }, cookie)).status).toBe(403);
    expect((await outcome(startRoute.loader(args(get(`/initiativer/${id}/vurdering/ny`, cookie), { id: String(id) })))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("answers bad input with 400 naming the field, and writes nothing", async () => {
    const id = await initiativeIn("maturation");
    const cookie = await sessionCookieFor("program_manager");
    const before = await snapshot();
    const missing = await startAction(id, {}, cookie);
    expect(missing.status).toBe(400);
    expect(missing.data.result.error).toEqual({ toPhase: ["assessment.error.chooseTarget"] });
    const behind = await startAction(id, { toPhase: "screening" }, cookie);
    expect(behind.status).toBe(400);
    expect(behind.data.result.error).toEqual({ toPhase: ["assessment.error.targetNotAhead"] });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a dissemination initiative with a clear message", async () => {
    const id = await initiativeIn("dissemination");
    const cookie = await sessionCookieFor("program_manager");
    const shown = await outcome(startRoute.loader(args(get(`/initiativer/${id}/vurdering/ny`, cookie), { id: String(id) })));
    expect(shown.data).toMatchObject({ refusal: { code: "dissemination_no_assessment" }, targets: [] });
    const before = await snapshot();
    const result = await startAction(id, { toPhase: "dissemination" }, cookie);
    expect(result.status).toBe(409);
    expect(result.data.refusal).toEqual({ code: "dissemination_no_assessment" });
    expect(translator("da")(`assessment.refused.${result.data.refusal.code}`)).toMatch(/udbredelse.*ingen SUSI-vurdering/i);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a stopped initiative: no decision could be taken on the assessment", async () => {
    const id = await initiativeIn("maturation", "stopped");
    const before = await snapshot();
    const result = await startAction(id, { toPhase: "trial" }, await sessionCookieFor("program_manager"));
    expect(result).toMatchObject({ status: 409, data: { refusal: { code: "closed", status: "stopped" } } });
    expect(await snapshot()).toEqual(before);
  });

  it("answers unknown and non-numeric initiative ids with 404", async () => {
    const cookie = await sessionCookieFor("program_manager");
    for (const id of ["999999", "abc", "1.5"]) {
      expect((await outcome(startRoute.loader(args(get(`/initiativer/${id}/vurdering/ny`, cookie), { id })))).status).toBe(404);
      expect((await outcome(startRoute.action(args(formRequest(`${BASE}/x`, { toPhase: "trial" }, cookie), { id })))).status).toBe(404);
    }
  });

  it("lists the criteria of every gate crossed when phases are skipped", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "trial");
    const shown = await page(id, aid, await sessionCookieFor("program_manager"));
    expect(shown.data.progress).toEqual({ judged: 0, total: 7, assessors: 1, assessorsDone: 0 });
    const cookie = await sessionCookieFor("program_manager");
    expect((await pageAction(id, aid, await ownFields(PIA, 1, { "toTrial.implemented": GOOD }, ["toTrial.implemented"]), cookie)).status).toBe(302);
    const outside = await pageAction(id, aid, await ownFields(PIA, 2, { "toDissemination.cost_effective": GOOD }, ["toDissemination.cost_effective"]), cookie);
    expect(outside.status).toBe(400);
    expect(outside.data.result.error).toEqual({ "": ["assessment.error.unknownCriterion"] });
  });
});

describe("several assessors, each with their own judgements", () => {
  it("saves all of an assessor's criteria in one form and counts people and criteria", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    await addAssessor(id, aid, PETER, "co_assessor", 1);
    const saved = await pageAction(id, aid, await ownFields(PIA, 1, Object.fromEntries(SCREENING_IDS.map((c) => [c, GOOD]))), await sessionCookieForEmail(PIA));
    expect(saved).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}#mine-vurderinger` });
    expect(saved.response!.headers.get("Set-Cookie")).toContain("susi_flash=");
    // Two criteria typed, one save: both kept.
    const peter = await pageAction(id, aid, await ownFields(PETER, 1, {
      [SCREENING_IDS[0]]: { ...GOOD, judgement: "partly_met" }, [SCREENING_IDS[1]]: { ...GOOD, evidence: "Praksiserfaring", evidenceLevel: "practice" },
    }), await sessionCookieForEmail(PETER));
    expect(peter.status).toBe(302);

    const shown = await page(id, aid, await sessionCookieFor("steering_group"));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ progress: { judged: 0, total: 3, assessors: 2, assessorsDone: 1 }, canEdit: false, canConsolidate: false });
    const rows = await assessorRows(aid);
    expect(rows).toHaveLength(5);
    expect(rows).toEqual(expect.arrayContaining([
      ...SCREENING_IDS.map((c) => ({ user_id: expect.any(Number), criterion_id: c, judgement: "met", evidence: "Evaluering fra VIVE 2024" })),
      { user_id: await userId(PETER), criterion_id: SCREENING_IDS[0], judgement: "partly_met", evidence: "Evaluering fra VIVE 2024" },
      { user_id: await userId(PETER), criterion_id: SCREENING_IDS[1], judgement: "met", evidence: "Praksiserfaring" },
    ]));
    const history = await db().selectFrom("history").select("action").where("entity", "=", "assessment").where("entity_id", "=", Number(aid)).orderBy("id").execute();
    expect(history.map((h) => h.action)).toEqual(["assessment.created", "assessment.assessor_added", "assessment.assessor_judged", "assessment.assessor_judged"]);
  });

  it("lets an assessor edit only their own judgements: another's form or a non-assessor is 403, nothing written", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    await addAssessor(id, aid, PETER, "co_assessor", 1);
    const before = await snapshot();
    const rows = await assessorRows(aid);
    // Peter posts a form claiming to be Pia's.
    expect((await pageAction(id, aid, await ownFields(PIA, 1, { [SCREENING_IDS[0]]: GOOD }), await sessionCookieForEmail(PETER))).status).toBe(403);
    // Peter may not consolidate, name assessors or submit: that is the lead's.
    expect((await pageAction(id, aid, consolidateFields(2, { [SCREENING_IDS[0]]: GOOD }), await sessionCookieForEmail(PETER))).status).toBe(403);
    expect((await pageAction(id, aid, { intent: "submit", version: "2" }, await sessionCookieForEmail(PETER))).status).toBe(403);
    for (const role of ["steering_group", "knowledge_staff"] as Role[]) {
      const cookie = await sessionCookieFor(role);
      const demo = role === "steering_group" ? "styregruppe@susi.test" : "videnskonsulent@susi.test";
      expect((await pageAction(id, aid, await ownFields(demo, 1, { [SCREENING_IDS[0]]: GOOD }), cookie)).status).toBe(403);
      expect((await pageAction(id, aid, { intent: "submit", version: "2" }, cookie)).status).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
    expect(await assessorRows(aid)).toEqual(rows);
  });

  it("keeps both of two assessors' concurrent saves, and answers a stale save of the same form with 409, nothing written", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    await addAssessor(id, aid, PETER, "co_assessor", 1);
    // Both loaded the page at version 1 of their own forms and save at once.
    const [pia, peter] = await Promise.all([
      pageAction(id, aid, await ownFields(PIA, 1, { [SCREENING_IDS[0]]: GOOD }), await sessionCookieForEmail(PIA)),
      pageAction(id, aid, await ownFields(PETER, 1, { [SCREENING_IDS[1]]: { ...GOOD, judgement: "not_met" } }), await sessionCookieForEmail(PETER)),
    ]);
    expect([pia.status, peter.status]).toEqual([302, 302]);
    expect((await assessorRows(aid)).map((r) => [r.criterion_id, r.judgement])).toEqual(expect.arrayContaining([[SCREENING_IDS[0], "met"], [SCREENING_IDS[1], "not_met"]]));
    const before = await snapshot();
    const rows = await assessorRows(aid);
    // Pia's second tab still holds version 1 of her form.
    const stale = await pageAction(id, aid, await ownFields(PIA, 1, { [SCREENING_IDS[2]]: GOOD }), await sessionCookieForEmail(PIA));
    expect(stale).toMatchObject({ status: 409, data: { conflict: true, intent: "own" } });
    expect(await assessorRows(aid)).toEqual(rows);
    expect(await snapshot()).toEqual(before);
  });

  it("answers bad input with 400 naming the field, and writes nothing", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieForEmail(PIA);
    const before = await snapshot();
    // Evidence written but no judgement chosen: refused rather than lost.
    const noJudgement = await pageAction(id, aid, await ownFields(PIA, 1, { [SCREENING_IDS[0]]: { evidence: "Noget tekst" } }), cookie);
    expect(noJudgement).toMatchObject({ status: 400, data: { intent: "own" } });
    expect(noJudgement.data.result.error).toEqual({ "criteria[0].judgement": ["assessment.error.chooseJudgement"] });
    const badLevel = await pageAction(id, aid, await ownFields(PIA, 1, { [SCREENING_IDS[0]]: { ...GOOD, evidenceLevel: "4" } }), cookie);
    expect(badLevel.status).toBe(400);
    expect(badLevel.data.result.error).toEqual({ "criteria[0].evidenceLevel": ["error.invalidChoice"] });
    const tooLong = await pageAction(id, aid, consolidateFields(1, {}, { overallAssessment: "x".repeat(10001) }), cookie);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.result.error).toEqual({ overallAssessment: ["error.tooLong"] });
    expect((await pageAction(id, aid, { intent: "delete", version: "1" }, cookie)).status).toBe(400);
    expect((await pageAction(id, aid, { intent: "assessor", version: "1", userId: "", role: "co_assessor" }, cookie)).status).toBe(400);
    const steering = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(await userId("styregruppe@susi.test")), role: "co_assessor" }, cookie);
    expect(steering.status).toBe(400);
    expect(steering.data.result.error).toEqual({ userId: ["assessment.error.chooseAssessor"] });
    expect(await snapshot()).toEqual(before);
  });

  it("answers unknown, foreign and non-numeric assessment ids with 404", async () => {
    const id = await initiativeIn("screening");
    const other = await initiativeIn("maturation");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieFor("program_manager");
    expect((await page(other, aid, cookie)).status).toBe(404);
    expect((await page(id, "999999", cookie)).status).toBe(404);
    expect((await page(id, "x", cookie)).status).toBe(404);
    expect((await pageAction(other, aid, await ownFields(PIA, 1, { [SCREENING_IDS[0]]: GOOD }), cookie)).status).toBe(404);
  });
});

describe("an external assessor", () => {
  it("reaches only the assessment that names them; the register answers 403", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const otherId = await initiativeIn("maturation");
    const { aid: otherAid } = await startDraft(otherId, "trial");
    const cookie = await sessionCookieForEmail(EVA);
    expect((await page(id, aid, cookie)).status).toBe(403);
    await addAssessor(id, aid, EVA, "external", 1);
    const shown = await page(id, aid, cookie);
    expect(shown).toMatchObject({ status: 200, data: { canEdit: true, canConsolidate: false, candidates: [] } });
    expect((await pageAction(id, aid, await ownFields(EVA, 1, { [SCREENING_IDS[0]]: GOOD }), cookie)).status).toBe(302);
    expect((await page(otherId, otherAid, cookie)).status).toBe(403);
    expect((await pageAction(otherId, otherAid, await ownFields(EVA, 1, {}, []), cookie)).status).toBe(403);
    expect((await outcome(listRoute.loader(args(get("/initiativer", cookie))))).status).toBe(403);
    expect((await outcome(initiativeRoute.loader(args(get(`/initiativer/${id}`, cookie), { id })))).status).toBe(403);
    expect((await outcome(portfolioRoute.loader(args(get("/portefolje", cookie))))).status).toBe(403);
    expect((await outcome(startRoute.loader(args(get(`/initiativer/${id}/vurdering/ny`, cookie), { id })))).status).toBe(403);
    const mine = await outcome(mineRoute.loader(args(get("/mine-vurderinger", cookie))));
    expect(mine.data.assessments).toEqual([expect.objectContaining({ id: Number(aid), role: "external" })]);
  });

  it("is named only as external, and only an external user is", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieForEmail(PIA);
    const before = await snapshot();
    const asCo = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(await userId(EVA)), role: "co_assessor" }, cookie);
    expect(asCo).toMatchObject({ status: 409, data: { refusals: [{ code: "external_role_mismatch" }] } });
    const peterAsExternal = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(await userId(PETER)), role: "external" }, cookie);
    expect(peterAsExternal).toMatchObject({ status: 409, data: { refusals: [{ code: "external_role_mismatch" }] } });
    expect(await snapshot()).toEqual(before);
  });
});

describe("assessor candidates hold their roles among several", () => {
  it("a steering group member who is also a program manager is offered and named as co-assessor; their primary role alone would refuse them", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieForEmail(PIA);
    const steering = await userId("styregruppe@susi.test");
    const offered = async () => ((await page(id, aid, cookie)).data.candidates as { id: number; roles: string[] }[]).find((c) => c.id === steering);
    // With only the steering group's role: not offered, and naming them is a 400 writing nothing.
    expect(await offered()).toBeUndefined();
    const before = await snapshot();
    const refused = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(steering), role: "co_assessor" }, cookie);
    expect(refused.data.result.error).toEqual({ userId: ["assessment.error.chooseAssessor"] });
    expect(await snapshot()).toEqual(before);
    // Given the program manager's role besides the primary one: offered with both roles, named as co-assessor, not as external.
    await setUserRoles(db(), steering, ["steering_group", "program_manager"]);
    expect(await offered()).toMatchObject({ roles: ["steering_group", "program_manager"] });
    const asExternal = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(steering), role: "external" }, cookie);
    expect(asExternal).toMatchObject({ status: 409, data: { refusals: [{ code: "external_role_mismatch" }] } });
    const named = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(steering), role: "co_assessor" }, cookie);
    expect(named.status).toBe(302);
    const assessors = await db().selectFrom("assessment_assessors").select(["user_id", "role"]).where("assessment_id", "=", Number(aid)).execute();
    expect(assessors).toContainEqual({ user_id: steering, role: "co_assessor" });
  });

  it("an external assessor who is also a program manager may be named co-assessor", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const eva = await userId(EVA);
    await setUserRoles(db(), eva, ["external", "program_manager"]);
    const named = await pageAction(id, aid, { intent: "assessor", version: "1", userId: String(eva), role: "co_assessor" }, await sessionCookieForEmail(PIA));
    expect(named.status).toBe(302);
  });
});

describe("consolidating and submitting", () => {
  it("refuses an incomplete consolidation naming every missing criterion, and writes nothing", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieForEmail(PIA);
    expect((await pageAction(id, aid, consolidateFields(1, { [SCREENING_IDS[0]]: { judgement: "met" } }), cookie)).status).toBe(302);
    const before = await snapshot();

    const result = await pageAction(id, aid, { intent: "submit", version: "2" }, cookie);
    expect(result.status).toBe(409);
    expect(result.data.refusals).toEqual([
      { code: "evidence_missing", criterionId: SCREENING_IDS[0], missing: ["evidence", "evidenceLevel"] },
      { code: "criterion_unjudged", criterionId: SCREENING_IDS[1] },
      { code: "criterion_unjudged", criterionId: SCREENING_IDS[2] },
      { code: "overall_missing" },
      { code: "recommendation_missing" },
    ]);
    const messages = result.data.refusals.map((r: any) => refusalText({ kind: "assessment", refusal: r }, "da"));
    expect(messages[1]).toBe("Vurdering for 'Indsatsen er realistisk i både afprøvning og drift' (Screening → Modning): skal vælges (den samlede vurdering).");
    expect(messages[2]).toContain("Indsatsen er efterspurgt");
    expect(messages[0]).toBe("Dokumentation og evidensniveau for 'Indsatsen er fagligt velbegrundet' (Screening → Modning): skal udfyldes.");
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the lead's differing choice visible, asks before submitting, and is then read-only", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const pia = await sessionCookieForEmail(PIA);
    await addAssessor(id, aid, PETER, "co_assessor", 1);
    const all = Object.fromEntries(SCREENING_IDS.map((c) => [c, GOOD]));
    expect((await pageAction(id, aid, await ownFields(PIA, 1, all), pia)).status).toBe(302);
    expect((await pageAction(id, aid, await ownFields(PETER, 1, { ...all, [SCREENING_IDS[2]]: { ...GOOD, judgement: "partly_met" } }), await sessionCookieForEmail(PETER))).status).toBe(302);
    // The lead consolidates, choosing "partly met" for the third criterion: it differs from her own "met".
    const texts = { overallAssessment: "Velbegrundet og efterspurgt.", recommendation: "Videreføres til modning." };
    const chosen = { ...all, [SCREENING_IDS[2]]: { ...GOOD, judgement: "partly_met" } };
    expect((await pageAction(id, aid, consolidateFields(2, chosen, texts), pia)).status).toBe(302);

    const shown = await page(id, aid, pia);
    const third = shown.data.views.criteria.find((c: any) => c.criterionId === SCREENING_IDS[2]);
    expect(third.consolidated.judgement).toBe("partly_met");
    expect(third.assessors).toEqual([
      expect.objectContaining({ name: "Pia Programleder", judgement: "met", differs: true }),
      expect.objectContaining({ name: "Peter Projektleder", judgement: "partly_met", differs: false }),
    ]);
    expect(shown.data.progress).toEqual({ judged: 3, total: 3, assessors: 2, assessorsDone: 2 });

    const before = await snapshot();
    const asked = await pageAction(id, aid, { intent: "submit", version: "3" }, pia);
    expect(asked).toMatchObject({ status: 200, data: { intent: "submit", confirm: [["intent", "submit"], ["version", "3"]] } });
    expect(await snapshot()).toEqual(before);
    const submitted = await pageAction(id, aid, { intent: "submit", version: "3", confirmed: "yes" }, pia);
    expect(submitted).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}` });
    expect(submitted.response!.headers.get("Set-Cookie")).toContain("susi_flash=");

    const after = await page(id, aid, pia);
    expect(after.data).toMatchObject({ assessment: { status: "submitted", submitted_by_name: "Pia Programleder", version: 4 }, canEdit: false, canConsolidate: false });
    const late = await pageAction(id, aid, await ownFields(PIA, 2, all), pia);
    expect(late.status).toBe(409);
  });

  it("answers a stale consolidation or submit with 409 and writes nothing", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieForEmail(PIA);
    expect((await pageAction(id, aid, consolidateFields(1, { [SCREENING_IDS[0]]: GOOD }), cookie)).status).toBe(302);
    const before = await snapshot();
    for (const fields of [consolidateFields(1, { [SCREENING_IDS[1]]: GOOD }), { intent: "submit", version: "1" }]) {
      expect(await pageAction(id, aid, fields, cookie)).toMatchObject({ status: 409, data: { conflict: true } });
    }
    expect(await snapshot()).toEqual(before);
  });
});
