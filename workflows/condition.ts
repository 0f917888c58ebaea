// A condition of a Conditional Go once it is set: who answers for it (a user), when it is due, and whether
// it has been met or waived. When it comes due and whom to remind. Pure: "today" is a calendar day
// (YYYY-MM-DD, Danish time) given by the caller, never read from a clock here.
import { holdsAnyRole, holdsRole, type RoleHolder } from "./roles";

export const CONDITION_STATES = ["open", "met", "waived"] as const;
export type ConditionState = (typeof CONDITION_STATES)[number];

/** How a condition stands against the decisions: still in force, or closed/carried over by a later one. */
export type ConditionStanding = "open" | "closed" | "carried_over";

export interface ConditionFacts {
  status: ConditionStanding;
  state: ConditionState;
  dueDate: string;
  ownerId: number | null;
}

/** Days before the due date the owner is first reminded (CONDITION_REMINDER_DAYS). */
export const DEFAULT_REMINDER_DAYS = 7;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD and a day that exists (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The calendar day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whether the condition still asks for something: in force and neither met nor waived. */
export function isOutstanding(c: Pick<ConditionFacts, "status" | "state">): boolean {
  return c.status === "open" && c.state === "open";
}

/** Overdue: outstanding and its due date has passed (the due date itself is not yet overdue). */
export function isOverdue(c: Pick<ConditionFacts, "status" | "state" | "dueDate">, today: string): boolean {
  return isOutstanding(c) && c.dueDate < today;
}

export type DueStanding = "overdue" | "due_today" | "due_soon" | "later" | "settled";

/** Where an outstanding condition stands against its due date, `reminderDays` counting as "soon". */
export function dueStanding(c: Pick<ConditionFacts, "status" | "state" | "dueDate">, today: string, reminderDays = DEFAULT_REMINDER_DAYS): DueStanding {
  if (!isOutstanding(c)) return "settled";
  if (c.dueDate < today) return "overdue";
  if (c.dueDate === today) return "due_today";
  return c.dueDate <= addDays(today, reminderDays) ? "due_soon" : "later";
}

export type ReminderKind = "before" | "due";

/**
 * The reminder an owner should have by today, or null: "before" from `reminderDays` before the due date,
 * "due" from the due date on (a pass that runs late still sends it once). Each is keyed by the condition,
 * the kind and the due date, so it is sent once, and again only if the due date is moved.
 */
export function reminderDue(c: ConditionFacts, today: string, reminderDays = DEFAULT_REMINDER_DAYS): { kind: ReminderKind; key: string } | null {
  if (!isOutstanding(c) || c.ownerId === null) return null;
  if (today >= c.dueDate) return { kind: "due", key: `due:${c.dueDate}` };
  if (today >= addDays(c.dueDate, -Math.max(0, reminderDays))) return { kind: "before", key: `before:${c.dueDate}` };
  return null;
}

/** CONDITION_REMINDER_DAYS as a number of days (0–365), or the default when unset or not a whole number. */
export function reminderDaysFrom(value: string | undefined): number {
  if (value === undefined || !/^\d{1,3}$/.test(value.trim())) return DEFAULT_REMINDER_DAYS;
  return Math.min(365, Number(value.trim()));
}

// ---------------------------------------------------------------------------------------------------
// Changing a condition: owner and due date; met, waived or open again.

export type ConditionRefusal =
  | { code: "not_allowed" }
  | { code: "condition_resolved"; status: ConditionStanding }
  | { code: "owner_invalid" }
  | { code: "due_invalid" }
  | { code: "state_invalid" }
  | { code: "waive_steering_only" }
  | { code: "note_missing" }
  | { code: "unchanged" };

type Actor = RoleHolder;

const MANAGERS = ["program_manager", "steering_group"];

/** The program manager and the steering group look after conditions; nobody changes one a later decision has resolved. */
function guard(actor: Actor, c: ConditionFacts): ConditionRefusal | null {
  if (!holdsAnyRole(actor, MANAGERS)) return { code: "not_allowed" };
  if (c.status !== "open") return { code: "condition_resolved", status: c.status };
  return null;
}

/** Who answers for the condition and by when. `ownerIsActiveUser` is the caller's look-up of the chosen user. */
export function assignCondition(
  actor: Actor,
  c: ConditionFacts,
  input: { ownerId: number | null; ownerIsActiveUser: boolean; dueDate: string },
): { ok: true; value: { ownerId: number; dueDate: string } } | { ok: false; refusals: ConditionRefusal[] } {
  const blocked = guard(actor, c);
  if (blocked) return { ok: false, refusals: [blocked] };
  const refusals: ConditionRefusal[] = [];
  if (input.ownerId === null || !input.ownerIsActiveUser) refusals.push({ code: "owner_invalid" });
  if (!isCalendarDay(input.dueDate)) refusals.push({ code: "due_invalid" });
  if (refusals.length) return { ok: false, refusals };
  if (input.ownerId === c.ownerId && input.dueDate === c.dueDate) return { ok: false, refusals: [{ code: "unchanged" }] };
  return { ok: true, value: { ownerId: input.ownerId!, dueDate: input.dueDate } };
}

/**
 * Marking the condition met (program manager or steering group), waiving it (the steering group that set it,
 * with a written note), or opening it again. The next decision still closes or carries it over.
 */
export function setConditionState(
  actor: Actor,
  c: ConditionFacts,
  input: { state: string; note: string },
): { ok: true; value: { state: ConditionState; note: string } } | { ok: false; refusals: ConditionRefusal[] } {
  const blocked = guard(actor, c);
  if (blocked) return { ok: false, refusals: [blocked] };
  if (!(CONDITION_STATES as readonly string[]).includes(input.state)) return { ok: false, refusals: [{ code: "state_invalid" }] };
  const state = input.state as ConditionState;
  const note = input.note.trim();
  const refusals: ConditionRefusal[] = [];
  if (state === "waived" && !holdsRole(actor, "steering_group")) refusals.push({ code: "waive_steering_only" });
  if (state === "waived" && note === "") refusals.push({ code: "note_missing" });
  if (refusals.length) return { ok: false, refusals };
  if (state === c.state) return { ok: false, refusals: [{ code: "unchanged" }] };
  return { ok: true, value: { state, note } };
}
