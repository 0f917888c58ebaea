// Subscriptions to fast-track knowledge releases and the mail outbox that delivers to subscribers.
// Frozen once landed. Imports nothing from the project. release_id has no foreign key: the releases
// table is another migration's, and a notice must outlive whatever happens to its release row.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("subscribers")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("municipality_code", "text", (c) => c.notNull())
    .addColumn("follows_adults", "integer", (c) => c.notNull().defaultTo(0).check(sql`follows_adults in (0, 1)`))
    .addColumn("follows_children", "integer", (c) => c.notNull().defaultTo(0).check(sql`follows_children in (0, 1)`))
    .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency in ('immediate', 'weekly')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'confirmed', 'unsubscribed')`))
    // sha256 of the token in the confirmation link; the token itself is never stored here.
    .addColumn("confirm_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("unsubscribed_at", "text")
    .addColumn("ended_reason", "text", (c) => c.check(sql`ended_reason in ('unsubscribed', 'replaced')`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // One confirmed subscription per address: confirming a newer one replaces the older.
  await sql`create unique index subscribers_confirmed_email_uq on subscribers (email) where status = 'confirmed'`.execute(db);
  await db.schema.createIndex("subscribers_email_idx").on("subscribers").columns(["email", "created_at"]).execute();
  await db.schema.createIndex("subscribers_status_idx").on("subscribers").columns(["status", "frequency"]).execute();

  await db.schema
    .createTable("subscriber_topics")
    .addColumn("subscriber_id", "integer", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
    // Lower-cased, whitespace-collapsed: what matching compares. `label` is what the subscriber typed.
    .addColumn("topic_key", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("subscriber_topics_pk", ["subscriber_id", "topic_key"])
    .execute();
  await db.schema.createIndex("subscriber_topics_key_idx").on("subscriber_topics").columns(["topic_key", "subscriber_id"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('confirm', 'notice', 'digest')`))
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subscriber_id", "integer", (c) => c.references("subscribers.id"))
    .addColumn("release_id", "integer")
    // What the message is about (JSON); rendered into subject/text/html/headers just before the first send.
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("subject", "text")
    .addColumn("text", "text")
    .addColumn("html", "text")
    .addColumn("headers", "text")
    // The Message-ID's local part: fixed per row, so a resend after a crash is recognisably the same mail.
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    // At most one notice per release and subscriber, one digest per subscriber and week.
    .addColumn("dedupe_key", "text", (c) => c.unique())
    // sha256 of the unsubscribe token minted for this message.
    .addColumn("unsubscribe_token_hash", "text", (c) => c.unique())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'dead', 'cancelled')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addColumn("locked_until", "text")
    .addColumn("lease_token", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // "Due" selection: pending rows by time, and sending rows whose lease ran out (a worker died mid-send).
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at", "id"]).execute();
  await db.schema.createIndex("outbox_lease_idx").on("outbox").columns(["status", "locked_until"]).execute();
  await db.schema.createIndex("outbox_subscriber_idx").on("outbox").columns(["subscriber_id", "status"]).execute();
  await db.schema.createIndex("outbox_release_idx").on("outbox").column("release_id").execute();

  await db.schema
    .createTable("release_notices")
    .addColumn("release_id", "integer", (c) => c.notNull())
    .addColumn("subscriber_id", "integer", (c) => c.notNull().references("subscribers.id"))
    .addColumn("edition", "integer", (c) => c.notNull())
    .addColumn("release_title", "text", (c) => c.notNull())
    .addColumn("release_summary", "text", (c) => c.notNull())
    .addColumn("release_url", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency in ('immediate', 'weekly')`))
    // The notice (immediate) or, once built, the digest (weekly) that carries this release to the subscriber.
    .addColumn("outbox_id", "integer", (c) => c.references("outbox.id"))
    .addColumn("digest_due_at", "text")
    .addColumn("queued_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("release_notices_pk", ["release_id", "subscriber_id"])
    .execute();
  await db.schema.createIndex("release_notices_subscriber_idx").on("release_notices").column("subscriber_id").execute();
  await db.schema.createIndex("release_notices_outbox_idx").on("release_notices").column("outbox_id").execute();
  await sql`create index release_notices_digest_due_idx on release_notices (digest_due_at) where outbox_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["release_notices", "outbox", "subscriber_topics", "subscribers"]) {
    await db.schema.dropTable(t).execute();
  }
}
