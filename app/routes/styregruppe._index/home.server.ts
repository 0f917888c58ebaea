// The steering group's home: what awaits its decision (submitted assessments, initiatives on hold, open
// conditions due or overdue, marked as such), each with how long it has waited, and its meetings.
import type { Executor } from "#db/client";
import { danishDate } from "#db/queries/decisions";
import { listAwaitingDecision, listMeetings } from "#db/queries/meetings";
import { addDays, dueStanding, reminderDaysFrom } from "#workflows/condition";
import { daysWaiting } from "#workflows/meeting";

export async function loadAwaiting(db: Executor, now: string) {
  const today = danishDate(now);
  // "Due" is the reminder rule's: within the days before the due date that the owner is reminded.
  const reminderDays = reminderDaysFrom(process.env.CONDITION_REMINDER_DAYS);
  const { submitted, held, conditions } = await listAwaitingDecision(db, addDays(today, reminderDays));
  return {
    submitted: submitted.map((s) => ({ ...s, days: s.submitted_at ? daysWaiting(s.submitted_at, now) : 0 })),
    held: held.map((h) => ({ ...h, days: h.held_since ? daysWaiting(h.held_since, now) : null })),
    conditions: conditions.map((c) => ({ ...c, standing: dueStanding({ status: c.status, state: c.state, dueDate: c.due_date }, today, reminderDays) })),
  };
}

export async function loadSteeringHome(db: Executor, now: string) {
  const [awaiting, meetings] = await Promise.all([loadAwaiting(db, now), listMeetings(db)]);
  return { ...awaiting, meetings, now };
}
