// One recorded decision: its meeting, the members present, dissents, the conditions it set, and the dossier
// frozen with it. One step: a member present at the meeting records a dissent with a reason.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { listConditions } from "#db/queries/decisions";
import { getDecisionRecord } from "#db/queries/dossier";
import { getInitiativeTitle } from "#db/queries/initiative-page";
import { insertDissent, listDecisionMembers, listDissents } from "#db/queries/meetings";
import { listFrozenVersions } from "#db/queries/som";
import { dissent, INPUT_REFUSALS, type MeetingRefusal } from "#workflows/meeting";
import type { Lang } from "~/i18n";
import { refusalErrors } from "~/i18n/refusals";
import { dissentSchema } from "~/schemas/meeting";
import { parseDossier } from "~/utils/dossier.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound, nowIso } from "~/utils/http.server";

export async function loadDecisionRecord(db: Db, initiativeId: number, decisionId: number, viewerId: number) {
  const d = await getDecisionRecord(db, initiativeId, decisionId);
  if (!d) notFound();
  const [initiative, members, dissents, conditions, frozen] = await Promise.all([
    getInitiativeTitle(db, initiativeId).then((i) => i ?? notFound()),
    listDecisionMembers(db, decisionId),
    listDissents(db, [decisionId]),
    listConditions(db, initiativeId),
    listFrozenVersions(db, [decisionId]),
  ]);
  const { dossier_json, ...decision } = d;
  const canDissent = members.some((m) => m.user_id === viewerId) && !dissents.some((x) => x.user_id === viewerId);
  return {
    initiative, decision, members, dissents, canDissent,
    conditions: conditions.filter((c) => c.decision_id === decisionId),
    frozenVersions: frozen[decisionId] ?? [],
    dossier: parseDossier(dossier_json),
  };
}

export async function dissentStep(db: Db, a: { request: Request; initiativeId: number; decisionId: number; form: FormData; actorId: number; lang: Lang }) {
  if (!(await getDecisionRecord(db, a.initiativeId, a.decisionId))) notFound();
  const submission = parseWithZod(a.form, { schema: dissentSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), refusals: [] as string[] }, { status: 400 });
  const answer = await db.transaction().execute(async (trx): Promise<{ refusals: MeetingRefusal[] } | { done: true }> => {
    const d = await getDecisionRecord(trx, a.initiativeId, a.decisionId);
    if (!d) notFound();
    const [members, dissents] = await Promise.all([listDecisionMembers(trx, a.decisionId), listDissents(trx, [a.decisionId])]);
    const result = dissent({ meetingId: d.meeting_id, presentIds: members.map((m) => m.user_id) }, a.actorId, submission.value.reason, dissents.map((x) => x.user_id));
    if (!result.ok) return { refusals: result.refusals };
    await insertDissent(trx, { initiativeId: a.initiativeId, decisionId: a.decisionId, userId: a.actorId, reason: result.value.reason, now: nowIso() });
    return { done: true };
  });
  if ("done" in answer) return redirectWithFlash(a.request, `/initiativer/${a.initiativeId}/beslutninger/${a.decisionId}`, "flash.decision.dissent");
  const { messages, fieldErrors } = refusalErrors(answer.refusals.map((refusal) => ({ kind: "meeting" as const, refusal })), a.lang);
  const status = answer.refusals.every((r) => INPUT_REFUSALS.includes(r.code)) ? 400 : 409;
  return data({ result: submission.reply({ fieldErrors }), refusals: messages }, { status });
}
