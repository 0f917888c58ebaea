// SØM calculations per initiative and phase: a calculation is a scenario that points at its latest
// version; every save is a new, immutable version row; a steering-group decision freezes the versions it
// was taken on (decision_som_versions). Frozen once landed. Imports nothing from the project.
// Made dialect-aware later (DECISIONS 0034) without changing what it creates on SQLite.
import { PostgresAdapter, sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("som_calculations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("phase", "text", (c) =>
      c.notNull().check(sql`phase in ('screening', 'screening_maturation', 'maturation', 'trial', 'dissemination')`),
    )
    .addColumn("scenario", "text", (c) => c.notNull().check(sql`scenario in ('cautious', 'expected', 'optimistic')`))
    .addColumn("title", "text", (c) => c.notNull())
    // Null only inside the transaction that creates the calculation and its first version.
    // PostgreSQL refuses a reference to a table that does not exist yet: there it is added below.
    .addColumn("latest_version_id", "integer", (c) => (pg ? c : c.references("som_calculation_versions.id")))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("som_calculations_initiative_idx").on("som_calculations").columns(["initiative_id", "phase"]).execute();
  await db.schema.createIndex("som_calculations_updated_idx").on("som_calculations").columns(["updated_at", "id"]).execute();

  await db.schema
    .createTable("som_calculation_versions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("calculation_id", "integer", (c) => c.notNull().references("som_calculations.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number >= 1`))
    .addColumn("input_json", "text", (c) => c.notNull())
    .addColumn("checklist_json", "text", (c) => c.notNull())
    .addColumn("spreads_json", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("som_calculation_versions_number_uq", ["calculation_id", "number"])
    .execute();
  // A version is what a decision was taken on: it must never change once written.
  if (pg) {
    await sql`alter table som_calculations add constraint som_calculations_latest_version_id_fkey
      foreign key (latest_version_id) references som_calculation_versions (id)`.execute(db);
    await sql`create function som_calculation_versions_immutable() returns trigger language plpgsql as $$
      begin raise exception 'som_calculation_versions rows are immutable'; end $$`.execute(db);
    await sql`create trigger som_calculation_versions_immutable before update on som_calculation_versions
      for each row execute function som_calculation_versions_immutable()`.execute(db);
  } else {
    // The text is kept byte for byte as first landed: SQLite stores it in the schema.
    await sql`create trigger som_calculation_versions_immutable before update on som_calculation_versions
    begin select raise(abort, 'som_calculation_versions rows are immutable'); end`.execute(db);
  }

  await db.schema
    .createTable("decision_som_versions")
    .addColumn("decision_id", "integer", (c) => c.notNull().references("decisions.id").onDelete("cascade"))
    .addColumn("calculation_version_id", "integer", (c) =>
      c.notNull().references("som_calculation_versions.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("decision_som_versions_pk", ["decision_id", "calculation_version_id"])
    .execute();
  await db.schema
    .createIndex("decision_som_versions_version_idx")
    .on("decision_som_versions")
    .column("calculation_version_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable("decision_som_versions").execute();
  if (pg) {
    await sql`alter table som_calculations drop constraint som_calculations_latest_version_id_fkey`.execute(db);
    await sql`drop trigger if exists som_calculation_versions_immutable on som_calculation_versions`.execute(db);
    await sql`drop function if exists som_calculation_versions_immutable()`.execute(db);
  } else {
    await sql`drop trigger if exists som_calculation_versions_immutable`.execute(db);
  }
  await db.schema.dropTable("som_calculation_versions").execute();
  await db.schema.dropTable("som_calculations").execute();
}
