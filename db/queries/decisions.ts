// The decision aggregate: steering-group decisions at a gate, the conditions they set, and how a new
// decision resolves the conditions still open from earlier ones.
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { Condition, ConditionsTable, Initiative } from "../schema";
import type {
  ConditionResolution, DecisionEffect, DecisionInput, InitiativeState, InitiativeStatus, Outcome, SuccessorToCreate,
} from "../../workflows/decision";
import type { Phase, PhasePeriod } from "../../workflows/phase-model";
import { enqueuePhaseNotices } from "./initiative-follow";
import type { ConditionState } from "../../workflows/condition";
import { appendHistory } from "./history";
import { bumpVersion, createInitiative, getInitiative, linkInitiatives } from "./initiatives";
import { insertPhaseOutcomes } from "./outcomes";

export type ConditionStatus = ConditionsTable["status"];

export interface FlexiblyPassed {
  criterionId: string;
  justification: string;
}

export interface ConditionView {
  id: number;
  decision_id: number;
  text: string;
  owner: string;
  due_date: string;
  status: ConditionStatus;
  /** Met or waived between decisions (the conditions page); a decision still closes or carries it over. */
  state: ConditionState;
  carried_from_id: number | null;
  resolved_by_decision_id: number | null;
  resolved_at: string | null;
  /** The decision that set the condition. */
  decision_outcome: Outcome;
  decision_decided_at: string;
}

export interface DecisionView {
  id: number;
  outcome: Outcome;
  from_phase: PhasePeriod;
  to_phase: Phase | null;
  resulting_phase: PhasePeriod;
  resulting_status: InitiativeStatus;
  rationale: string;
  flexibly_passed: FlexiblyPassed[];
  assessment_id: number | null;
  decided_at: string;
  decided_by_name: string | null;
  /** Conditions this decision set (carried-over copies included). */
  conditions: ConditionView[];
  /** Earlier conditions this decision closed or carried over. */
  resolved_conditions: ConditionView[];
}

/** The initiative as the decision workflow sees it. */
export function initiativeState(i: Pick<Initiative, "phase" | "status" | "framework" | "track" | "track_reason" | "prototype_description">): InitiativeState {
  return {
    phase: i.phase,
    status: i.status,
    framework: i.framework,
    track: i.track,
    trackReason: i.track_reason,
    prototypeDescription: i.prototype_description,
  };
}

/** The stored JSON, read defensively: a malformed value shows as nothing rather than breaking the page. */
export function parseFlexiblyPassed(json: string): FlexiblyPassed[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v
      .filter((x): x is FlexiblyPassed => !!x && typeof x.criterionId === "string" && typeof x.justification === "string")
      .map((x) => ({ criterionId: x.criterionId, justification: x.justification }));
  } catch {
    return [];
  }
}

function conditionsQuery(db: Executor, initiativeId: number) {
  return db
    .selectFrom("conditions")
    .innerJoin("decisions", "decisions.id", "conditions.decision_id")
    .select([
      "conditions.id", "conditions.decision_id", "conditions.text", "conditions.owner", "conditions.due_date",
      "conditions.status", "conditions.state", "conditions.carried_from_id", "conditions.resolved_by_decision_id", "conditions.resolved_at",
      "decisions.outcome as decision_outcome", "decisions.decided_at as decision_decided_at",
    ])
    .where("conditions.initiative_id", "=", initiativeId);
}

/** An initiative's conditions (optionally only those with `status`), earliest due date first. */
export function listConditions(db: Executor, initiativeId: number, status?: ConditionStatus): Promise<ConditionView[]> {
  let q = conditionsQuery(db, initiativeId);
  if (status) q = q.where("conditions.status", "=", status);
  return q.orderBy("conditions.due_date").orderBy("conditions.id").execute();
}

/** An initiative's decisions, newest first (the order every decision list shows). */
export function decisionsQuery(db: Executor, initiativeId: number) {
  return db
    .selectFrom("decisions")
    .leftJoin("users", "users.id", "decisions.decided_by")
    .select([
      "decisions.id", "decisions.outcome", "decisions.from_phase", "decisions.to_phase", "decisions.resulting_phase",
      "decisions.resulting_status", "decisions.rationale", "decisions.flexibly_passed", "decisions.assessment_id",
      "decisions.decided_at", "users.name as decided_by_name",
    ])
    .where("decisions.initiative_id", "=", initiativeId)
    .orderBy("decisions.decided_at", "desc")
    .orderBy("decisions.id", "desc");
}

type DecisionRow = Awaited<ReturnType<ReturnType<typeof decisionsQuery>["execute"]>>[number];

/**
 * The decisions with the conditions each set and resolved. Given `decisionIds`, reads only the conditions those
 * decisions set or resolved (a page of decisions); otherwise all of the initiative's.
 */
export async function withConditions(db: Executor, initiativeId: number, rows: DecisionRow[], decisionIds?: number[]): Promise<DecisionView[]> {
  if (decisionIds && !decisionIds.length) return [];
  let q = conditionsQuery(db, initiativeId);
  if (decisionIds) q = q.where((eb) => eb.or([eb("conditions.decision_id", "in", decisionIds), eb("conditions.resolved_by_decision_id", "in", decisionIds)]));
  const conditions = await q.orderBy("conditions.id").execute();
  return rows.map((d) => ({
    ...d,
    flexibly_passed: parseFlexiblyPassed(d.flexibly_passed),
    conditions: conditions.filter((c) => c.decision_id === d.id),
    resolved_conditions: conditions.filter((c) => c.resolved_by_decision_id === d.id),
  }));
}

/** An initiative's decisions, newest first, each with the conditions it set and those it resolved. */
export async function listDecisions(db: Executor, initiativeId: number): Promise<DecisionView[]> {
  return withConditions(db, initiativeId, await decisionsQuery(db, initiativeId).execute());
}

export function countDecisions(db: Executor, initiativeId: number) {
  return db
    .selectFrom("decisions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("initiative_id", "=", initiativeId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** The calendar day in Denmark for an ISO timestamp: phase periods are dated as users read them. */
export function danishDate(iso: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

export interface RecordDecisionArgs {
  initiativeId: number;
  expectedVersion: number;
  input: Pick<DecisionInput, "outcome" | "targetPhase" | "rationale" | "conditions">;
  /** What `decide()` answered; recordDecision persists it and checks nothing of SUSI itself. */
  effect: DecisionEffect;
  assessmentId: number | null;
  resolutions: { conditionId: number; resolution: ConditionResolution }[];
  actorId: number;
  now: string;
  /** The meeting the decision was taken at (null outside a meeting). */
  meetingId?: number | null;
  /** The day the decision carries: the meeting's date (noon UTC), else `now`. */
  decidedAt?: string;
}

/**
 * Persists a decision `decide()` allowed, exactly as its effect says: the decision and its conditions, the
 * resolution of earlier open conditions, the initiative's new phase/status/track (optimistic: a stale version
 * throws ConflictError), the phase periods, the outcome of the phase it ends, the successor initiative a Go
 * under a new agreement creates (prefilled, linked), and the history rows. Call it inside a transaction.
 * Returns the decision id.
 */
export async function recordDecision(trx: Executor, args: RecordDecisionArgs): Promise<number> {
  const { initiativeId, input, effect, now } = args;
  const before = await getInitiative(trx, initiativeId);
  if (!before) throw new ConflictError("initiative", initiativeId);
  await bumpVersion(trx, initiativeId, args.expectedVersion, { phase: effect.phase, status: effect.status, track: effect.track }, now);

  const movesForward = input.outcome === "go" || input.outcome === "conditional_go";
  const { id: decisionId } = await trx
    .insertInto("decisions")
    .values({
      initiative_id: initiativeId,
      assessment_id: args.assessmentId,
      outcome: input.outcome,
      from_phase: before.phase,
      to_phase: movesForward ? input.targetPhase : null,
      resulting_phase: effect.phase,
      resulting_status: effect.status,
      rationale: input.rationale.trim(),
      flexibly_passed: JSON.stringify(effect.flexiblyPassed),
      decided_by: args.actorId,
      decided_at: args.decidedAt ?? now,
      meeting_id: args.meetingId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  for (const c of input.conditions) {
    await insertCondition(trx, { initiativeId, decisionId, text: c.text.trim(), owner: c.owner.trim(), dueDate: c.dueDate, carriedFromId: null });
  }
  await appendHistory(trx, {
    initiativeId, actorId: args.actorId, at: now, action: "decision.made", entity: "decision", entityId: decisionId,
    before: { phase: before.phase, status: before.status },
    after: { outcome: input.outcome, phase: effect.phase, status: effect.status },
  });
  for (const r of args.resolutions) {
    await resolveCondition(trx, { initiativeId, decisionId, conditionId: r.conditionId, resolution: r.resolution, actorId: args.actorId, now });
  }
  const today = danishDate(args.decidedAt ?? now);
  await movePhasePeriods(trx, initiativeId, effect, today);
  const successorId = effect.successor ? await createSuccessor(trx, before, effect.successor, { decisionId, actorId: args.actorId, now, today }) : null;
  if (effect.phaseOutcome) {
    await insertPhaseOutcomes(trx, [{
      initiativeId, phase: before.phase, outcome: effect.phaseOutcome, successorId, fromSource: false, ambiguity: null, decisionId,
    }], now);
    await appendHistory(trx, {
      initiativeId, actorId: args.actorId, at: now, action: "outcome.recorded", entity: "decision", entityId: decisionId,
      after: { phase: before.phase, kind: effect.phaseOutcome.kind, reason: effect.phaseOutcome.reason, successor_id: successorId },
    });
  }
  // Followers of the initiative hear of it when the change is public (the rule decides; DECISIONS 0102).
  await enqueuePhaseNotices(trx, {
    decisionId, initiativeId, outcome: input.outcome, decidedAt: args.decidedAt ?? now,
    before: { phase: before.phase, status: before.status }, after: { phase: effect.phase, status: effect.status },
  }, now);
  return decisionId;
}

/**
 * The successor a Go under a new agreement creates: its governed state as decide() gave it, the rest copied
 * from the predecessor; its first period starts on the decision's day; linked so the lineage shows it.
 */
async function createSuccessor(
  trx: Executor, before: Initiative, s: SuccessorToCreate, at: { decisionId: number; actorId: number; now: string; today: string },
): Promise<number> {
  const id = await createInitiative(trx, {
    title: s.title, description: before.description, area: before.area, targetGroup: before.target_group,
    agreementYears: s.agreementYears, track: s.track, trackReason: s.trackReason, prototypeDescription: s.prototypeDescription,
    phase: s.phase, status: s.status, framework: s.framework,
  }, at.actorId, at.now);
  if (before.owner_id !== null) await trx.updateTable("initiatives").set({ owner_id: before.owner_id }).where("id", "=", id).execute();
  await trx.updateTable("phase_periods").set({ actual_start: at.today }).where("initiative_id", "=", id).execute();
  await linkInitiatives(trx, before.id, id);
  await appendHistory(trx, {
    initiativeId: before.id, actorId: at.actorId, at: at.now, action: "initiative.linked", entity: "initiative", entityId: before.id,
    after: { successor_id: id, title: s.title, decision: at.decisionId },
  });
  await appendHistory(trx, {
    initiativeId: id, actorId: at.actorId, at: at.now, action: "initiative.continued_from", entity: "initiative", entityId: id,
    after: { predecessor_id: before.id, title: before.title, decision: at.decisionId, agreements: s.agreementYears },
  });
  return id;
}

async function insertCondition(
  trx: Executor,
  c: { initiativeId: number; decisionId: number; text: string; owner: string; dueDate: string; carriedFromId: number | null },
) {
  const { id } = await trx
    .insertInto("conditions")
    .values({
      initiative_id: c.initiativeId, decision_id: c.decisionId, text: c.text, owner: c.owner, due_date: c.dueDate,
      status: "open", carried_from_id: c.carriedFromId, resolved_by_decision_id: null, resolved_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Closes an open condition or carries it over (the old row becomes carried_over, an open copy linked by
 * carried_from_id is set under the new decision). A condition no longer open throws ConflictError.
 */
async function resolveCondition(
  trx: Executor,
  r: { initiativeId: number; decisionId: number; conditionId: number; resolution: ConditionResolution; actorId: number; now: string },
) {
  const old: Condition | undefined = await trx
    .selectFrom("conditions").selectAll()
    .where("id", "=", r.conditionId).where("initiative_id", "=", r.initiativeId).where("status", "=", "open")
    .executeTakeFirst();
  if (!old) throw new ConflictError("condition", r.conditionId);
  const status = r.resolution === "close" ? "closed" : "carried_over";
  await trx
    .updateTable("conditions")
    .set({ status, resolved_by_decision_id: r.decisionId, resolved_at: r.now })
    .where("id", "=", old.id)
    .execute();
  const copyId = r.resolution === "carry_over"
    ? await insertCondition(trx, {
      initiativeId: r.initiativeId, decisionId: r.decisionId, text: old.text, owner: old.owner, dueDate: old.due_date, carriedFromId: old.id,
    })
    : null;
  await appendHistory(trx, {
    initiativeId: r.initiativeId, actorId: r.actorId, at: r.now,
    action: status === "closed" ? "condition.closed" : "condition.carried_over", entity: "condition", entityId: old.id,
    before: { text: old.text, status: old.status },
    after: copyId === null ? { status, decision: r.decisionId } : { status, decision: r.decisionId, carried_to: copyId },
  });
}

/**
 * As the effect says: when the phase ends the current period gets today as its actual end; when a new
 * period starts it opens with today as its actual start.
 */
async function movePhasePeriods(trx: Executor, initiativeId: number, effect: DecisionEffect, today: string) {
  if (effect.endsPeriod) {
    // The current period is the latest; an end date already recorded by hand is left as it is.
    const current = await trx
      .selectFrom("phase_periods").select(["id", "actual_end"])
      .where("initiative_id", "=", initiativeId)
      .orderBy("id", "desc").limit(1)
      .executeTakeFirst();
    if (current && current.actual_end === null) await trx.updateTable("phase_periods").set({ actual_end: today }).where("id", "=", current.id).execute();
  }
  if (effect.startsPeriod) {
    await trx
      .insertInto("phase_periods")
      .values({ initiative_id: initiativeId, phase: effect.phase, planned_start: null, planned_end: null, actual_start: today, actual_end: null })
      .execute();
  }
}
