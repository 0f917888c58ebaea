// Steering-group meetings: quorum, the members present, the agenda, decisions taken at a meeting and a
// member's dissent. Pure: the caller supplies the meeting, the group, the actor and today's date, and gets
// back either what to record or every refusal at once, each naming the rule.

/** How many of the group's members must be present. Default: a majority (more than half). */
export type QuorumRule = { kind: "majority" } | { kind: "minimum"; members: number };

export const DEFAULT_QUORUM: QuorumRule = { kind: "majority" };

export type MeetingStatus = "planned" | "held";

export interface MeetingState {
  id: number;
  /** YYYY-MM-DD. */
  date: string;
  status: MeetingStatus;
  chairId: number | null;
  presentIds: number[];
  agendaInitiativeIds: number[];
}

/** The steering group as it stands: the ids of its active members. */
export interface GroupState {
  memberIds: number[];
}

export type MeetingRefusal =
  | { code: "date_invalid" }
  | { code: "chair_not_member" }
  | { code: "title_too_long"; max: number }
  | { code: "member_not_in_group"; userId: number }
  | { code: "attendance_empty" }
  | { code: "already_on_agenda" }
  | { code: "meeting_required" }
  | { code: "meeting_not_held" }
  | { code: "meeting_ahead"; date: string }
  | { code: "no_quorum"; present: number; required: number; groupSize: number; rule: QuorumRule }
  | { code: "not_on_agenda" }
  | { code: "not_chair" }
  | { code: "dissent_no_meeting" }
  | { code: "dissent_not_present" }
  | { code: "dissent_reason_missing" }
  | { code: "dissent_exists" };

/**
 * Refusals about what a form sent rather than the meeting's state: answered as bad input (400). A decision
 * posted without a meeting is one: the form's meeting field is missing (DECISIONS 0088).
 */
export const INPUT_REFUSALS: readonly MeetingRefusal["code"][] = [
  "date_invalid", "chair_not_member", "title_too_long", "member_not_in_group", "attendance_empty", "dissent_reason_missing", "meeting_required",
];

export type MeetingResult<T> = { ok: true; value: T } | { ok: false; refusals: MeetingRefusal[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TITLE_MAX = 200;

/** YYYY-MM-DD and a day that exists in the calendar. */
export function isMeetingDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Members who must be present for the group to decide: a majority is more than half (3 of 5, 2 of 3, 3 of 4). */
export function quorumRequired(rule: QuorumRule, groupSize: number): number {
  if (rule.kind === "minimum") return Math.max(1, rule.members);
  return Math.floor(groupSize / 2) + 1;
}

export function hasQuorum(rule: QuorumRule, group: GroupState, presentIds: readonly number[]): boolean {
  const members = new Set(group.memberIds);
  const present = new Set(presentIds.filter((id) => members.has(id))).size;
  return present >= quorumRequired(rule, members.size);
}

/** Planning a meeting: a real date, a chair from the group (when named), a title of sensible length. */
export function planMeeting(input: { date: string; title: string; chairId: number | null }, group: GroupState): MeetingResult<{ status: MeetingStatus }> {
  const refusals: MeetingRefusal[] = [];
  if (!isMeetingDate(input.date)) refusals.push({ code: "date_invalid" });
  if (input.chairId !== null && !group.memberIds.includes(input.chairId)) refusals.push({ code: "chair_not_member" });
  if (input.title.length > TITLE_MAX) refusals.push({ code: "title_too_long", max: TITLE_MAX });
  return refusals.length ? { ok: false, refusals } : { ok: true, value: { status: "planned" } };
}

/** Recording who is present: only members of the group, at least one. The meeting is then held. */
export function recordAttendance(presentIds: readonly number[], group: GroupState): MeetingResult<{ status: MeetingStatus; presentIds: number[] }> {
  const refusals: MeetingRefusal[] = [];
  const unique = [...new Set(presentIds)];
  if (unique.length === 0) refusals.push({ code: "attendance_empty" });
  for (const id of unique) if (!group.memberIds.includes(id)) refusals.push({ code: "member_not_in_group", userId: id });
  return refusals.length ? { ok: false, refusals } : { ok: true, value: { status: "held", presentIds: unique.sort((a, b) => a - b) } };
}

export function addToAgenda(meeting: MeetingState, initiativeId: number): MeetingResult<{ position: number }> {
  if (meeting.agendaInitiativeIds.includes(initiativeId)) return { ok: false, refusals: [{ code: "already_on_agenda" }] };
  return { ok: true, value: { position: meeting.agendaInitiativeIds.length + 1 } };
}

export interface DecisionAtMeetingArgs {
  initiativeId: number;
  actorId: number;
  /** YYYY-MM-DD in Denmark. */
  today: string;
  group: GroupState;
  rule: QuorumRule;
}

/**
 * Whether a steering-group decision may be recorded at `meeting`. A decision is taken at a meeting, always
 * (DECISIONS 0088): without one (null) it is refused, `meeting_required`. At a meeting: the members present
 * have been recorded, the meeting's day has come, the group is quorate, the initiative is on the agenda and the
 * chair records the outcome. The decision then carries the meeting's date (meetingDecidedAt).
 */
export function decisionAtMeetingRefusals(meeting: MeetingState | null, a: DecisionAtMeetingArgs): MeetingRefusal[] {
  if (!meeting) return [{ code: "meeting_required" }];
  const refusals: MeetingRefusal[] = [];
  if (meeting.status !== "held") refusals.push({ code: "meeting_not_held" });
  if (meeting.date > a.today) refusals.push({ code: "meeting_ahead", date: meeting.date });
  if (meeting.status === "held" && !hasQuorum(a.rule, a.group, meeting.presentIds)) {
    const members = new Set(a.group.memberIds);
    refusals.push({
      code: "no_quorum",
      present: meeting.presentIds.filter((id) => members.has(id)).length,
      required: quorumRequired(a.rule, members.size),
      groupSize: members.size,
      rule: a.rule,
    });
  }
  if (!meeting.agendaInitiativeIds.includes(a.initiativeId)) refusals.push({ code: "not_on_agenda" });
  if (meeting.chairId !== null && meeting.chairId !== a.actorId) refusals.push({ code: "not_chair" });
  return refusals;
}

export interface DecisionAtMeeting {
  meetingId: number | null;
  presentIds: number[];
}

/** A member present at the meeting may record one dissent with a reason on a decision taken there. */
export function dissent(decision: DecisionAtMeeting, actorId: number, reason: string, dissenterIds: readonly number[]): MeetingResult<{ reason: string }> {
  if (decision.meetingId === null) return { ok: false, refusals: [{ code: "dissent_no_meeting" }] };
  const refusals: MeetingRefusal[] = [];
  if (!decision.presentIds.includes(actorId)) refusals.push({ code: "dissent_not_present" });
  if (dissenterIds.includes(actorId)) refusals.push({ code: "dissent_exists" });
  if (reason.trim() === "") refusals.push({ code: "dissent_reason_missing" });
  return refusals.length ? { ok: false, refusals } : { ok: true, value: { reason: reason.trim() } };
}

/** Whole days from `since` (ISO date or timestamp) to `now`; never negative. */
export function daysWaiting(since: string, now: string): number {
  const ms = Date.parse(now) - Date.parse(since.length === 10 ? `${since}T00:00:00.000Z` : since);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 86_400_000)) : 0;
}

/** The timestamp a decision taken at a meeting on `date` carries: noon UTC, so it is that day in Denmark too. */
export function meetingDecidedAt(date: string): string {
  return `${date}T12:00:00.000Z`;
}
