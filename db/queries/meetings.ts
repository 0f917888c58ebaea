// The meeting aggregate: steering-group meetings, their agenda and the members present, what awaits the
// group's decision, and the members present and dissents kept with each decision taken at a meeting.
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { Meeting } from "../schema";
import type { GroupState, MeetingState } from "../../workflows/meeting";
import { appendHistory } from "./history";

export interface GroupMember {
  id: number;
  name: string;
}

/** The steering group: its active members, by name. */
export function listGroupMembers(db: Executor): Promise<GroupMember[]> {
  return db
    .selectFrom("users").select(["id", "name"])
    .where("role", "=", "steering_group").where("active", "=", 1)
    .orderBy("name").orderBy("id")
    .execute();
}

export function groupState(members: GroupMember[]): GroupState {
  return { memberIds: members.map((m) => m.id) };
}

/** Meetings, newest date first, with how many items are on each agenda. */
export function listMeetings(db: Executor) {
  return db
    .selectFrom("meetings")
    .leftJoin("users", "users.id", "meetings.chair_id")
    .select((eb) => [
      "meetings.id", "meetings.date", "meetings.title", "meetings.location", "meetings.status", "users.name as chair_name",
      eb.selectFrom("meeting_agenda_items").select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("meeting_agenda_items.meeting_id", "=", "meetings.id").as("agenda_count"),
    ])
    .orderBy("meetings.date", "desc")
    .orderBy("meetings.id", "desc")
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, agenda_count: Number(r.agenda_count ?? 0) })));
}

/** Meetings an initiative is on the agenda of, newest first (the decision form offers them). */
export function listMeetingsForInitiative(db: Executor, initiativeId: number) {
  return db
    .selectFrom("meeting_agenda_items")
    .innerJoin("meetings", "meetings.id", "meeting_agenda_items.meeting_id")
    .select(["meetings.id", "meetings.date", "meetings.title", "meetings.status", "meetings.chair_id"])
    .where("meeting_agenda_items.initiative_id", "=", initiativeId)
    .orderBy("meetings.date", "desc")
    .orderBy("meetings.id", "desc")
    .execute();
}

/** Meetings on `fromDate` (YYYY-MM-DD) or later, soonest first: where an initiative can still be put on the agenda. */
export function listMeetingsFrom(db: Executor, fromDate: string) {
  return db
    .selectFrom("meetings")
    .select(["id", "date", "title", "status", "version"])
    .where("date", ">=", fromDate)
    .orderBy("date").orderBy("id")
    .execute();
}

export function getMeetingRow(db: Executor, id: number): Promise<Meeting | undefined> {
  return db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The members recorded present, by name. */
export function listMembersPresent(db: Executor, meetingId: number): Promise<GroupMember[]> {
  return db
    .selectFrom("meeting_members_present")
    .innerJoin("users", "users.id", "meeting_members_present.user_id")
    .select(["users.id", "users.name"])
    .where("meeting_members_present.meeting_id", "=", meetingId)
    .orderBy("users.name").orderBy("users.id")
    .execute();
}

/** The agenda in order, each item with its initiative and the decision taken on it at this meeting, if any. */
export function listAgenda(db: Executor, meetingId: number) {
  return db
    .selectFrom("meeting_agenda_items")
    .innerJoin("initiatives", "initiatives.id", "meeting_agenda_items.initiative_id")
    .leftJoin("decisions", (j) =>
      j.onRef("decisions.initiative_id", "=", "meeting_agenda_items.initiative_id").onRef("decisions.meeting_id", "=", "meeting_agenda_items.meeting_id"))
    .select([
      "meeting_agenda_items.id", "meeting_agenda_items.position", "meeting_agenda_items.initiative_id",
      "initiatives.title", "initiatives.area", "initiatives.phase", "initiatives.status",
      "decisions.id as decision_id", "decisions.outcome", "decisions.from_phase", "decisions.to_phase",
      "decisions.rationale", "decisions.resulting_phase", "decisions.resulting_status",
    ])
    .where("meeting_agenda_items.meeting_id", "=", meetingId)
    .orderBy("meeting_agenda_items.position")
    .orderBy("meeting_agenda_items.id")
    .orderBy("decisions.id")
    .execute();
}

/** A meeting as the meeting workflow sees it. */
export async function loadMeetingState(db: Executor, id: number): Promise<(MeetingState & { version: number }) | undefined> {
  const row = await getMeetingRow(db, id);
  if (!row) return undefined;
  const [present, agenda] = await Promise.all([
    db.selectFrom("meeting_members_present").select("user_id").where("meeting_id", "=", id).execute(),
    db.selectFrom("meeting_agenda_items").select("initiative_id").where("meeting_id", "=", id).orderBy("position").execute(),
  ]);
  return {
    id: row.id, date: row.date, status: row.status, chairId: row.chair_id, version: row.version,
    presentIds: present.map((p) => p.user_id), agendaInitiativeIds: agenda.map((a) => a.initiative_id),
  };
}

export async function createMeeting(
  trx: Executor,
  m: { date: string; title: string; location: string; chairId: number | null },
  actorId: number,
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto("meetings")
    .values({ date: m.date, title: m.title, location: m.location, status: "planned", chair_id: m.chairId, created_by: actorId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, { initiativeId: null, actorId, at: now, action: "meeting.planned", entity: "meeting", entityId: id, after: m });
  return id;
}

async function bumpMeeting(trx: Executor, id: number, expectedVersion: number, patch: { status?: "planned" | "held" }, now: string) {
  const r = await trx
    .updateTable("meetings")
    .set({ ...patch, updated_at: now, version: expectedVersion + 1 })
    .where("id", "=", id).where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new ConflictError("meeting", id);
}

export async function insertAgendaItem(
  trx: Executor,
  a: { meetingId: number; expectedVersion: number; initiativeId: number; position: number; actorId: number; now: string },
) {
  await bumpMeeting(trx, a.meetingId, a.expectedVersion, {}, a.now);
  await trx
    .insertInto("meeting_agenda_items")
    .values({ meeting_id: a.meetingId, initiative_id: a.initiativeId, position: a.position, added_by: a.actorId, added_at: a.now })
    .execute();
  await appendHistory(trx, {
    initiativeId: a.initiativeId, actorId: a.actorId, at: a.now, action: "meeting.agenda_added", entity: "meeting", entityId: a.meetingId,
    after: { meeting: a.meetingId, position: a.position },
  });
}

/** Replaces the members present; the meeting is then held. */
export async function saveAttendance(
  trx: Executor,
  a: { meetingId: number; expectedVersion: number; presentIds: number[]; before: number[]; actorId: number; now: string },
) {
  await bumpMeeting(trx, a.meetingId, a.expectedVersion, { status: "held" }, a.now);
  await trx.deleteFrom("meeting_members_present").where("meeting_id", "=", a.meetingId).execute();
  if (a.presentIds.length) {
    await trx.insertInto("meeting_members_present").values(a.presentIds.map((user_id) => ({ meeting_id: a.meetingId, user_id }))).execute();
  }
  await appendHistory(trx, {
    initiativeId: null, actorId: a.actorId, at: a.now, action: "meeting.attendance", entity: "meeting", entityId: a.meetingId,
    before: { present: a.before }, after: { present: a.presentIds, status: "held" },
  });
}

/** The members present and the chair, frozen with a decision taken at a meeting. */
export async function freezeDecisionMembers(trx: Executor, decisionId: number, meetingId: number, chairId: number | null) {
  const present = await listMembersPresent(trx, meetingId);
  if (!present.length) return;
  await trx
    .insertInto("decision_members_present")
    .values(present.map((p) => ({ decision_id: decisionId, user_id: p.id, name: p.name, is_chair: p.id === chairId ? 1 : 0 })))
    .execute();
}

export function listDecisionMembers(db: Executor, decisionId: number) {
  return db
    .selectFrom("decision_members_present").select(["user_id", "name", "is_chair"])
    .where("decision_id", "=", decisionId)
    .orderBy("name").orderBy("user_id")
    .execute();
}

export function listDissents(db: Executor, decisionIds: number[]) {
  if (!decisionIds.length) return Promise.resolve([]);
  return db
    .selectFrom("decision_dissents")
    .innerJoin("users", "users.id", "decision_dissents.user_id")
    .select(["decision_dissents.id", "decision_dissents.decision_id", "decision_dissents.user_id", "decision_dissents.reason", "decision_dissents.created_at", "users.name"])
    .where("decision_dissents.decision_id", "in", decisionIds)
    .orderBy("decision_dissents.id")
    .execute();
}

export async function insertDissent(trx: Executor, d: { initiativeId: number; decisionId: number; userId: number; reason: string; now: string }) {
  const { id } = await trx
    .insertInto("decision_dissents")
    .values({ decision_id: d.decisionId, user_id: d.userId, reason: d.reason, created_at: d.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: d.initiativeId, actorId: d.userId, at: d.now, action: "decision.dissent", entity: "decision", entityId: d.decisionId,
    after: { reason: d.reason },
  });
  return id;
}

/**
 * What awaits the steering group: active initiatives with a submitted assessment from their current phase that
 * no decision has answered yet (none taken on it, none since it was submitted), initiatives on hold with the
 * day of the hold, and outstanding conditions due by `conditionsDueBy` (YYYY-MM-DD; overdue ones included).
 */
export async function listAwaitingDecision(db: Executor, conditionsDueBy: string) {
  const submitted = await db
    .selectFrom("assessments")
    .innerJoin("initiatives", "initiatives.id", "assessments.initiative_id")
    .select([
      "initiatives.id as initiative_id", "initiatives.title", "initiatives.area", "initiatives.phase",
      "assessments.id as assessment_id", "assessments.to_phase", "assessments.submitted_at",
    ])
    .where("assessments.status", "=", "submitted")
    .where("initiatives.status", "=", "active")
    .whereRef("assessments.from_phase", "=", "initiatives.phase")
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom("decisions").select("decisions.id")
        .whereRef("decisions.initiative_id", "=", "assessments.initiative_id")
        .where((e) => e.or([e("decisions.assessment_id", "=", e.ref("assessments.id")), e("decisions.decided_at", ">=", e.ref("assessments.submitted_at"))])),
    )))
    .orderBy("assessments.submitted_at")
    .orderBy("assessments.id")
    .execute();
  const held = await db
    .selectFrom("initiatives")
    .select((eb) => [
      "initiatives.id as initiative_id", "initiatives.title", "initiatives.area", "initiatives.phase",
      eb.selectFrom("decisions").select("decisions.decided_at")
        .whereRef("decisions.initiative_id", "=", "initiatives.id").where("decisions.resulting_status", "=", "on_hold")
        .orderBy("decisions.decided_at", "desc").orderBy("decisions.id", "desc").limit(1).as("held_since"),
    ])
    .where("initiatives.status", "=", "on_hold")
    .orderBy("initiatives.updated_at")
    .orderBy("initiatives.id")
    .execute();
  const conditions = await db
    .selectFrom("conditions")
    .innerJoin("initiatives", "initiatives.id", "conditions.initiative_id")
    .select([
      "conditions.id", "conditions.text", "conditions.owner", "conditions.due_date", "conditions.status", "conditions.state",
      "initiatives.id as initiative_id", "initiatives.title", "initiatives.area", "initiatives.phase",
    ])
    .where("conditions.status", "=", "open")
    .where("conditions.state", "=", "open")
    .where("conditions.due_date", "<=", conditionsDueBy)
    .orderBy("conditions.due_date")
    .orderBy("conditions.id")
    .execute();
  return { submitted, held, conditions };
}

/** The conditions the given decisions set, oldest first, for a meeting's minutes. */
export function listConditionsOfDecisions(db: Executor, decisionIds: readonly number[]) {
  if (!decisionIds.length) return Promise.resolve([]);
  return db.selectFrom("conditions").select(["id", "decision_id", "text", "owner", "due_date"]).where("decision_id", "in", decisionIds).orderBy("id").execute();
}
