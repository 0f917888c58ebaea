// Fast-track knowledge releases: one row per edition (editions of one release share root_id), with
// audiences and topics in join tables so the public portal filters them in SQL.
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("releases")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Null on edition 1; later editions point at edition 1, so a release's editions are `coalesce(root_id, id)`.
    .addColumn("root_id", "integer", (c) => c.references("releases.id"))
    // The edition a later edition was started from (and supersedes when published).
    .addColumn("previous_id", "integer", (c) => c.references("releases.id"))
    .addColumn("edition", "integer", (c) => c.notNull().defaultTo(1).check(sql`edition >= 1`))
    .addColumn("edition_kind", "text", (c) => c.check(sql`edition_kind in ('major', 'minor')`))
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id"))
    .addColumn("phase", "text", (c) =>
      c.notNull().check(sql`phase in ('screening', 'screening_maturation', 'maturation', 'trial', 'dissemination')`),
    )
    .addColumn("decision_id", "integer", (c) => c.references("decisions.id"))
    .addColumn("slug", "text", (c) => c.unique())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("area", "text", (c) => c.notNull().check(sql`area in ('adults', 'children')`))
    .addColumn("maturity", "text", (c) => c.check(sql`maturity in ('preliminary', 'tested', 'documented')`))
    // Lower-cased title, summary, body and topics for the portal search (SQLite's lower() knows no æøå).
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'in_review', 'published', 'superseded', 'withdrawn')`),
    )
    // Null while a draft the steering group asked for has not been taken on by knowledge staff.
    .addColumn("author_id", "integer", (c) => c.references("users.id"))
    .addColumn("requested_by_id", "integer", (c) => c.references("users.id"))
    .addColumn("contributor_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("return_comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("submitted_at", "text")
    .addColumn("reviewer_id", "integer", (c) => c.references("users.id"))
    .addColumn("reviewed_at", "text")
    .addColumn("force_published", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("force_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("force_published_by_id", "integer", (c) => c.references("users.id"))
    .addColumn("published_at", "text")
    .addColumn("withdrawn_reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by_id", "integer", (c) => c.references("users.id"))
    .addColumn("superseded_by_id", "integer", (c) => c.references("releases.id"))
    .addColumn("superseded_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The portal lists published rows newest first and filters on these columns.
  await db.schema.createIndex("releases_status_published_idx").on("releases").columns(["status", "published_at"]).execute();
  for (const col of ["area", "phase", "maturity"]) {
    await db.schema.createIndex(`releases_${col}_idx`).on("releases").columns([col, "status", "published_at"]).execute();
  }
  for (const col of ["root_id", "initiative_id", "decision_id", "author_id"]) {
    await db.schema.createIndex(`releases_${col}_idx`).on("releases").column(col).execute();
  }

  await db.schema
    .createTable("release_audiences")
    .addColumn("release_id", "integer", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("audience", "text", (c) =>
      c.notNull().check(sql`audience in ('municipalities', 'social_services', 'civil_society')`),
    )
    .addPrimaryKeyConstraint("release_audiences_pk", ["release_id", "audience"])
    .execute();
  await db.schema.createIndex("release_audiences_audience_idx").on("release_audiences").columns(["audience", "release_id"]).execute();

  await db.schema
    .createTable("release_topics")
    .addColumn("release_id", "integer", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("release_topics_pk", ["release_id", "topic"])
    .execute();
  await db.schema.createIndex("release_topics_topic_idx").on("release_topics").columns(["topic", "release_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["release_topics", "release_audiences", "releases"]) {
    await db.schema.dropTable(t).execute();
  }
}
