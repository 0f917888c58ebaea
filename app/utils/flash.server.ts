// One flash-message mechanism for the whole app: an action redirects with `redirectWithFlash`, which sets a
// short-lived cookie naming an i18n key; the root loader reads it once (and clears it), the layout shows it.
// Only the key and a few short parameters travel in the cookie, never markup.
import { redirect } from "@remix-run/node";
import { readCookie } from "./auth.server";
import type { Flash } from "./flash";
import { safeRedirect } from "./http.server";

export const FLASH_COOKIE = "susi_flash";
const KEY = /^flash\.[A-Za-z0-9_.]{1,80}$/;

function cookie(request: Request, value: string, maxAge: number) {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${FLASH_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/** The Set-Cookie value that carries `key` to the page at `path`. */
export function flashCookie(request: Request, path: string, key: string, params: Record<string, string | number> = {}): string {
  const flash: Flash = { key, path: path.split(/[?#]/)[0], params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v).slice(0, 300)])) };
  return cookie(request, Buffer.from(JSON.stringify(flash), "utf8").toString("base64url"), 60);
}

/** A redirect (to a same-site path) that shows the receipt `key` on the page it lands on. */
export function redirectWithFlash(request: Request, to: string, key: string, params?: Record<string, string | number>) {
  const target = safeRedirect(to);
  return redirect(target, { headers: { "Set-Cookie": flashCookie(request, target, key, params) } });
}

/** A flash read from a cookie value, or null when it is not one we set (wrong shape, unknown key form, too long). */
export function parseFlash(value: string | null): Flash | null {
  if (!value || value.length > 2000) return null;
  try {
    const v = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Flash>;
    if (typeof v.key !== "string" || !KEY.test(v.key) || typeof v.path !== "string" || !v.path.startsWith("/")) return null;
    const params: Record<string, string> = {};
    for (const [k, p] of Object.entries(v.params ?? {})) if (typeof p === "string" && p.length <= 300) params[k] = p;
    return { key: v.key, params, path: v.path };
  } catch {
    return null;
  }
}

/** The request's flash, if any, and the Set-Cookie header that clears it (so it shows once). */
export function readFlash(request: Request): { flash: Flash | null; headers?: Record<string, string> } {
  const raw = readCookie(request, FLASH_COOKIE);
  if (raw === null) return { flash: null };
  return { flash: parseFlash(raw), headers: { "Set-Cookie": cookie(request, "", 0) } };
}
