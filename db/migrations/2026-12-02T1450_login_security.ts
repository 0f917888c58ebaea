// Login throttling and the session idle timeout (issue 14): every failed login (by email, known or not, and
// the client's address), and when each session was last used.
// Frozen once landed. Imports nothing from the project.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_failures")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failures_email_idx").on("login_failures").columns(["email", "at"]).execute();
  await db.schema.createIndex("login_failures_address_idx").on("login_failures").columns(["address", "at"]).execute();
  await db.schema.createIndex("login_failures_at_idx").on("login_failures").column("at").execute();
  await db.schema.alterTable("sessions").addColumn("last_seen_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("last_seen_at").execute();
  await db.schema.dropTable("login_failures").execute();
}
