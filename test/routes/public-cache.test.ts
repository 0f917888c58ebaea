// Public pages answer conditional GETs: ETag and Last-Modified on 200, 304 when the reader has the current
// version, a new validator after a release or initiative changes; anonymous readers share one rendered body.
// The document path runs the app's own root, /viden route and entry.server through Remix's request handler;
// the feeds are resource routes and are called directly.
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import { assignSlug, getRelease, insertDraft, saveReleaseState, toReleaseState } from "#db/queries/releases";
import { approveAndPublish, submitForReview, type ReleaseResult, type ReleaseState } from "#workflows/release";
import * as entry from "~/entry.server";
import * as root from "~/root";
import * as portal from "~/routes/viden._index";
import { loader as feedLoader } from "~/routes/viden.feed[.]atom";
import { db } from "~/utils/db.server";
import { clearPublicCache } from "~/utils/http-cache.server";
import { BASE, sessionCookieFor } from "./helpers";

const flags = { hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: true, imports: [] };
const build = {
  mode: "production",
  entry: { module: entry },
  routes: {
    root: { id: "root", path: "", module: root },
    "routes/viden._index": { id: "routes/viden._index", parentId: "root", path: "viden", index: true, module: portal },
  },
  assets: {
    entry: { imports: [], module: "/entry.client.js" },
    routes: {
      root: { ...flags, id: "root", path: "", hasLoader: true, module: "/root.js" },
      "routes/viden._index": { ...flags, id: "routes/viden._index", parentId: "root", path: "viden", index: true, hasLoader: true, module: "/viden.js" },
    },
    url: "/manifest.js",
    version: "test",
  },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
  isSpaMode: false,
} as unknown as ServerBuild;
const handler = createRequestHandler(build, "production");

const page = (headers: Record<string, string> = {}, path = "/viden") => handler(new Request(`${BASE}${path}`, { headers }));

function ok(r: ReleaseResult): ReleaseState {
  if (!r.ok) throw new Error(JSON.stringify(r.refusals));
  return r.value;
}

let day = 1;
/** Publishes a release through the release workflow, as the knowledge staff's page does. */
async function publishRelease(title: string) {
  const at = `2026-11-${String(day++).padStart(2, "0")}T09:00:00.000Z`;
  const user = async (email: string) => ({ id: (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id, role: "knowledge_staff" as const });
  const author = await user("videnskonsulent@susi.test");
  const reviewer = await user("redaktoer@susi.test");
  const initiativeId = await db().transaction().execute((trx) => createInitiative(trx, {
    title: `Initiativ bag ${title}`, description: "", area: "adults", targetGroup: "", agreementYears: [2023], track: 1, trackReason: "x",
    prototypeDescription: "x", phase: "maturation", status: "active", framework: "susi2",
  }, null, at));
  const content = { title, summary: "Resumé", bodyMarkdown: "Tekst", audiences: ["municipalities"], areas: ["adults"], topics: [], maturity: "preliminary", changeNote: "" } as const;
  const id = await db().transaction().execute((trx) =>
    insertDraft(trx, { initiativeId, phase: "maturation", decisionId: null, content: { ...content, audiences: [...content.audiences], areas: [...content.areas], topics: [] }, authorId: author.id, requestedById: null }, author.id, at));
  const r = (await getRelease(db(), id))!;
  const next = ok(approveAndPublish(ok(submitForReview(toReleaseState(r), author, at)), reviewer, at));
  await db().transaction().execute(async (trx) => {
    await saveReleaseState(trx, r, r.version, next, "release.published", reviewer.id, at);
    await assignSlug(trx, id);
  });
  return id;
}

const touchRelease = () => publishRelease(`Ny viden ${day}`);

beforeEach(async () => {
  clearPublicCache();
  day = 1;
  await publishRelease("Bostøtte virker – første fund");
});


describe("public portal document", () => {
  it("sends validators, answers 304 to a matching If-None-Match or If-Modified-Since, and ships no JavaScript", async () => {
    const first = await page();
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag")!;
    const lastModified = first.headers.get("Last-Modified")!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    expect(first.headers.get("Cache-Control")).toBe("no-cache");
    const html = await first.text();
    expect(html).toContain("<h1>Viden til kommuner</h1>");
    expect(html).not.toMatch(/<script|modulepreload/);

    const again = await page({ "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect((await page({ "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await page({ "If-None-Match": '"something-else"' })).status).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await page({ "If-None-Match": '"other"', "If-Modified-Since": lastModified })).status).toBe(200);
  });

  it("changes the validator when a release changes, and per language and session", async () => {
    const etag = (await page()).headers.get("ETag")!;
    expect((await page()).headers.get("ETag")).toBe(etag);
    expect((await page({ Cookie: "lang=en" })).headers.get("ETag")).not.toBe(etag);
    const cookie = await sessionCookieFor("knowledge_staff");
    const staff = await page({ Cookie: cookie, "If-None-Match": etag });
    expect(staff.status).toBe(200);
    const staffTag = staff.headers.get("ETag")!;
    expect(staffTag).not.toBe(etag);
    expect((await page({ Cookie: cookie, "If-None-Match": staffTag })).status).toBe(304);
    await touchRelease();
    const after = await page({ "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(etag);
  });

  it("shares the rendered body among anonymous readers until the next change", async () => {
    const first = await (await page()).text();
    expect(first).toContain("Bostøtte virker – første fund");
    // Written behind the app's back (no version or updated_at change): the shared body is still served,
    // which shows the second reader got the cached render. The app's own writes move the fingerprint.
    await db().updateTable("releases").set({ title: "Ændret titel – æøå" }).execute();
    expect(await (await page()).text()).toBe(first);
    await touchRelease();
    const fresh = await (await page()).text();
    expect(fresh).toContain("Ændret titel – æøå");
    expect(fresh).toContain("Ny viden");
  });
});

describe("public feeds", () => {
  it("answer 304 to their own ETag and 200 with the same body from memory", async () => {
    const call = (headers: Record<string, string> = {}) => feedLoader({ request: new Request(`${BASE}/viden/feed.atom`, { headers }), params: {}, context: {} });
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toContain("application/atom+xml");
    const body = await first.text();
    const etag = first.headers.get("ETag")!;
    expect((await call({ "If-None-Match": etag })).status).toBe(304);
    const second = await call();
    expect(await second.text()).toBe(body);
    await touchRelease();
    expect((await call({ "If-None-Match": etag })).status).toBe(200);
  });
});
