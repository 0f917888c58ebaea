// SUSI assessments through their routes: loaders and actions called with real Requests on a seeded database.
import { describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import type { PhasePeriod } from "#workflows/phase-model";
import * as startRoute from "~/routes/initiativer.$id.vurdering.ny";
import * as pageRoute from "~/routes/initiativer.$id.vurdering.$aid";
import { translator } from "~/i18n";
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

function judgeFields(criterionId: string, version: number, overrides: Record<string, string> = {}) {
  return { intent: "judge", version: String(version), criterionId, judgement: "met", evidence: "Evaluering fra VIVE 2024", evidenceLevel: "2", ...overrides };
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
    expect(location).toBe(`/initiativer/${id}/vurdering/${aid}?startet=ny`);

    const shown = await page(id, aid, await sessionCookieFor("program_manager"));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({
      assessment: { status: "draft", from_phase: "screening", to_phase: "maturation", version: 1, created_by_name: "Pia Programleder" },
      progress: { judged: 0, total: 3 },
      canEdit: true,
    });
    const after = await snapshot();
    expect(after.assessments).toHaveLength(before.assessments.length + 1);
    expect(after.history).toBe(before.history + 1);

    const again = await startAction(id, { toPhase: "maturation" }, await sessionCookieFor("program_manager"));
    expect(again).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}?startet=kladde` });
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
    expect(shown.data.progress).toEqual({ judged: 0, total: 7 });
    const cookie = await sessionCookieFor("program_manager");
    expect((await pageAction(id, aid, judgeFields("toTrial.implemented", 1), cookie)).status).toBe(302);
    const outside = await pageAction(id, aid, judgeFields("toDissemination.cost_effective", 2), cookie);
    expect(outside.status).toBe(400);
    expect(outside.data.result.error).toEqual({ "": ["assessment.error.unknownCriterion"] });
  });
});

describe("judging criteria", () => {
  it("saves a judgement, shows who judged what and counts progress, for several assessors", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const saved = await pageAction(id, aid, judgeFields(SCREENING_IDS[0], 1), await sessionCookieFor("program_manager"));
    expect(saved).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}?gemt=kriterium#kriterium-toMaturation-well_founded` });
    const second = await pageAction(id, aid, judgeFields(SCREENING_IDS[1], 2, { judgement: "partly_met", evidenceLevel: "practice" }), await sessionCookieForEmail("projektleder@susi.test"));
    expect(second.status).toBe(302);

    const shown = await page(id, aid, await sessionCookieFor("steering_group"));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ progress: { judged: 2, total: 3 }, assessors: ["Peter Projektleder", "Pia Programleder"], canEdit: false });
    expect(shown.data.judgements).toEqual(expect.arrayContaining([
      expect.objectContaining({ criterion_id: SCREENING_IDS[0], judgement: "met", evidence: "Evaluering fra VIVE 2024", evidence_level: "2", assessed_by_name: "Pia Programleder" }),
      expect.objectContaining({ criterion_id: SCREENING_IDS[1], judgement: "partly_met", evidence_level: "practice", assessed_by_name: "Peter Projektleder" }),
    ]));
    const history = await db().selectFrom("history").select(["action", "initiative_id"]).where("entity", "=", "assessment").where("entity_id", "=", Number(aid)).orderBy("id").execute();
    expect(history).toEqual([
      { action: "assessment.created", initiative_id: id },
      { action: "assessment.judged", initiative_id: id },
      { action: "assessment.judged", initiative_id: id },
    ]);
  });

  it.each<Role>(["steering_group", "knowledge_staff"])("refuses a %s with 403 and writes nothing", async (role) => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const before = await snapshot();
    expect((await pageAction(id, aid, judgeFields(SCREENING_IDS[0], 1), await sessionCookieFor(role))).status).toBe(403);
    expect((await pageAction(id, aid, { intent: "submit", version: "1" }, await sessionCookieFor(role))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("answers bad input with 400 naming the field, and writes nothing", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieFor("program_manager");
    const before = await snapshot();
    const noJudgement = await pageAction(id, aid, judgeFields(SCREENING_IDS[0], 1, { judgement: "" }), cookie);
    expect(noJudgement.status).toBe(400);
    expect(noJudgement.data).toMatchObject({ intent: "judge", criterionId: SCREENING_IDS[0] });
    expect(noJudgement.data.result.error).toEqual({ judgement: ["assessment.error.chooseJudgement"] });
    const badLevel = await pageAction(id, aid, judgeFields(SCREENING_IDS[0], 1, { evidenceLevel: "4" }), cookie);
    expect(badLevel.status).toBe(400);
    expect(badLevel.data.result.error).toEqual({ evidenceLevel: ["error.invalidChoice"] });
    const tooLong = await pageAction(id, aid, { intent: "texts", version: "1", overallAssessment: "x".repeat(10001), recommendation: "" }, cookie);
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.result.error).toEqual({ overallAssessment: ["error.tooLong"] });
    expect((await pageAction(id, aid, { intent: "delete", version: "1" }, cookie)).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("answers a stale form with 409 and writes nothing", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieFor("program_manager");
    expect((await pageAction(id, aid, judgeFields(SCREENING_IDS[0], 1), cookie)).status).toBe(302);
    const before = await snapshot();
    for (const fields of <Record<string, string>[]>[
      judgeFields(SCREENING_IDS[1], 1),
      { intent: "texts", version: "1", overallAssessment: "Gammel tekst", recommendation: "" },
      { intent: "submit", version: "1" },
    ]) {
      const stale = await pageAction(id, aid, fields, cookie);
      expect(stale).toMatchObject({ status: 409, data: { conflict: true } });
    }
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
    expect((await pageAction(other, aid, judgeFields(SCREENING_IDS[0], 1), cookie)).status).toBe(404);
  });
});

describe("submitting", () => {
  it("refuses an incomplete assessment naming every missing criterion, and writes nothing", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieFor("program_manager");
    await pageAction(id, aid, judgeFields(SCREENING_IDS[0], 1, { evidence: "", evidenceLevel: "" }), cookie);
    const before = await snapshot();

    const result = await pageAction(id, aid, { intent: "submit", version: "2" }, cookie);
    expect(result.status).toBe(409);
    expect(result.data.refusals).toEqual([
      { code: "evidence_missing", criterionId: SCREENING_IDS[0] },
      { code: "criterion_unjudged", criterionId: SCREENING_IDS[1] },
      { code: "criterion_unjudged", criterionId: SCREENING_IDS[2] },
      { code: "overall_missing" },
      { code: "recommendation_missing" },
    ]);
    const messages = result.data.refusals.map((r: any) => pageRoute.refusalMessage(translator("da"), "da", r));
    expect(messages[1]).toBe("Indsatsen er realistisk i både afprøvning og drift (Screening → Modning): Kriteriet er ikke vurderet.");
    expect(messages[2]).toContain("Indsatsen er efterspurgt");
    expect(messages[0]).toContain("Indsatsen er fagligt velbegrundet");
    expect(await snapshot()).toEqual(before);
  });

  it("submits a complete assessment, which is then read-only", async () => {
    const id = await initiativeIn("screening");
    const { aid } = await startDraft(id, "maturation");
    const cookie = await sessionCookieFor("program_manager");
    let version = 1;
    for (const c of SCREENING_IDS) expect((await pageAction(id, aid, judgeFields(c, version++), cookie)).status).toBe(302);
    const texts = await pageAction(id, aid, { intent: "texts", version: String(version++), overallAssessment: "Velbegrundet og efterspurgt.", recommendation: "Videreføres til modning." }, cookie);
    expect(texts).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}?gemt=tekster#samlet-vurdering` });

    const submitted = await pageAction(id, aid, { intent: "submit", version: String(version++) }, cookie);
    expect(submitted).toMatchObject({ status: 302, location: `/initiativer/${id}/vurdering/${aid}?gemt=indsendt` });

    const shown = await page(id, aid, cookie);
    expect(shown.data).toMatchObject({
      assessment: { status: "submitted", submitted_by_name: "Pia Programleder", overall_assessment: "Velbegrundet og efterspurgt.", version },
      progress: { judged: 3, total: 3 },
      canEdit: false,
    });
    const before = await snapshot();
    const late = await pageAction(id, aid, judgeFields(SCREENING_IDS[0], version, { judgement: "not_met" }), cookie);
    expect(late).toMatchObject({ status: 409, data: { refusals: [{ code: "already_submitted" }] } });
    expect(await snapshot()).toEqual(before);
  });
});
