// Users and their server-side sessions.
import type { Executor } from "../client";
import type { Role } from "../schema";

export const ROLES: readonly Role[] = ["program_manager", "steering_group", "knowledge_staff", "admin", "external"];

export function getUserByEmail(db: Executor, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function getUserById(db: Executor, id: number) {
  return db.selectFrom("users").select(["id", "email", "name", "role", "active"]).where("id", "=", id).executeTakeFirst();
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

export function updateUser(db: Executor, id: number, patch: { role?: Role; active?: number; name?: string }) {
  return db.updateTable("users").set(patch).where("id", "=", id).executeTakeFirst();
}

export async function createSession(db: Executor, input: { id: string; userId: number; now: string; expiresAt: string }) {
  await db
    .insertInto("sessions")
    .values({ id: input.id, user_id: input.userId, created_at: input.now, expires_at: input.expiresAt })
    .execute();
}

/** The active user behind a session id, if the session exists and has not expired. */
export function getSessionUser(db: Executor, sessionId: string, now: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email", "users.name", "users.role"])
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", now)
    .where("users.active", "=", 1)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user (on deactivation), so reactivating does not revive old logins. */
export async function deleteSessionsForUser(db: Executor, userId: number) {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
