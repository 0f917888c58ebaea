// The production server as the README starts it (node server.js on a built app), seen from outside: it runs in
// production mode whatever NODE_ENV the caller set, answers malformed requests with a plain 400 (no stack trace,
// no path), needs PUBLIC_BASE_URL and never links to the Host header. One build for the whole file.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, rawRequest, startFailing, startServer, type RunningServer } from "../support/real-server";

let server: RunningServer;

beforeAll(async () => {
  buildApp();
  server = await startServer({ NODE_ENV: "development" });
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

/** Nothing of the server's insides: no stack frame, no file path, no error class name. */
function expectNoTrace(text: string) {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|[A-Z]:\\|TypeError|URIError|RangeError|Error:/);
}

describe("production server", () => {
  it("serves in production mode even when the caller's environment says development", () => {
    expect(server.output()).toContain("NODE_ENV=production");
  });

  it("refuses to start without PUBLIC_BASE_URL, naming it", () => {
    const r = startFailing({ NODE_ENV: "development", PUBLIC_BASE_URL: undefined });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("PUBLIC_BASE_URL is not set");
    expectNoTrace(r.output);
  }, 60_000);

  it("refuses to start with a PUBLIC_BASE_URL that is not an http(s) address", () => {
    const r = startFailing({ PUBLIC_BASE_URL: "javascript:alert(1)" });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("PUBLIC_BASE_URL must start with http:// or https://");
  }, 60_000);

  it.each([
    ["a Host with a space", "GET /login HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"],
    ["a Host with a slash", "GET /login HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n"],
    ["a Host with an impossible port", "GET /login HTTP/1.1\r\nHost: localhost:99999\r\nConnection: close\r\n\r\n"],
    ["no Host at all", "GET /login HTTP/1.0\r\n\r\n"],
    ["bad percent-encoding in a page path", "GET /viden/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
    ["bad percent-encoding in an asset path", "GET /assets/%E0%A4%A.js HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
    ["a lone percent sign", "GET /initiativer/% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"],
  ])("answers %s with a plain 400 and no trace", async (_what, bytes) => {
    const answer = await rawRequest(server.port, bytes);
    expect(answer.status).toBe(400);
    expect(answer.head).toMatch(/content-type: text\/plain/i);
    expect(answer.body).toContain("Bad request");
    expectNoTrace(answer.body);
  });

  it("builds feed links from PUBLIC_BASE_URL only, whatever Host the request names", async () => {
    const answer = await rawRequest(server.port, "GET /viden/feed.atom HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(`${server.origin}/viden`);
    expect(answer.body).not.toContain("evil.example");
  });
});

/** Logs a demo user in through the real login form; the session cookie. */
async function logIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.origin}/login`, {
    method: "POST", redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin },
    body: new URLSearchParams({ email, password }),
  });
  expect(res.status).toBe(302);
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

/** The CSP of an HTML answer: a nonce, no inline script allowed otherwise, no framing; every inline script carries the nonce. */
function expectStrictCsp(res: Response, html: string) {
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `CSP of ${res.url}: ${csp}`).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("worker-src 'self'");
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
  for (const attrs of scripts) {
    if (/\bsrc=/.test(attrs)) continue;
    expect(attrs, `inline script without the nonce on ${res.url}`).toContain(`nonce="${nonce}"`);
  }
  return { nonce, scripts: scripts.length };
}

describe("headers on HTML answers", () => {
  const PAGES: Record<string, { email: string; password: string; paths: string[] }> = {
    program_manager: { email: "programleder@susi.test", password: "demo-programleder", paths: ["/mine-initiativer", "/initiativer", "/initiativer/1", "/som", "/portefolje"] },
    steering_group: { email: "styregruppe@susi.test", password: "demo-styregruppe", paths: ["/initiativer", "/initiativer/1/beslutning"] },
    knowledge_staff: { email: "videnskonsulent@susi.test", password: "demo-videnskonsulent", paths: ["/udgivelser", "/som/viden"] },
    admin: { email: "admin@susi.test", password: "demo-admin", paths: ["/admin/brugere", "/import"] },
  };

  it.each(Object.entries(PAGES))("logged-in pages of the %s: strict CSP with a nonce on every inline script, private, no-store", async (_role, p) => {
    const cookie = await logIn(p.email, p.password);
    const nonces = new Set<string>();
    for (const path of p.paths) {
      const res = await fetch(`${server.origin}${path}`, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(res.headers.get("Cache-Control"), path).toBe("private, no-store");
      const { nonce, scripts } = expectStrictCsp(res, await res.text());
      expect(scripts, `${path} runs Remix's scripts`).toBeGreaterThan(0);
      nonces.add(nonce!);
    }
    // A fresh nonce per answer.
    expect(nonces.size).toBe(p.paths.length);
  }, 120_000);

  it("a logged-in client navigation's data answer is private, no-store too", async () => {
    const cookie = await logIn("programleder@susi.test", "demo-programleder");
    const res = await fetch(`${server.origin}/initiativer.data`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("anonymous pages, the public portal and error pages carry the CSP too; the portal keeps its validators", async () => {
    for (const path of ["/login", "/viden", "/findes-ikke", "/viden/abonnement"]) {
      const res = await fetch(`${server.origin}${path}`);
      expect(res.headers.get("Content-Type"), path).toMatch(/text\/html/);
      expectStrictCsp(res, await res.text());
    }
    const portal = await fetch(`${server.origin}/viden`);
    expect(portal.headers.get("ETag")).toBeTruthy();
    expect(portal.headers.get("Cache-Control")).toBe("no-cache");
    const again = await fetch(`${server.origin}/viden`, { headers: { "If-None-Match": portal.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  }, 120_000);
});

/** A GET with exactly these headers (fetch would add Accept-Encoding and undo the gzip), its body as bytes. */
function rawGet(path: string, headers: Record<string, string>, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("pages answered from the cache before Remix", () => {
  it("a cached public page is the same document gzipped or not, with Vary on the encoding and its length", async () => {
    const { gunzipSync } = await import("node:zlib");
    await rawGet("/viden", {}); // rendered once, so the next ones are answered from memory
    const plain = await rawGet("/viden", {});
    const zipped = await rawGet("/viden", { "Accept-Encoding": "gzip, deflate, br" });
    expect(plain.status).toBe(200);
    expect(zipped.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(String(zipped.headers.vary)).toMatch(/Accept-Encoding/);
    expect(String(zipped.headers.vary)).toMatch(/Cookie/);
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.byteLength);
    expect(Number(plain.headers["content-length"])).toBe(plain.body.byteLength);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(plain.body.toString("utf8")).toContain("</html>");
    // Refusing gzip outright is honoured; the security headers are on a cached answer too.
    const refused = await rawGet("/viden", { "Accept-Encoding": "gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(zipped.headers["x-content-type-options"]).toBe("nosniff");
    expect(zipped.headers["content-security-policy"]).toMatch(/nonce-/);
    const head = await rawGet("/viden", { "Accept-Encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
  });

  it("a logged-in page replayed from memory is gzipped for a browser too, and stays private", async () => {
    const { gunzipSync } = await import("node:zlib");
    const cookie = await logIn("programleder@susi.test", "demo-programleder");
    await rawGet("/initiativer", { Cookie: cookie });
    const plain = await rawGet("/initiativer", { Cookie: cookie });
    const zipped = await rawGet("/initiativer", { Cookie: cookie, "Accept-Encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["cache-control"]).toBe("private, no-store");
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });
});

describe("cross-origin requests and the proxy", () => {
  it("a cross-origin POST is a plain 403 logged as refused, not a server error", async () => {
    const cookie = await logIn("programleder@susi.test", "demo-programleder");
    for (const headers of [{ Origin: "https://evil.example" }, { Referer: "https://evil.example/x" }] as Record<string, string>[]) {
      const res = await fetch(`${server.origin}/initiativer/ny`, {
        method: "POST", redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
        body: new URLSearchParams({ title: "Forfalsket" }),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Refused: the form was not sent from SUSI Tracker's own pages");
    }
    const logout = await fetch(`${server.origin}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: "https://evil.example" } });
    expect(logout.status).toBe(403);
    expect((await fetch(`${server.origin}/mine-initiativer`, { redirect: "manual", headers: { Cookie: cookie } })).status).toBe(200);
    expect(server.output()).toMatch(/refused 403 POST \/initiativer\/ny: cross-origin request \(Origin "https:\/\/evil.example"\)/);
    expect(server.output()).toMatch(/refused 403 POST \/logout/);
    expectNoTrace(server.output());
  });

  it("without TRUST_PROXY, X-Forwarded-Proto is ignored: no Secure cookie over plain http", async () => {
    const res = await fetch(`${server.origin}/login`, {
      method: "POST", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin, "X-Forwarded-Proto": "https" },
      body: new URLSearchParams({ email: "admin@susi.test", password: "demo-admin" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).not.toMatch(/;\s*Secure/i);
  });

  it("with TRUST_PROXY=1, a proxy's X-Forwarded-Proto: https gives the session cookie Secure", async () => {
    const proxied = await startServer({ TRUST_PROXY: "1", PUBLIC_BASE_URL: "https://susi.example.dk" });
    try {
      const res = await fetch(`${proxied.origin}/login`, {
        method: "POST", redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded", Origin: "https://susi.example.dk",
          "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7",
        },
        body: new URLSearchParams({ email: "admin@susi.test", password: "demo-admin" }),
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("Set-Cookie")).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.stop();
    }
  }, 120_000);
});

/** Sends `total` bytes of form body (declared or chunked) and resolves with the status as soon as the server answers. */
function hostileUpload(path: string, total: number, chunked: boolean): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin };
    if (!chunked) headers["Content-Length"] = String(total);
    const req = httpRequest({ host: "127.0.0.1", port: server.port, path, method: "POST", headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, ms: Date.now() - started });
      req.destroy();
    });
    req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; text: string }> {
  const started = Date.now();
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, ms: Date.now() - started, text };
}

describe("one request never stops the server", () => {
  // The bound is one second. The machine running this may be slow or busy, so the bound is one second
  // on top of what the same normal request takes right before, unhindered (it was 33 s and more before the caps).
  it("a field repeated 100,000 times and 100 MB bodies are refused at once while a normal page is answered", async () => {
    const page = `${server.origin}/viden`;
    const baseline = Math.max(...(await Promise.all([timed(page), timed(page), timed(page)])).map((r) => r.ms));
    const bound = 1000 + baseline;
    const repeated = "email=a%40b.dk&".repeat(100_000);
    const [repeats, declared, chunked, normal] = await Promise.all([
      timed(`${server.origin}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin }, body: repeated }),
      hostileUpload("/login", 100 * 1024 * 1024, false),
      hostileUpload("/login", 100 * 1024 * 1024, true),
      (async () => {
        await new Promise((r) => setTimeout(r, 50));
        return timed(page);
      })(),
    ]);
    expect(repeated.length).toBeLessThan(2_000_000);
    expect([repeats.status, declared.status, chunked.status, normal.status]).toEqual([413, 413, 413, 200]);
    for (const r of [repeats, declared, chunked, normal]) expect(r.ms, `bound ${bound} ms`).toBeLessThan(bound);
  }, 120_000);

  it("a field repeated 100,000 times inside the size limit is a 400 naming the field, answered while another page is", async () => {
    const page = `${server.origin}/viden`;
    const baseline = Math.max(...(await Promise.all([timed(page), timed(page), timed(page)])).map((r) => r.ms));
    const bound = 1000 + baseline;
    const repeated = "x=&".repeat(100_000);
    expect(repeated.length).toBeLessThan(512 * 1024);
    const [repeats, normal] = await Promise.all([
      timed(`${server.origin}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.origin }, body: repeated }),
      (async () => {
        await new Promise((r) => setTimeout(r, 20));
        return timed(page);
      })(),
    ]);
    expect(repeats.status).toBe(400);
    expect(repeats.text).toContain("repeated more than 200 times");
    expect(normal.status).toBe(200);
    for (const r of [repeats, normal]) expect(r.ms, `bound ${bound} ms`).toBeLessThan(bound);
  }, 120_000);
});
