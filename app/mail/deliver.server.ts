// One delivery pass over the outbox: build the weekly digests that are due, claim due rows under a lease,
// render each once, send it over SMTP outside any transaction, then mark it sent, or schedule the retry
// (workflows/outbox decides back-off and giving up). Used by the in-server worker and by scripts/outbox.ts.
import { randomUUID } from "node:crypto";
import type { Db, Executor } from "#db/client";
import { enqueueConditionReminders } from "#db/queries/conditions";
import { reminderDaysFrom } from "#workflows/condition";
import {
  buildDueDigests, claimDueMessages, markFailed, markSent, parsePayload, saveRenderedMessage, type OutboxRow,
} from "#db/queries/outbox";
import { eraseEndedSubscribers } from "#db/queries/subscriptions";
import { DEFAULT_RETRY_POLICY, nextAttempt, type RetryPolicy } from "#workflows/outbox";
import { publishDueReleases } from "~/utils/release-publish.server";
import { renderMail } from "./templates.server";
import { hashToken, newToken } from "./tokens.server";
import { errorText, isPermanentSmtpError, senderDomain, type MailConfig, type MailTransport } from "./transport.server";

export interface DeliveryOptions {
  config: MailConfig;
  transport: MailTransport;
  now?: () => Date;
  /** Rows claimed per pass. */
  limit?: number;
  /** How long a claim holds. Must exceed the transport's worst-case send time (about 50 s, see transport). */
  leaseMs?: number;
  policy?: RetryPolicy;
  /** Days before a condition's due date its owner is first reminded; default CONDITION_REMINDER_DAYS, else 7. */
  reminderDays?: number;
}

export interface DeliveryReport {
  /** Scheduled releases published this pass (their notices are then due at once). */
  releasesPublished: number;
  digestsBuilt: number;
  /** Addresses erased because their subscription ended (or was never confirmed) 30 days ago. */
  erased: number;
  /** Condition reminders queued this pass (each is queued once, ever). */
  remindersQueued: number;
  claimed: number;
  sent: number;
  /** Failed this time, scheduled again. */
  retrying: number;
  /** Given up: a permanent refusal, or out of attempts. */
  dead: number;
  /** Another worker took the row over (our lease ran out); left to it. */
  lostLease: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

export async function deliverDueMessages(db: Executor, o: DeliveryOptions): Promise<DeliveryReport> {
  const clock = o.now ?? (() => new Date());
  const policy = o.policy ?? DEFAULT_RETRY_POLICY;
  const report: DeliveryReport = { releasesPublished: 0, digestsBuilt: 0, erased: 0, remindersQueued: 0, claimed: 0, sent: 0, retrying: 0, dead: 0, lostLease: 0 };

  const start = clock();
  // First the due check: a scheduled release published now has its notices claimed in this same pass. The
  // worker's handle is the app's Kysely (never a transaction), which publishing needs to open one per release.
  report.releasesPublished = await publishDueReleases(db as Db, start.toISOString(), o.config.baseUrl);
  report.digestsBuilt = await buildDueDigests(db, start.toISOString());
  report.erased = await eraseEndedSubscribers(db, start.toISOString());
  report.remindersQueued = await enqueueConditionReminders(db, start.toISOString(), o.reminderDays ?? reminderDaysFrom(process.env.CONDITION_REMINDER_DAYS));
  const leaseToken = randomUUID();
  const rows = await claimDueMessages(db, {
    now: start.toISOString(),
    leaseToken,
    lockedUntil: new Date(start.getTime() + (o.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
    limit: o.limit ?? 50,
  });
  report.claimed = rows.length;

  for (const row of rows) {
    const outcome = await deliverOne(db, row, leaseToken, o, policy, clock);
    report[outcome] += 1;
  }
  return report;
}

type Outcome = "sent" | "retrying" | "dead" | "lostLease";

async function fail(db: Executor, row: OutboxRow, leaseToken: string, error: unknown, permanent: boolean, policy: RetryPolicy, now: string): Promise<Outcome> {
  const decision = nextAttempt(row.attempts, now, errorText(error), { permanent, policy });
  if (!(await markFailed(db, row.id, leaseToken, decision))) return "lostLease";
  return decision.status === "dead" ? "dead" : "retrying";
}

async function deliverOne(
  db: Executor, row: OutboxRow, leaseToken: string, o: DeliveryOptions, policy: RetryPolicy, clock: () => Date,
): Promise<Outcome> {
  // Only a row whose earlier worker died mid-send (lease ran out) gets past maxAttempts: stop there.
  if (row.attempts > policy.maxAttempts) {
    return fail(db, row, leaseToken, "gave up: the worker stopped while sending, too many times", true, policy, clock().toISOString());
  }

  let message = row.text === null ? null : {
    subject: row.subject ?? "", text: row.text, html: row.html ?? "", headers: JSON.parse(row.headers ?? "{}") as Record<string, string>,
  };
  if (!message) {
    const unsubscribeToken = newToken();
    try {
      message = renderMail(row.kind, parsePayload(row), { baseUrl: o.config.baseUrl, unsubscribeToken });
    } catch (error) {
      return fail(db, row, leaseToken, error, true, policy, clock().toISOString());
    }
    // Stored before the first send, so every retry sends the same bytes with the same working link.
    const saved = await saveRenderedMessage(db, row.id, leaseToken, { ...message, unsubscribeTokenHash: hashToken(unsubscribeToken) });
    if (!saved) return "lostLease";
  }

  try {
    // No transaction is open here: the network wait holds no database lock.
    await o.transport.sendMail({
      from: o.config.from,
      to: row.recipient,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      messageId: `<${row.message_id}@${senderDomain(o.config.from)}>`,
    });
  } catch (error) {
    return fail(db, row, leaseToken, error, isPermanentSmtpError(error), policy, clock().toISOString());
  }
  return (await markSent(db, row.id, leaseToken, clock().toISOString())) ? "sent" : "lostLease";
}
