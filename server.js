/* global Headers */
// Production server: the Remix build behind Express, with compression, immutable caching of
// fingerprinted assets and a few security headers. PORT (default 3000) and HOST choose where it listens.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { Buffer } from "node:buffer";

const build = await import("./build/server/index.js");
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use((_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  next();
});
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
// Logged-in pages stored by entry.server.tsx until the database changes: answered here, before Remix;
// otherwise the cache context (the version read before the loaders) goes to Remix in the load context.
// PAGE_CACHE=off renders every page (the bench's scale figures measure the queries and the render).
app.use((req, res, next) => {
  if (process.env.PAGE_CACHE === "off") return next();
  const headers = new Headers();
  for (const name of ["cookie", "if-none-match", "if-modified-since"]) if (req.headers[name]) headers.set(name, String(req.headers[name]));
  build.entry.module.lookupPage(req.method, req.originalUrl, headers).then((found) => {
    if (!found.hit) {
      res.locals.pageCache = found.context;
      return next();
    }
    res.status(found.hit.status);
    for (const [name, value] of found.hit.headers) res.append(name, value);
    res.end(found.hit.body ? Buffer.from(found.hit.body) : undefined);
  }, next);
});
app.all("*", createRequestHandler({ build, getLoadContext: (_req, res) => ({ pageCache: res.locals.pageCache }) }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
app.listen(port, host, () => {
  console.log(`SUSI Tracker listening on http://localhost:${port}`);
});

// Mail delivery from the outbox (app/utils/outbox-worker.server.ts), in this process unless turned off,
// e.g. when scripts/outbox.ts runs from cron instead.
if (process.env.OUTBOX_WORKER !== "off") {
  build.entry.module.startOutboxWorker({ intervalMs: Number(process.env.OUTBOX_INTERVAL_MS) || 30_000 });
}
