// npm run db:seed: migrates DATABASE_PATH (default data/susi-tracker.db) if needed, then seeds it with
// the real UIP initiatives and the demo users unless it already holds data.
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDatabase, type SeedResult } from "../db/seed";
import { importReportLines } from "../app/i18n/csv-import";
import { translator } from "../app/i18n/index";

function formatSeedResult(result: SeedResult): string[] {
  if (!result.seeded) {
    return [`Databasen er ikke tom (${result.initiatives} initiativer, ${result.users} brugere); seed springes over.`];
  }
  return [
    ...importReportLines(translator("da"), result.import),
    `Demobrugere oprettet: ${result.users.length} (${result.users.map((u) => u.email).join(", ")})`,
  ];
}

const db = createDb();
try {
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migreringer kørt: ${applied.join(", ")}`);
  await seedDatabase(db, { log: (result) => formatSeedResult(result).forEach((line) => console.log(line)) });
  if ((await (await import("../db/seed-som")).seedSomExamples(db)).seeded) console.log("SØM-vidensdatabase: eksempeldata indsat (ikke SØM's tal)");
} finally {
  await db.destroy();
}
