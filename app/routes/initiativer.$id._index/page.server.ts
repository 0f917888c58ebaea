// The initiative page's data (its user-involvement steps are in involvement.server.ts). The page carries only what it renders: the columns it
// shows and the latest few assessments, decisions and history rows with their totals (the rest is on
// /initiativer/:id/alle/:liste), so neither its HTML nor its hydration data grows with the initiative's past.
import type { Executor } from "#db/client";
import { listCorrections } from "#db/queries/corrections";
import { listInitiativeConditions } from "#db/queries/conditions";
import { danishDate } from "#db/queries/decisions";
import { namesInHistory } from "#db/queries/history";
import { pageAssessments, pageDecisions, pageHistory } from "#db/queries/initiative-page";
import {
  getAgreementYears, getInitiative, getLinks, listPhasePeriods, listUserInvolvements,
} from "#db/queries/initiatives";
import { listPhaseOutcomes } from "#db/queries/outcomes";
import { listCalculationsForInitiative, listFrozenVersions } from "#db/queries/som";
import { dueStanding, reminderDaysFrom } from "#workflows/condition";
import { notFound, nowIso } from "~/utils/http.server";

/** How many of each the initiative page shows before "vis alle". */
export const LATEST = { assessments: 10, decisions: 5, history: 10 } as const;

export async function loadInitiativePage(db: Executor, id: number) {
  const i = await getInitiative(db, id);
  if (!i) notFound();
  // One outcome per ended phase: bounded by the phase model, not by the initiative's past.
  const [years, links, periods, involvements, assessments, decisions, openConditions, history, somCalculations, phaseOutcomes] = await Promise.all([
    getAgreementYears(db, id), getLinks(db, id), listPhasePeriods(db, id), listUserInvolvements(db, id),
    pageAssessments(db, id, { limit: LATEST.assessments, offset: 0 }),
    pageDecisions(db, id, { limit: LATEST.decisions, offset: 0 }),
    listInitiativeConditions(db, id),
    pageHistory(db, id, { limit: LATEST.history, offset: 0 }),
    listCalculationsForInitiative(db, id),
    listPhaseOutcomes(db, id),
  ]);
  const [frozenSom, historyNames, corrections] = await Promise.all([
    listFrozenVersions(db, decisions.rows.map((d) => d.id)), namesInHistory(db, history.rows), listCorrections(db, id),
  ]);
  return {
    initiative: {
      id: i.id, title: i.title, description: i.description, area: i.area, target_group: i.target_group,
      agreement_label: i.agreement_label, framework: i.framework, track: i.track, track_reason: i.track_reason,
      prototype_description: i.prototype_description, phase: i.phase, status: i.status, source_outcome: i.source_outcome,
      source_assessment: i.source_assessment, susi_assessment_made: i.susi_assessment_made, version: i.version,
    },
    years,
    links,
    phaseOutcomes: phaseOutcomes.map((o) => ({
      id: o.id, phase: o.phase, kind: o.kind, verdict: o.verdict, reason: o.reason, note: o.note, methods: o.methods,
      successorId: o.successorId, successorTitle: o.successorTitle, continuesInYear: o.continuesInYear, recommended: o.recommended,
      fromSource: o.fromSource, ambiguity: o.ambiguity,
    })),
    periods: periods.map((p) => ({
      id: p.id, phase: p.phase, planned_start: p.planned_start, planned_end: p.planned_end, actual_start: p.actual_start, actual_end: p.actual_end,
    })),
    involvements,
    assessments: assessments.rows,
    decisions: decisions.rows,
    openConditions: openConditions.filter((c) => c.status === "open").map((c) => ({
      ...c, standing: dueStanding({ status: c.status, state: c.state, dueDate: c.due_date }, danishDate(nowIso()), reminderDaysFrom(process.env.CONDITION_REMINDER_DAYS)),
    })),
    history: history.rows,
    historyNames,
    totals: { assessments: assessments.total, decisions: decisions.total, history: history.total },
    somCalculations,
    frozenSom,
    corrections,
  };
}

