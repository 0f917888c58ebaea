// The portfolio: an initiative's owner (the program manager who runs it) and the budget of each agreement
// that funds it, in whole kroner. Both optional: the seed's source table names neither.
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("initiatives")
    .addColumn("owner_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("initiatives_owner_idx").on("initiatives").column("owner_id").execute();
  // Whole kroner as an integer: UIP budgets are tens of millions at most, well inside 32 bits, and an
  // integer reads back as a number in both SQLite and PostgreSQL (a bigint would come back as a string).
  await db.schema
    .alterTable("initiative_agreements")
    .addColumn("budget_kr", "integer", (c) => c.check(sql`budget_kr >= 0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("initiative_agreements").dropColumn("budget_kr").execute();
  await db.schema.dropIndex("initiatives_owner_idx").execute();
  await db.schema.alterTable("initiatives").dropColumn("owner_id").execute();
}
