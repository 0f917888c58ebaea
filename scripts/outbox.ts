// npx tsx scripts/outbox.ts --once: delivers the outbox rows that are due now (and builds due weekly
// digests), prints what happened and exits. --watch [--interval=ms] keeps doing so until Ctrl-C.
// Configured like the server: DATABASE_PATH, SMTP_*, MAIL_FROM, PUBLIC_BASE_URL.
// Exit codes: 0 done (failed sends are scheduled again, not an error), 1 unexpected failure, 2 bad usage.
// An entry point, like server.js: it wires app/mail (SMTP) to the database, so it lives here and not in db/.
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { deliverDueMessages } from "../app/mail/deliver.server";
import { createMailTransport, mailConfigFromEnv } from "../app/mail/transport.server";
import { createOutboxWorker } from "../app/utils/outbox-worker.server";

const args = process.argv.slice(2);
const watch = args.includes("--watch");
const interval = Number(args.find((a) => a.startsWith("--interval="))?.slice("--interval=".length) ?? 30_000);
if (args.some((a) => a !== "--once" && a !== "--watch" && !a.startsWith("--interval=")) || !Number.isFinite(interval) || interval <= 0) {
  console.error("Brug: npx tsx scripts/outbox.ts --once | --watch [--interval=30000]");
  process.exit(2);
}

const db = createDb();
const config = mailConfigFromEnv();
try {
  await migrateToLatest(db);
  if (watch) {
    const worker = createOutboxWorker({ db, config, intervalMs: interval });
    console.log(`Leverer fra udbakken via ${config.host}:${config.port} hvert ${interval / 1000}. sekund. Stop med Ctrl-C.`);
    await new Promise<void>((resolve) => {
      const stop = () => void worker.stop().then(resolve);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  } else {
    const transport = createMailTransport(config);
    try {
      const r = await deliverDueMessages(db, { config, transport });
      console.log(
        `Udbakke: ${r.claimed} forfaldne, ${r.sent} sendt, ${r.retrying} prøves igen senere, ${r.dead} opgivet` +
          `${r.lostLease ? `, ${r.lostLease} overtaget af en anden proces` : ""}; ${r.digestsBuilt} ugebreve dannet; ${r.erased} adresser slettet.`,
      );
    } finally {
      transport.close?.();
    }
  }
} catch (error) {
  console.error("Udbakken kunne ikke leveres:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
