/* global URL, AbortController, Headers, Request, setTimeout, clearTimeout */
// Production server: the Remix build behind Express. Always production mode: NODE_ENV is set here, before
// Express, React or the build are loaded (the imports below are dynamic for that reason), so neither
// Express's development error pages (stack traces, paths) nor React's development build can be served
// whatever the caller's environment says.
//
// Environment: PORT (default 3000) and HOST choose where it listens; PUBLIC_BASE_URL (required) is the
// address users reach the app on, the only base feeds and mails link to; TRUST_PROXY (unset: trust no
// proxy) names the TLS-terminating proxy in front, whose X-Forwarded-Proto/-For are then believed (the
// session cookie gets Secure behind an https proxy). See README "Running in production" and DECISIONS 0031.
process.env.NODE_ENV = "production";

const { Readable, Transform } = await import("node:stream");
const { Buffer } = await import("node:buffer");
const { default: compression } = await import("compression");
const { default: express } = await import("express");
const { readdirSync } = await import("node:fs");
const { gzipSync } = await import("node:zlib");
const { createRequestHandler, writeReadableStreamToWritable } = await import("@remix-run/node");

const build = await import("./build/server/index.js");
const guard = build.entry.module.requestGuard;

const baseUrlProblem = guard.publicBaseUrlProblem(process.env);
if (baseUrlProblem) {
  console.error(`SUSI Tracker cannot start: ${baseUrlProblem}`);
  process.exit(1);
}
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);

function refuse(req, res, refusal) {
  guard.logRefusal(req.method, req.path ?? req.url, refusal);
  if (res.headersSent) return void res.destroy();
  res.status(refusal.status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  if (refusal.status === 413) {
    res.set("Connection", "close");
    lingerOnClose(res.socket);
  }
  res.send(refusal.message);
}

// After a 413 the client is usually still sending the body. Closing a socket with unread bytes makes the kernel
// answer with a reset, and the browser then shows "connection reset" instead of our message (and a client can
// lose the answer it was sent). So the answer is sent and the write side closed as usual, and what still
// arrives is read and thrown away until the client stops or LINGER_MS pass (nginx's lingering close).
const LINGER_MS = 2000;
function lingerOnClose(socket) {
  if (!socket || socket.lingering) return;
  socket.lingering = true;
  socket.destroySoon = function () {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("close", () => clearTimeout(timer));
    this.once("end", () => this.destroy());
    this.on("data", () => {});
    this.resume();
  };
}

// Before anything reads the request: a bad Host or undecodable path (400), a cross-origin state change
// (403), a body declared larger than the path accepts (413, not a byte of it read).
app.use((req, res, next) => {
  const refusal =
    guard.checkRequestTarget(req.headers.host, req.originalUrl) ??
    guard.checkOrigin(req.method, { origin: req.headers.origin, referer: req.headers.referer }, `${req.protocol}://${req.headers.host}`) ??
    guard.checkDeclaredLength(req.path, req.headers["content-length"]);
  if (refusal) return refuse(req, res, refusal);
  next();
});
app.use((_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  next();
});

// The few files at the top of build/client (public/: favicon.svg) are known at start; asking the file system
// on every page request whether the path is one of them cost a stat() per request on the busiest pages.
const topLevelFiles = new Set(readdirSync("build/client").filter((f) => f !== "assets"));
const isStaticPath = (path) => path.startsWith("/assets/") || topLevelFiles.has(path.slice(1).split("/")[0]);

// Logged-in pages stored by entry.server.tsx until the database changes (and anonymous public-page hits) are
// answered here, before Remix, with the headers they were rendered with; otherwise the cache context (the
// version read before the loaders) goes to Remix in the load context. PAGE_CACHE=off renders every page (the
// bench's scale figures measure the queries and the render). A hit is answered before the compression
// middleware: its body is gzipped once, the first time a reader accepts gzip, not on every request (the
// middleware's own work was a fifth of a cached page's CPU even when it did not compress).
const gzipped = new WeakMap();
const COMPRESS_FROM_BYTES = 1024;
app.use((req, res, next) => {
  if (process.env.PAGE_CACHE === "off" || isStaticPath(req.path)) return next();
  const headers = new Headers();
  for (const name of ["cookie", "if-none-match", "if-modified-since"]) if (req.headers[name]) headers.set(name, String(req.headers[name]));
  build.entry.module.lookupPage(req.method, req.originalUrl, headers).then((found) => {
    if (!found.hit) {
      res.locals.pageCache = found.context;
      return next();
    }
    const { status, headers: stored, body } = found.hit;
    for (const [name, value] of stored) res.append(name, value);
    if (body && body.byteLength >= COMPRESS_FROM_BYTES) {
      // As the compression middleware would answer: Vary on the encoding, gzip when the reader takes it.
      res.append("Vary", "Accept-Encoding");
      if (req.acceptsEncodings("gzip", "identity") === "gzip") {
        let zipped = gzipped.get(body);
        if (!zipped) gzipped.set(body, (zipped = gzipSync(body)));
        res.setHeader("Content-Encoding", "gzip");
        res.setHeader("Content-Length", zipped.byteLength);
        return void res.status(status).end(req.method === "HEAD" ? undefined : zipped);
      }
    }
    if (body) res.setHeader("Content-Length", body.byteLength);
    res.status(status).end(body && req.method !== "HEAD" ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
  }, next);
});

app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
const serveTopLevel = express.static("build/client", { maxAge: "1h" });
app.use((req, res, next) => (topLevelFiles.has(req.path.slice(1).split("/")[0]) ? serveTopLevel(req, res, next) : next()));

const handleRequest = createRequestHandler(build, "production");
app.all("*", async (req, res, next) => {
  try {
    const limit = guard.bodyLimitFor(req.path);
    let exceeded = false;
    const request = remixRequest(req, res, limit, () => (exceeded = true));
    const response = await handleRequest(request, { clientAddress: req.ip ?? null, pageCache: res.locals.pageCache });
    // A body without Content-Length that ran past the limit: the route saw a cut-off body; the answer is 413.
    if (exceeded) return refuse(req, res, guard.tooLarge(limit));
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// Last resort: a plain status line, never a stack trace or a path. 4xx errors from Express's own parsing
// (a static file's malformed path) keep their status and are logged as refused; anything else is a 500.
app.use((error, req, res, _next) => {
  const status = Number(error?.status ?? error?.statusCode);
  if (status >= 400 && status < 500) {
    return refuse(req, res, { status, message: status === 413 ? guard.tooLarge(guard.bodyLimitFor(req.path)).message : "Bad request", log: String(error?.message ?? error) });
  }
  console.error(error);
  if (res.headersSent) return void res.destroy();
  res.status(500).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).send("Der opstod en fejl på serveren.\nSomething went wrong on the server.");
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
app.listen(port, host, () => {
  console.log(`SUSI Tracker listening on http://localhost:${port} (NODE_ENV=${process.env.NODE_ENV}, public address ${process.env.PUBLIC_BASE_URL})`);
});

// Mail delivery from the outbox (app/utils/outbox-worker.server.ts), in this process unless turned off,
// e.g. when scripts/outbox.ts runs from cron instead.
if (process.env.OUTBOX_WORKER !== "off") {
  build.entry.module.startOutboxWorker({ intervalMs: Number(process.env.OUTBOX_INTERVAL_MS) || 30_000 });
}

/** The Fetch Request Remix sees (as @remix-run/express's createRemixRequest builds it), its body counted and cut off past `limit`. */
function remixRequest(req, res, limit, onExceeded) {
  const url = new URL(`${req.protocol}://${req.headers.host}${req.originalUrl}`);
  const controller = new AbortController();
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value) headers.set(key, value);
  }
  // Remix repeats a cruder origin check (Origin's host against X-Forwarded-Host or Host) and throws, a 500, when
  // they differ. Our guard has already accepted this Origin (our own, or PUBLIC_BASE_URL's behind a proxy that
  // rewrites Host), so an accepted Origin that Remix would misread is not passed on.
  const origin = headers.get("origin");
  if (origin && req.method !== "GET" && req.method !== "HEAD") {
    const seenHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
    let originHost = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== seenHost) headers.delete("origin");
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    let seen = 0;
    const counted = new Transform({
      transform(chunk, _encoding, callback) {
        seen += chunk.length;
        if (seen > limit) {
          onExceeded();
          req.unpipe(counted);
          req.pause();
          return callback(new Error("request body too large"));
        }
        callback(null, chunk);
      },
    });
    req.on("error", (e) => counted.destroy(e));
    init.body = Readable.toWeb(req.pipe(counted));
    init.duplex = "half";
  }
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => finished || controller.abort());
  return new Request(url.href, init);
}

/** Remix's answer written to Express's response (as @remix-run/express does it). */
async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** TRUST_PROXY: unset or "false" trusts no proxy; a number is how many proxies in front; otherwise Express's list form ("loopback", "10.0.0.1"). */
function parseTrustProxy(value) {
  const v = value?.trim();
  if (!v || v === "false" || v === "0") return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === "true") return true;
  return v;
}
