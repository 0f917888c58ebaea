// Erasure of subscribers' addresses 30 days after a subscription ended or a request went unconfirmed (the
// privacy notice promises it): when it happened, and an index for the daily sweep that finds them.
// Frozen once landed. Imports nothing from the project.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("subscribers").addColumn("erased_at", "text").execute();
  await db.schema.createIndex("subscribers_erasure_idx").on("subscribers").columns(["erased_at", "status", "unsubscribed_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("subscribers_erasure_idx").execute();
  await db.schema.alterTable("subscribers").dropColumn("erased_at").execute();
}
