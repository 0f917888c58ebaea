// The append-only, hash-chained history of state changes (DECISIONS 0028), written in the same transaction
// as the change itself. `appendHistory` is the only way a history row is written: it chains the row to
// the one before it (SHA-256 of the row's canonical content and the previous hash) and moves the chain's
// head. Triggers refuse UPDATE and DELETE on the table (migration 2026-12-02T1405_history_chain).
import * as nodeCrypto from "node:crypto";
import type { Executor } from "../client";

export interface HistoryEntry {
  initiativeId: number | null;
  actorId: number | null;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
}

/** The previous hash of the chain's first row. */
export const GENESIS_HASH = "0".repeat(64);

/** The stored columns a row's hash covers (JSON snapshots as the text stored). */
export interface ChainedContent {
  initiative_id: number | null;
  actor_id: number | null;
  at: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

/**
 * SHA-256 (hex) of a row's canonical content: a JSON array of a version tag, the previous row's hash and
 * the stored columns in a fixed order. The migration that chained the existing rows has a frozen copy.
 */
export function historyRowHash(prevHash: string, r: ChainedContent): string {
  const canonical = JSON.stringify(["susi-history-v1", prevHash, r.initiative_id, r.actor_id, r.at, r.action, r.entity, r.entity_id, r.before, r.after]);
  return nodeCrypto.createHash("sha256").update(canonical, "utf8").digest("hex");
}

/**
 * Appends one history row to the chain. Call it inside the transaction that makes the change (outside
 * one it opens its own). The head row is updated first: on SQLite that write holds the database's one
 * write lock, on PostgreSQL a row lock until the transaction ends, so appends are serialised and two
 * writers cannot both chain onto the same previous row.
 */
export async function appendHistory(db: Executor, e: HistoryEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendHistory(trx, e));
    return;
  }
  const head = await db
    .updateTable("history_chain")
    .set((eb) => ({ length: eb("length", "+", 1) }))
    .where("id", "=", 1)
    .returning(["last_hash"])
    .executeTakeFirstOrThrow();
  const content: ChainedContent = {
    initiative_id: e.initiativeId,
    actor_id: e.actorId,
    at: e.at,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  };
  const hash = historyRowHash(head.last_hash, content);
  const row = await db
    .insertInto("history")
    .values({ ...content, prev_hash: head.last_hash, hash })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("history_chain").set({ last_id: row.id, last_hash: hash }).where("id", "=", 1).execute();
}

/**
 * Appends several rows to the chain, in order, moving the head once: a bulk import's history (the CSV
 * import writes one row per initiative it creates). Same chain as one appendHistory per entry.
 */
export async function appendHistoryMany(db: Executor, entries: readonly HistoryEntry[], chunk = 200): Promise<void> {
  if (!entries.length) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendHistoryMany(trx, entries, chunk));
    return;
  }
  const head = await db
    .updateTable("history_chain")
    .set((eb) => ({ length: eb("length", "+", entries.length) }))
    .where("id", "=", 1)
    .returning(["last_hash"])
    .executeTakeFirstOrThrow();
  let prev = head.last_hash;
  let lastId = 0;
  for (let i = 0; i < entries.length; i += chunk) {
    const rows = entries.slice(i, i + chunk).map((e) => {
      const content: ChainedContent = {
        initiative_id: e.initiativeId, actor_id: e.actorId, at: e.at, action: e.action, entity: e.entity, entity_id: e.entityId,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
      };
      const hash = historyRowHash(prev, content);
      const row = { ...content, prev_hash: prev, hash };
      prev = hash;
      return row;
    });
    // One multi-row insert numbers its rows in order, so the chain follows the ids.
    const ids = await db.insertInto("history").values(rows).returning("id").execute();
    lastId = Math.max(lastId, ...ids.map((r) => r.id));
  }
  await db.updateTable("history_chain").set({ last_id: lastId, last_hash: prev }).where("id", "=", 1).execute();
}

// ---------------------------------------------------------------------------------------------------
// Verification.

export type ChainBreak =
  /** The row's content or hash was changed: its hash is not the hash of what it holds. */
  | "hash_mismatch"
  /** The row does not follow the one before it: a row between them was deleted or inserted. */
  | "link_broken"
  /** The last row is not the head's: rows at the end were deleted (or the head was changed). */
  | "head_mismatch";

export type ChainState =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; brokenId: number | null; reason: ChainBreak };

export const VERIFY_CHUNK = 1000;

/**
 * Walks the whole chain in id order, `chunk` rows per query, yielding to the event loop between chunks so
 * a long history never blocks other requests for long. The first row that does not verify is named.
 */
export async function verifyHistoryChain(db: Executor, opts: { chunk?: number } = {}): Promise<ChainState> {
  const chunk = opts.chunk ?? VERIFY_CHUNK;
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom("history")
      .select(["id", "initiative_id", "actor_id", "at", "action", "entity", "entity_id", "before", "after", "prev_hash", "hash"])
      .where("id", ">", lastId)
      .orderBy("id")
      .limit(chunk)
      .execute();
    for (const r of page) {
      if (r.prev_hash !== prev) return { ok: false, rows, brokenId: r.id, reason: "link_broken" };
      if (r.hash !== historyRowHash(r.prev_hash, r)) return { ok: false, rows, brokenId: r.id, reason: "hash_mismatch" };
      prev = r.hash;
      lastId = r.id;
      rows++;
    }
    if (page.length < chunk) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const head = await db.selectFrom("history_chain").select(["length", "last_id", "last_hash"]).where("id", "=", 1).executeTakeFirst();
  if (!head || head.length !== rows || head.last_hash !== prev || (head.last_id ?? 0) !== lastId) {
    return { ok: false, rows, brokenId: head?.last_id ?? null, reason: "head_mismatch" };
  }
  return { ok: true, rows, lastHash: prev };
}

export async function chainHead(db: Executor) {
  return db.selectFrom("history_chain").select(["length", "last_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
}

/**
 * Names of the users a page of history rows refers to inside its snapshots (an initiative's owner_id), so
 * the renderer can write the name rather than the id.
 */
export async function namesInHistory(db: Executor, rows: { before: string | null; after: string | null }[]): Promise<Record<number, string>> {
  const ids = new Set<number>();
  for (const r of rows) {
    for (const json of [r.before, r.after]) {
      if (!json || !json.includes("owner_id")) continue;
      try {
        const v = JSON.parse(json) as { owner_id?: unknown };
        if (typeof v.owner_id === "number") ids.add(v.owner_id);
      } catch {
        // not a snapshot object: nothing to name
      }
    }
  }
  if (!ids.size) return {};
  const users = await db.selectFrom("users").select(["id", "name"]).where("id", "in", [...ids]).execute();
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}

// ---------------------------------------------------------------------------------------------------
// The audit page (/admin/revision): the whole history, filtered, paged and exported.

/** The aggregates the audit page filters by, and the history entities each covers. */
export const HISTORY_AGGREGATES = {
  initiative: ["initiative", "initiative_link", "phase_period", "user_involvement"],
  assessment: ["assessment"],
  decision: ["decision", "condition"],
  som: ["som_calculation", "som_published_calculation", "som_target_group", "som_consequence_estimate", "som_effect_study", "som_npi"],
  release: ["release"],
  subscription: ["subscriber"],
  user: ["user"],
} as const satisfies Record<string, readonly string[]>;
export type HistoryAggregate = keyof typeof HISTORY_AGGREGATES;
export const AGGREGATE_NAMES = Object.keys(HISTORY_AGGREGATES) as HistoryAggregate[];

/** The aggregate an entity belongs to, or null for one no aggregate lists. */
export function aggregateOf(entity: string): HistoryAggregate | null {
  for (const name of AGGREGATE_NAMES) if ((HISTORY_AGGREGATES[name] as readonly string[]).includes(entity)) return name;
  return null;
}

export interface HistoryFilters {
  /** A user's id, or "system" for rows no user made (subscriptions, imports). */
  actor?: number | "system";
  aggregate?: HistoryAggregate;
  action?: string;
  /** ISO instants: rows at or after `fromAt` and before `beforeAt`. */
  fromAt?: string;
  beforeAt?: string;
}

function filteredHistory(db: Executor, f: HistoryFilters) {
  let q = db.selectFrom("history");
  if (f.actor === "system") q = q.where("history.actor_id", "is", null);
  else if (f.actor !== undefined) q = q.where("history.actor_id", "=", f.actor);
  if (f.aggregate) q = q.where("history.entity", "in", [...HISTORY_AGGREGATES[f.aggregate]]);
  if (f.action) q = q.where("history.action", "=", f.action);
  if (f.fromAt) q = q.where("history.at", ">=", f.fromAt);
  if (f.beforeAt) q = q.where("history.at", "<", f.beforeAt);
  return q;
}

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  initiative_id: number | null;
  initiative_title: string | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

function auditSelect(db: Executor, f: HistoryFilters) {
  return filteredHistory(db, f)
    .leftJoin("users", "users.id", "history.actor_id")
    .leftJoin("initiatives", "initiatives.id", "history.initiative_id")
    .select([
      "history.id", "history.at", "history.actor_id", "users.name as actor_name", "history.initiative_id",
      "initiatives.title as initiative_title", "history.action", "history.entity", "history.entity_id",
      "history.before", "history.after", "history.prev_hash", "history.hash",
    ]);
}

/** One page of the filtered history, newest first, with the number of rows that match. */
export async function pageAuditHistory(db: Executor, f: HistoryFilters, s: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    auditSelect(db, f).orderBy("history.id", "desc").limit(s.limit).offset(s.offset).execute(),
    filteredHistory(db, f).select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** The next `limit` filtered rows after `afterId` up to `uptoId`, oldest first (the chain's order): for streaming exports. */
export function auditHistoryChunk(db: Executor, f: HistoryFilters, afterId: number, uptoId: number, limit: number): Promise<AuditRow[]> {
  return auditSelect(db, f).where("history.id", ">", afterId).where("history.id", "<=", uptoId).orderBy("history.id").limit(limit).execute();
}

/** The users the "who" filter offers: everyone with an account, by name. */
export function historyActors(db: Executor) {
  return db.selectFrom("users").select(["id", "name"]).orderBy("name").orderBy("id").execute();
}

/** The actions the history holds (the "what" filter): one index walk over history_action_idx. */
export async function historyActions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("history").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}

/** Where the export stops: the chain's last row when it started, so a long download has a fixed end. */
export async function lastHistoryId(db: Executor): Promise<number> {
  const head = await db.selectFrom("history_chain").select("last_id").where("id", "=", 1).executeTakeFirst();
  return head?.last_id ?? 0;
}
