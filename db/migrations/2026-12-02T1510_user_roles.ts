// A user may hold more than one role (a program manager who also sits in a steering group): users.role stays
// the primary role; user_roles holds the others.
// Frozen once landed. Imports nothing from the project.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('program_manager', 'steering_group', 'knowledge_staff', 'admin')`))
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("user_roles").execute();
}
