// The decision page's steps. Loading: what the latest submitted assessments say for each target, the open
// conditions, the meetings the initiative is on the agenda of (or, when none, the meetings it can be put on:
// a decision is taken at a meeting, DECISIONS 0088), and the live dossier. Deciding: parse, then
// inside one transaction load the state afresh, ask the meeting rules (quorum, agenda, chair, the meeting's
// day) and the decision workflow; answer refusals with 409 naming every rule; without confirmation answer
// "are you sure?" and write nothing; with it record the decision on the meeting's date, freeze the SØM
// versions, the members present and the whole dossier, and land on the initiative with a receipt.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { Db, Executor } from "#db/client";
import { ConflictError } from "#db/errors";
import { getLatestSubmittedAssessment } from "#db/queries/assessments";
import { danishDate, initiativeState, listConditions, recordDecision } from "#db/queries/decisions";
import { latestSubmittedAssessmentId, saveDossier } from "#db/queries/dossier";
import { getAgreementYears, getInitiative } from "#db/queries/initiatives";
import {
  freezeDecisionMembers, groupState, listGroupMembers, listMeetingsForInitiative, listMeetingsFrom, loadMeetingState,
} from "#db/queries/meetings";
import { createDraftFromDecision } from "#db/queries/release-facts";
import { freezeCalculationVersions, listCalculationsForInitiative } from "#db/queries/som";
import type { Initiative } from "#db/schema";
import type { Judgement } from "#workflows/assessment";
import {
  allowedOutcomes, decide, gateRefusals, INPUT_REFUSALS as DECISION_INPUT_REFUSALS, type DecisionInput, type DecisionRefusal, type InitiativeState,
} from "#workflows/decision";
import { decisionAtMeetingRefusals, INPUT_REFUSALS, meetingDecidedAt, type MeetingRefusal } from "#workflows/meeting";
import { gatesBetween, targetPhases } from "#workflows/phase-model";
import type { Lang } from "~/i18n";
import { refusalErrors, type AnyRefusal } from "~/i18n/refusals";
import { decisionSchema, type DecisionFormValue } from "~/schemas/decision";
import { parseReleaseNow } from "~/schemas/release";
import { confirmationFields, isConfirmed } from "~/utils/confirm.server";
import { buildDossier } from "~/utils/dossier.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { quorumRule } from "~/utils/governance.server";
import { isConflictReply, notFound, nowIso, withConflictCheck } from "~/utils/http.server";
import { composeReleaseDraft } from "~/utils/release-text";

export async function loadDecisionPage(db: Db, id: number, meetingParam: string | null) {
  const row = await getInitiative(db, id);
  if (!row) notFound();
  const state = initiativeState(row);
  const blocker = decisionBlocker(state);
  const today = danishDate(nowIso());
  const [targets, openConditions, somCalculations, meetings, comingMeetings, dossierAssessment] = await Promise.all([
    blocker ? [] : targetViews(db, row, state),
    listConditions(db, id, "open"),
    listCalculationsForInitiative(db, id, row.phase),
    listMeetingsForInitiative(db, id),
    listMeetingsFrom(db, today),
    latestSubmittedAssessmentId(db, id, row.phase),
  ]);
  const asked = Number(meetingParam);
  // The meeting asked for (from the meeting's agenda), else the latest held meeting the initiative is on.
  const meetingId = meetings.find((m) => m.id === asked)?.id ?? meetings.find((m) => m.status === "held" && m.date <= today)?.id ?? null;
  const onAgenda = new Set(meetings.map((m) => m.id));
  const dossier = blocker ? null : await buildDossier(db, id, row.phase, dossierAssessment);
  return {
    initiative: initiativeView(row), blocker, targets, openConditions, somCalculations, meetings, meetingId, dossier,
    /** Where the initiative can be put on an agenda when it is on none yet. */
    agendaMeetings: comingMeetings.filter((m) => !onAgenda.has(m.id)),
    outcomes: allowedOutcomes(state),
  };
}

type Recorded = { refusals: AnyRefusal[] } | { recorded: number } | { dryRun: true };

export async function decideStep(db: Db, a: { request: Request; id: number; form: FormData; actorId: number; lang: Lang }) {
  if (!(await getInitiative(db, a.id))) notFound();
  const openIds = (await listConditions(db, a.id, "open")).map((c) => c.id);
  const submission = parseWithZod(a.form, { schema: decisionSchema(openIds) });
  // Fast track: release the knowledge gained now? Yes creates a draft release with the decision.
  const releaseNow = parseReleaseNow(a.form);
  // No status: conform's add/remove-condition buttons posted without JavaScript; answer with the new list.
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: submission.status ? 400 : 200 });
  if (releaseNow === null) return data({ result: submission.reply({ fieldErrors: { releaseNow: ["releases.fastTrack.invalid"] } }) }, { status: 400 });
  const confirmed = isConfirmed(a.form);
  const outcome = await withConflictCheck(() =>
    db.transaction().execute((trx) => decideAndRecord(trx, a.id, submission.value, a.actorId, nowIso(), { releaseNow, dryRun: !confirmed })),
  );
  if (isConflictReply(outcome)) return outcome;
  if ("recorded" in outcome) return redirectWithFlash(a.request, `/initiativer/${a.id}#beslutninger`, "flash.decision.recorded");
  if ("dryRun" in outcome) {
    const { continuation } = submission.value;
    const successor = continuation.mode === "new_initiative" ? { title: continuation.title.trim(), year: continuation.agreementYear } : null;
    return data({
      confirm: { fields: confirmationFields(a.form), outcome: submission.value.outcome, target: submission.value.targetPhase, meetingId: submission.value.meetingId, successor },
    });
  }
  const { messages, fieldErrors } = refusalErrors(outcome.refusals, a.lang);
  return data({ result: submission.reply({ fieldErrors }), refusals: messages }, { status: refusalStatus(outcome.refusals) });
}

/**
 * No meeting chosen is a missing field (400); a successor or outcome field the workflow refuses is a well-formed
 * value it cannot take (422); any other rule refused is about the state (409).
 */
function refusalStatus(refusals: AnyRefusal[]): 400 | 409 | 422 {
  const meetingInput = (r: AnyRefusal) => r.kind === "meeting" && INPUT_REFUSALS.includes(r.refusal.code);
  if (refusals.every(meetingInput)) return 400;
  if (refusals.every((r) => meetingInput(r) || (r.kind === "decision" && DECISION_INPUT_REFUSALS.includes(r.refusal.code)))) return 422;
  return 409;
}

/** Inside the transaction: load the state afresh, ask the meeting rules and the workflow, and record if allowed and confirmed. */
async function decideAndRecord(
  trx: Executor, id: number, value: DecisionFormValue, actorId: number, now: string, opts: { releaseNow: boolean; dryRun: boolean },
): Promise<Recorded> {
  const row = await getInitiative(trx, id);
  if (!row) notFound();
  // Refusals computed on a state the member never saw would mislead: a stale form is a conflict first.
  if (row.version !== value.version) throw new ConflictError("initiative", id);
  const meeting = value.meetingId === null ? null : await loadMeetingState(trx, value.meetingId);
  const meetingRefusals: MeetingRefusal[] = value.meetingId !== null && !meeting
    ? [{ code: "not_on_agenda" }]
    : decisionAtMeetingRefusals(meeting ?? null, {
        initiativeId: id, actorId, today: danishDate(now), group: groupState(await listGroupMembers(trx)), rule: quorumRule(),
      });
  const assessment = value.targetPhase ? await getLatestSubmittedAssessment(trx, id, row.phase, value.targetPhase) : undefined;
  const open = await listConditions(trx, id, "open");
  const agreementYears = await getAgreementYears(trx, id);
  const input: DecisionInput = {
    outcome: value.outcome,
    targetPhase: value.targetPhase,
    rationale: value.rationale,
    assessment: assessment ?? null,
    conditions: value.conditions,
    openConditions: open.map((c) => ({
      id: c.id, text: c.text, resolution: value.resolutions.find((r) => r.conditionId === c.id)?.resolution ?? null,
    })),
    continuation: value.continuation,
    agreementYears,
    outcomeInput: value.outcomeInput,
  };
  const result = decide(initiativeState(row), input);
  const refusals: AnyRefusal[] = [
    ...meetingRefusals.map((refusal) => ({ kind: "meeting" as const, refusal })),
    ...(result.ok ? [] : result.refusals.map((refusal) => ({ kind: "decision" as const, refusal, outcome: value.outcome, from: row.phase, target: value.targetPhase }))),
  ];
  if (refusals.length || !result.ok) return { refusals };
  if (opts.dryRun) return { dryRun: true };
  // The dossier as it stands before the decision resolves any condition: what the decision was taken on.
  const dossier = await buildDossier(trx, id, row.phase, assessment?.id ?? (await latestSubmittedAssessmentId(trx, id, row.phase)));
  const decisionId = await recordDecision(trx, {
    initiativeId: id, expectedVersion: value.version, input, effect: result.value, assessmentId: assessment?.id ?? null,
    resolutions: input.openConditions.flatMap((c) => (c.resolution ? [{ conditionId: c.id, resolution: c.resolution }] : [])),
    actorId, now, meetingId: meeting?.id ?? null, decidedAt: meeting ? meetingDecidedAt(meeting.date) : now,
  });
  if (opts.releaseNow) await createDraftFromDecision(trx, { initiativeId: id, decisionId, requestedById: actorId, now }, composeReleaseDraft);
  // The SØM calculations of the phase being decided, as they stand now, are what the decision was taken on.
  await freezeCalculationVersions(trx, decisionId, id, row.phase);
  if (meeting) await freezeDecisionMembers(trx, decisionId, meeting.id, meeting.chairId);
  await saveDossier(trx, decisionId, JSON.stringify(dossier));
  return { recorded: decisionId };
}

/**
 * Whether the initiative can take a decision at all (stopped, completed, in dissemination), asked of the
 * workflow itself with a harmless Hold: with a rationale and no conditions, any refusal is about the initiative.
 */
function decisionBlocker(state: InitiativeState): DecisionRefusal | null {
  const probe = decide(state, { outcome: allowedOutcomes(state).includes("stop") ? "stop" : "hold", targetPhase: null, rationale: "-", assessment: null, conditions: [], openConditions: [] });
  return probe.ok ? null : probe.refusals[0];
}

function initiativeView(i: Initiative) {
  return { id: i.id, title: i.title, phase: i.phase, status: i.status, track: i.track, framework: i.framework, version: i.version };
}

/** For each phase the initiative may move to: the latest submitted assessment, each criterion's judgement, what blocks a Go. */
async function targetViews(db: Executor, row: Initiative, state: InitiativeState) {
  return Promise.all(
    targetPhases(row.phase).map(async (target) => {
      const assessment = await getLatestSubmittedAssessment(db, row.id, row.phase, target);
      const criteria = gatesBetween(row.phase, target).flatMap((g) => g.criteria).map((c) => {
        const j = assessment?.judgements.find((x) => x.criterionId === c.id);
        return { id: c.id, dimension: c.dimension, judgement: (j?.judgement ?? null) as Judgement | null, justification: j?.justification ?? "" };
      });
      return {
        target,
        assessment: assessment
          ? { id: assessment.id, overallAssessment: assessment.overallAssessment, recommendation: assessment.recommendation }
          : null,
        criteria,
        refusals: gateRefusals(state, target, assessment ?? null),
      };
    }),
  );
}
