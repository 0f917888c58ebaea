// Retry policy for the notification outbox: exponential back-off, a visible "dead" status when we give up,
// and the weekly digest's schedule. Pure: time comes in as ISO strings, so there is no clock and no jitter.
// Which rows are due is the claim in db/queries/outbox.ts: one statement (`update … where id in (select …)
// returning *`, skipping locked rows on PostgreSQL), so two workers never take the same row.

export const OUTBOX_STATUSES = ["pending", "sent", "dead"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface RetryPolicy {
  /** Delay after the first failed attempt; doubles after each further failure. */
  baseDelayMs: number;
  /** The doubling stops here. */
  maxDelayMs: number;
  /** After this many failed attempts the row is dead and needs a person. */
  maxAttempts: number;
}

// 1, 2, 4, 8, 16, 32 min, then hourly: the 10th failure comes about four hours after the first, long
// enough to ride out a mail-server restart or a night's maintenance window, short enough that a stuck
// notification is noticed the same working day.
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 60_000, maxDelayMs: 3_600_000, maxAttempts: 10 };

export interface OutboxEntry {
  status: OutboxStatus;
  /** Attempts made so far, failed or not. */
  attempts: number;
  /** When the row may next be tried; null once sent or dead. */
  nextAttemptAt: string | null;
  lastError: string | null;
}

export type RetryDecision =
  | { status: "pending"; attempts: number; nextAttemptAt: string; lastError: string }
  | { status: "dead"; attempts: number; nextAttemptAt: null; lastError: string };

function toMs(iso: string, name: string): number {
  const ms = Date.parse(iso);
  // A malformed timestamp is a programming error, not a refusal a user could act on.
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not an ISO timestamp: ${JSON.stringify(iso)}`);
  return ms;
}

/** A row just written: due at once. */
export function newOutboxEntry(now: string): OutboxEntry {
  return { status: "pending", attempts: 0, nextAttemptAt: new Date(toMs(now, "now")).toISOString(), lastError: null };
}

/** The wait after `failedAttempts` failures (1 → base, 2 → 2 × base, …, capped). */
export function backoffDelayMs(failedAttempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  if (failedAttempts < 1) return 0;
  // Cap the exponent too, so a huge attempt count cannot overflow to Infinity.
  const exponent = Math.min(failedAttempts - 1, 52);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/**
 * What happens after a failed send. `attempts` counts attempts made so far including the one that just
 * failed. A permanent error (the mail server rejected the address, say) is dead at once: retrying it
 * only delays the moment a person sees it. Giving up is a status, never a dropped row.
 */
export function nextAttempt(
  attempts: number,
  now: string,
  lastError: string,
  options: { permanent?: boolean; policy?: RetryPolicy } = {},
): RetryDecision {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const nowMs = toMs(now, "now");
  const error = lastError.trim() === "" ? "unknown error" : lastError;
  const made = Math.max(attempts, 1);
  if (options.permanent || made >= policy.maxAttempts) {
    return { status: "dead", attempts: made, nextAttemptAt: null, lastError: error };
  }
  return { status: "pending", attempts: made, nextAttemptAt: new Date(nowMs + backoffDelayMs(made, policy)).toISOString(), lastError: error };
}

/** The whole schedule a policy gives, for the admin page ("næste forsøg om …") and for the tests. */
export function retrySchedule(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number[] {
  return Array.from({ length: policy.maxAttempts - 1 }, (_, i) => backoffDelayMs(i + 1, policy));
}

// ---------------------------------------------------------------------------------------------------------
// The weekly digest

const COPENHAGEN = "Europe/Copenhagen";
const DIGEST_WEEKDAY = 1; // Monday
const DIGEST_HOUR = 7; // 07:00 Danish time, before the working day starts

function copenhagenOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: COPENHAGEN, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * When the weekly digest that will carry something queued at `now` goes out: the next Monday 07:00 in
 * Copenhagen (summer or winter time) strictly after `now`. So a digest lists the week's notices.
 */
export function nextDigestAt(now: string): string {
  const at = new Date(now);
  if (Number.isNaN(at.getTime())) throw new RangeError(`now is not an ISO timestamp: ${JSON.stringify(now)}`);
  const local = new Date(at.getTime() + copenhagenOffsetMinutes(at) * 60_000);
  const daysAhead = (DIGEST_WEEKDAY - local.getUTCDay() + 7) % 7;
  for (const extra of [0, 7]) {
    const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + daysAhead + extra, DIGEST_HOUR);
    // Local wall-clock time → instant: subtract the offset in force at (about) that time.
    let instant = day - copenhagenOffsetMinutes(new Date(day)) * 60_000;
    instant = day - copenhagenOffsetMinutes(new Date(instant)) * 60_000;
    if (instant > at.getTime()) return new Date(instant).toISOString();
  }
  throw new Error("unreachable");
}
