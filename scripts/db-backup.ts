// npm run -s db:backup -- FILE: a consistent backup of the SQLite database (DATABASE_PATH) while the server
// runs, checked before it is reported (db/backup.ts). Restore: README, "Backup and restore". With
// DATABASE_URL (PostgreSQL) it prints the pg_dump command instead. Exit 0 done, 2 refused or failed.
import { defaultDatabaseTarget, isPostgresUrl } from "../db/client";
import { backupSqlite, BackupError } from "../db/backup";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Usage: npm run -s db:backup -- FILE   (FILE must not exist yet)");
  process.exit(2);
}
const target = defaultDatabaseTarget();
if (isPostgresUrl(target)) {
  console.error(
    "DATABASE_URL is PostgreSQL: back it up with PostgreSQL's own tool, which is consistent while the server runs:\n" +
      `  pg_dump --format=custom --file ${JSON.stringify(file)} "$DATABASE_URL"\n` +
      'Restore into an empty database with: pg_restore --dbname "$DATABASE_URL" --no-owner FILE',
  );
  process.exit(2);
}
try {
  const r = backupSqlite(target, file);
  console.log(`Backup written: ${r.file} (${Math.round(r.bytes / 1024)} kB, integrity ok, ${r.historyRows} history rows, chain head ${r.lastHash ?? "—"}).`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
