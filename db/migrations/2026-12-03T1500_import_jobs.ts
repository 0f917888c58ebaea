// A CSV import runs as a job (DECISIONS 0085): the row says who started it, whether it is running, done or
// failed, and holds its result (the report, or the problems found) for the page that shows it.
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_jobs")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('running', 'done', 'failed')`))
    .addColumn("file_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("result", "text")
    .execute();
  await db.schema.createIndex("import_jobs_user").on("import_jobs").columns(["user_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_jobs").execute();
}
