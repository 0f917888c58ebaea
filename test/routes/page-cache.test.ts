// The page cache for logged-in readers (app/utils/page-cache.server.ts): what is kept, under which key, and
// that any write, another reader, language, flash message or an expired session gets a fresh render.
import { beforeEach, describe, expect, it } from "vitest";
import { dialectOf } from "#db/dialect";
import { db } from "~/utils/db.server";
import { clearPublicCache, publicValidators, storeBody } from "~/utils/http-cache.server";
import { clearPageCache, lookupPage, storePage, type PageCacheContext } from "~/utils/page-cache.server";
import { sessionCookieFor } from "./helpers";

const html = (s: string) => new TextEncoder().encode(s);
const headers = () => new Headers({ "Content-Type": "text/html" });
const h = (cookie: string | null) => new Headers(cookie ? { Cookie: cookie } : {});

async function contextFor(url: string, cookie: string): Promise<PageCacheContext> {
  const found = await lookupPage("GET", url, h(cookie));
  if (found.hit || !found.context) throw new Error("expected a miss with a context");
  return found.context;
}

describe("page cache", () => {
  beforeEach(() => clearPageCache());

  it("keeps nothing for other methods, anonymous readers, flash messages, data requests or PostgreSQL", async () => {
    const cookie = await sessionCookieFor("program_manager");
    expect((await lookupPage("POST", "/initiativer", h(cookie))).context).toBeUndefined();
    expect((await lookupPage("GET", "/initiativer", h(null))).context).toBeUndefined();
    expect((await lookupPage("GET", "/initiativer", h(`${cookie}; susi_flash=x`))).context).toBeUndefined();
    expect((await lookupPage("GET", "/initiativer.data", h(cookie))).context).toBeUndefined();
    if (dialectOf(db()) === "postgres") expect((await lookupPage("GET", "/initiativer", h(cookie))).context).toBeUndefined();
  });

  it("answers a stored page to the same reader, language and URL until the data changes", async () => {
    if (dialectOf(db()) !== "sqlite") return; // no cheap data version on PostgreSQL: nothing is kept (above)
    const cookie = await sessionCookieFor("program_manager");
    await storePage(await contextFor("/initiativer?area=adults", cookie), 200, headers(), html("<h1>A</h1>"));
    const hit = await lookupPage("GET", "/initiativer?area=adults", h(cookie));
    expect(new TextDecoder().decode(hit.hit!.body!)).toBe("<h1>A</h1>");
    expect(new Headers(hit.hit!.headers).get("Content-Type")).toBe("text/html");
    expect((await lookupPage("HEAD", "/initiativer?area=adults", h(cookie))).hit?.body).toBeNull();

    expect((await lookupPage("GET", "/initiativer?area=children", h(cookie))).hit).toBeUndefined();
    expect((await lookupPage("GET", "/initiativer?area=adults", h(`${cookie}; lang=en`))).hit).toBeUndefined();
    expect((await lookupPage("GET", "/initiativer?area=adults", h(await sessionCookieFor("admin")))).hit).toBeUndefined();

    await db().updateTable("initiatives").set({ title: "Et nyt navn" }).where("id", "=", 1).execute();
    expect((await lookupPage("GET", "/initiativer?area=adults", h(cookie))).hit).toBeUndefined();
  });

  it("does not answer a page once the session has expired, nor on another day", async () => {
    if (dialectOf(db()) !== "sqlite") return;
    const cookie = await sessionCookieFor("program_manager");
    await storePage(await contextFor("/initiativer", cookie), 200, headers(), html("x"));
    expect((await lookupPage("GET", "/initiativer", h(cookie))).hit).toBeDefined();
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect((await lookupPage("GET", "/initiativer", h(cookie), later)).hit).toBeUndefined();
  });

  it("keeps neither errors nor answers that set a cookie, and stores under the version read before rendering", async () => {
    if (dialectOf(db()) !== "sqlite") return;
    const cookie = await sessionCookieFor("program_manager");
    await storePage(await contextFor("/a", cookie), 404, headers(), html("x"));
    const withCookie = headers();
    withCookie.set("Set-Cookie", "susi_flash=; Max-Age=0");
    await storePage(await contextFor("/b", cookie), 200, withCookie, html("x"));
    expect((await lookupPage("GET", "/a", h(cookie))).hit).toBeUndefined();
    expect((await lookupPage("GET", "/b", h(cookie))).hit).toBeUndefined();
    // A write between the lookup and the store (while the loaders ran): the page is stored under the old
    // version, so the next reader gets a fresh render, never the possibly stale one.
    const context = await contextFor("/c", cookie);
    await db().updateTable("initiatives").set({ title: "Skrevet imens" }).where("id", "=", 1).execute();
    await storePage(context, 200, headers(), html("x"));
    expect((await lookupPage("GET", "/c", h(cookie))).hit).toBeUndefined();
  });

  it("answers an anonymous reader's public page from the public cache, with a 304 for a current copy", async () => {
    clearPublicCache();
    const request = new Request("http://localhost/viden");
    const v = await publicValidators(db(), request);
    const stored = new Headers({ "Content-Type": "text/html", ETag: v.etag, "Last-Modified": v.lastModified });
    storeBody(request, v, 200, stored, html("<h1>Viden</h1>"));
    const hit = await lookupPage("GET", "/viden", h(null));
    expect(new TextDecoder().decode(hit.hit!.body!)).toBe("<h1>Viden</h1>");
    const conditional = await lookupPage("GET", "/viden", new Headers({ "If-None-Match": v.etag }));
    expect(conditional.hit?.status).toBe(304);
    expect((await lookupPage("GET", "/viden?area=adults", h(null))).hit).toBeUndefined();
    await db().updateTable("initiatives").set({ updated_at: "2099-01-01T00:00:00.000Z" }).where("id", "=", 1).execute();
    expect((await lookupPage("GET", "/viden", h(null))).hit).toBeUndefined();
  });
});
