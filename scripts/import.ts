// npm run db:import -- path/to/file.csv: validates a UIP CSV and imports it into DATABASE_PATH.
// Exit codes: 0 imported, 2 invalid input (nothing written), 1 unexpected failure.
import { readFileSync } from "node:fs";
import { createDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { formatImportError, formatImportReport, importUipRows, parseUipCsv } from "../db/import/uip-csv";

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

const parsed = parseUipCsv(text);
if (!parsed.ok) {
  console.error(`${file} er ugyldig; intet er importeret (${parsed.errors.length} fejl):`);
  for (const e of parsed.errors) console.error(`  ${formatImportError(e)}`);
  process.exit(2);
}

const db = createDb();
try {
  await migrateToLatest(db);
  const result = await importUipRows(db, parsed.rows, null, new Date().toISOString());
  if (!result.ok) {
    console.error(`${file} er ugyldig; intet er importeret (${result.errors.length} fejl):`);
    for (const e of result.errors) console.error(`  ${formatImportError(e)}`);
    process.exitCode = 2;
  } else {
    console.log(`Importeret fra ${file}:`);
    for (const line of formatImportReport(result.report)) console.log(line);
  }
} finally {
  await db.destroy();
}
