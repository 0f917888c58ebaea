// The checks every request passes before a route sees it. server.js runs them as the first Express
// middleware (build.entry.module re-exports this module), so a malformed or hostile request is answered
// with a short plain-text 4xx and never reaches Remix; readForm runs the origin and size checks again on the
// Fetch Request, so that route tests see the same answers. See DECISIONS 0031.
import { MAX_IMPORT_BYTES } from "~/schemas/admin";
import { MAX_WORKBOOK_BYTES } from "~/schemas/som-knowledge";
import { publicOrigin } from "./public-url.server";

export { publicBaseUrlProblem } from "./public-url.server";

export interface Refusal {
  status: 400 | 403 | 413 | 429;
  /** The plain-text body: short, in both languages, naming what was wrong and nothing about the server. */
  message: string;
  /** What the server log says (refused requests are logged as such, never as server errors). */
  log: string;
}

// A hostname (or IPv6 literal) with an optional port: what a browser sends. Anything else (spaces, slashes,
// "@", an empty name) is refused before it is used to build the request's URL.
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A missing or malformed Host header, or a path whose percent-encoding cannot be decoded: 400. */
export function checkRequestTarget(host: string | undefined, target: string): Refusal | null {
  if (!host || host.length > 255 || !HOST.test(host)) {
    return { status: 400, message: "Ugyldig forespørgsel: Host-feltet er ikke gyldigt.\nBad request: the Host header is not valid.", log: "malformed Host header" };
  }
  const path = target.split("?", 1)[0];
  try {
    if (!path.startsWith("/")) throw new Error("not a path");
    decodeURIComponent(path);
    new URL(target, `http://${host}`);
  } catch {
    return { status: 400, message: "Ugyldig forespørgsel: adressen er ikke gyldigt kodet.\nBad request: the address is not validly encoded.", log: "malformed request path" };
  }
  return null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must come from one of our own pages: its Origin (or, when a client sends none, its
 * Referer) must be the app's own origin, the one the request was addressed to or the configured public one.
 * A request carrying neither header is not from a browser form (browsers send Origin on every POST) and is let
 * through: a cross-site page cannot make a browser omit both.
 */
export function checkOrigin(method: string, headers: { origin?: string | null; referer?: string | null }, ownOrigin: string): Refusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const allowed = new Set([ownOrigin, publicOrigin()]);
  const origin = headers.origin ?? null;
  if (origin !== null) {
    if (allowed.has(origin)) return null;
    return crossOrigin(`Origin ${JSON.stringify(origin.slice(0, 200))}`);
  }
  const referer = headers.referer ?? null;
  if (referer === null) return null;
  let refererOrigin: string | null = null;
  try {
    refererOrigin = new URL(referer).origin;
  } catch {
    refererOrigin = null;
  }
  if (refererOrigin !== null && allowed.has(refererOrigin)) return null;
  return crossOrigin(`Referer ${JSON.stringify(referer.slice(0, 200))} without Origin`);
}

function crossOrigin(what: string): Refusal {
  return {
    status: 403,
    message: "Afvist: formularen blev ikke sendt fra SUSI Trackers egne sider.\nRefused: the form was not sent from SUSI Tracker's own pages.",
    log: `cross-origin request (${what})`,
  };
}

/** Forms: the largest (a SØM calculation with 500 rows) is well under 100 kB. */
export const FORM_BODY_LIMIT = 512 * 1024;

/**
 * The largest body a path accepts. The two upload forms take their file cap twice over plus room for the
 * form around it, so a slightly too large file still gets the form's own message ("the file is larger than
 * 2 MB") rather than a bare 413.
 */
export function bodyLimitFor(pathname: string): number {
  // With JavaScript, Remix posts a form to the page's path plus ".data" (single fetch): the same form, the same limit.
  pathname = pathname.replace(/\.data$/, "");
  if (pathname === "/import") return 2 * MAX_IMPORT_BYTES + 1_000_000;
  if (/^\/initiativer\/[^/]+\/som\/excel\/?$/.test(pathname)) return 2 * MAX_WORKBOOK_BYTES + 1_000_000;
  return FORM_BODY_LIMIT;
}

export function tooLarge(limit: number): Refusal {
  const kb = Math.round(limit / 1024).toLocaleString("da-DK");
  return {
    status: 413,
    message: `Afvist: forespørgslen er for stor (højst ${kb} kB).\nRefused: the request is too large (at most ${kb} kB).`,
    log: `body larger than ${limit} bytes`,
  };
}

/** A declared Content-Length over the path's limit (checked before a byte of the body is read). */
export function checkDeclaredLength(pathname: string, contentLength: string | null | undefined): Refusal | null {
  if (contentLength == null || contentLength === "") return null;
  const n = Number(contentLength);
  const limit = bodyLimitFor(pathname);
  return Number.isFinite(n) && n > limit ? tooLarge(limit) : null;
}

/** A plain-text answer for a refusal (route code throws it; server.js writes the same text itself). */
export function refusalResponse(r: Refusal, headers: Record<string, string> = {}): Response {
  return new Response(r.message, {
    status: r.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers, ...(r.status === 413 ? { Connection: "close" } : {}) },
  });
}

/** Logged once per refused request: method, path and why, at warning level (not an error). */
export function logRefusal(method: string, path: string, r: Refusal) {
  console.warn(`refused ${r.status} ${method} ${path.slice(0, 200)}: ${r.log}`);
}
