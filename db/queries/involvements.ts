// Editing and deleting user involvement entries, each guarded by the entry's version (ConflictError when it
// changed or went meanwhile) and recorded in the history with what it said before.
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { PhasePeriod } from "../../workflows/phase-model";
import { appendHistory } from "./history";

const SHOWN = ["phase", "who", "how", "what_changed"] as const;

async function current(trx: Executor, initiativeId: number, involvementId: number, expectedVersion: number) {
  const row = await trx.selectFrom("user_involvements").select(SHOWN)
    .where("id", "=", involvementId).where("initiative_id", "=", initiativeId).where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (!row) throw new ConflictError("user_involvement", involvementId);
  return row;
}

export async function updateUserInvolvement(
  trx: Executor,
  input: { initiativeId: number; involvementId: number; version: number; phase: PhasePeriod; who: string; how: string; whatChanged: string },
  actorId: number,
  now: string,
) {
  const before = await current(trx, input.initiativeId, input.involvementId, input.version);
  const after = { phase: input.phase, who: input.who.trim(), how: input.how.trim(), what_changed: input.whatChanged.trim() };
  const updated = await trx.updateTable("user_involvements").set({ ...after, version: input.version + 1 })
    .where("id", "=", input.involvementId).where("version", "=", input.version).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError("user_involvement", input.involvementId);
  await appendHistory(trx, {
    initiativeId: input.initiativeId, actorId, at: now, action: "involvement.updated", entity: "user_involvement",
    entityId: input.involvementId, before, after,
  });
}

export async function deleteUserInvolvement(
  trx: Executor,
  input: { initiativeId: number; involvementId: number; version: number },
  actorId: number,
  now: string,
) {
  const before = await current(trx, input.initiativeId, input.involvementId, input.version);
  const deleted = await trx.deleteFrom("user_involvements")
    .where("id", "=", input.involvementId).where("version", "=", input.version).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) throw new ConflictError("user_involvement", input.involvementId);
  await appendHistory(trx, {
    initiativeId: input.initiativeId, actorId, at: now, action: "involvement.deleted", entity: "user_involvement",
    entityId: input.involvementId, before, after: null,
  });
}
