// One steering-group meeting: its details, the members present, the agenda (with the decisions taken), and the
// awaiting list to add to it from. One step per form intent: add to the agenda, record the members present.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db, Executor } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import {
  getMeetingRow, groupState, insertAgendaItem, listAgenda, listGroupMembers, listMembersPresent, loadMeetingState, saveAttendance,
} from "#db/queries/meetings";
import { addToAgenda, INPUT_REFUSALS, hasQuorum, quorumRequired, recordAttendance, type MeetingRefusal } from "#workflows/meeting";
import type { Lang } from "~/i18n";
import { refusalErrors } from "~/i18n/refusals";
import { meetingActionSchema } from "~/schemas/meeting";
import { redirectWithFlash } from "~/utils/flash.server";
import { isConflictReply, notFound, nowIso, withConflictCheck } from "~/utils/http.server";
import { quorumRule } from "~/utils/governance.server";
import { loadAwaiting } from "../styregruppe._index/home.server";

export async function loadMeetingPage(db: Db, id: number, now: string) {
  const meeting = await getMeetingRow(db, id);
  if (!meeting) notFound();
  const [present, agenda, members, awaiting] = await Promise.all([
    listMembersPresent(db, id), listAgenda(db, id), listGroupMembers(db), loadAwaiting(db, now),
  ]);
  const onAgenda = new Set(agenda.map((a) => a.initiative_id));
  const group = groupState(members);
  const chair = members.find((m) => m.id === meeting.chair_id) ?? null;
  return {
    meeting, present, agenda, members, chair,
    quorum: { required: quorumRequired(quorumRule(), members.length), met: hasQuorum(quorumRule(), group, present.map((p) => p.id)) },
    awaiting: {
      submitted: awaiting.submitted.filter((s) => !onAgenda.has(s.initiative_id)),
      held: awaiting.held.filter((h) => !onAgenda.has(h.initiative_id)),
      conditions: awaiting.conditions.filter((c) => !onAgenda.has(c.initiative_id)),
    },
  };
}

type Answer = { refusals: MeetingRefusal[] } | { done: "agenda" | "attendance" } | { unknownInitiative: true };

async function agendaStep(trx: Executor, id: number, v: { initiativeId: number; version: number }, actorId: number, now: string): Promise<Answer> {
  const meeting = await loadMeetingState(trx, id);
  if (!meeting) notFound();
  if (!(await getInitiative(trx, v.initiativeId))) return { unknownInitiative: true };
  const result = addToAgenda(meeting, v.initiativeId);
  if (!result.ok) return { refusals: result.refusals };
  await insertAgendaItem(trx, { meetingId: id, expectedVersion: v.version, initiativeId: v.initiativeId, position: result.value.position, actorId, now });
  return { done: "agenda" };
}

async function attendanceStep(trx: Executor, id: number, v: { present: number[]; version: number }, actorId: number, now: string): Promise<Answer> {
  const meeting = await loadMeetingState(trx, id);
  if (!meeting) notFound();
  const result = recordAttendance(v.present, groupState(await listGroupMembers(trx)));
  if (!result.ok) return { refusals: result.refusals };
  await saveAttendance(trx, { meetingId: id, expectedVersion: v.version, presentIds: result.value.presentIds, before: meeting.presentIds, actorId, now });
  return { done: "attendance" };
}

export async function meetingActionStep(db: Db, a: { request: Request; id: number; form: FormData; actorId: number; lang: Lang }) {
  if (!(await getMeetingRow(db, a.id))) notFound();
  const intent = String(a.form.get("intent") ?? "");
  const submission = parseWithZod(a.form, { schema: meetingActionSchema });
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const now = nowIso();
  const answer = await withConflictCheck(
    () => db.transaction().execute((trx) => (v.intent === "agenda" ? agendaStep(trx, a.id, v, a.actorId, now) : attendanceStep(trx, a.id, v, a.actorId, now))),
    { intent },
  );
  if (isConflictReply(answer)) return answer;
  if ("done" in answer) return redirectWithFlash(a.request, `/styregruppe/moeder/${a.id}`, `flash.meeting.${answer.done}`);
  if ("unknownInitiative" in answer) {
    return data({ intent, result: submission.reply({ fieldErrors: { initiativeId: ["error.invalidChoice"] } }), refusals: [] as string[] }, { status: 400 });
  }
  const { messages, fieldErrors, formErrors } = refusalErrors(answer.refusals.map((refusal) => ({ kind: "meeting" as const, refusal })), a.lang);
  // A member id that is not one of the group's is bad input (400); a rule of the meeting refused is 409.
  const status = answer.refusals.every((r) => INPUT_REFUSALS.includes(r.code)) ? 400 : 409;
  return data({ intent, result: submission.reply({ fieldErrors, formErrors }), refusals: messages }, { status });
}
