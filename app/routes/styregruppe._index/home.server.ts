// The steering group's home: what awaits its decision (submitted assessments, initiatives on hold, open
// conditions), each with how long it has waited, and its meetings.
import type { Executor } from "#db/client";
import { listAwaitingDecision, listMeetings } from "#db/queries/meetings";
import { daysWaiting } from "#workflows/meeting";

export async function loadAwaiting(db: Executor, now: string) {
  const { submitted, held, conditions } = await listAwaitingDecision(db);
  return {
    submitted: submitted.map((s) => ({ ...s, days: s.submitted_at ? daysWaiting(s.submitted_at, now) : 0 })),
    held: held.map((h) => ({ ...h, days: h.held_since ? daysWaiting(h.held_since, now) : null })),
    conditions,
  };
}

export async function loadSteeringHome(db: Executor, now: string) {
  const [awaiting, meetings] = await Promise.all([loadAwaiting(db, now), listMeetings(db)]);
  return { ...awaiting, meetings, now };
}
