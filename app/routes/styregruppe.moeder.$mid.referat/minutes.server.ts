// A meeting's minutes (referat): the members present, and for each agenda item the decision taken, the
// conditions it set and the dissents recorded on it.
import type { Db } from "#db/client";
import { getMeetingRow, listAgenda, listConditionsOfDecisions, listDissents, listGroupMembers, listMembersPresent } from "#db/queries/meetings";
import { notFound, nowIso } from "~/utils/http.server";

export async function loadMinutes(db: Db, id: number) {
  const meeting = await getMeetingRow(db, id);
  if (!meeting) notFound();
  const [present, agenda, members] = await Promise.all([listMembersPresent(db, id), listAgenda(db, id), listGroupMembers(db)]);
  const decisionIds = agenda.flatMap((a) => (a.decision_id ? [a.decision_id] : []));
  const [dissents, conditions] = await Promise.all([
    listDissents(db, decisionIds),
    listConditionsOfDecisions(db, decisionIds),
  ]);
  const presentIds = new Set(present.map((p) => p.id));
  return {
    /** When the document was produced (its colophon says so on paper). */
    generatedAt: nowIso(),
    meeting,
    chair: members.find((m) => m.id === meeting.chair_id)?.name ?? null,
    present,
    absent: members.filter((m) => !presentIds.has(m.id)),
    items: agenda.map((a) => ({
      ...a,
      conditions: conditions.filter((c) => c.decision_id === a.decision_id),
      dissents: dissents.filter((d) => d.decision_id === a.decision_id),
    })),
  };
}
