// An admin sends a user a one-time link to set a new password (issue 14): password_resets holds the sha256 of
// each link's token (never the token), when it expires, and when it was used or voided by a newer link; the
// mail goes through the outbox, whose kind gains 'password_reset'. A CHECK constraint cannot be altered in
// SQLite, so the column is replaced the same way on both databases (as 2026-12-02T1415 did).
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

async function widenCheck(db: Kysely<any>, table: string, column: string, values: string[], fallback: string) {
  const tmp = `${column}_widened`;
  const list = sql.join(values.map((v) => sql.lit(v)));
  await db.schema
    .alterTable(table)
    .addColumn(tmp, "text", (c) => c.notNull().defaultTo(fallback).check(sql`${sql.ref(tmp)} in (${list})`))
    .execute();
  await sql`update ${sql.table(table)} set ${sql.ref(tmp)} = ${sql.ref(column)}`.execute(db);
  await db.schema.alterTable(table).dropColumn(column).execute();
  await db.schema.alterTable(table).renameColumn(tmp, column).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await widenCheck(db, "outbox", "kind", ["confirm", "notice", "digest", "reminder", "withdrawal", "password_reset"], "notice");
  await db.schema
    .createTable("password_resets")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("voided_at", "text")
    .execute();
  await db.schema.createIndex("password_resets_user_idx").on("password_resets").columns(["user_id", "used_at", "voided_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_resets").execute();
  await sql`delete from outbox where kind = 'password_reset'`.execute(db);
  await widenCheck(db, "outbox", "kind", ["confirm", "notice", "digest", "reminder", "withdrawal"], "notice");
}
