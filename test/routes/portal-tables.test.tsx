// Wide tables on the portal (issue 13, WCAG 2.1 1.4.10): the public release page, rendered through the app's own
// entry.server with the real route module, puts every table of the body in a keyboard-focusable, named region
// with the "it scrolls" hint (shown by CSS only while it overflows; test/e2e/portal-layout.spec.ts measures that),
// in Danish and English; the wrapping keeps the sanitised table itself as it was.
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Meta, Outlet, Scripts } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import { createInitiative } from "#db/queries/initiatives";
import { assignSlug, getRelease, insertDraft, saveReleaseState, toReleaseState } from "#db/queries/releases";
import { approveAndPublish, submitForReview, type ReleaseContent, type ReleaseResult, type ReleaseState } from "#workflows/release";
import { withScrollingTables } from "~/components/table-scroll";
import * as entry from "~/entry.server";
import { renderMarkdown } from "~/markdown/render";
import * as pageRoute from "~/routes/viden.$slugOrId/route";
import { db } from "~/utils/db.server";

const T = "2026-12-02T09:00:00.000Z";
const WIDE = [
  "| Kommune | Borgere | Gennemført | Afbrudt | Ventetid | Uddannet | Udgift pr. borger |",
  "|---|---|---|---|---|---|---|",
  "| Københavns Kommune | 120 | 96 | 24 | 35 | 14 | 41.000 kr. |",
].join("\n");
const NARROW = ["| År | Antal |", "|---|---|", "| 2025 | 12 |"].join("\n");

function ok(r: ReleaseResult): ReleaseState {
  if (!r.ok) throw new Error(JSON.stringify(r.refusals));
  return r.value;
}

async function publishedWithTables() {
  const initiativeId = await db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Bostøtte til hjemløse", description: "", area: "adults", targetGroup: "", agreementYears: [2023], track: 1, trackReason: "x",
      prototypeDescription: "x", phase: "maturation", status: "active", framework: "susi2",
    }, null, T),
  );
  const id = async (email: string) => (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const author = { id: await id("videnskonsulent@susi.test"), role: "knowledge_staff" as const };
  const reviewer = { id: await id("redaktoer@susi.test"), role: "knowledge_staff" as const };
  const c: ReleaseContent = {
    title: "Tal fra afprøvningen", summary: "Resumé", bodyMarkdown: `## Tal\n\n${WIDE}\n\n## Pr. år\n\n${NARROW}\n`,
    audiences: ["municipalities"], areas: ["adults"], topics: [], maturity: "tested", changeNote: "",
  };
  const rid = await db().transaction().execute((trx) =>
    insertDraft(trx, { initiativeId, phase: "maturation", decisionId: null, content: c, authorId: author.id, requestedById: null }, author.id, T));
  let r = (await getRelease(db(), rid))!;
  const next = ok(approveAndPublish(ok(submitForReview(toReleaseState(r), author, T)), reviewer, T));
  r = (await getRelease(db(), rid))!;
  await db().transaction().execute(async (trx) => {
    await saveReleaseState(trx, r, r.version, next, "release.published", reviewer.id, T);
    await assignSlug(trx, rid);
  });
  return (await getRelease(db(), rid))!;
}

function Root() {
  return (
    <html lang="da">
      <head><meta charSet="utf-8" /><Meta /></head>
      <body><Outlet /><Scripts /></body>
    </html>
  );
}

// The root's loader answers what the app's root does for the translator: the language (here from ?lang=) and no user.
const rootLoader = ({ request }: { request: Request }) => ({ lang: new URL(request.url).searchParams.get("lang") === "en" ? "en" : "da", user: null });
const route = { hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false, imports: [] };
const build = {
  mode: "production",
  entry: { module: entry },
  routes: {
    root: { id: "root", path: "", module: { default: Root, loader: rootLoader } },
    "routes/viden.$slugOrId": { id: "routes/viden.$slugOrId", parentId: "root", path: "viden/:slugOrId", module: pageRoute },
  },
  assets: {
    entry: { imports: [], module: "/entry.client.js" },
    routes: {
      root: { ...route, id: "root", path: "", hasLoader: true, module: "/root.js" },
      "routes/viden.$slugOrId": { ...route, id: "routes/viden.$slugOrId", parentId: "root", path: "viden/:slugOrId", hasLoader: true, hasErrorBoundary: true, module: "/page.js" },
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

async function page(path: string) {
  const response = await handler(new Request(`http://localhost${path}`, { headers: { "User-Agent": "Mozilla/5.0 Firefox/130.0" } }));
  expect(response.status).toBe(200);
  return response.text();
}

/** The opening tags of the scroll regions in the page, in order. */
function regions(html: string): string[] {
  return [...html.matchAll(/<div class="app-table-wrap app-table-scroll"[^>]*>/g)].map((m) => m[0]);
}

describe("wide tables on the public release page", () => {
  it("sit in a focusable, named region with the scroll hint, one per table, in Danish and English", async () => {
    const r = await publishedWithTables();
    const da = await page(`/viden/${r.slug}`);
    const opened = regions(da);
    expect(opened).toHaveLength(2);
    opened.forEach((tag, i) => {
      expect(tag).toContain('tabindex="0"');
      expect(tag).toContain('role="region"');
      expect(tag).toContain(`aria-label="Tabel ${i + 1} i teksten"`);
    });
    // The hint comes first inside the region, then the table, and the region closes after it.
    expect(da).toMatch(/role="region" aria-label="Tabel 1 i teksten"><p class="app-table-scroll__hint">Tabellen kan rulles vandret\.<\/p><table>[\s\S]*?Udgift pr\. borger[\s\S]*?<\/table><\/div>/);
    const en = await page(`/viden/${r.slug}?lang=en`);
    expect(regions(en).map((tag) => /aria-label="([^"]*)"/.exec(tag)![1])).toEqual(["Table 1 in the text", "Table 2 in the text"]);
    expect(en).toContain('<p class="app-table-scroll__hint">The table scrolls sideways.</p>');
  });
});

describe("withScrollingTables", () => {
  it("wraps each sanitised table and leaves the rest of the body as it was", () => {
    const html = renderMarkdown(`Før\n\n${NARROW}\n\nEfter`);
    const out = withScrollingTables(html, (n) => `T${n} "x" <y>`, "Rul & se");
    expect(out.replace(/<div [^>]*><p class="app-table-scroll__hint">[^<]*<\/p>/, "").replace("</table></div>", "</table>")).toBe(html);
    expect(out).toContain('aria-label="T1 &quot;x&quot; &lt;y&gt;"');
    expect(out).toContain('<p class="app-table-scroll__hint">Rul &amp; se</p>');
    expect(withScrollingTables("<p>Ingen tabel</p>", String, "h")).toBe("<p>Ingen tabel</p>");
  });

  it("cannot be fooled by a table typed as text: the sanitiser escapes it, so only real tables are wrapped", () => {
    const html = renderMarkdown("`<table>` og &lt;/table&gt; som tekst");
    expect(withScrollingTables(html, String, "h")).toBe(html);
  });

  it("on an English page names the box in English and marks the Danish table inside as Danish again", () => {
    const out = withScrollingTables(renderMarkdown(NARROW), (n) => `Table ${n}`, "Scrolls", "en");
    expect(out).toMatch(/<div [^>]*aria-label="Table 1" lang="en"><p class="app-table-scroll__hint">Scrolls<\/p><table lang="da">/);
    expect(withScrollingTables(renderMarkdown(NARROW), String, "h", "da")).not.toContain("lang=");
  });
});
