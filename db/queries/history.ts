// The append-only history of state changes, written in the same transaction as the change itself.
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

export async function appendHistory(db: Executor, e: HistoryEntry) {
  await db
    .insertInto("history")
    .values({
      initiative_id: e.initiativeId,
      actor_id: e.actorId,
      at: e.at,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export function listHistory(db: Executor, initiativeId: number, limit = 200) {
  return db
    .selectFrom("history")
    .leftJoin("users", "users.id", "history.actor_id")
    .select([
      "history.id", "history.at", "history.action", "history.entity", "history.entity_id",
      "history.before", "history.after", "users.name as actor_name",
    ])
    .where("history.initiative_id", "=", initiativeId)
    .orderBy("history.id", "desc")
    .limit(limit)
    .execute();
}
