// The bytes a long Danish page goes out as: valid UTF-8 and no NUL byte, for the streamed document and
// for the single-fetch data request. React 18's streaming renderer used to leave 0x00 in its 2048-byte
// views before a multi-byte character that did not fit (see app/utils/utf8-stream.server.ts). The app's
// own entry.server renders a small Remix build here, so the test exercises the real document pipeline;
// pages with shifting padding put æ/ø/å/·/– on every alignment against the view boundaries.
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Meta, Outlet, Scripts, useLoaderData } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import * as entry from "~/entry.server";
import { REACT_VIEW_SIZE, trimUnwrittenViewTail } from "~/utils/utf8-stream.server";

const PHRASES = ["Vurdering af æble·grød – første fase", "Økonomi: 12.500 kr. – ØÆÅ", "Målgruppe · børn og unge på døgninstitution", "Styregruppens beslutning – å·ø·æ"];

function rowsFor(padding: number) {
  return Array.from({ length: 800 }, (_, n) => `${"x".repeat(padding)}${PHRASES[n % PHRASES.length]} ${n}`);
}

async function loader({ request }: { request: Request }) {
  const padding = Number(new URL(request.url).searchParams.get("p") ?? 0);
  return { rows: rowsFor(padding) };
}

function Root() {
  return (
    <html lang="da">
      <head><meta charSet="utf-8" /><Meta /></head>
      <body><Outlet /><Scripts /></body>
    </html>
  );
}

function LongPage() {
  const { rows } = useLoaderData<typeof loader>();
  return <ul>{rows.map((r) => <li key={r}>{r}</li>)}</ul>;
}

const route = { hasAction: false, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false, imports: [] };
const build = {
  mode: "production",
  entry: { module: entry },
  routes: {
    root: { id: "root", path: "", module: { default: Root } },
    "routes/lang": { id: "routes/lang", parentId: "root", path: "lang", module: { default: LongPage, loader } },
  },
  assets: {
    entry: { imports: [], module: "/entry.client.js" },
    routes: {
      root: { ...route, id: "root", path: "", hasLoader: false, module: "/root.js" },
      "routes/lang": { ...route, id: "routes/lang", parentId: "root", path: "lang", hasLoader: true, module: "/lang.js" },
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
const decoder = new TextDecoder("utf-8", { fatal: true });

async function fetchBytes(path: string, userAgent = "Mozilla/5.0 Firefox/130.0") {
  const response = await handler(new Request(`http://localhost${path}`, { headers: { "User-Agent": userAgent } }));
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

function expectCleanUtf8(bytes: Uint8Array, padding: number) {
  expect(bytes.length).toBeGreaterThan(10 * REACT_VIEW_SIZE);
  expect(bytes.indexOf(0), `NUL byte with padding ${padding}`).toBe(-1);
  const text = decoder.decode(bytes); // throws on invalid UTF-8
  expect(text).toContain(rowsFor(padding)[799]);
}

const PADDINGS = [0, 1, 2, 3, 5, 8, 13];

describe("long pages with Danish text", () => {
  it("stream as valid UTF-8 without NUL bytes (document, browser and bot)", async () => {
    for (const p of PADDINGS) {
      expectCleanUtf8(await fetchBytes(`/lang?p=${p}`), p);
      expectCleanUtf8(await fetchBytes(`/lang?p=${p}`, "Googlebot/2.1"), p);
    }
  });

  it("answer single-fetch data requests as valid UTF-8 without NUL bytes", async () => {
    for (const p of PADDINGS) expectCleanUtf8(await fetchBytes(`/lang.data?p=${p}`), p);
  });

  it("trims only the unwritten tail of a full React view", () => {
    const full = new Uint8Array(REACT_VIEW_SIZE).fill(0x61);
    expect(trimUnwrittenViewTail(full)).toBe(full);
    const tail = full.slice();
    tail[REACT_VIEW_SIZE - 1] = 0;
    expect(trimUnwrittenViewTail(tail).byteLength).toBe(REACT_VIEW_SIZE - 1);
    const short = new Uint8Array([0x61, 0]);
    expect(trimUnwrittenViewTail(short)).toBe(short);
  });
});
