// Several assessors per SUSI assessment (issue 8). Each assessment names its assessors (lead, co-assessor,
// external); each assessor records their own judgement per criterion, with a version per assessor for
// optimistic concurrency. The existing per-criterion row (assessment_judgements) becomes the consolidated
// judgement chosen by the lead. A new user role, "external", holds no register rights: such a user reaches
// only the assessments that name them (DECISIONS 0059).
// Existing data: every assessment's creator becomes its lead; existing judgements stay as the consolidated ones.
// Frozen once landed. Imports nothing from the project.
import { PostgresAdapter, sql, type Kysely } from "kysely";

const ROLES_BEFORE = "'program_manager', 'steering_group', 'knowledge_staff', 'admin'";
const ROLES_AFTER = "'program_manager', 'steering_group', 'knowledge_staff', 'admin', 'external'";

function isSqlite(db: Kysely<any>): boolean {
  return !(db.getExecutor().adapter instanceof PostgresAdapter);
}

/** Replaces the users.role check: PostgreSQL alters the constraint; SQLite rebuilds the table (its checks cannot be altered). */
async function setUserRoles(db: Kysely<any>, roles: string) {
  if (!isSqlite(db)) {
    await sql`alter table users drop constraint if exists users_role_check`.execute(db);
    await sql.raw(`alter table users add constraint users_role_check check (role in (${roles}))`).execute(db);
    return;
  }
  // SQLite's documented table rebuild; Kysely runs SQLite migrations outside a transaction, so the pragma applies.
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.schema
      .createTable("users_rebuilt")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull().check(sql.raw(`role in (${roles})`)))
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await sql`insert into users_rebuilt (id, email, name, role, password_hash, active, created_at)
      select id, email, name, role, password_hash, active, created_at from users`.execute(db);
    await db.schema.dropTable("users").execute();
    await db.schema.alterTable("users_rebuilt").renameTo("users").execute();
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await setUserRoles(db, ROLES_AFTER);

  await db.schema
    .createTable("assessment_assessors")
    .addColumn("assessment_id", "integer", (c) => c.notNull().references("assessments.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('lead', 'co_assessor', 'external')`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("added_by", "integer", (c) => c.references("users.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_assessors_pk", ["assessment_id", "user_id"])
    .execute();
  await db.schema.createIndex("assessment_assessors_user_idx").on("assessment_assessors").column("user_id").execute();

  await db.schema
    .createTable("assessor_judgements")
    .addColumn("assessment_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("criterion_id", "text", (c) => c.notNull())
    .addColumn("judgement", "text", (c) =>
      c.notNull().check(sql`judgement in ('met', 'partly_met', 'not_met', 'not_assessed')`),
    )
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("evidence_level", "text", (c) => c.check(sql`evidence_level in ('1', '2', '3', 'practice')`))
    .addColumn("justification", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("assessed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessor_judgements_pk", ["assessment_id", "user_id", "criterion_id"])
    .addForeignKeyConstraint("assessor_judgements_assessor_fk", ["assessment_id", "user_id"], "assessment_assessors", ["assessment_id", "user_id"], (c) => c.onDelete("cascade"))
    .execute();

  // The creator of every existing assessment becomes its lead.
  await sql`insert into assessment_assessors (assessment_id, user_id, role, version, added_by, added_at)
    select id, created_by, 'lead', 1, created_by, created_at from assessments where created_by is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("assessor_judgements").execute();
  await db.schema.dropTable("assessment_assessors").execute();
  await sql`delete from users where role = 'external'`.execute(db);
  await setUserRoles(db, ROLES_BEFORE);
}
