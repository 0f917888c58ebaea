// The mail outbox: queueing release notices for matching subscribers (inside the publisher's transaction),
// weekly digests, and the claim → send → mark cycle of the delivery worker.
//
// Concurrency: every write the worker makes is ONE statement (claim is `update … where id in (select …)
// returning *`), so two workers, in two processes or on two connections of one process, can never claim
// the same row, and no transaction is held open across an await while the other waits on the lock.
// Delivery is at-least-once: a worker that dies after the SMTP server accepted a mail but before it
// marked the row sent leaves it `sending`; when the lease runs out the row is sent again, with the same
// Message-ID, so the receiving side can recognise the duplicate. See DECISIONS.md.
import { randomUUID } from "node:crypto";
import { sql, type ExpressionBuilder } from "kysely";
import type { Executor } from "../client";
import { skipLocked } from "../dialect";
import type { DB, OutboxKind, OutboxTable, SubscriptionFrequency } from "../schema";
import { newOutboxEntry, nextDigestAt, type RetryDecision } from "../../workflows/outbox";
import type { Selectable } from "kysely";

export type OutboxRow = Selectable<OutboxTable>;

/** What the releases side hands over when an edition is published that should notify. */
export interface ReleaseForNotice {
  id: number;
  title: string;
  summary: string;
  /** Every area the release concerns: a subscriber following any of them is told. */
  areas: ("adults" | "children")[];
  topics: string[];
  edition: number;
  /** The public address of the release; absolute, or a path resolved against PUBLIC_BASE_URL. */
  url: string;
  /** "Hvad er ændret" of a major edition; empty otherwise. */
  changeNote?: string;
}

/** The payload of a notice row: enough to render the mail without looking the release up again. */
export interface NoticePayload {
  release: Omit<ReleaseForNotice, "topics"> & { topics: string[] };
}

export interface DigestItem {
  id: number;
  title: string;
  summary: string;
  url: string;
  edition: number;
}

export interface DigestPayload {
  dueAt: string;
  releases: DigestItem[];
}

/**
 * Topics match case- and space-insensitively. Lower-casing happens here, not in SQL: SQLite's lower()
 * only knows ASCII, so "Børn" and "BØRN" would not meet there.
 */
export function topicKey(topic: string): string {
  return topic.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da-DK");
}

// The digest schedule is a rule (workflows/outbox.ts); re-exported for the callers that read it here.
export { nextDigestAt };

const CHUNK = 200;

/**
 * Queues the notice of a published release (or major edition) for every confirmed subscriber who follows
 * its area, one of its topics or its initiative: immediate subscribers get a pending outbox row due now, weekly ones an
 * entry for their next digest. Call it inside the publishing transaction, so a rolled-back publication
 * queues nothing. Idempotent per release id: calling it twice queues nobody twice. Returns how many
 * subscribers were queued now.
 */
export async function enqueueReleaseNotices(trx: Executor, release: ReleaseForNotice, now: string): Promise<number> {
  const keys = [...new Set(release.topics.map(topicKey).filter(Boolean))];
  const areaColumns = release.areas.map((a) => (a === "adults" ? "s.follows_adults" as const : "s.follows_children" as const));
  // Followers of the release's initiative hear of it too (issue 13); looked up here, so the publishing step need not say.
  const initiativeId = (await trx.selectFrom("releases").select("initiative_id").where("id", "=", release.id).executeTakeFirst())?.initiative_id;
  const matches = await trx
    .selectFrom("subscribers as s")
    .select(["s.id", "s.email", "s.frequency"])
    .where("s.status", "=", "confirmed")
    .where((eb) => {
      const follows = areaColumns.map((c) => eb(c, "=", 1));
      if (keys.length) {
        follows.push(
          eb.exists(
            eb.selectFrom("subscriber_topics as t").select("t.subscriber_id")
              .whereRef("t.subscriber_id", "=", "s.id").where("t.topic_key", "in", keys),
          ),
        );
      }
      if (initiativeId !== undefined) {
        follows.push(
          eb.exists(
            eb.selectFrom("subscriber_initiatives as fi").select("fi.subscriber_id")
              .whereRef("fi.subscriber_id", "=", "s.id").where("fi.initiative_id", "=", initiativeId),
          ),
        );
      }
      return eb.or(follows);
    })
    .where((eb) =>
      eb.not(eb.exists(
        eb.selectFrom("release_notices as n").select("n.subscriber_id")
          .whereRef("n.subscriber_id", "=", "s.id").where("n.release_id", "=", release.id),
      )),
    )
    .orderBy("s.id")
    .execute();
  if (!matches.length) return 0;

  const entry = newOutboxEntry(now);
  const payload = JSON.stringify({ release: { ...release, topics: release.topics } } satisfies NoticePayload);
  const digestDueAt = nextDigestAt(now);
  for (let i = 0; i < matches.length; i += CHUNK) {
    const chunk = matches.slice(i, i + CHUNK);
    const immediate = chunk.filter((s) => s.frequency === "immediate");
    const outboxIds = new Map<number, number>();
    if (immediate.length) {
      const inserted = await trx
        .insertInto("outbox")
        .values(immediate.map((s) => ({
          kind: "notice" as const,
          recipient: s.email,
          subscriber_id: s.id,
          release_id: release.id,
          payload,
          message_id: randomUUID(),
          dedupe_key: `notice:${release.id}:${s.id}`,
          status: entry.status,
          attempts: entry.attempts,
          next_attempt_at: entry.nextAttemptAt,
          created_at: now,
        })))
        .returning(["id", "subscriber_id"])
        .execute();
      for (const r of inserted) outboxIds.set(r.subscriber_id!, r.id);
    }
    await trx
      .insertInto("release_notices")
      .values(chunk.map((s) => ({
        release_id: release.id,
        subscriber_id: s.id,
        edition: release.edition,
        release_title: release.title,
        release_summary: release.summary,
        release_url: release.url,
        frequency: s.frequency as SubscriptionFrequency,
        outbox_id: outboxIds.get(s.id) ?? null,
        digest_due_at: s.frequency === "weekly" ? digestDueAt : null,
        queued_at: now,
      })))
      .execute();
  }
  return matches.length;
}

/** What a withdrawal notice says: the release, its reason and the page that now shows only that. */
export interface WithdrawalPayload {
  withdrawal: { id: number; title: string; reason: string; withdrawnAt: string; url: string };
}

/**
 * Tells every subscriber who was told of a release (of any of its editions, `seriesIds`) that it was withdrawn,
 * with the reason: one immediate withdrawal mail each, whatever their frequency (a withdrawal cannot wait for
 * Monday). "Told" is what release_notices records: a notice or digest that was sent (or is being sent), or a
 * digest already built and waiting. A notice not yet on its way is taken back instead: its pending outbox row is
 * cancelled, a weekly entry not yet in a digest loses its due time, and that subscriber gets no withdrawal mail
 * about something they never heard of. Call it inside the withdrawing transaction; idempotent per release and
 * subscriber (dedupe key). Returns how many were queued.
 */
export async function enqueueWithdrawalNotices(
  trx: Executor,
  w: WithdrawalPayload["withdrawal"] & { seriesIds: number[] },
  now: string,
): Promise<number> {
  if (w.seriesIds.length === 0) return 0;
  await trx
    .updateTable("outbox")
    .set({ status: "cancelled", next_attempt_at: null, version: sql`version + 1` })
    .where("kind", "=", "notice")
    .where("status", "=", "pending")
    .where("release_id", "in", w.seriesIds)
    .execute();
  await trx
    .updateTable("release_notices")
    .set({ digest_due_at: null })
    .where("release_id", "in", w.seriesIds)
    .where("outbox_id", "is", null)
    .execute();
  const told = await trx
    .selectFrom("release_notices as n")
    .innerJoin("outbox as o", "o.id", "n.outbox_id")
    .innerJoin("subscribers as s", "s.id", "n.subscriber_id")
    .select(["s.id", "s.email"])
    .distinct()
    .where("n.release_id", "in", w.seriesIds)
    .where("s.status", "=", "confirmed")
    .where((eb) => eb.or([eb("o.status", "in", ["sent", "sending"]), eb.and([eb("o.kind", "=", "digest"), eb("o.status", "=", "pending")])]))
    .orderBy("s.id")
    .execute();
  if (!told.length) return 0;
  const entry = newOutboxEntry(now);
  const { seriesIds: _series, ...withdrawal } = w;
  const payload = JSON.stringify({ withdrawal } satisfies WithdrawalPayload);
  let queued = 0;
  for (let i = 0; i < told.length; i += CHUNK) {
    const result = await trx
      .insertInto("outbox")
      .values(told.slice(i, i + CHUNK).map((s) => ({
        kind: "withdrawal" as const, recipient: s.email, subscriber_id: s.id, release_id: w.id, payload,
        message_id: randomUUID(), dedupe_key: `withdrawal:${w.id}:${s.id}`, status: entry.status, attempts: entry.attempts,
        next_attempt_at: entry.nextAttemptAt, created_at: now,
      })))
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}

/** How many distinct subscribers a release's notice was queued for (immediately or in a digest). */
export async function countReleaseReach(db: Executor, releaseId: number): Promise<number> {
  const row = await db
    .selectFrom("release_notices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("release_id", "=", releaseId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface ReleaseReach {
  releaseId: number;
  title: string;
  edition: number;
  queuedAt: string;
  /** Subscribers the notice was queued for. */
  reached: number;
  /** Of those, whose mail (notice or digest) has been delivered to the mail server. */
  delivered: number;
  /** Waiting for the next weekly digest. */
  awaitingDigest: number;
  /** Given up on (dead) after retries, or cancelled because the subscriber left first. */
  failed: number;
}

/** Reach per release, newest first, for the knowledge staff's overview. */
export async function listReleaseReach(db: Executor, limit = 100): Promise<ReleaseReach[]> {
  const rows = await db
    .selectFrom("release_notices as n")
    .leftJoin("outbox as o", "o.id", "n.outbox_id")
    .select((eb) => [
      "n.release_id",
      eb.fn.max("n.release_title").as("title"),
      eb.fn.max("n.edition").as("edition"),
      eb.fn.min("n.queued_at").as("queued_at"),
      eb.fn.countAll<number>().as("reached"),
      sql<number>`sum(case when o.status = 'sent' then 1 else 0 end)`.as("delivered"),
      sql<number>`sum(case when n.outbox_id is null then 1 else 0 end)`.as("awaiting_digest"),
      sql<number>`sum(case when o.status in ('dead', 'cancelled') then 1 else 0 end)`.as("failed"),
    ])
    .groupBy("n.release_id")
    .orderBy("queued_at", "desc")
    .orderBy("n.release_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    releaseId: r.release_id,
    title: String(r.title),
    edition: Number(r.edition),
    queuedAt: String(r.queued_at),
    reached: Number(r.reached),
    delivered: Number(r.delivered),
    awaitingDigest: Number(r.awaiting_digest),
    failed: Number(r.failed),
  }));
}

/** Queues a confirmation mail (the only mail a subscriber gets before confirming). */
export async function enqueueConfirmation(
  trx: Executor,
  m: { subscriberId: number; recipient: string; payload: unknown },
  now: string,
): Promise<number> {
  const entry = newOutboxEntry(now);
  const row = await trx
    .insertInto("outbox")
    .values({
      kind: "confirm",
      recipient: m.recipient,
      subscriber_id: m.subscriberId,
      payload: JSON.stringify(m.payload),
      message_id: randomUUID(),
      status: entry.status,
      attempts: entry.attempts,
      next_attempt_at: entry.nextAttemptAt,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What a password-link mail needs: the plain token lives here until the mail is rendered (DECISIONS 0091). */
export interface PasswordResetPayload {
  token: string;
  name: string;
  expiresAt: string;
}

/** Queues the mail with a user's one-time password link, in the transaction that creates the link. */
export async function enqueuePasswordResetMail(trx: Executor, m: { recipient: string; payload: PasswordResetPayload }, now: string): Promise<number> {
  const entry = newOutboxEntry(now);
  const row = await trx
    .insertInto("outbox")
    .values({
      kind: "password_reset",
      recipient: m.recipient,
      subscriber_id: null,
      payload: JSON.stringify(m.payload),
      message_id: randomUUID(),
      status: entry.status,
      attempts: entry.attempts,
      next_attempt_at: entry.nextAttemptAt,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Turns the weekly entries whose digest time has come into one digest row per subscriber and week.
 * Each digest is one idempotent insert (its dedupe key is subscriber + due time) and that subscriber's notices
 * are then pointed at it, so two workers running this at once, or a crash in between, create each digest
 * exactly once (a later run finds the digest by its key and links what is left). The payload is assembled here
 * rather than with SQLite's JSON functions, to keep the SQL portable. The run gives the event loop a turn
 * after each subscriber (issue 14): on SQLite every statement is synchronous, and a run over thousands of
 * subscribers would otherwise hold up every request until it ends.
 */
export async function buildDueDigests(db: Executor, now: string): Promise<number> {
  const due = await db
    .selectFrom("release_notices as n")
    .innerJoin("subscribers as s", "s.id", "n.subscriber_id")
    .select([
      "s.id as subscriber_id", "s.email", "n.digest_due_at", "n.release_id", "n.release_title",
      "n.release_summary", "n.release_url", "n.edition",
    ])
    .where("n.outbox_id", "is", null)
    .where("n.digest_due_at", "is not", null)
    .where("n.digest_due_at", "<=", now)
    .where("s.status", "=", "confirmed")
    .orderBy("s.id").orderBy("n.digest_due_at").orderBy("n.queued_at").orderBy("n.release_id")
    .execute();
  const digests = new Map<string, { subscriberId: number; email: string; payload: DigestPayload }>();
  for (const n of due) {
    const key = digestKey(n.subscriber_id, n.digest_due_at!);
    let d = digests.get(key);
    if (!d) digests.set(key, (d = { subscriberId: n.subscriber_id, email: n.email, payload: { dueAt: n.digest_due_at!, releases: [] } }));
    d.payload.releases.push({ id: n.release_id, title: n.release_title, summary: n.release_summary, url: n.release_url, edition: n.edition });
  }
  await nextTurn();
  let inserted = 0;
  for (const [key, d] of digests) {
    const result = await db
      .insertInto("outbox")
      .values({
        kind: "digest", recipient: d.email, subscriber_id: d.subscriberId, payload: JSON.stringify(d.payload),
        message_id: randomUUID(), dedupe_key: key, status: "pending", attempts: 0, next_attempt_at: now, created_at: now,
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    await db
      .updateTable("release_notices")
      .set((eb) => ({ outbox_id: eb.selectFrom("outbox").select("outbox.id").where("outbox.dedupe_key", "=", key) }))
      .where("subscriber_id", "=", d.subscriberId)
      .where("digest_due_at", "=", d.payload.dueAt)
      .where("outbox_id", "is", null)
      .execute();
    await nextTurn();
  }
  return inserted;
}

/** Lets the event loop run whatever is waiting (timers, other requests' I/O) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function digestKey(subscriberId: number, dueAt: string) {
  return `digest:${subscriberId}:${dueAt}`;
}

/**
 * Claims up to `limit` due rows for one worker in a single statement: pending rows whose time has come,
 * and rows whose previous worker's lease ran out. Claiming counts as an attempt, so a row that kills its
 * worker every time still runs out of attempts. Oldest due first.
 */
export async function claimDueMessages(
  db: Executor,
  o: { now: string; leaseToken: string; lockedUntil: string; limit: number },
): Promise<OutboxRow[]> {
  const due = (w: ExpressionBuilder<DB, "outbox">) => w.or([
    w.and([w("status", "=", "pending"), w("next_attempt_at", "<=", o.now)]),
    w.and([w("status", "=", "sending"), w("locked_until", "<=", o.now)]),
  ]);
  // The rows to claim are chosen once, in a materialised CTE. PostgreSQL would otherwise plan `id in (select …
  // limit n)` as a semi-join that re-runs the subquery for every row it updates, claiming far more than `limit`.
  // The subquery skips rows another claim holds (db/dialect.ts skipLocked), and `due` is checked again on the
  // row being updated, since a blocked update re-reads only the outer WHERE.
  const rows = await db
    .with((w) => w("due").materialized(), (qb) =>
      skipLocked(db, qb.selectFrom("outbox").select("id").where(due).orderBy("next_attempt_at").orderBy("id").limit(o.limit)))
    .updateTable("outbox")
    .set({
      status: "sending",
      lease_token: o.leaseToken,
      locked_until: o.lockedUntil,
      attempts: sql`attempts + 1`,
      version: sql`version + 1`,
    })
    .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
    .where(due)
    .returningAll()
    .execute();
  return rows.sort((a, b) => (a.next_attempt_at ?? "").localeCompare(b.next_attempt_at ?? "") || a.id - b.id);
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  unsubscribeTokenHash: string | null;
}

/** Stores the rendering of a claimed row, once: retries resend exactly these bytes. False if the lease was lost. */
export async function saveRenderedMessage(db: Executor, id: number, leaseToken: string, m: RenderedMessage): Promise<boolean> {
  const r = await db
    .updateTable("outbox")
    .set({
      subject: m.subject,
      text: m.text,
      html: m.html,
      headers: JSON.stringify(m.headers),
      unsubscribe_token_hash: m.unsubscribeTokenHash,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .where("lease_token", "=", leaseToken)
    .where("status", "=", "sending")
    .where("text", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The SMTP server accepted the mail. False if this worker no longer held the lease. */
export async function markSent(db: Executor, id: number, leaseToken: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable("outbox")
    .set({
      status: "sent", sent_at: now, next_attempt_at: null, locked_until: null, lease_token: null, last_error: null,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .where("lease_token", "=", leaseToken)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A send failed: pending again at the back-off time, or dead (workflows/outbox decides which). */
export async function markFailed(db: Executor, id: number, leaseToken: string, decision: RetryDecision): Promise<boolean> {
  const r = await db
    .updateTable("outbox")
    .set({
      status: decision.status,
      attempts: decision.attempts,
      next_attempt_at: decision.nextAttemptAt,
      last_error: decision.lastError.slice(0, 2000),
      locked_until: null,
      lease_token: null,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .where("lease_token", "=", leaseToken)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Nothing more goes to a subscriber who left: their unsent rows are cancelled (kept, not deleted). */
export async function cancelPendingMessages(trx: Executor, subscriberId: number): Promise<number> {
  const r = await trx
    .updateTable("outbox")
    .set({ status: "cancelled", next_attempt_at: null, version: sql`version + 1` })
    .where("subscriber_id", "=", subscriberId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export type OutboxCounts = Record<"pending" | "sending" | "sent" | "dead" | "cancelled", number>;

export async function countOutboxByStatus(db: Executor): Promise<OutboxCounts> {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, dead: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export function parsePayload<T>(row: Pick<OutboxRow, "payload">): T {
  return JSON.parse(row.payload) as T;
}

export type { OutboxKind };
