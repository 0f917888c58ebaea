// The Monte Carlo result of a SØM calculation version, stored with it when the version is saved: the
// simulation's own inputs (spreads, seed, number of draws) and its results, so a decision's frozen dossier
// shows the uncertainty the decision was taken on. Immutable, like the version itself. A version saved
// before this table existed has no row (its uncertainty was never stored).
// Frozen once landed. Imports nothing from the project.
import { PostgresAdapter, sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("som_version_uncertainty")
    .addColumn("version_id", "integer", (c) => c.primaryKey().references("som_calculation_versions.id").onDelete("cascade"))
    .addColumn("seed", "integer", (c) => c.notNull())
    .addColumn("draws", "integer", (c) => c.notNull().check(sql`draws >= 1`))
    .addColumn("spreads_json", "text", (c) => c.notNull())
    .addColumn("result_json", "text", (c) => c.notNull())
    .addColumn("computed_at", "text", (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`create function som_version_uncertainty_immutable() returns trigger language plpgsql as $$
      begin raise exception 'som_version_uncertainty rows are immutable'; end $$`.execute(db);
    await sql`create trigger som_version_uncertainty_immutable before update on som_version_uncertainty
      for each row execute function som_version_uncertainty_immutable()`.execute(db);
  } else {
    await sql`create trigger som_version_uncertainty_immutable before update on som_version_uncertainty
    begin select raise(abort, 'som_version_uncertainty rows are immutable'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("som_version_uncertainty").execute();
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) await sql`drop function if exists som_version_uncertainty_immutable()`.execute(db);
}
