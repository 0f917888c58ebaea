// Steering-group meetings: a date, the members present, an agenda of initiatives; decisions taken at a
// meeting (meeting_id), the members present frozen with each decision, members' dissents, and the dossier
// a decision was taken on (a JSON snapshot written in the decision's transaction).
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('planned', 'held')`))
    .addColumn("chair_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("meetings_date_idx").on("meetings").columns(["date", "id"]).execute();

  await db.schema
    .createTable("meeting_members_present")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("meeting_members_present_pk", ["meeting_id", "user_id"])
    .execute();

  await db.schema
    .createTable("meeting_agenda_items")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("added_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_agenda_items_unique", ["meeting_id", "initiative_id"])
    .execute();
  await db.schema.createIndex("meeting_agenda_items_initiative_idx").on("meeting_agenda_items").column("initiative_id").execute();

  await db.schema.alterTable("decisions").addColumn("meeting_id", "integer", (c) => c.references("meetings.id")).execute();
  await db.schema.alterTable("decisions").addColumn("dossier_json", "text").execute();
  await db.schema.createIndex("decisions_meeting_idx").on("decisions").column("meeting_id").execute();

  await db.schema
    .createTable("decision_members_present")
    .addColumn("decision_id", "integer", (c) => c.notNull().references("decisions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_chair", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("decision_members_present_pk", ["decision_id", "user_id"])
    .execute();

  await db.schema
    .createTable("decision_dissents")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("decision_id", "integer", (c) => c.notNull().references("decisions.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("decision_dissents_unique", ["decision_id", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("decision_dissents").execute();
  await db.schema.dropTable("decision_members_present").execute();
  await db.schema.dropIndex("decisions_meeting_idx").execute();
  await db.schema.alterTable("decisions").dropColumn("dossier_json").execute();
  await db.schema.alterTable("decisions").dropColumn("meeting_id").execute();
  await db.schema.dropTable("meeting_agenda_items").execute();
  await db.schema.dropTable("meeting_members_present").execute();
  await db.schema.dropTable("meetings").execute();
}
