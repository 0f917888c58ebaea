// npm run db:migrate: brings DATABASE_PATH (default data/susi-tracker.db) to the latest schema.
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";

const db = createDb();
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
await db.destroy();
