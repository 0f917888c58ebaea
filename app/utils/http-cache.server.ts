// Conditional GETs and an in-memory cache for the public pages (/viden, a release, the Atom feeds), which
// change only when a release or an initiative changes. Their validator is a fingerprint of the releases
// table and of the newest initiative change (one indexed query, about 0.1 ms), of the reader's variant (language
// cookie, session cookie) and of this server process (a deploy or restart changes the code that renders).
// - ETag / Last-Modified on 200s; If-None-Match (or, without it, If-Modified-Since) answers 304 unrendered.
// - Anonymous readers share rendered bodies from memory until the fingerprint moves, i.e. until the next
//   publication, edit or withdrawal; logged-in readers only get the 304s (their header shows who they are).
// Documents opt in with `handle: { publicCache: true }` (entry.server.tsx does the rest); resource routes
// wrap their response in `publicCached`.
import { createHash, randomBytes } from "node:crypto";
import type { Db, Executor } from "#db/client";
import { publicContentVersion } from "#db/queries/release-portal";
import { readCookie, SESSION_COOKIE } from "./auth.server";
import { memoUntilChange } from "./memo.server";

const PROCESS_TAG = randomBytes(6).toString("base64url");
const MAX_ENTRIES = 500;
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * What these helpers read of a request. A Fetch Request has it; server.js's lookup before Remix passes a
 * plain object instead, because constructing a Request (its AbortSignal, its URL) was a quarter of the CPU
 * a cached public page cost.
 */
export interface RequestLike {
  method: string;
  /** Absolute, or at least with the path and query string. */
  url: string;
  headers: Headers;
}

export interface PublicValidators {
  etag: string;
  lastModified: string;
  /** Only anonymous readers may be answered from the shared memory cache. */
  shareable: boolean;
  /** The fingerprint of the content alone; a cached body is valid while it is unchanged. */
  content: string;
}

export async function publicValidators(db: Executor, request: RequestLike): Promise<PublicValidators> {
  // Outside a transaction the fingerprint is kept until the database changes: the data-version probe is
  // cheaper than counting and summing the releases on every public request.
  const { tag, changedAt } = db.isTransaction
    ? await publicContentVersion(db)
    : await memoUntilChange(db as Db, "public-content-version", () => publicContentVersion(db));
  const session = readCookie(request, SESSION_COOKIE);
  const variant = `${readCookie(request, "lang") ?? ""}|${session ?? ""}`;
  const hash = createHash("sha256").update(`${PROCESS_TAG}|${tag}|${variant}`).digest("base64url").slice(0, 27);
  // Seconds precision, as HTTP dates have; the epoch when nothing was ever published.
  const lastModified = new Date(changedAt ? Math.floor(Date.parse(changedAt) / 1000) * 1000 : 0).toUTCString();
  return { etag: `W/"${hash}"`, lastModified, shareable: !session, content: `${PROCESS_TAG}|${tag}` };
}

/** The validator headers, plus revalidate-always: a reader never sees a stale page, only saves the transfer. */
export function setValidatorHeaders(headers: Headers, v: PublicValidators) {
  headers.set("ETag", v.etag);
  headers.set("Last-Modified", v.lastModified);
  headers.set("Cache-Control", "no-cache");
  headers.append("Vary", "Cookie");
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
export function isNotModified(request: RequestLike, v: PublicValidators): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const inm = request.headers.get("If-None-Match");
  if (inm !== null) {
    const wanted = v.etag.replace(/^W\//, "");
    return inm.trim() === "*" || inm.split(",").some((tag) => tag.trim().replace(/^W\//, "") === wanted);
  }
  const ims = request.headers.get("If-Modified-Since");
  if (ims === null) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Date.parse(v.lastModified) <= since;
}

/** A 304 with the validators (and the other headers a 304 must repeat). */
export function notModifiedResponse(headers: Headers): Response {
  const out = new Headers();
  for (const name of ["ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Location", "Expires"]) {
    const value = headers.get(name);
    if (value !== null) out.set(name, value);
  }
  return new Response(null, { status: 304, headers: out });
}

// ---------------------------------------------------------------------------------------------------
// Shared bodies for anonymous readers: a small LRU keyed by URL and language, each entry valid for one
// content fingerprint. Map iteration order is insertion order, so re-inserting on a hit keeps it LRU.

interface Entry {
  content: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

const entries = new Map<string, Entry>();

export function cacheKey(request: RequestLike): string {
  const url = new URL(request.url, "http://x");
  return `${readCookie(request, "lang") ?? ""} ${url.pathname}${url.search}`;
}

export function cachedBody(request: RequestLike, v: PublicValidators): Entry | undefined {
  if (!v.shareable) return undefined;
  const key = cacheKey(request);
  const hit = entries.get(key);
  if (!hit) return undefined;
  entries.delete(key);
  if (hit.content !== v.content) return undefined;
  entries.set(key, hit);
  return hit;
}

export function storeBody(request: RequestLike, v: PublicValidators, status: number, headers: Headers, body: Uint8Array) {
  if (!v.shareable || status !== 200 || body.byteLength > MAX_BODY_BYTES) return;
  const key = cacheKey(request);
  entries.delete(key);
  entries.set(key, { content: v.content, status, headers: [...headers], body });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function responseFrom(entry: Entry, request: RequestLike): Response {
  return new Response(request.method === "HEAD" ? null : (entry.body as unknown as BodyInit), { status: entry.status, headers: entry.headers });
}

/** Tests: forget every shared body. */
export function clearPublicCache() {
  entries.clear();
}

/**
 * For resource routes (the feeds): the 304 or the shared body when they apply, else `render()`'s response
 * with the validators, kept for the next anonymous reader.
 */
export async function publicCached(db: Executor, request: Request, render: () => Promise<Response> | Response): Promise<Response> {
  const v = await publicValidators(db, request);
  const headers = new Headers();
  setValidatorHeaders(headers, v);
  if (isNotModified(request, v)) return notModifiedResponse(headers);
  const hit = cachedBody(request, v);
  if (hit) return responseFrom(hit, request);
  const response = await render();
  if (response.status !== 200) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const out = new Headers(response.headers);
  setValidatorHeaders(out, v);
  storeBody(request, v, response.status, out, body);
  return new Response(body, { status: response.status, headers: out });
}
