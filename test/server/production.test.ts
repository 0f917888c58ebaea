// The production server as the README starts it (node server.js on a built app), seen from outside: it runs in
// production mode whatever NODE_ENV the caller set, answers malformed requests with a plain 400 (no stack trace,
// no path), needs PUBLIC_BASE_URL and never links to the Host header. One build for the whole file.
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
