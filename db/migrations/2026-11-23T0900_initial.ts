// Initial schema: users and sessions, initiatives with their phase periods, links and agreements,
// SUSI assessments, steering-group decisions and conditions, user involvement, append-only history.
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('program_manager', 'steering_group', 'knowledge_staff', 'admin')`),
    )
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("initiatives")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("area", "text", (c) => c.notNull().check(sql`area in ('adults', 'children')`))
    .addColumn("target_group", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("agreement_label", "text", (c) => c.notNull())
    .addColumn("framework", "text", (c) => c.notNull().check(sql`framework in ('susi1', 'susi2')`))
    .addColumn("track", "integer", (c) => c.check(sql`track in (1, 2)`))
    .addColumn("track_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("prototype_description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phase", "text", (c) =>
      c.notNull().check(sql`phase in ('screening', 'screening_maturation', 'maturation', 'trial', 'dissemination')`),
    )
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'on_hold', 'completed', 'stopped')`))
    .addColumn("source_outcome", "text")
    .addColumn("source_assessment", "text")
    .addColumn("susi_assessment_made", "text", (c) =>
      c.check(sql`susi_assessment_made in ('yes', 'partly', 'no', 'not_applicable')`),
    )
    .addColumn("import_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ["area", "phase", "status", "track", "title"]) {
    await db.schema.createIndex(`initiatives_${col}_idx`).on("initiatives").column(col).execute();
  }

  await db.schema
    .createTable("initiative_agreements")
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("initiative_agreements_pk", ["initiative_id", "year"])
    .execute();
  await db.schema.createIndex("initiative_agreements_year_idx").on("initiative_agreements").columns(["year", "initiative_id"]).execute();

  await db.schema
    .createTable("initiative_links")
    .addColumn("predecessor_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("successor_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("initiative_links_pk", ["predecessor_id", "successor_id"])
    .execute();
  await db.schema.createIndex("initiative_links_successor_idx").on("initiative_links").column("successor_id").execute();

  await db.schema
    .createTable("phase_periods")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("planned_start", "text")
    .addColumn("planned_end", "text")
    .addColumn("actual_start", "text")
    .addColumn("actual_end", "text")
    .execute();
  await db.schema.createIndex("phase_periods_initiative_idx").on("phase_periods").column("initiative_id").execute();

  await db.schema
    .createTable("user_involvements")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("who", "text", (c) => c.notNull())
    .addColumn("how", "text", (c) => c.notNull())
    .addColumn("what_changed", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_involvements_initiative_idx").on("user_involvements").column("initiative_id").execute();

  await db.schema
    .createTable("assessments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("from_phase", "text", (c) => c.notNull())
    .addColumn("to_phase", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn("overall_assessment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("recommendation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("assessments_initiative_idx").on("assessments").columns(["initiative_id", "status"]).execute();

  await db.schema
    .createTable("assessment_judgements")
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("criterion_id", "text", (c) => c.notNull())
    .addColumn("judgement", "text", (c) =>
      c.notNull().check(sql`judgement in ('met', 'partly_met', 'not_met', 'not_assessed')`),
    )
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_level", "text", (c) => c.check(sql`evidence_level in ('1', '2', '3', 'practice')`))
    .addColumn("justification", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("assessed_by", "integer", (c) => c.references("users.id"))
    .addColumn("assessed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_judgements_pk", ["assessment_id", "criterion_id"])
    .execute();

  await db.schema
    .createTable("decisions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("assessment_id", "integer", (c) => c.references("assessments.id"))
    .addColumn("outcome", "text", (c) =>
      c.notNull().check(sql`outcome in ('go', 'conditional_go', 'hold', 'recycle', 'stop')`),
    )
    .addColumn("from_phase", "text", (c) => c.notNull())
    .addColumn("to_phase", "text")
    .addColumn("resulting_phase", "text", (c) => c.notNull())
    .addColumn("resulting_status", "text", (c) => c.notNull())
    .addColumn("rationale", "text", (c) => c.notNull())
    .addColumn("flexibly_passed", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("decisions_initiative_idx").on("decisions").column("initiative_id").execute();

  await db.schema
    .createTable("conditions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("decision_id", "integer", (c) => c.notNull().references("decisions.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'closed', 'carried_over')`))
    .addColumn("carried_from_id", "integer", (c) => c.references("conditions.id"))
    .addColumn("resolved_by_decision_id", "integer", (c) => c.references("decisions.id"))
    .addColumn("resolved_at", "text")
    .execute();
  await db.schema.createIndex("conditions_initiative_idx").on("conditions").columns(["initiative_id", "status"]).execute();

  await db.schema
    .createTable("history")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer", (c) => c.references("initiatives.id").onDelete("cascade"))
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("history_initiative_idx").on("history").columns(["initiative_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "history", "conditions", "decisions", "assessment_judgements", "assessments", "user_involvements",
    "phase_periods", "initiative_links", "initiative_agreements", "initiatives", "sessions", "users",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
