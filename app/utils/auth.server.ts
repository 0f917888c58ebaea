// Password login with server-side session rows. The cookie holds only a random session id
// (httpOnly, SameSite=Lax, Secure over HTTPS); logout deletes the row.
import { redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { verifyPassword } from "#db/password";
import { assessorRoleOf } from "#db/queries/assessments";
import { createSession, deleteSession, getSessionUser, getUserByEmail } from "#db/queries/users";
import type { Role } from "#db/schema";
import { db } from "./db.server";
import { forbidden, safeRedirect } from "./http.server";
import { can, type Permission } from "./permissions";

export const SESSION_COOKIE = "susi_session";
const SESSION_DAYS = 14;

export type SessionUser = { id: number; email: string; name: string; role: Role };

function readCookie(request: Request, name: string): string | null {
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
    lookup = getSessionUser(db(), id, new Date().toISOString()).then((u) => u ?? null).finally(() => pendingLookups.delete(id));
    pendingLookups.set(id, lookup);
  }
  return lookup;
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
  if (user.role === "external") forbidden();
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
  if (user.role === "external" && !(await assessorRoleOf(db(), assessmentId, user.id))) forbidden();
  return user;
}

/** The logged-in user if their role carries the permission; 403 otherwise. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, permission)) forbidden();
  return user;
}

export async function login(email: string, password: string): Promise<SessionUser | null> {
  const user = await getUserByEmail(db(), email);
  // Verify against a dummy hash when the user is unknown, so timing doesn't reveal which emails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
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
  if (id) await deleteSession(db(), id);
  return redirect("/login", { headers: { "Set-Cookie": sessionCookie(request, "", 0) } });
}

export { readCookie };
