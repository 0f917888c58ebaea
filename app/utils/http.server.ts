// Expected failures as thrown Responses with the right status, so nothing a user does becomes a 500.
import { parse } from "@conform-to/react";
import { data } from "@remix-run/node";
import { ConflictError } from "#db/errors";
import { checkDeclaredLength, checkOrigin, logRefusal, refusalResponse } from "./request-guard.server";
import { getT } from "./i18n.server";

export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "Forbidden"): never {
  throw data({ message }, { status: 403, statusText: "Forbidden" });
}

export function badRequest(message = "Bad request"): never {
  throw data({ message }, { status: 400, statusText: "Bad Request" });
}

/** 400 for a query parameter (or a list filter) that does not parse, naming it in the reader's language. */
export function badParameter(request: Request, param: string, kind: "parameter" | "filter" = "parameter"): never {
  const t = getT(request);
  // Each key right after t( so the client build sees that the words are written here (vite-i18n-split.ts).
  badRequest(kind === "filter" ? t("common.badFilter", { param }) : t("common.badParameter", { param }));
}

/**
 * The submitted form. A cross-origin post is 403 and a body declared larger than the path accepts is 413, both
 * before the body is read (server.js refuses them even earlier; see request-guard.server.ts). A body that is
 * not a form (none, JSON, a broken multipart) is the sender's mistake: 400, not 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  guardRequest(request);
  return checkFieldNames(await request.formData().catch(() => badRequest("The request body is not a form")));
}

/** Refuses (throws) a cross-origin state change or a body declared too large, as a plain-text 403/413. */
export function guardRequest(request: Request): void {
  const url = new URL(request.url);
  const refusal =
    checkOrigin(request.method, { origin: request.headers.get("Origin"), referer: request.headers.get("Referer") }, url.origin) ??
    checkDeclaredLength(url.pathname, request.headers.get("Content-Length"));
  if (!refusal) return;
  logRefusal(request.method, url.pathname, refusal);
  throw refusalResponse(refusal);
}

// No form of ours sends more than a few thousand fields, nor one name more than a few dozen times (a group of
// checkboxes). conform's parsing is quadratic in the repeats of one name (40,000 repeats took half a minute),
// so both are counted, in linear time, before conform sees the form.
export const MAX_FIELDS = 20_000;
export const MAX_REPEATS = 200;

// Our deepest field name has four steps ("consequences[0].prices.kommune") and our longest list 500 rows.
const MAX_NAME_STEPS = 8;
const MAX_LIST_ENTRIES = 10_000;

/**
 * conform turns field names into paths before any schema looks at them: "x[99999999]" becomes a list of a hundred
 * million entries (the process runs out of memory) and "a.a.a…" twenty thousand steps deep overflows the stack.
 * A form whose names go far beyond ours is refused with 400 before conform sees it, and so is one whose control
 * fields conform cannot read (a malformed __intent__, a list button aimed at a text field): conform throws on those.
 */
export function checkFieldNames(form: FormData): FormData {
  const repeats = new Map<string, number>();
  let fields = 0;
  for (const name of form.keys()) {
    if (++fields > MAX_FIELDS) badRequest(`The form has more than ${MAX_FIELDS} fields`);
    const n = (repeats.get(name) ?? 0) + 1;
    if (n > MAX_REPEATS) badRequest(`The field "${name.slice(0, 100)}" is repeated more than ${MAX_REPEATS} times`);
    repeats.set(name, n);
  }
  const lists = new Map<string, number>();
  const names = new Set(form.keys());
  const intent = readIntent(form.get("__intent__"));
  if (intent.depth > MAX_NAME_STEPS + 2) badRequest("The form's __intent__ is nested too deeply");
  if (intent.target !== undefined) names.add(intent.target);
  for (const name of names) {
    if ((name.match(/[^.[\]]+|\[\d*\]/g)?.length ?? 0) > MAX_NAME_STEPS) badRequest("A field name is nested too deeply");
    for (const m of name.matchAll(/\[(\d+)\]/g)) {
      const list = name.slice(0, m.index);
      lists.set(list, Math.max(lists.get(list) ?? 0, Number(m[1]) + 1));
    }
  }
  let entries = 0;
  for (const n of lists.values()) entries += n;
  if (entries > MAX_LIST_ENTRIES) badRequest("The form's lists are too long");
  try {
    parse(form, { resolve: () => ({ value: {} }) });
  } catch {
    badRequest("The form's __intent__ or __state__ cannot be read");
  }
  return form;
}

/**
 * What a conform update or list button would build: the field it names ({"type":"update","payload":{"name":"costs",
 * "index":3}} names "costs[3]") and how deeply its JSON nests (a value set into the form is nested as deep).
 */
function readIntent(intent: FormDataEntryValue | null): { target?: string; depth: number } {
  if (typeof intent !== "string") return { depth: 0 };
  let control: { payload?: { name?: unknown; index?: unknown } } | null;
  try {
    control = JSON.parse(intent);
  } catch {
    return { depth: 0 };
  }
  let depth = 0;
  for (const stack: [unknown, number][] = [[control, 0]]; stack.length; ) {
    const [value, d] = stack.pop()!;
    depth = Math.max(depth, d);
    if (value && typeof value === "object") for (const child of Object.values(value)) stack.push([child, d + 1]);
  }
  const { name, index } = control?.payload ?? {};
  if (typeof name !== "string") return { depth };
  return { target: typeof index === "number" ? `${name}[${index}]` : name, depth };
}

/** A positive integer route param, or 404. */
export function intParam(value: string | undefined): number {
  const n = Number(value);
  if (!value || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) notFound();
  return n;
}

// The one 409 idiom. A state change runs inside withConflictCheck; a stale form (ConflictError from the
// version guard) becomes conflictResponse(), a 409 whose body has `conflict: true` plus whatever the page
// needs to place the alert (which form: `intent`, `criterionId`; conform's `result`). The page shows
// <ConflictAlert answer={actionData} /> from app/components/forms.tsx, which reads that same body.

/** The body of a 409 "changed by someone else" answer. */
export type ConflictBody<E extends object = object> = { status: "conflict"; conflict: true } & E;

/** The form a user submitted was loaded before someone else changed the record. */
export function conflictResponse<E extends object = object>(extra?: E) {
  const body = { ...(extra as E), status: "conflict", conflict: true } as ConflictBody<E>;
  return data(body, { status: 409, statusText: "Conflict" });
}

export type ConflictReply<E extends object = object> = ReturnType<typeof conflictResponse<E>>;

/** Runs a state change, answering ConflictError (raised inside the transaction) with 409 (`extra` in its body). */
export async function withConflictCheck<T, E extends object = object>(fn: () => Promise<T>, extra?: E): Promise<T | ConflictReply<E>> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ConflictError) return conflictResponse(extra);
    throw error;
  }
}

/** Whether withConflictCheck answered 409 instead of returning the step's value. */
export function isConflictReply(value: unknown): value is ConflictReply {
  if (!value || typeof value !== "object" || !("init" in value) || !("data" in value)) return false;
  const body = (value as { data: unknown }).data;
  return !!body && typeof body === "object" && (body as { conflict?: unknown }).conflict === true;
}

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Only same-site relative paths may be redirected to (no open redirects). Paths of our own are percent-encoded
 * ASCII; anything else cannot go in a Location header (CR/LF or a character above U+00FF makes it throw, a 500)
 * or is read differently by a browser ("/<tab>/evil.example" is "//evil.example" once the tab is dropped).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[^\x20-\x7e]/.test(to)) return fallback;
  return to;
}
