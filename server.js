// Production server: the Remix build behind Express, with compression, immutable caching of
// fingerprinted assets and a few security headers. PORT (default 3000) and HOST choose where it listens.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

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
app.all("*", createRequestHandler({ build }));

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
