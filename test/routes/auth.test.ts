// Login, logout, the language switch and the 404 route, called with real Requests.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as langAction } from "~/routes/sprog";
import { loader as notFoundLoader } from "~/routes/$";
import { loader as rootLoader } from "~/root";
import { args, count, formRequest, get } from "./helpers";

const sessions = () => count("sessions");

describe("login", () => {
  it("logs a demo user in with an httpOnly, SameSite=Lax session cookie and returns to the asked page", async () => {
    const res = (await loginAction(args(formRequest("http://localhost/login", {
      email: "Programleder@susi.test", password: "demo-programleder", redirectTo: "/initiativer/3",
    })))) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/initiativer/3");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^susi_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const root = await rootLoader(args(get("/", cookie.split(";")[0])));
    expect(root.user).toMatchObject({ email: "programleder@susi.test", role: "program_manager" });
  });

  it("refuses a wrong password with 400 and creates no session", async () => {
    const before = await sessions();
    const res: any = await loginAction(args(formRequest("http://localhost/login", { email: "admin@susi.test", password: "forkert" })));
    expect(res.init.status).toBe(400);
    expect(res.data.error[""]).toEqual(["login.invalid"]);
    expect(await sessions()).toBe(before);
  });

  it("names the email field when it is not an email", async () => {
    const res: any = await loginAction(args(formRequest("http://localhost/login", { email: "ikke-en-mail", password: "x" })));
    expect(res.init.status).toBe(400);
    expect(res.data.error.email).toEqual(["error.invalidEmail"]);
  });

  it("never redirects off-site", async () => {
    const res = (await loginAction(args(formRequest("http://localhost/login", {
      email: "admin@susi.test", password: "demo-admin", redirectTo: "//evil.example/",
    })))) as Response;
    expect(res.headers.get("Location")).toBe("/");
  });

  it("falls back to the start page for a redirectTo a Location header cannot carry as written", async () => {
    // CR/LF and characters above U+00FF make the header throw (a 500); a browser drops the tab and reads "//evil.example/".
    for (const redirectTo of ["/\r\nSet-Cookie: x=1", "/€", "/\t/evil.example/"]) {
      const res = (await loginAction(args(formRequest("http://localhost/login", { email: "admin@susi.test", password: "demo-admin", redirectTo })))) as Response;
      expect(res.headers.get("Location")).toBe("/");
      const lang = (await langAction(args(formRequest("http://localhost/sprog", { lang: "en", redirectTo })))) as Response;
      expect(lang.headers.get("Location")).toBe("/");
    }
  });
});

describe("session cookie", () => {
  it("treats a cookie that is not valid percent-encoding as no session, and still finds a good one beside it", async () => {
    expect((await rootLoader(args(get("/", "susi_session=%E0%A4%A")))).user).toBeNull();
    const login = (await loginAction(args(formRequest("http://localhost/login", { email: "admin@susi.test", password: "demo-admin" })))) as Response;
    const good = login.headers.get("Set-Cookie")!.split(";")[0];
    expect((await rootLoader(args(get("/", `susi_session=%; ${good}`)))).user).toMatchObject({ email: "admin@susi.test" });
  });
});

describe("logout", () => {
  it("deletes the session row and clears the cookie", async () => {
    const login = (await loginAction(args(formRequest("http://localhost/login", { email: "admin@susi.test", password: "demo-admin" })))) as Response;
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0];
    const before = await sessions();
    const res = (await logoutAction(args(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } })))) as Response;
    expect(res.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await sessions()).toBe(before - 1);
    const root = await rootLoader(args(get("/", cookie)));
    expect(root.user).toBeNull();
  });
});

describe("language switch", () => {
  it("remembers English in a cookie and the root loader serves it", async () => {
    const res = (await langAction(args(formRequest("http://localhost/sprog", { lang: "en", redirectTo: "/initiativer?area=adults" })))) as Response;
    expect(res.headers.get("Location")).toBe("/initiativer?area=adults");
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0];
    expect(cookie).toBe("lang=en");
    const root = await rootLoader(args(get("/", cookie)));
    expect(root.lang).toBe("en");
  });

  it("ignores an unknown language and Danish stays the default", async () => {
    const res = (await langAction(args(formRequest("http://localhost/sprog", { lang: "xx", redirectTo: "/" })))) as Response;
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const root = await rootLoader(args(get("/")));
    expect(root.lang).toBe("da");
  });
});

describe("unknown URLs", () => {
  it("answer 404", async () => {
    try {
      await notFoundLoader();
      throw new Error("expected 404");
    } catch (e: any) {
      expect(e.init.status).toBe(404);
    }
  });
});
