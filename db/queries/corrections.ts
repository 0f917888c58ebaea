// An administrator's correction of phase, status or track (workflows/correction.ts decides it): the
// initiative row moves on one version and a history row of kind "initiative.correction" carries the
// changed fields, their values before and after, and the written reason. Shown on the initiative page.
import type { Executor } from "../client";
import type { CorrectionEffect } from "../../workflows/correction";
import { appendHistory } from "./history";
import { bumpVersion } from "./initiatives";

export const CORRECTION_ACTION = "initiative.correction";

/** Writes the correction if the initiative is still at `expectedVersion` (else ConflictError). Call it in a transaction. */
export async function saveCorrection(trx: Executor, initiativeId: number, expectedVersion: number, effect: CorrectionEffect, actorId: number, now: string) {
  await bumpVersion(trx, initiativeId, expectedVersion, effect.patch, now);
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: CORRECTION_ACTION, entity: "initiative", entityId: initiativeId,
    before: Object.fromEntries(effect.changes.map((c) => [c.field, c.before])),
    after: { ...Object.fromEntries(effect.changes.map((c) => [c.field, c.after])), reason: effect.reason },
  });
}

export interface CorrectionNotice {
  id: number;
  at: string;
  actor_name: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
  reason: string;
}

/** The initiative's corrections, newest first (a handful at most: they are the exception). */
export async function listCorrections(db: Executor, initiativeId: number, limit = 5): Promise<CorrectionNotice[]> {
  const rows = await db
    .selectFrom("history")
    .leftJoin("users", "users.id", "history.actor_id")
    .select(["history.id", "history.at", "history.before", "history.after", "users.name as actor_name"])
    .where("history.initiative_id", "=", initiativeId)
    .where("history.action", "=", CORRECTION_ACTION)
    .orderBy("history.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const before = parse(r.before);
    const after = parse(r.after);
    const reason = typeof after.reason === "string" ? after.reason : "";
    const changes = Object.keys(before).map((field) => ({ field, before: str(before[field]), after: str(after[field]) }));
    return { id: r.id, at: r.at, actor_name: r.actor_name, changes, reason };
  });
}

function parse(json: string | null): Record<string, unknown> {
  try {
    const v = json ? JSON.parse(json) : {};
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
