// The subscriber aggregate: a municipality contact's request to follow releases, its double opt-in
// confirmation and its end (unsubscribed, or replaced by a newer subscription for the same address).
// Tokens arrive here already hashed (sha256); plain tokens exist only in the mails.
import { sql } from "kysely";
import type { Db, Executor } from "../client";
import type { SubscriberKind, SubscriberStatus, SubscriptionFrequency } from "../schema";
import { CONFIRM_TTL_MS, decideConfirm, erasureCutoff, isConfirmLinkExpired, isErasureDue, MAX_REQUESTS_PER_DAY, mayEnd } from "../../workflows/subscription";
import { appendHistory } from "./history";
import { cancelPendingMessages, enqueueConfirmation, topicKey } from "./outbox";

export type FollowedArea = "adults" | "children";

export interface NewSubscription {
  email: string;
  /** Defaults to a municipality, the one kind there was before issue 13. */
  kind?: SubscriberKind;
  /** Only a municipality names one (workflows/subscription.ts namesMunicipality). */
  municipalityCode: string | null;
  /** Single initiatives followed; ids the caller checked are public (have a published release). */
  initiativeIds?: number[];
  areas: FollowedArea[];
  /** As the subscriber typed them; matched case-insensitively. */
  topics: string[];
  frequency: SubscriptionFrequency;
  confirmTokenHash: string;
}

export interface FollowedInitiative {
  id: number;
  title: string;
}

export interface Subscription {
  id: number;
  email: string;
  kind: SubscriberKind;
  municipalityCode: string | null;
  initiatives: FollowedInitiative[];
  areas: FollowedArea[];
  topics: string[];
  frequency: SubscriptionFrequency;
  status: SubscriberStatus;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  version: number;
}

// The lifecycle's rules live in workflows/subscription.ts; re-exported for the callers that read them here.
export { CONFIRM_TTL_MS, isConfirmLinkExpired, MAX_REQUESTS_PER_DAY };

function snapshot(s: {
  status: SubscriberStatus; kind: SubscriberKind; municipalityCode: string | null; frequency: SubscriptionFrequency;
  areas: FollowedArea[]; topics: string[]; initiativeIds: number[];
}) {
  // No e-mail address in the history: it is personal data and the history is append-only.
  return {
    status: s.status, kind: s.kind, municipalityCode: s.municipalityCode, frequency: s.frequency, areas: s.areas, topics: s.topics,
    initiatives: s.initiativeIds,
  };
}

const snapshotOf = (s: Subscription) => snapshot({ ...s, initiativeIds: s.initiatives.map((i) => i.id) });

/** How many subscriptions were requested for this address since `since` (for the daily cap). */
export async function countRecentRequests(db: Executor, email: string, since: string): Promise<number> {
  const row = await db
    .selectFrom("subscribers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "=", email)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Records a pending subscription and queues its confirmation mail, in the caller's transaction. The
 * confirmation token travels to the mail in the outbox payload; the subscriber row keeps only its hash.
 */
export async function createPendingSubscription(
  trx: Executor,
  s: NewSubscription,
  confirmToken: string,
  now: string,
): Promise<{ subscriberId: number; outboxId: number }> {
  const topics = uniqueTopics(s.topics);
  const initiativeIds = [...new Set(s.initiativeIds ?? [])];
  const { id } = await trx
    .insertInto("subscribers")
    .values({
      email: s.email,
      kind: s.kind ?? "municipality",
      municipality_code: s.municipalityCode,
      follows_adults: s.areas.includes("adults") ? 1 : 0,
      follows_children: s.areas.includes("children") ? 1 : 0,
      frequency: s.frequency,
      status: "pending",
      confirm_token_hash: s.confirmTokenHash,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (topics.length) {
    await trx.insertInto("subscriber_topics").values(topics.map((t) => ({ subscriber_id: id, topic_key: t.key, label: t.label }))).execute();
  }
  if (initiativeIds.length) {
    await trx.insertInto("subscriber_initiatives").values(initiativeIds.map((i) => ({ subscriber_id: id, initiative_id: i }))).execute();
  }
  const labels = topics.map((t) => t.label);
  const initiatives = await initiativesOf(trx, id);
  const outboxId = await enqueueConfirmation(trx, {
    subscriberId: id,
    recipient: s.email,
    payload: {
      confirmToken, kind: s.kind ?? "municipality", municipalityCode: s.municipalityCode, areas: s.areas, topics: labels, frequency: s.frequency,
      initiatives: initiatives.map((i) => i.title),
    },
  }, now);
  await appendHistory(trx, {
    initiativeId: null, actorId: null, at: now, action: "subscription.requested", entity: "subscriber", entityId: id,
    after: snapshot({ ...s, kind: s.kind ?? "municipality", topics: labels, status: "pending", initiativeIds }),
  });
  return { subscriberId: id, outboxId };
}

function uniqueTopics(topics: string[]) {
  const seen = new Map<string, string>();
  for (const t of topics) {
    const key = topicKey(t);
    if (key && !seen.has(key)) seen.set(key, t.trim().replace(/\s+/g, " "));
  }
  return [...seen].map(([key, label]) => ({ key, label }));
}

/** The initiatives a subscriber follows, by title in Danish order. */
async function initiativesOf(db: Executor, subscriberId: number): Promise<FollowedInitiative[]> {
  const rows = await db
    .selectFrom("subscriber_initiatives as si")
    .innerJoin("initiatives as i", "i.id", "si.initiative_id")
    .select(["i.id", "i.title"])
    .where("si.subscriber_id", "=", subscriberId)
    .execute();
  return rows.sort((a, b) => a.title.localeCompare(b.title, "da"));
}

async function load(db: Executor, where: { confirmTokenHash?: string; id?: number }): Promise<Subscription | undefined> {
  let q = db.selectFrom("subscribers").selectAll();
  if (where.confirmTokenHash !== undefined) q = q.where("confirm_token_hash", "=", where.confirmTokenHash);
  if (where.id !== undefined) q = q.where("id", "=", where.id);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const [topics, initiatives] = await Promise.all([
    db.selectFrom("subscriber_topics").select("label").where("subscriber_id", "=", row.id).execute(),
    initiativesOf(db, row.id),
  ]);
  const areas: FollowedArea[] = [];
  if (row.follows_adults) areas.push("adults");
  if (row.follows_children) areas.push("children");
  return {
    id: row.id, email: row.email, kind: row.kind, municipalityCode: row.municipality_code, initiatives, areas,
    // Danish alphabetical order (æ, ø, å last), which SQL collation would not give portably.
    topics: topics.map((t) => t.label).sort((a, b) => a.localeCompare(b, "da")),
    frequency: row.frequency, status: row.status, createdAt: row.created_at, confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at, version: row.version,
  };
}

export function getSubscriptionByConfirmTokenHash(db: Executor, hash: string) {
  return load(db, { confirmTokenHash: hash });
}

export function getSubscription(db: Executor, id: number) {
  return load(db, { id });
}

/** The subscriber a mail's unsubscribe link belongs to (every mail carries its own token). */
export async function getSubscriptionByUnsubscribeTokenHash(db: Executor, hash: string): Promise<Subscription | undefined> {
  const row = await db
    .selectFrom("outbox").select("subscriber_id").where("unsubscribe_token_hash", "=", hash).executeTakeFirst();
  return row?.subscriber_id ? load(db, { id: row.subscriber_id }) : undefined;
}

export type ConfirmResult =
  | { ok: true; alreadyConfirmed: boolean; replaced: number }
  | { ok: false; reason: "not_found" | "expired" | "unsubscribed" };

/**
 * Confirms a pending subscription (idempotent for one already confirmed). A confirmed subscription for
 * the same address is replaced, so an address never gets the same notice twice.
 */
export async function confirmSubscription(trx: Executor, confirmTokenHash: string, now: string): Promise<ConfirmResult> {
  const s = await load(trx, { confirmTokenHash });
  const decision = decideConfirm(s, now);
  if (!decision.ok) return decision;
  if (decision.effect === "none" || !s) return { ok: true, alreadyConfirmed: true, replaced: 0 };

  const older = await trx
    .selectFrom("subscribers").select("id")
    .where("email", "=", s.email).where("status", "=", "confirmed").where("id", "!=", s.id)
    .execute();
  for (const o of older) await end(trx, o.id, "replaced", now);

  const r = await trx
    .updateTable("subscribers")
    .set({ status: "confirmed", confirmed_at: now, version: sql`version + 1` })
    .where("id", "=", s.id).where("version", "=", s.version).where("status", "=", "pending")
    .executeTakeFirst();
  // Someone confirmed or unsubscribed it between our read and this write: let them win.
  if (Number(r.numUpdatedRows) !== 1) return { ok: false, reason: "not_found" };
  await appendHistory(trx, {
    initiativeId: null, actorId: null, at: now, action: "subscription.confirmed", entity: "subscriber", entityId: s.id,
    before: snapshotOf(s), after: snapshotOf({ ...s, status: "confirmed" }),
  });
  return { ok: true, alreadyConfirmed: false, replaced: older.length };
}

async function end(trx: Executor, id: number, reason: "unsubscribed" | "replaced", now: string): Promise<boolean> {
  const s = await load(trx, { id });
  if (!mayEnd(s)) return false;
  await trx
    .updateTable("subscribers")
    .set({ status: "unsubscribed", unsubscribed_at: now, ended_reason: reason, version: sql`version + 1` })
    .where("id", "=", id).where("status", "!=", "unsubscribed")
    .execute();
  await cancelPendingMessages(trx, id);
  await appendHistory(trx, {
    initiativeId: null, actorId: null, at: now, action: `subscription.${reason}`, entity: "subscriber", entityId: id,
    before: snapshotOf(s), after: snapshotOf({ ...s, status: "unsubscribed" }),
  });
  return true;
}

/** Ends a subscription and cancels whatever was still queued for it. Idempotent: false if already ended. */
export function unsubscribe(trx: Executor, subscriberId: number, now: string): Promise<boolean> {
  return end(trx, subscriberId, "unsubscribed", now);
}

export interface SubscriberCounts {
  confirmed: number;
  pending: number;
  unsubscribed: number;
  immediate: number;
  weekly: number;
  adults: number;
  children: number;
  municipalities: number;
}

/** Headline numbers for the knowledge staff: who follows what (confirmed subscribers only, except the status counts). */
export async function countSubscribers(db: Executor): Promise<SubscriberCounts> {
  // count(case when …) rather than sum(a = b): PostgreSQL cannot sum booleans.
  const row = await db
    .selectFrom("subscribers")
    .select([
      sql<number>`count(case when status = 'confirmed' then 1 end)`.as("confirmed"),
      sql<number>`count(case when status = 'pending' then 1 end)`.as("pending"),
      sql<number>`count(case when status = 'unsubscribed' then 1 end)`.as("unsubscribed"),
      sql<number>`count(case when status = 'confirmed' and frequency = 'immediate' then 1 end)`.as("immediate"),
      sql<number>`count(case when status = 'confirmed' and frequency = 'weekly' then 1 end)`.as("weekly"),
      sql<number>`count(case when status = 'confirmed' and follows_adults = 1 then 1 end)`.as("adults"),
      sql<number>`count(case when status = 'confirmed' and follows_children = 1 then 1 end)`.as("children"),
      sql<number>`count(distinct case when status = 'confirmed' then municipality_code end)`.as("municipalities"),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    confirmed: n(row.confirmed), pending: n(row.pending), unsubscribed: n(row.unsubscribed), immediate: n(row.immediate),
    weekly: n(row.weekly), adults: n(row.adults), children: n(row.children), municipalities: n(row.municipalities),
  };
}

/**
 * Erases the addresses the privacy notice says are kept no longer: subscriptions ended (unsubscribed or
 * replaced) and requests never confirmed, 30 days on (workflows/subscription.ts). The row stays, without its
 * address, so counts and the history (which never held the address) still add up; the outbox rows sent to
 * it lose their recipient too. Returns how many addresses were erased. Idempotent.
 */
export async function eraseEndedSubscribers(db: Db, now: string): Promise<number> {
  const cutoff = erasureCutoff(now);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("subscribers").select(["id", "status", "created_at", "unsubscribed_at", "erased_at"])
      .where("erased_at", "is", null)
      .where((eb) => eb.or([
        eb.and([eb("status", "=", "unsubscribed"), eb("unsubscribed_at", "<=", cutoff)]),
        eb.and([eb("status", "=", "pending"), eb("created_at", "<=", cutoff)]),
      ]))
      .limit(500)
      .execute();
    // The SQL narrows by the cutoff; the rule decides.
    const ids = due
      .filter((d) => isErasureDue({ status: d.status, createdAt: d.created_at, unsubscribedAt: d.unsubscribed_at, erasedAt: d.erased_at }, now))
      .map((d) => d.id);
    if (!ids.length) return 0;
    await trx.updateTable("subscribers").set({ email: "", erased_at: now }).where("id", "in", ids).execute();
    await trx.updateTable("outbox").set({ recipient: "" }).where("subscriber_id", "in", ids).where("status", "!=", "pending").execute();
    for (const id of ids) {
      await appendHistory(trx, { initiativeId: null, actorId: null, at: now, action: "subscription.erased", entity: "subscriber", entityId: id });
    }
    return ids.length;
  });
}
