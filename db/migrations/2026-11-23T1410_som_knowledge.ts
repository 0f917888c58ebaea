// SØM knowledge database (target groups, their consequence estimates and effect studies, the net price
// index) and the experience database (calculation versions published by their authors).
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

const isExample = (c: any) => c.notNull().defaultTo(0).check(sql`is_example in (0, 1)`);
// Decimal numbers are stored as the strings they were entered as, so no binary float ever touches them.
const decimalText = (c: any) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("som_target_groups")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("area", "text", (c) =>
      c.notNull().check(sql`area in ('vulnerable_adults', 'adults_disability', 'children_youth')`),
    )
    .addColumn("age_band", "text", (c) => c.notNull().check(sql`age_band in ('0-5', '6-13', '14-17', '18+')`))
    .addColumn("success_measure", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_example", "integer", isExample)
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .execute();

  await db.schema
    .createTable("som_consequence_estimates")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("target_group_id", "integer", (c) => c.notNull().references("som_target_groups.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("consequence_area", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('expenditure', 'revenue')`))
    // JSON array of decimal strings: change per successful citizen, index 0 = the year of success (1..10 years).
    .addColumn("deltas_json", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("price_kommune", "text", decimalText)
    .addColumn("price_region", "text", decimalText)
    .addColumn("price_stat", "text", decimalText)
    .addColumn("price_year", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_example", "integer", isExample)
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .execute();
  await db.schema
    .createIndex("som_consequence_estimates_group_idx")
    .on("som_consequence_estimates")
    .column("target_group_id")
    .execute();

  await db.schema
    .createTable("som_effect_studies")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("target_group_id", "integer", (c) => c.notNull().references("som_target_groups.id").onDelete("cascade"))
    .addColumn("intervention", "text", (c) => c.notNull())
    // Shares between 0 and 1 as decimal strings: with the intervention, and without it (comparison).
    .addColumn("rate_with", "text", decimalText)
    .addColumn("rate_without", "text", decimalText)
    .addColumn("evidence_level", "integer", (c) => c.notNull().check(sql`evidence_level in (1, 2, 3)`))
    .addColumn("citation", "text", (c) => c.notNull())
    .addColumn("is_example", "integer", isExample)
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .execute();
  await db.schema.createIndex("som_effect_studies_group_idx").on("som_effect_studies").column("target_group_id").execute();

  await db.schema
    .createTable("som_npi")
    .addColumn("year", "integer", (c) => c.primaryKey().check(sql`year between 1900 and 2200`))
    .addColumn("value", "text", decimalText)
    .addColumn("is_example", "integer", isExample)
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // A published calculation version is a snapshot (input, checklist, spreads as they were), so the entry
  // reads the same whatever happens to the calculation later. The ids only point back to the source.
  await db.schema
    .createTable("som_published_calculations")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("calculation_id", "integer", (c) => c.notNull())
    .addColumn("calculation_version_id", "integer", (c) => c.notNull())
    .addColumn("initiative_id", "integer", (c) => c.references("initiatives.id").onDelete("set null"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("scenario", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("input_json", "text", (c) => c.notNull())
    .addColumn("checklist_json", "text", (c) => c.notNull())
    .addColumn("spreads_json", "text")
    .addColumn("published_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("unpublished_by", "integer", (c) => c.references("users.id"))
    .addColumn("unpublished_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .execute();
  // A version is published at most once at a time.
  await sql`create unique index som_published_calculations_live_uq
    on som_published_calculations (calculation_version_id) where unpublished_at is null`.execute(db);
  await db.schema
    .createIndex("som_published_calculations_published_idx")
    .on("som_published_calculations")
    .columns(["unpublished_at", "published_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["som_published_calculations", "som_npi", "som_effect_studies", "som_consequence_estimates", "som_target_groups"]) {
    await db.schema.dropTable(t).execute();
  }
}
