// User involvement entries can be edited and deleted (issue 8): a version per entry for optimistic
// concurrency (a stale edit or delete is a 409). Deleting removes the row; the history keeps what it said.
// Frozen once landed. Imports nothing from the project.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user_involvements").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user_involvements").dropColumn("version").execute();
}
