// Issue 7, the rules around the gate: a Resume decision ends a Hold (decisions.outcome gains 'resume');
// conditions get an owner who is a user, a state (open, met, waived) with who changed it and when, and a
// version; condition reminders go through the outbox (outbox.kind gains 'reminder').
// A CHECK constraint cannot be altered in SQLite, so each widened column is replaced on both databases the
// same way: add the new column with the new check, copy, drop the old one, rename the new one into its place.
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
  await widenCheck(db, "decisions", "outcome", ["go", "conditional_go", "hold", "recycle", "stop", "resume"], "go");
  await widenCheck(db, "outbox", "kind", ["confirm", "notice", "digest", "reminder"], "notice");

  await db.schema
    .alterTable("conditions")
    .addColumn("owner_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("conditions")
    .addColumn("state", "text", (c) => c.notNull().defaultTo("open").check(sql`state in ('open', 'met', 'waived')`))
    .execute();
  await db.schema.alterTable("conditions").addColumn("state_note", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("conditions").addColumn("state_changed_at", "text").execute();
  await db.schema
    .alterTable("conditions")
    .addColumn("state_changed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("conditions").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  // "Which open conditions fall due by this day" (the steering group's list, the reminder pass).
  await db.schema.createIndex("conditions_due_idx").on("conditions").columns(["status", "state", "due_date"]).execute();
  await db.schema.createIndex("conditions_owner_idx").on("conditions").column("owner_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("conditions_owner_idx").execute();
  await db.schema.dropIndex("conditions_due_idx").execute();
  for (const col of ["version", "state_changed_by", "state_changed_at", "state_note", "state", "owner_id"]) {
    await db.schema.alterTable("conditions").dropColumn(col).execute();
  }
  await widenCheck(db, "outbox", "kind", ["confirm", "notice", "digest"], "notice");
  await widenCheck(db, "decisions", "outcome", ["go", "conditional_go", "hold", "recycle", "stop"], "go");
}
