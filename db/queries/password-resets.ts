// One-time password links (workflows/password-reset.ts has the rule): only the token's sha256 is stored. A new
// link voids the user's older unused ones; using one is a single guarded UPDATE, so two requests racing with
// the same link cannot both set a password.
import type { Executor } from "../client";

export interface PasswordResetRow {
  id: number;
  userId: number;
  email: string;
  name: string;
  userActive: boolean;
  expiresAt: string;
  usedAt: string | null;
  voidedAt: string | null;
}

/** Stores a new link for a user and voids the older ones that were never used. Call it inside a transaction. */
export async function createPasswordReset(
  trx: Executor,
  input: { userId: number; tokenHash: string; createdBy: number | null; now: string; expiresAt: string },
): Promise<number> {
  await trx
    .updateTable("password_resets")
    .set({ voided_at: input.now })
    .where("user_id", "=", input.userId)
    .where("used_at", "is", null)
    .where("voided_at", "is", null)
    .execute();
  const row = await trx
    .insertInto("password_resets")
    .values({
      user_id: input.userId, token_hash: input.tokenHash, created_by: input.createdBy, created_at: input.now, expires_at: input.expiresAt,
      used_at: null, voided_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getPasswordResetByHash(db: Executor, tokenHash: string): Promise<PasswordResetRow | undefined> {
  const r = await db
    .selectFrom("password_resets as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select(["p.id", "p.user_id", "u.email", "u.name", "u.active", "p.expires_at", "p.used_at", "p.voided_at"])
    .where("p.token_hash", "=", tokenHash)
    .executeTakeFirst();
  return r && {
    id: r.id, userId: r.user_id, email: r.email, name: r.name, userActive: Number(r.active) === 1,
    expiresAt: r.expires_at, usedAt: r.used_at, voidedAt: r.voided_at,
  };
}

/** Marks a link used, if it still was unused, unvoided and unexpired at `now`. False: someone else got there first. */
export async function usePasswordReset(trx: Executor, id: number, now: string): Promise<boolean> {
  const r = await trx
    .updateTable("password_resets")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("voided_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
