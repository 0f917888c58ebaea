// Planning a steering-group meeting: parse, ask the meeting workflow (a real date, a chair from the group),
// save with its history row, and land on the meeting's page with a receipt. Planned from an initiative's
// decision page (?initiativ=<id>), the initiative goes on the new meeting's agenda in the same transaction.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db, Executor } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { createMeeting, groupState, insertAgendaItem, listGroupMembers, loadMeetingState } from "#db/queries/meetings";
import { addToAgenda, planMeeting, type MeetingRefusal } from "#workflows/meeting";
import { refusalErrors } from "~/i18n/refusals";
import type { Lang } from "~/i18n";
import { planMeetingSchema } from "~/schemas/meeting";
import { redirectWithFlash } from "~/utils/flash.server";
import { nowIso } from "~/utils/http.server";

export async function loadPlanPage(db: Db, userId: number, initiativeParam: string | null) {
  const asked = Number(initiativeParam);
  const row = Number.isInteger(asked) && asked > 0 ? await getInitiative(db, asked) : undefined;
  return { members: await listGroupMembers(db), defaultChairId: userId, initiative: row ? { id: row.id, title: row.title } : null };
}

export async function planMeetingStep(db: Db, a: { request: Request; form: FormData; actorId: number; lang: Lang }) {
  const submission = parseWithZod(a.form, { schema: planMeetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const input = { date: v.date, title: v.title ?? "", location: v.location ?? "", chairId: v.chairId ?? null };
  const outcome = await db.transaction().execute(async (trx): Promise<{ refusals: MeetingRefusal[] } | { id: number } | { unknownInitiative: true }> => {
    const result = planMeeting(input, groupState(await listGroupMembers(trx)));
    if (!result.ok) return { refusals: result.refusals };
    if (v.initiativeId !== undefined && !(await getInitiative(trx, v.initiativeId))) return { unknownInitiative: true };
    const now = nowIso();
    const id = await createMeeting(trx, input, a.actorId, now);
    if (v.initiativeId !== undefined) await putOnAgenda(trx, id, v.initiativeId, a.actorId, now);
    return { id };
  });
  if ("unknownInitiative" in outcome) return data({ result: submission.reply({ fieldErrors: { initiativeId: ["error.invalidChoice"] } }) }, { status: 400 });
  if ("refusals" in outcome) {
    const { messages, fieldErrors, formErrors } = refusalErrors(outcome.refusals.map((refusal) => ({ kind: "meeting" as const, refusal })), a.lang);
    return data({ result: submission.reply({ fieldErrors, formErrors }), refusals: messages }, { status: 400 });
  }
  return redirectWithFlash(a.request, `/styregruppe/moeder/${outcome.id}`, "flash.meeting.planned");
}

async function putOnAgenda(trx: Executor, meetingId: number, initiativeId: number, actorId: number, now: string) {
  const meeting = (await loadMeetingState(trx, meetingId))!;
  const added = addToAgenda(meeting, initiativeId);
  if (added.ok) await insertAgendaItem(trx, { meetingId, expectedVersion: meeting.version, initiativeId, position: added.value.position, actorId, now });
}
