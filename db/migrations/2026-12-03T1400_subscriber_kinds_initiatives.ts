// Who may subscribe, and what they may follow (issue 13): a subscriber is a municipality, a civil-society
// organisation, a social service (socialt tilbud) or other, and only a municipality names its municipality
// (municipality_code becomes nullable); a subscriber may follow single initiatives (subscriber_initiatives)
// besides areas and topics. Existing subscribers are municipalities, as they all named one.
// Frozen once landed. Imports nothing from the project.
import { PostgresAdapter, sql, type Kysely } from "kysely";

const KINDS = "'municipality', 'civil_society', 'social_service', 'other'";

function isSqlite(db: Kysely<any>): boolean {
  return !(db.getExecutor().adapter instanceof PostgresAdapter);
}

/** SQLite cannot drop a NOT NULL: its documented table rebuild (Kysely runs SQLite migrations outside a transaction). */
async function rebuildSubscribersSqlite(db: Kysely<any>, municipalityNullable: boolean) {
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.schema
      .createTable("subscribers_rebuilt")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("email", "text", (c) => c.notNull())
      .$call((t) => (municipalityNullable
        ? t.addColumn("kind", "text", (c) => c.notNull().defaultTo("municipality").check(sql.raw(`kind in (${KINDS})`)))
          .addColumn("municipality_code", "text")
        : t.addColumn("municipality_code", "text", (c) => c.notNull())))
      .addColumn("follows_adults", "integer", (c) => c.notNull().defaultTo(0).check(sql`follows_adults in (0, 1)`))
      .addColumn("follows_children", "integer", (c) => c.notNull().defaultTo(0).check(sql`follows_children in (0, 1)`))
      .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency in ('immediate', 'weekly')`))
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'confirmed', 'unsubscribed')`))
      .addColumn("confirm_token_hash", "text", (c) => c.notNull().unique())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("confirmed_at", "text")
      .addColumn("unsubscribed_at", "text")
      .addColumn("ended_reason", "text", (c) => c.check(sql`ended_reason in ('unsubscribed', 'replaced')`))
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("erased_at", "text")
      .execute();
    const kindColumn = municipalityNullable ? sql`kind, ` : sql``;
    const kind = municipalityNullable ? sql`'municipality', ` : sql``;
    const code = municipalityNullable ? sql`municipality_code` : sql`coalesce(municipality_code, '')`;
    await sql`insert into subscribers_rebuilt (id, email, ${kindColumn}municipality_code, follows_adults, follows_children, frequency,
        status, confirm_token_hash, created_at, confirmed_at, unsubscribed_at, ended_reason, version, erased_at)
      select id, email, ${kind}${code}, follows_adults, follows_children, frequency, status, confirm_token_hash, created_at,
        confirmed_at, unsubscribed_at, ended_reason, version, erased_at from subscribers`.execute(db);
    await db.schema.dropTable("subscribers").execute();
    await db.schema.alterTable("subscribers_rebuilt").renameTo("subscribers").execute();
    await sql`create unique index subscribers_confirmed_email_uq on subscribers (email) where status = 'confirmed'`.execute(db);
    await db.schema.createIndex("subscribers_email_idx").on("subscribers").columns(["email", "created_at"]).execute();
    await db.schema.createIndex("subscribers_status_idx").on("subscribers").columns(["status", "frequency"]).execute();
    await db.schema.createIndex("subscribers_erasure_idx").on("subscribers").columns(["erased_at", "status", "unsubscribed_at"]).execute();
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await rebuildSubscribersSqlite(db, true);
  } else {
    await sql.raw(`alter table subscribers add column kind text not null default 'municipality' check (kind in (${KINDS}))`).execute(db);
    await sql`alter table subscribers alter column municipality_code drop not null`.execute(db);
  }
  await db.schema
    .createTable("subscriber_initiatives")
    .addColumn("subscriber_id", "integer", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
    .addColumn("initiative_id", "integer", (c) => c.notNull().references("initiatives.id"))
    .addPrimaryKeyConstraint("subscriber_initiatives_pk", ["subscriber_id", "initiative_id"])
    .execute();
  await db.schema.createIndex("subscriber_initiatives_initiative_idx").on("subscriber_initiatives").columns(["initiative_id", "subscriber_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("subscriber_initiatives").execute();
  if (isSqlite(db)) {
    await rebuildSubscribersSqlite(db, false);
  } else {
    await sql`update subscribers set municipality_code = '' where municipality_code is null`.execute(db);
    await sql`alter table subscribers alter column municipality_code set not null`.execute(db);
    await sql`alter table subscribers drop column kind`.execute(db);
  }
}
