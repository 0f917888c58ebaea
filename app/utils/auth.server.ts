// Password login with server-side session rows. The cookie holds only a random session id
// (httpOnly, SameSite=Lax, Secure over HTTPS); logout deletes the row. A session ends 14 days after login or
// after SESSION_IDLE_MINUTES (default 60) without a request, whichever comes first. Logins are throttled
// per account and per address (workflows/login-throttle.ts); logins, failed logins and logouts are history.
import { redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { verifyPassword } from "#db/password";
import { appendHistory } from "#db/queries/history";
import { clearLoginFailures, recentLoginFailures, recordLoginFailure } from "#db/queries/login-failures";
import { createSession, deleteSession, getSessionUser, getUserByEmail, rolesOf, touchSession } from "#db/queries/users";
import { loginVerdict, windowStart, type LoginRefusal } from "#workflows/login-throttle";
import { assessorRoleOf } from "#db/queries/assessments";
import type { Role } from "#db/schema";
import type { Executor } from "#db/client";
import { db } from "./db.server";
import { forbidden, safeRedirect } from "./http.server";
import { can, isExternalOnly, type Permission } from "./permissions";

export const SESSION_COOKIE = "susi_session";
const SESSION_DAYS = 14;
/** A session's last use is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;

/** Minutes without a request after which a session ends (SESSION_IDLE_MINUTES, default 60). */
export function sessionIdleMinutes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.SESSION_IDLE_MINUTES);
  return Number.isFinite(n) && n > 0 ? n : 60;
}

/** The logged-in user: `role` is the primary role (shown beside the name), `roles` every role they hold. */
export type SessionUser = { id: number; email: string; name: string; role: Role; roles: Role[] };

function readCookie(request: { headers: Headers }, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    // A value that is not valid percent-encoding was not set by us: skip it rather than answer 500 (URIError).
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      continue;
    }
  }
  return null;
}

function sessionCookie(request: Request, value: string, maxAge: number) {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

// The loaders of one request (root and page) run at once and each asks for the user; Remix hands each a
// copy of the Request, so they share the lookup by session id while it is in flight: one query per request.
const pendingLookups = new Map<string, Promise<SessionUser | null>>();

export async function getUser(request: Request): Promise<SessionUser | null> {
  const id = readCookie(request, SESSION_COOKIE);
  if (!id) return null;
  let lookup = pendingLookups.get(id);
  if (!lookup) {
    lookup = lookUpSession(id).finally(() => pendingLookups.delete(id));
    pendingLookups.set(id, lookup);
  }
  return lookup;
}

async function lookUpSession(id: string): Promise<SessionUser | null> {
  const now = new Date();
  const idleSince = new Date(now.getTime() - sessionIdleMinutes() * 60_000).toISOString();
  const row = await getSessionUser(db(), id, now.toISOString(), idleSince);
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at ?? row.created_at) > TOUCH_EVERY_MS) await touchSession(db(), id, now.toISOString());
  const roles = (await rolesOf(db(), [row])).get(row.id) ?? [row.role];
  return { id: row.id, email: row.email, name: row.name, role: row.role, roles };
}

/** The logged-in user of any role, or a redirect to the login page that comes back here. */
async function requireAnyUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/**
 * The logged-in user of the register, or a redirect to the login page that comes back here. An external
 * assessor is no user of the register: 403 (they reach only their assessments, via requireAssessmentUser).
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await requireAnyUser(request);
  if (isExternalOnly(user)) forbidden();
  return user;
}

/** Any logged-in user, external assessors included: for pages that show only what names the user. */
export function requireSignedIn(request: Request): Promise<SessionUser> {
  return requireAnyUser(request);
}

/**
 * The logged-in user who may open this assessment: any register user, or an external assessor the
 * assessment names (a narrow grant, DECISIONS 0059); 403 for any other external user.
 */
export async function requireAssessmentUser(request: Request, assessmentId: number): Promise<SessionUser> {
  const user = await requireAnyUser(request);
  if (isExternalOnly(user) && !(await assessorRoleOf(db(), assessmentId, user.id))) forbidden();
  return user;
}

/** The logged-in user if their role carries the permission; 403 otherwise. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) forbidden();
  return user;
}

/** The client's address as server.js passes it in the load context (behind TRUST_PROXY: the forwarded one). */
export function clientAddress(context: unknown): string | null {
  const a = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof a === "string" && a ? a.slice(0, 100) : null;
}

export type LoginResult = { ok: true; user: SessionUser } | { ok: false; refusal: LoginRefusal | null };

/**
 * Checks the throttle first (a locked account is refused even with the right password, before it is looked
 * at), then the password. A login and a failed login are written to the history.
 * `address` is the client's address (server.js passes it as context.clientAddress; null in tests).
 */
export async function login(email: string, password: string, address: string | null): Promise<LoginResult> {
  const now = new Date().toISOString();
  const user = await getUserByEmail(db(), email);
  const known = user ? { id: user.id, email: user.email } : null;
  const verdict = loginVerdict({ ...(await recentLoginFailures(db(), { email, address, since: windowStart(now) })), now });
  if (!verdict.ok) {
    // Logged, not written to the history: a refused attempt costs the sender nothing, so a flood of them
    // must not cost us a history row each.
    console.warn(`refused 429 POST /login: ${verdict.refusal.code} (${address ?? "no address"}), retry after ${verdict.refusal.retryAfterSeconds} s`);
    return { ok: false, refusal: verdict.refusal };
  }
  // Verify against a dummy hash when the user is unknown, so timing doesn't reveal which emails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    await db().transaction().execute(async (trx) => {
      await recordLoginFailure(trx, { email, address, at: now });
      await recordAuth(known, email, "auth.login_failed", now, { address }, trx);
    });
    return { ok: false, refusal: null };
  }
  await db().transaction().execute(async (trx) => {
    await clearLoginFailures(trx, email);
    await recordAuth(known, email, "auth.login", now, { address }, trx);
  });
  const roles = (await rolesOf(db(), [user])).get(user.id) ?? [user.role];
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, roles } };
}

async function recordAuth(
  user: { id: number; email: string } | null, email: string, action: string, at: string, detail: Record<string, unknown>, executor: Executor = db(),
) {
  await appendHistory(executor, {
    initiativeId: null, actorId: user?.id ?? null, at, action, entity: "user", entityId: user?.id ?? null,
    after: { email: user?.email ?? email.trim().toLowerCase(), ...detail },
  });
}

const DUMMY_HASH =
  "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

export async function startSession(request: Request, userId: number, redirectTo: string) {
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await createSession(db(), { id, userId, now: now.toISOString(), expiresAt: expires.toISOString() });
  return redirect(safeRedirect(redirectTo, "/initiativer"), {
    headers: { "Set-Cookie": sessionCookie(request, id, SESSION_DAYS * 86_400) },
  });
}

export async function logout(request: Request) {
  const id = readCookie(request, SESSION_COOKIE);
  if (id) {
    const user = await getUser(request);
    await db().transaction().execute(async (trx) => {
      await deleteSession(trx, id);
      if (user) await recordAuth(user, user.email, "auth.logout", new Date().toISOString(), {}, trx);
    });
  }
  return redirect("/login", { headers: { "Set-Cookie": sessionCookie(request, "", 0) } });
}

export { readCookie };
