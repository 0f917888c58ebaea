// What a steering-group decision is taken on, read from the live tables (the assessment, the phase's user
// involvement, the open conditions, the SØM calculations' latest versions), and the frozen copy kept with
// each decision (decisions.dossier_json, written in the decision's transaction).
import type { Executor } from "../client";
import type { Phase, PhasePeriod } from "../../workflows/phase-model";
import { getAssessment } from "./assessments";
import { listConditions } from "./decisions";
import { listCalculationsForComparison } from "./som";

/** The newest submitted assessment from `phase` (towards `target` when given). */
export async function latestSubmittedAssessmentId(db: Executor, initiativeId: number, phase: PhasePeriod, target?: Phase | null) {
  let q = db
    .selectFrom("assessments").select("id")
    .where("initiative_id", "=", initiativeId).where("from_phase", "=", phase).where("status", "=", "submitted");
  if (target) q = q.where("to_phase", "=", target);
  const row = await q.orderBy("submitted_at", "desc").orderBy("id", "desc").executeTakeFirst();
  return row?.id ?? null;
}

/** The live sources of the dossier for an initiative in `phase`, on the assessment `assessmentId` (or none). */
export async function dossierSources(db: Executor, initiativeId: number, phase: PhasePeriod, assessmentId: number | null) {
  const [assessment, involvement, openConditions, calculations] = await Promise.all([
    assessmentId === null ? undefined : getAssessment(db, initiativeId, assessmentId),
    db.selectFrom("user_involvements").select(["id", "who", "how", "what_changed", "created_at"])
      .where("initiative_id", "=", initiativeId).where("phase", "=", phase).orderBy("id").execute(),
    listConditions(db, initiativeId, "open"),
    listCalculationsForComparison(db, initiativeId, phase),
  ]);
  return { assessment: assessment ?? null, involvement, openConditions, calculations };
}

export type DossierSources = Awaited<ReturnType<typeof dossierSources>>;

export async function saveDossier(trx: Executor, decisionId: number, json: string) {
  await trx.updateTable("decisions").set({ dossier_json: json }).where("id", "=", decisionId).execute();
}

/** One decision of one initiative, with its meeting and frozen dossier; undefined when it is another's. */
export function getDecisionRecord(db: Executor, initiativeId: number, decisionId: number) {
  return db
    .selectFrom("decisions")
    .leftJoin("users", "users.id", "decisions.decided_by")
    .leftJoin("meetings", "meetings.id", "decisions.meeting_id")
    .select([
      "decisions.id", "decisions.initiative_id", "decisions.outcome", "decisions.from_phase", "decisions.to_phase",
      "decisions.resulting_phase", "decisions.resulting_status", "decisions.rationale", "decisions.decided_at",
      "decisions.meeting_id", "decisions.dossier_json", "decisions.assessment_id", "users.name as decided_by_name",
      "meetings.date as meeting_date", "meetings.title as meeting_title",
    ])
    .where("decisions.id", "=", decisionId)
    .where("decisions.initiative_id", "=", initiativeId)
    .executeTakeFirst();
}

/** The phase an assessment of this initiative assesses (its from-phase), or undefined when there is none. */
export async function assessmentFromPhase(db: Executor, initiativeId: number, assessmentId: number) {
  const a = await db.selectFrom("assessments").select("from_phase").where("id", "=", assessmentId).where("initiative_id", "=", initiativeId).executeTakeFirst();
  return a?.from_phase;
}
