// Route-test helpers: sessions for seeded demo users, GET and form POST Requests, loader/action arguments,
// reading what a loader or action answered (returned or thrown), and row counts.
import { randomBytes } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DEMO_USERS } from "#db/seed";
import type { DB, Role } from "#db/schema";
import { createSession, getUserByEmail } from "#db/queries/users";
import { SESSION_COOKIE } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** The origin every test Request is addressed to. */
export const BASE = "http://localhost";

/** A `Cookie` header value for a fresh session of the seeded user with this email. */
export async function sessionCookieForEmail(email: string): Promise<string> {
  const user = await getUserByEmail(db(), email);
  if (!user) throw new Error(`Demo user ${email} is not in the test database`);
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  await createSession(db(), {
    id, userId: user.id, now: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  return `${SESSION_COOKIE}=${id}`;
}

/** A `Cookie` header value for a fresh session of the first seeded demo user with this role. */
export async function sessionCookieFor(role: Role): Promise<string> {
  const demo = DEMO_USERS.find((u) => u.role === role);
  if (!demo) throw new Error(`No demo user with role ${role}`);
  return sessionCookieForEmail(demo.email);
}

/** A GET of a path on BASE, sent with the session cookie when one is given. */
export function get(path: string, cookie?: string): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** A POST with an application/x-www-form-urlencoded body, as a browser submits a plain form. */
export function formRequest(url: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (cookie) headers.Cookie = cookie;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(fields) });
}

/** The arguments Remix hands a loader or action; route params arrive as strings, as the router gives them. */
export function args(request: Request, params: Record<string, string | number> = {}): LoaderFunctionArgs {
  return { request, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), context: {} };
}

/** The thrown value of a loader or action that must refuse; fails the test when the call does not throw. */
export async function thrown(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

/** The HTTP status of a returned or thrown answer: a Response's own, a `data()`'s init status, else 200. */
export const statusOf = (answer: any): number => (answer instanceof Response ? answer.status : answer?.init?.status ?? 200);

export type Outcome = { status: number; data: any; location: string | null; response?: Response };

/** What a loader or action answered, returned or thrown: a redirect or other Response, a `data()` with its status, or plain data. */
export async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  let value: any;
  try {
    value = await promise;
  } catch (error) {
    value = error;
  }
  if (value instanceof Response) return { status: value.status, data: undefined, location: value.headers.get("Location"), response: value };
  if (value && value.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, data: value.data, location: null };
  return { status: 200, data: value, location: null };
}

/** How many rows a table holds. */
export async function count(table: keyof DB): Promise<number> {
  return Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}
