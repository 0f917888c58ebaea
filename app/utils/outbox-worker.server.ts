// The outbox delivery loop inside the production server. server.js starts it through the server build's
// entry module (app/entry.server.tsx re-exports startOutboxWorker) unless OUTBOX_WORKER=off; the same
// pass runs from the command line with scripts/outbox.ts. It uses the app's own database handle, so in
// the server it shares the one SQLite connection with the request handlers.
import type { Executor } from "#db/client";
import { deliverDueMessages, type DeliveryOptions, type DeliveryReport } from "~/mail/deliver.server";
import { createMailTransport, mailConfigFromEnv, type MailConfig, type MailTransport } from "~/mail/transport.server";
import { db as appDb } from "./db.server";

type Log = Pick<Console, "info" | "warn" | "error">;

export interface OutboxWorkerOptions {
  /** Pause between passes when nothing more is due. Default 30 s. */
  intervalMs?: number;
  db?: Executor;
  config?: MailConfig;
  transport?: MailTransport;
  log?: Log;
  delivery?: Pick<DeliveryOptions, "limit" | "leaseMs" | "policy" | "now">;
}

export interface OutboxWorker {
  /** One pass now (waits for a pass already running to finish first). */
  runOnce(): Promise<DeliveryReport>;
  /** Stops the loop after the pass in progress, if any. */
  stop(): Promise<void>;
}

export const DEFAULT_INTERVAL_MS = 30_000;

function summary(r: DeliveryReport): string {
  return `releases published ${r.releasesPublished}, sent ${r.sent}, retrying ${r.retrying}, dead ${r.dead}, lost lease ${r.lostLease}, digests built ${r.digestsBuilt}, addresses erased ${r.erased}`;
}

/** A delivery loop of its own (tests, CLI --watch). Passes never overlap; a full batch is followed at once. */
export function createOutboxWorker(o: OutboxWorkerOptions = {}): OutboxWorker {
  const intervalMs = o.intervalMs && o.intervalMs > 0 ? o.intervalMs : DEFAULT_INTERVAL_MS;
  const log = o.log ?? console;
  const config = o.config ?? mailConfigFromEnv();
  const transport = o.transport ?? createMailTransport(config);
  const limit = o.delivery?.limit ?? 50;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<DeliveryReport> | undefined;

  async function pass(): Promise<DeliveryReport> {
    while (inFlight) await inFlight.catch(() => undefined);
    inFlight = deliverDueMessages(o.db ?? appDb(), { config, transport, ...o.delivery, limit });
    try {
      const report = await inFlight;
      if (report.retrying || report.dead || report.lostLease) log.warn(`outbox: ${summary(report)}`);
      else if (report.sent || report.releasesPublished) log.info(`outbox: ${summary(report)}`);
      return report;
    } finally {
      inFlight = undefined;
    }
  }

  async function loop() {
    let again = false;
    try {
      again = (await pass()).claimed >= limit;
    } catch (error) {
      // A database hiccup must not end the loop; the next pass tries again.
      log.error("outbox: delivery pass failed", error);
    }
    if (!stopped) timer = setTimeout(loop, again ? 0 : intervalMs);
  }

  timer = setTimeout(loop, 0);
  return {
    runOnce: pass,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight?.catch(() => undefined);
      transport.close?.();
    },
  };
}

let running: OutboxWorker | undefined;

/** The server's one delivery loop: calling it again returns the loop already running. */
export function startOutboxWorker(o: OutboxWorkerOptions = {}): OutboxWorker {
  if (running) return running;
  const config = o.config ?? mailConfigFromEnv();
  if (process.env.NODE_ENV === "production" && !process.env.PUBLIC_BASE_URL) {
    (o.log ?? console).warn(`outbox: PUBLIC_BASE_URL is not set; links in mails will point at ${config.baseUrl}`);
  }
  const worker = createOutboxWorker({ ...o, config });
  running = {
    runOnce: worker.runOnce,
    async stop() {
      running = undefined;
      await worker.stop();
    },
  };
  (o.log ?? console).info(`outbox: delivering through ${config.host}:${config.port} every ${o.intervalMs ?? DEFAULT_INTERVAL_MS} ms`);
  return running;
}
