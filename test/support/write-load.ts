// A writer for the backup test (test/db/backup.test.ts): creates initiatives through the app's own code
// path (createInitiative in a transaction, with its chained history row) as fast as it can, and prints
// "ack <id>" after each commit, until stdin closes or it is killed. DATABASE_PATH names the database.
import { createDb } from "../../db/client";
import { createInitiative } from "../../db/queries/initiatives";

const db = createDb();
let stop = false;
process.stdin.on("end", () => (stop = true));
process.stdin.on("close", () => (stop = true));
process.stdin.resume();
for (let i = 0; !stop; i++) {
  const id = await db.transaction().execute((trx) =>
    createInitiative(trx, {
      title: `Belastning ${i}`, description: "", area: "adults", targetGroup: "Voksne", agreementYears: [2026],
      track: 1, trackReason: "Ensartet udførelse", prototypeDescription: "Manual", phase: "maturation", status: "active", framework: "susi2",
    }, null, new Date().toISOString()),
  );
  process.stdout.write(`ack ${id}\n`);
  // Let stdin's events in between writes.
  await new Promise((resolve) => setImmediate(resolve));
}
await db.destroy();
