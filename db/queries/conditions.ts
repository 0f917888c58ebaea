// Conditions once set by a Conditional Go: their owner (a user), due date and state, changed through
// workflows/condition.ts with a version guard and a history row; what falls due (the steering group's list
// and the reminder pass); and the reminder mails, queued once each through the outbox's dedupe key.
import { randomUUID } from "node:crypto";
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { ConditionsTable } from "../schema";
import { addDays, dueStanding, isOverdue, reminderDue, type ConditionState, type DueStanding } from "../../workflows/condition";
import type { Outcome } from "../../workflows/decision";
import type { PhasePeriod } from "../../workflows/phase-model";
import { danishDate } from "./decisions";
import { appendHistory } from "./history";

export interface ConditionRow {
  id: number;
  initiative_id: number;
  decision_id: number;
  text: string;
  owner: string;
  owner_id: number | null;
  owner_name: string | null;
  due_date: string;
  status: ConditionsTable["status"];
  state: ConditionState;
  state_note: string;
  state_changed_at: string | null;
  carried_from_id: number | null;
  version: number;
  decision_outcome: Outcome;
  decision_decided_at: string;
}

function conditionRows(db: Executor) {
  return db
    .selectFrom("conditions")
    .innerJoin("decisions", "decisions.id", "conditions.decision_id")
    .leftJoin("users", "users.id", "conditions.owner_id")
    .select([
      "conditions.id", "conditions.initiative_id", "conditions.decision_id", "conditions.text", "conditions.owner",
      "conditions.owner_id", "users.name as owner_name", "conditions.due_date", "conditions.status", "conditions.state",
      "conditions.state_note", "conditions.state_changed_at", "conditions.carried_from_id", "conditions.version",
      "decisions.outcome as decision_outcome", "decisions.decided_at as decision_decided_at",
    ]);
}

/** Every condition of an initiative: those in force first, earliest due first. */
export async function listInitiativeConditions(db: Executor, initiativeId: number): Promise<ConditionRow[]> {
  const rows = await conditionRows(db).where("conditions.initiative_id", "=", initiativeId)
    .orderBy("conditions.due_date").orderBy("conditions.id").execute();
  return rows.sort((a, b) => Number(a.status !== "open") - Number(b.status !== "open"));
}

export function getInitiativeCondition(db: Executor, initiativeId: number, conditionId: number): Promise<ConditionRow | undefined> {
  return conditionRows(db).where("conditions.initiative_id", "=", initiativeId).where("conditions.id", "=", conditionId).executeTakeFirst();
}

/** The users who can answer for a condition: every active account. */
export function listConditionOwners(db: Executor) {
  return db.selectFrom("users").select(["id", "name", "role"]).where("active", "=", 1).orderBy("name").orderBy("id").execute();
}

export async function isActiveUser(db: Executor, userId: number): Promise<boolean> {
  return !!(await db.selectFrom("users").select("id").where("id", "=", userId).where("active", "=", 1).executeTakeFirst());
}

async function guardedUpdate(trx: Executor, c: ConditionRow, expectedVersion: number, patch: Record<string, unknown>) {
  const result = await trx.updateTable("conditions").set({ ...patch, version: expectedVersion + 1 })
    .where("id", "=", c.id).where("version", "=", expectedVersion).where("status", "=", "open").executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ConflictError("condition", c.id);
}

/** Owner and due date, as workflows/condition.ts assignCondition allowed them. The owner's name is written too. */
export async function saveConditionAssignment(
  trx: Executor, c: ConditionRow, expectedVersion: number, v: { ownerId: number; dueDate: string }, actorId: number, now: string,
) {
  const owner = await trx.selectFrom("users").select("name").where("id", "=", v.ownerId).executeTakeFirstOrThrow();
  await guardedUpdate(trx, c, expectedVersion, { owner_id: v.ownerId, owner: owner.name, due_date: v.dueDate });
  await appendHistory(trx, {
    initiativeId: c.initiative_id, actorId, at: now, action: "condition.assigned", entity: "condition", entityId: c.id,
    before: { owner: c.owner_name ?? c.owner, due_date: c.due_date }, after: { owner: owner.name, due_date: v.dueDate },
  });
}

/** Met, waived or open again, as workflows/condition.ts setConditionState allowed it. */
export async function saveConditionState(
  trx: Executor, c: ConditionRow, expectedVersion: number, v: { state: ConditionState; note: string }, actorId: number, now: string,
) {
  await guardedUpdate(trx, c, expectedVersion, { state: v.state, state_note: v.note, state_changed_at: now, state_changed_by: actorId });
  await appendHistory(trx, {
    initiativeId: c.initiative_id, actorId, at: now, action: `condition.${v.state === "open" ? "reopened" : v.state}`,
    entity: "condition", entityId: c.id,
    before: { state: c.state }, after: v.note ? { state: v.state, note: v.note } : { state: v.state },
  });
}

export interface ConditionDue {
  id: number;
  text: string;
  owner: string;
  owner_id: number | null;
  due_date: string;
  standing: DueStanding;
  overdue: boolean;
  initiative_id: number;
  initiative_title: string;
  initiative_area: string;
  initiative_phase: PhasePeriod;
}

/**
 * Outstanding conditions (in force, neither met nor waived) due within `days` of `now`'s Danish calendar
 * day, overdue ones included, earliest due first: what awaits the steering group (/styregruppe) and owners.
 */
export async function openConditionsDue(db: Executor, now: string, days = 7): Promise<ConditionDue[]> {
  const today = danishDate(now);
  const rows = await db
    .selectFrom("conditions")
    .innerJoin("initiatives", "initiatives.id", "conditions.initiative_id")
    .leftJoin("users", "users.id", "conditions.owner_id")
    .select([
      "conditions.id", "conditions.text", "conditions.owner", "users.name as owner_name", "conditions.owner_id",
      "conditions.due_date", "conditions.status", "conditions.state", "initiatives.id as initiative_id",
      "initiatives.title as initiative_title", "initiatives.area as initiative_area", "initiatives.phase as initiative_phase",
    ])
    .where("conditions.status", "=", "open")
    .where("conditions.state", "=", "open")
    .where("conditions.due_date", "<=", addDays(today, days))
    .orderBy("conditions.due_date").orderBy("conditions.id")
    .execute();
  return rows.map((r) => ({
    id: r.id, text: r.text, owner: r.owner_name ?? r.owner, owner_id: r.owner_id, due_date: r.due_date,
    standing: dueStanding({ status: r.status, state: r.state, dueDate: r.due_date }, today, days),
    overdue: isOverdue({ status: r.status, state: r.state, dueDate: r.due_date }, today),
    initiative_id: r.initiative_id, initiative_title: r.initiative_title, initiative_area: r.initiative_area, initiative_phase: r.initiative_phase,
  }));
}

export interface ReminderPayload {
  kind: "before" | "due";
  conditionId: number;
  initiativeId: number;
  initiativeTitle: string;
  text: string;
  dueDate: string;
  ownerName: string;
}

/**
 * Queues the reminders owners should have by `now`: one "before" mail `days` before the due date and one on
 * it (workflows/condition.ts reminderDue). Each is one insert whose dedupe key names the condition, the kind
 * and the due date, so repeated passes, or two workers at once, queue each reminder exactly once.
 */
export async function enqueueConditionReminders(db: Executor, now: string, days: number): Promise<number> {
  const today = danishDate(now);
  const rows = await db
    .selectFrom("conditions")
    .innerJoin("initiatives", "initiatives.id", "conditions.initiative_id")
    .innerJoin("users", "users.id", "conditions.owner_id")
    .select([
      "conditions.id", "conditions.text", "conditions.due_date", "conditions.status", "conditions.state", "conditions.owner_id",
      "initiatives.id as initiative_id", "initiatives.title as initiative_title", "users.email", "users.name as owner_name",
    ])
    .where("conditions.status", "=", "open")
    .where("conditions.state", "=", "open")
    .where("users.active", "=", 1)
    .where("conditions.due_date", "<=", addDays(today, days))
    .orderBy("conditions.id")
    .execute();
  let queued = 0;
  for (const r of rows) {
    const due = reminderDue({ status: r.status, state: r.state, dueDate: r.due_date, ownerId: r.owner_id }, today, days);
    if (!due) continue;
    const payload: ReminderPayload = {
      kind: due.kind, conditionId: r.id, initiativeId: r.initiative_id, initiativeTitle: r.initiative_title,
      text: r.text, dueDate: r.due_date, ownerName: r.owner_name,
    };
    const result = await db
      .insertInto("outbox")
      .values({
        kind: "reminder", recipient: r.email, payload: JSON.stringify(payload), message_id: randomUUID(),
        dedupe_key: `condition-reminder:${r.id}:${r.owner_id}:${due.key}`, status: "pending", attempts: 0, next_attempt_at: now, created_at: now,
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}
