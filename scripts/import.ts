// npm run db:import -- path/to/file.csv: validates a UIP CSV and imports it into the database (DATABASE_URL
// or DATABASE_PATH), through the same steps as the import page (db/import/run.ts: parse, match, write in one
// transaction), with progress on stderr for a large file. Exit codes: 0 imported, 2 invalid input (nothing
// written), 1 unexpected failure.
import { readFileSync } from "node:fs";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { runUipImport } from "../db/import/run";
import { importProblemText, importReportLines } from "../app/i18n/csv-import";
import { translator } from "../app/i18n/index";

const t = translator("da");
const file = process.argv[2];
if (!file) {
  console.error("Brug: npm run db:import -- sti/til/fil.csv");
  process.exit(2);
}

let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (err) {
  console.error(`Kan ikke læse ${file}: ${(err as Error).message}`);
  process.exit(2);
}

const db = createDb();
try {
  await migrateToLatest(db);
  let last = 0;
  const result = await runUipImport(db, text, null, new Date().toISOString(), {
    onProgress: (p) => {
      // A line every few seconds on a large file; nothing for a small one.
      if (Date.now() - last < 2000 || p.total < 5000) return;
      last = Date.now();
      console.error(t(`csvImport.job.${p.stage}`, { done: p.done, total: p.total }));
    },
  });
  if (!result.ok) {
    console.error(`${file} er ugyldig; intet er importeret (${result.errors.length} fejl):`);
    for (const e of result.errors) console.error(`  ${importProblemText(t, e)}`);
    process.exitCode = 2;
  } else {
    console.log(`Importeret fra ${file}:`);
    for (const line of importReportLines(t, result.report)) console.log(line);
  }
} finally {
  await db.destroy();
}
