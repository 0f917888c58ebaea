// npm run db:seed: migrates DATABASE_PATH (default data/susi-tracker.db) if needed, then seeds it with
// the real UIP initiatives and the demo users unless it already holds data.
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { seedDatabase } from "../db/seed";

const db = createDb();
try {
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migreringer kørt: ${applied.join(", ")}`);
  await seedDatabase(db);
  if ((await (await import("../db/seed-som")).seedSomExamples(db)).seeded) console.log("SØM-vidensdatabase: eksempeldata indsat (ikke SØM's tal)");
} finally {
  await db.destroy();
}
