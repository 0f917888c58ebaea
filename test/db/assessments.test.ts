// The assessment aggregate on a real SQLite file: drafts, judgements, progress, versions, history, submit.
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ConflictError } from "#db/errors";
import {
  createAssessment,
  getAssessment,
  getLatestSubmittedAssessment,
  listAssessments,
  saveAssessmentTexts,
  saveJudgement,
  submitAssessmentRow,
  toAssessmentState,
} from "#db/queries/assessments";
import { getUserByEmail } from "#db/queries/users";
import { submitAssessment, type CriterionJudgement } from "#workflows/assessment";
import type { PhasePeriod } from "#workflows/phase-model";

const NOW = "2026-11-24T10:00:00.000Z";
const LATER = "2026-11-25T10:00:00.000Z";
const SCREENING_IDS = ["toMaturation.well_founded", "toMaturation.realistic", "toMaturation.in_demand"];

async function userId(email: string) {
  const user = await getUserByEmail(db(), email);
  if (!user) throw new Error(`seed user ${email} missing`);
  return user.id;
}

async function initiativeIn(phase: PhasePeriod) {
  const row = await db().selectFrom("initiatives").select("id").where("phase", "=", phase).where("status", "=", "active").orderBy("id").executeTakeFirst();
  if (!row) throw new Error(`no active ${phase} initiative in the seed`);
  return row.id;
}

function judgement(criterionId: string, overrides: Partial<CriterionJudgement> = {}): CriterionJudgement {
  return { criterionId, judgement: "met", evidence: "Evaluering 2024", evidenceLevel: "2", justification: "", ...overrides };
}

async function startDraft(phase: PhasePeriod = "screening", to: "maturation" | "trial" = "maturation") {
  const initiativeId = await initiativeIn(phase);
  const actor = await userId("programleder@susi.test");
  const { id } = await db().transaction().execute((trx) => createAssessment(trx, { initiativeId, fromPhase: phase, toPhase: to }, actor, NOW));
  return { initiativeId, id, actor };
}

async function historyOf(initiativeId: number) {
  return db().selectFrom("history").selectAll().where("initiative_id", "=", initiativeId).where("entity", "=", "assessment").orderBy("id").execute();
}

describe("createAssessment", () => {
  it("starts a draft at version 1 and records it in the initiative's history", async () => {
    const { initiativeId, id, actor } = await startDraft();
    const a = await getAssessment(db(), initiativeId, id);
    expect(a).toMatchObject({ status: "draft", from_phase: "screening", to_phase: "maturation", version: 1, created_by_name: "Pia Programleder" });
    expect(a?.judgements).toEqual([]);
    const history = await historyOf(initiativeId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "assessment.created", entity_id: id, actor_id: actor });
  });

  it("returns the open draft instead of starting a second one for the same span", async () => {
    const first = await startDraft();
    const again = await db().transaction().execute((trx) =>
      createAssessment(trx, { initiativeId: first.initiativeId, fromPhase: "screening", toPhase: "maturation" }, first.actor, LATER),
    );
    expect(again).toEqual({ id: first.id, existing: true });
    expect(await listAssessments(db(), first.initiativeId)).toHaveLength(1);
  });

  it("refuses with ConflictError when the initiative has left the phase meanwhile", async () => {
    const initiativeId = await initiativeIn("screening");
    const actor = await userId("programleder@susi.test");
    await expect(
      db().transaction().execute((trx) => createAssessment(trx, { initiativeId, fromPhase: "maturation", toPhase: "trial" }, actor, NOW)),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await listAssessments(db(), initiativeId)).toEqual([]);
  });
});

describe("saveJudgement", () => {
  it("records judgements by several assessors and counts progress in the list", async () => {
    const { initiativeId, id, actor } = await startDraft();
    const other = await userId("projektleder@susi.test");
    await db().transaction().execute((trx) => saveJudgement(trx, id, 1, judgement(SCREENING_IDS[0]), actor, NOW));
    await db().transaction().execute((trx) => saveJudgement(trx, id, 2, judgement(SCREENING_IDS[1], { judgement: "partly_met" }), other, LATER));

    const [row] = await listAssessments(db(), initiativeId);
    expect(row).toMatchObject({ id, status: "draft", judged: 2, total: 3, created_by_name: "Pia Programleder", submitted_by_name: null });

    const a = await getAssessment(db(), initiativeId, id);
    expect(a?.version).toBe(3);
    expect(a?.judgements.map((j) => [j.criterion_id, j.judgement, j.assessed_by_name])).toEqual([
      ["toMaturation.realistic", "partly_met", "Peter Projektleder"],
      ["toMaturation.well_founded", "met", "Pia Programleder"],
    ]);
  });

  it("replaces an earlier judgement of the same criterion and keeps the old one in history", async () => {
    const { initiativeId, id, actor } = await startDraft();
    await db().transaction().execute((trx) => saveJudgement(trx, id, 1, judgement(SCREENING_IDS[0], { judgement: "not_met" }), actor, NOW));
    await db().transaction().execute((trx) => saveJudgement(trx, id, 2, judgement(SCREENING_IDS[0], { evidence: "  Ny rapport  " }), actor, LATER));

    const a = await getAssessment(db(), initiativeId, id);
    expect(a?.judgements).toHaveLength(1);
    expect(a?.judgements[0]).toMatchObject({ judgement: "met", evidence: "Ny rapport", assessed_at: LATER });
    const judged = (await historyOf(initiativeId)).filter((h) => h.action === "assessment.judged");
    expect(judged).toHaveLength(2);
    expect(JSON.parse(judged[1].before!)).toMatchObject({ criterion_id: SCREENING_IDS[0], judgement: "not_met" });
    expect(JSON.parse(judged[1].after!)).toMatchObject({ criterion_id: SCREENING_IDS[0], judgement: "met", evidence: "Ny rapport" });
  });

  it("throws ConflictError on a stale version and writes nothing", async () => {
    const { initiativeId, id, actor } = await startDraft();
    await db().transaction().execute((trx) => saveJudgement(trx, id, 1, judgement(SCREENING_IDS[0]), actor, NOW));
    await expect(
      db().transaction().execute((trx) => saveJudgement(trx, id, 1, judgement(SCREENING_IDS[1]), actor, LATER)),
    ).rejects.toBeInstanceOf(ConflictError);
    const a = await getAssessment(db(), initiativeId, id);
    expect(a?.judgements.map((j) => j.criterion_id)).toEqual([SCREENING_IDS[0]]);
    expect(a?.version).toBe(2);
    expect((await historyOf(initiativeId)).map((h) => h.action)).toEqual(["assessment.created", "assessment.judged"]);
  });
});

describe("saveAssessmentTexts and submitAssessmentRow", () => {
  it("saves the texts, submits, and hands the decision form the submitted state", async () => {
    const { initiativeId, id, actor } = await startDraft();
    let version = 1;
    for (const c of SCREENING_IDS) {
      await db().transaction().execute((trx) => saveJudgement(trx, id, version, judgement(c), actor, NOW));
      version++;
    }
    await db().transaction().execute((trx) =>
      saveAssessmentTexts(trx, id, version, { overallAssessment: " Velbegrundet. ", recommendation: "Videreføres til modning." }, actor, NOW),
    );
    version++;

    const draft = await getAssessment(db(), initiativeId, id);
    expect(draft).toMatchObject({ overall_assessment: "Velbegrundet.", recommendation: "Videreføres til modning.", version });
    expect(submitAssessment(toAssessmentState(draft!)).ok).toBe(true);
    expect(await getLatestSubmittedAssessment(db(), initiativeId, "screening", "maturation")).toBeUndefined();

    await db().transaction().execute((trx) => submitAssessmentRow(trx, id, version, actor, LATER));

    const [row] = await listAssessments(db(), initiativeId);
    expect(row).toMatchObject({ status: "submitted", submitted_at: LATER, submitted_by_name: "Pia Programleder", judged: 3, total: 3 });
    const latest = await getLatestSubmittedAssessment(db(), initiativeId, "screening", "maturation");
    expect(latest).toMatchObject({ id, status: "submitted", fromPhase: "screening", toPhase: "maturation", recommendation: "Videreføres til modning." });
    expect(latest?.judgements).toHaveLength(3);
    expect((await historyOf(initiativeId)).map((h) => h.action)).toEqual([
      "assessment.created", "assessment.judged", "assessment.judged", "assessment.judged", "assessment.updated", "assessment.submitted",
    ]);
  });

  it("refuses any change to a submitted assessment, even at its current version", async () => {
    const { initiativeId, id, actor } = await startDraft();
    await db().transaction().execute((trx) => submitAssessmentRow(trx, id, 1, actor, NOW));
    await expect(
      db().transaction().execute((trx) => saveJudgement(trx, id, 2, judgement(SCREENING_IDS[0]), actor, LATER)),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      db().transaction().execute((trx) => saveAssessmentTexts(trx, id, 2, { overallAssessment: "x", recommendation: "y" }, actor, LATER)),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getAssessment(db(), initiativeId, id))?.judgements).toEqual([]);
  });

  it("lists several gates' criteria in the total when phases are skipped, newest first", async () => {
    const first = await startDraft("screening", "maturation");
    const skip = await db().transaction().execute((trx) =>
      createAssessment(trx, { initiativeId: first.initiativeId, fromPhase: "screening", toPhase: "trial" }, first.actor, LATER),
    );
    const rows = await listAssessments(db(), first.initiativeId);
    expect(rows.map((r) => [r.id, r.to_phase, r.total])).toEqual([[skip.id, "trial", 7], [first.id, "maturation", 3]]);
  });

  it("does not find an assessment through another initiative", async () => {
    const { id } = await startDraft();
    const other = await initiativeIn("maturation");
    expect(await getAssessment(db(), other, id)).toBeUndefined();
  });
});
