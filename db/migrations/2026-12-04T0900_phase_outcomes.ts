// The outcome of a phase as UIP records it (issue 8, DECISIONS 0094): carried on (as which initiative),
// partly carried on (which methods passed), not carried on (a reason from a fixed list and a note), or
// recommended for a later agreement, with the SUSI verdict as the source words it. One row per ended phase;
// written by a decision (decision_id) or by the import from the source table (from_source = 1, and
// ambiguity naming why the source could be read otherwise).
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

const list = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("phase_outcomes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in (${list(["carried_on", "partly_carried_on", "not_carried_on", "recommended_later", "not_recorded"])})`))
    .addColumn("verdict", "text", (c) => c.check(sql`verdict in (${list(["yes_both", "yes_no", "yes_partly", "no_assessment"])})`))
    .addColumn("reason", "text", (c) =>
      c.check(sql`reason in (${list(["criteria_not_met", "not_fully_implemented", "not_an_intervention", "waiting_on_other", "other"])})`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    /** JSON array of { name: string | null, passed: boolean }. */
    .addColumn("methods", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("successor_id", "integer", (c) => c.references("initiatives.id").onDelete("set null"))
    .addColumn("successor_title", "text")
    .addColumn("continues_in_year", "integer")
    .addColumn("recommended", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("from_source", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ambiguity", "text")
    .addColumn("decision_id", "integer", (c) => c.references("decisions.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("phase_outcomes_initiative_idx").on("phase_outcomes").columns(["initiative_id", "id"]).execute();
  await db.schema.createIndex("phase_outcomes_decision_idx").on("phase_outcomes").column("decision_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("phase_outcomes").execute();
}
