// Users and their server-side sessions.
import type { Executor } from "../client";
import { lockForUpdate } from "../dialect";
import type { Role } from "../schema";

export const ROLES: readonly Role[] = ["program_manager", "steering_group", "knowledge_staff", "admin", "external"];

export function getUserByEmail(db: Executor, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function getUserById(db: Executor, id: number) {
  return db.selectFrom("users").select(["id", "email", "name", "role", "active"]).where("id", "=", id).executeTakeFirst();
}

/**
 * The users with these ids, locked until the transaction ends, for a change whose rule reads several users
 * (an admin changes another user only while still an admin). Locked in id order, so two transactions locking
 * the same users wait for each other instead of deadlocking, and neither decides on a row the other is changing.
 */
export function lockUsers(trx: Executor, ids: number[]) {
  return lockForUpdate(trx, trx.selectFrom("users").select(["id", "email", "name", "role", "active"]).where("id", "in", ids).orderBy("id")).execute();
}

export function listUsers(db: Executor) {
  return db.selectFrom("users").select(["id", "email", "name", "role", "active", "created_at"]).orderBy("name").execute();
}

export async function createUser(
  db: Executor,
  input: { email: string; name: string; role: Role; passwordHash: string; now: string },
) {
  const row = await db
    .insertInto("users")
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name.trim(),
      role: input.role,
      password_hash: input.passwordHash,
      created_at: input.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every role of each user: the primary one (users.role) first, then the others in the order of ROLES. */
export async function rolesOf(db: Executor, users: readonly { id: number; role: Role }[]): Promise<Map<number, Role[]>> {
  const extra = users.length
    ? await db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", users.map((u) => u.id)).execute()
    : [];
  const map = new Map<number, Role[]>();
  for (const u of users) {
    const others = new Set(extra.filter((r) => r.user_id === u.id).map((r) => r.role));
    map.set(u.id, [u.role, ...ROLES.filter((r) => r !== u.role && others.has(r))]);
  }
  return map;
}

/** Sets a user's roles: the first is the primary one (users.role), the rest are kept in user_roles. */
export async function setUserRoles(db: Executor, id: number, roles: readonly Role[]) {
  await db.updateTable("users").set({ role: roles[0] }).where("id", "=", id).execute();
  await db.deleteFrom("user_roles").where("user_id", "=", id).execute();
  const rest = [...new Set(roles.slice(1))].filter((r) => r !== roles[0]);
  if (rest.length) await db.insertInto("user_roles").values(rest.map((role) => ({ user_id: id, role }))).execute();
}

export function updateUser(db: Executor, id: number, patch: { role?: Role; active?: number; name?: string }) {
  return db.updateTable("users").set(patch).where("id", "=", id).executeTakeFirst();
}

export async function setPasswordHash(db: Executor, id: number, passwordHash: string) {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}

export async function createSession(db: Executor, input: { id: string; userId: number; now: string; expiresAt: string }) {
  await db
    .insertInto("sessions")
    .values({ id: input.id, user_id: input.userId, created_at: input.now, expires_at: input.expiresAt })
    .execute();
}

/**
 * The active user behind a session id, if the session exists, has not expired and was used after `idleSince`
 * (the idle timeout), with when it was last used.
 */
export function getSessionUser(db: Executor, sessionId: string, now: string, idleSince = "") {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email", "users.name", "users.role", "sessions.created_at", "sessions.last_seen_at"])
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", now)
    .where((eb) => eb.fn.coalesce("sessions.last_seen_at", "sessions.created_at"), ">", idleSince)
    .where("users.active", "=", 1)
    .executeTakeFirst();
}

/** When the session ends (its expires_at), or undefined when there is no such session. */
export async function getSessionExpiry(db: Executor, sessionId: string): Promise<string | undefined> {
  const row = await db.selectFrom("sessions").select("expires_at").where("id", "=", sessionId).executeTakeFirst();
  return row?.expires_at;
}

/** Notes that a session served a request now (the idle timeout starts again). */
export async function touchSession(db: Executor, sessionId: string, now: string) {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", sessionId).execute();
}

/** Ends every session of a user but one (a password change ends the sessions elsewhere). */
export async function deleteOtherSessions(db: Executor, userId: number, keepSessionId: string | null) {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  await q.execute();
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user (on deactivation), so reactivating does not revive old logins. */
export async function deleteSessionsForUser(db: Executor, userId: number) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
