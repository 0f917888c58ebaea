// Rendered pages for logged-in readers, kept in memory until the database changes (issue 11, DECISIONS
// 0066). The busiest pages (the initiative list, an initiative, the portfolio views) are read far more
// often than anything is written; their HTML depends only on the data, the reader (their session), the
// language and the URL. So:
// - server.js asks `lookupPage` before Remix runs. It takes the database's version (db/data-version.ts,
//   ~20 µs) first; a stored page for the same session, language and URL at the same version, whose
//   session has not expired, is answered at once, without loaders or rendering.
// - Otherwise the version travels to entry.server.tsx in the load context; a route with
//   `handle: { pageCache: true }` that answers 200 without setting a cookie has its HTML stored under
//   the version read BEFORE its loaders ran, so a write during the render only costs a recomputation.
// Never kept: other methods, requests carrying a flash message, answers that set cookies, PostgreSQL
// (no cheap version). Logout and user deactivation are writes, so they move the version too.
// Anonymous readers of the public pages are answered here from the public cache (http-cache.server.ts)
// when it holds their page, also before Remix runs.
import { getSessionExpiry } from "#db/queries/users";
import { dataVersion } from "#db/data-version";
import { readCookie, SESSION_COOKIE } from "./auth.server";
import { db } from "./db.server";
import { FLASH_COOKIE } from "./flash.server";
import { cachedBody, isNotModified, notModifiedResponse, publicValidators } from "./http-cache.server";

const MAX_ENTRIES = 500;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface PageCacheContext {
  key: string;
  version: string;
  session: string;
}

interface Entry {
  version: string;
  expiresAt: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;

function drop(key: string) {
  const e = entries.get(key);
  if (e) totalBytes -= e.body.byteLength;
  entries.delete(key);
}

/** The request's cache key, or null when its answer must not come from (or go into) the cache. */
export function pageCacheKey(method: string, url: string, cookieHeader: string | null): { key: string; session: string } | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const request = { headers: new Headers(cookieHeader ? { Cookie: cookieHeader } : {}) };
  const session = readCookie(request, SESSION_COOKIE);
  if (!session || readCookie(request, FLASH_COOKIE)) return null;
  const u = new URL(url, "http://x");
  // Remix's data requests (single fetch) are answered by the loaders; only documents are kept.
  if (u.pathname.endsWith(".data") || u.searchParams.has("_data")) return null;
  return { key: `${session} ${readCookie(request, "lang") ?? ""} ${u.pathname}${u.search}`, session };
}

export type PageLookup =
  | { hit: { status: number; headers: [string, string][]; body: Uint8Array | null }; context?: undefined }
  | { hit?: undefined; context: PageCacheContext | undefined };

/** An anonymous reader's public page from the shared public cache (a 304 when their copy is current). */
async function publicHit(method: string, url: string, headers: Headers): Promise<PageLookup> {
  const request = { method, url, headers };
  if (readCookie(request, FLASH_COOKIE)) return { context: undefined };
  const v = await publicValidators(db(), request);
  const hit = cachedBody(request, v);
  if (!hit) return { context: undefined };
  if (isNotModified(request, v)) {
    const answer = notModifiedResponse(new Headers(hit.headers));
    return { hit: { status: 304, headers: [...answer.headers], body: null } };
  }
  return { hit: { status: hit.status, headers: hit.headers, body: method === "HEAD" ? null : hit.body } };
}

/**
 * For server.js, before Remix: the stored page, or the context under which this request's page may be
 * stored. `headers` are the request's (the cookie, and the validators of a conditional GET).
 */
export async function lookupPage(method: string, url: string, headers: Headers, now = new Date()): Promise<PageLookup> {
  const cookieHeader = headers.get("Cookie");
  if ((method === "GET" || method === "HEAD") && !readCookie({ headers }, SESSION_COOKIE)) {
    return publicHit(method, url, headers);
  }
  const found = pageCacheKey(method, url, cookieHeader);
  if (!found) return { context: undefined };
  // The day is part of the key: a page may show how far today is along its timeline.
  const k = { ...found, key: `${now.toISOString().slice(0, 10)} ${found.key}` };
  const version = await dataVersion(db());
  if (version === null) return { context: undefined };
  const hit = entries.get(k.key);
  if (hit && hit.version === version && hit.expiresAt > now.toISOString()) {
    entries.delete(k.key);
    entries.set(k.key, hit);
    return { hit: { status: hit.status, headers: hit.headers, body: method === "HEAD" ? null : hit.body } };
  }
  if (hit) drop(k.key);
  return { context: { key: k.key, version, session: k.session } };
}

/** How long a stored page may be replayed without the session being checked (idle timeout, its use noted). */
const REPLAY_MS = 60_000;

/** For entry.server.tsx: keeps a rendered 200 of an opted-in route under the context's version. */
export async function storePage(context: PageCacheContext, status: number, headers: Headers, body: Uint8Array): Promise<void> {
  if (status !== 200 || headers.has("Set-Cookie") || body.byteLength > MAX_BODY_BYTES) return;
  const sessionEnds = await getSessionExpiry(db(), context.session);
  if (!sessionEnds) return;
  // A hit is answered without looking at the session's idle timeout (nor noting its use), so a stored page
  // lives at most a minute: after that the next request goes through the session check again.
  const expiresAt = [sessionEnds, new Date(Date.now() + REPLAY_MS).toISOString()].sort()[0];
  drop(context.key);
  entries.set(context.key, { version: context.version, expiresAt, status, headers: [...headers], body });
  totalBytes += body.byteLength;
  while (entries.size > MAX_ENTRIES || totalBytes > MAX_TOTAL_BYTES) drop(entries.keys().next().value!);
}

/** Tests: forget every stored page. */
export function clearPageCache() {
  entries.clear();
  totalBytes = 0;
}
