// Route-test helpers: a logged-in session for a seeded demo user of a role, and a urlencoded form POST.
import { randomBytes } from "node:crypto";
import { DEMO_USERS } from "#db/seed";
import type { Role } from "#db/schema";
import { createSession, getUserByEmail } from "#db/queries/users";
import { SESSION_COOKIE } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** A `Cookie` header value for a fresh session of the first seeded demo user with this role. */
export async function sessionCookieFor(role: Role): Promise<string> {
  const demo = DEMO_USERS.find((u) => u.role === role);
  if (!demo) throw new Error(`No demo user with role ${role}`);
  const user = await getUserByEmail(db(), demo.email);
  if (!user) throw new Error(`Demo user ${demo.email} is not in the test database`);
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  await createSession(db(), {
    id, userId: user.id, now: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  return `${SESSION_COOKIE}=${id}`;
}

/** A POST with an application/x-www-form-urlencoded body, as a browser submits a plain form. */
export function formRequest(url: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(fields) });
}
