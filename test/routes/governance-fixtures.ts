// Rows the steering-group route tests start from: an initiative, and a submitted assessment with every criterion
// met, each criterion's evidence naming it ("Evaluering af <criterion id>").
import { createInitiative } from "#db/queries/initiatives";
import { gatesBetween, type Phase, type PhasePeriod } from "#workflows/phase-model";
import { db } from "~/utils/db.server";

export async function newInitiative(title = "Styrket overgang", phase: PhasePeriod = "maturation", status: "active" | "on_hold" = "active") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title, description: "", area: "children", targetGroup: "Unge", agreementYears: [2024],
      track: 1, trackReason: "Udføres ensartet", prototypeDescription: "Manual og forløb", phase, status, framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

export async function submittedAssessment(initiativeId: number, from: PhasePeriod, to: Phase, submittedAt = "2026-02-01T12:00:00.000Z") {
  const { id } = await db()
    .insertInto("assessments")
    .values({
      initiative_id: initiativeId, from_phase: from, to_phase: to, status: "submitted", overall_assessment: "Lovende",
      recommendation: "Videreføres", created_at: submittedAt, submitted_at: submittedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rows = gatesBetween(from, to).flatMap((g) => g.criteria).map((c) => ({
    assessment_id: id, criterion_id: c.id, judgement: "met" as const, evidence: `Evaluering af ${c.id}`,
    evidence_level: "2" as const, justification: "", assessed_at: submittedAt,
  }));
  await db().insertInto("assessment_judgements").values(rows).execute();
  return id;
}

