// Cross-origin state changes are refused with a plain 403 (not a 500), logged as refused, before anything is
// read or written: every form through readForm, and /logout and /sprog too. A foreign Referer without an Origin
// is refused as well; a form from our own origin (or the configured public one) passes.
import { describe, expect, it, vi } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as langAction } from "~/routes/sprog";
import { action as createAction } from "~/routes/initiativer.ny/route";
import { args, BASE, count, sessionCookieFor } from "./helpers";

function post(path: string, fields: Record<string, string>, headers: Record<string, string>): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
}

async function refused(promise: Promise<unknown>): Promise<Response> {
  let answer: unknown;
  try {
    answer = await promise;
  } catch (e) {
    answer = e;
  }
  expect(answer).toBeInstanceOf(Response);
  return answer as Response;
}

const FOREIGN = { Origin: "https://evil.example" };
const FOREIGN_REFERER = { Referer: "https://evil.example/page" };

describe("cross-origin posts", () => {
  it("a new initiative from a foreign Origin is 403 with a plain message, logged as refused, nothing written", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const cookie = await sessionCookieFor("program_manager");
    const before = await count("initiatives");
    const res = await refused(createAction(args(post("/initiativer/ny", { title: "Forfalsket" }, { ...FOREIGN, Cookie: cookie }))));
    expect(res.status).toBe(403);
    expect(res.headers.get("Content-Type")).toMatch(/text\/plain/);
    expect(await res.text()).toContain("Refused: the form was not sent from SUSI Tracker's own pages");
    expect(await count("initiatives")).toBe(before);
    expect(warn.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/refused 403 POST \/initiativer\/ny: cross-origin/);
  });

  it("a foreign Referer without an Origin is refused too", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cookie = await sessionCookieFor("program_manager");
    const before = await count("initiatives");
    const res = await refused(createAction(args(post("/initiativer/ny", { title: "Forfalsket" }, { ...FOREIGN_REFERER, Cookie: cookie }))));
    expect(res.status).toBe(403);
    expect(await count("initiatives")).toBe(before);
  });

  it("the literal Origin null (a sandboxed frame, a data: page) is refused", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await refused(loginAction(args(post("/login", { email: "admin@susi.test", password: "demo-admin" }, { Origin: "null" }))));
    expect(res.status).toBe(403);
  });

  it("logout from a foreign page is refused and the session survives", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const cookie = await sessionCookieFor("admin");
    const before = await count("sessions");
    for (const headers of [FOREIGN, FOREIGN_REFERER]) {
      const res = await refused(logoutAction(args(new Request(`${BASE}/logout`, { method: "POST", headers: { ...headers, Cookie: cookie } }))));
      expect(res.status).toBe(403);
    }
    expect(await count("sessions")).toBe(before);
  });

  it("the language switch from a foreign page is refused", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const headers of [FOREIGN, FOREIGN_REFERER]) {
      const res = await refused(langAction(args(post("/sprog", { lang: "en", redirectTo: "/" }, headers))));
      expect(res.status).toBe(403);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("our own Origin, our own Referer and the configured public origin pass", async () => {
    for (const headers of [{ Origin: BASE }, { Referer: `${BASE}/login` }, { Origin: new URL(process.env.PUBLIC_BASE_URL!).origin }, {}] as Record<string, string>[]) {
      const res = (await langAction(args(post("/sprog", { lang: "en", redirectTo: "/" }, headers)))) as Response;
      expect(res.status).toBe(302);
      expect(res.headers.get("Set-Cookie")).toContain("lang=en");
    }
    const cookie = await sessionCookieFor("admin");
    const res = (await logoutAction(args(new Request(`${BASE}/logout`, { method: "POST", headers: { Origin: BASE, Cookie: cookie } })))) as Response;
    expect(res.status).toBe(302);
  });
});
