// Planning a steering-group meeting: parse, ask the meeting workflow (a real date, a chair from the group),
// save with its history row, and land on the meeting's page with a receipt.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { createMeeting, groupState, listGroupMembers } from "#db/queries/meetings";
import { planMeeting, type MeetingRefusal } from "#workflows/meeting";
import { refusalErrors } from "~/i18n/refusals";
import type { Lang } from "~/i18n";
import { planMeetingSchema } from "~/schemas/meeting";
import { redirectWithFlash } from "~/utils/flash.server";
import { nowIso } from "~/utils/http.server";

export async function loadPlanPage(db: Db, userId: number) {
  return { members: await listGroupMembers(db), defaultChairId: userId };
}

export async function planMeetingStep(db: Db, a: { request: Request; form: FormData; actorId: number; lang: Lang }) {
  const submission = parseWithZod(a.form, { schema: planMeetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const input = { date: v.date, title: v.title ?? "", location: v.location ?? "", chairId: v.chairId ?? null };
  const outcome = await db.transaction().execute(async (trx): Promise<{ refusals: MeetingRefusal[] } | { id: number }> => {
    const result = planMeeting(input, groupState(await listGroupMembers(trx)));
    if (!result.ok) return { refusals: result.refusals };
    return { id: await createMeeting(trx, input, a.actorId, nowIso()) };
  });
  if ("refusals" in outcome) {
    const { messages, fieldErrors, formErrors } = refusalErrors(outcome.refusals.map((refusal) => ({ kind: "meeting" as const, refusal })), a.lang);
    return data({ result: submission.reply({ fieldErrors, formErrors }), refusals: messages }, { status: 400 });
  }
  return redirectWithFlash(a.request, `/styregruppe/moeder/${outcome.id}`, "flash.meeting.planned");
}
