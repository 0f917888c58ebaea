// Rows the steering-group route tests start from: an initiative, a submitted assessment with every criterion
// met, each criterion's evidence naming it ("Evaluering af <criterion id>"), and a quorate meeting to decide at.
import { danishDate } from "#db/queries/decisions";
import { createInitiative } from "#db/queries/initiatives";
import { createMeeting, insertAgendaItem, listGroupMembers, saveAttendance } from "#db/queries/meetings";
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


/**
 * A steering-group meeting held today (Copenhagen) with every active member present (quorate) and these
 * initiatives on its agenda, written through the meeting queries: a decision is taken at a meeting
 * (DECISIONS 0088). No chair, so any member may record the outcome. Returns the meeting's id as the
 * decision form posts it (`meetingId`).
 */
export async function meetingFor(...initiativeIds: number[]): Promise<string> {
  return db().transaction().execute(async (trx) => {
    const members = await listGroupMembers(trx);
    const now = new Date().toISOString();
    const actor = members[0].id;
    const id = await createMeeting(trx, { date: danishDate(now), title: "", location: "", chairId: null }, actor, now);
    let version = 1;
    for (const [i, initiativeId] of initiativeIds.entries()) {
      await insertAgendaItem(trx, { meetingId: id, expectedVersion: version++, initiativeId, position: i + 1, actorId: actor, now });
    }
    await saveAttendance(trx, { meetingId: id, expectedVersion: version, presentIds: members.map((m) => m.id), before: [], actorId: actor, now });
    return String(id);
  });
}
