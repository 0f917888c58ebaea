// One row per edition number of a release: later editions share root_id (edition 1's id; null on edition 1
// itself, and nulls never collide), so (root_id, edition) is unique. Two knowledge staff starting the next
// edition at the same moment on PostgreSQL cannot both write edition N+1; the release page also locks the
// edition it works from (db/queries/releases.ts getReleaseForUpdate), so the second simply opens the first's draft.
// Frozen once landed. Imports nothing from the project.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("releases_root_edition_key").on("releases").columns(["root_id", "edition"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("releases_root_edition_key").execute();
}
