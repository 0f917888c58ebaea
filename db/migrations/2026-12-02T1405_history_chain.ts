// A tamper-evident history (issue 14, DECISIONS 0028):
// - Every row gets `prev_hash` and `hash`: SHA-256 (hex) of the row's canonical content together with the
//   previous row's hash, one global chain in id order. Existing rows are chained here, in id order.
// - `history_chain` holds the chain's head (one row): its length and last hash. Appending updates it
//   first, which takes the write lock on SQLite and a row lock on PostgreSQL, so two writers cannot fork
//   the chain; a deleted last row shows as a head that no longer matches.
// - The table is rebuilt without the foreign key to initiatives (it cascade-deleted the history with its
//   initiative; history outlives what it describes). actor_id still references users, without cascade:
//   users are deactivated, never deleted, once they have acted.
// - Triggers refuse UPDATE and DELETE on history (and TRUNCATE on PostgreSQL) and DELETE of the head.
// The canonical form below is frozen with this migration; db/queries/history.ts computes the same.
// Frozen once landed. Imports nothing from the project.
import { createHash } from "node:crypto";
import { PostgresAdapter, sql, type Kysely } from "kysely";

const GENESIS = "0".repeat(64);

function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

interface Row {
  id: number;
  initiative_id: number | null;
  actor_id: number | null;
  at: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

function rowHash(prev: string, r: Row): string {
  const canonical = JSON.stringify(["susi-history-v1", prev, r.initiative_id, r.actor_id, r.at, r.action, r.entity, r.entity_id, r.before, r.after]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("history_chained")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("initiative_id", "integer")
    .addColumn("actor_id", "integer", (c) => c.references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  let prev = GENESIS;
  let length = 0;
  let lastId: number | null = null;
  for (;;) {
    const rows = (await db
      .selectFrom("history")
      .select(["id", "initiative_id", "actor_id", "at", "action", "entity", "entity_id", "before", "after"])
      .where("id", ">", lastId ?? 0)
      .orderBy("id")
      .limit(1000)
      .execute()) as Row[];
    if (!rows.length) break;
    const chained = rows.map((r) => {
      const hash = rowHash(prev, r);
      const out = { ...r, prev_hash: prev, hash };
      prev = hash;
      return out;
    });
    await db.insertInto("history_chained").values(chained).execute();
    length += rows.length;
    lastId = rows[rows.length - 1]!.id;
  }

  await db.schema.dropTable("history").execute();
  await db.schema.alterTable("history_chained").renameTo("history").execute();
  if (isPostgres(db)) {
    await sql`select setval(pg_get_serial_sequence('history', 'id'), coalesce((select max(id) from history), 0) + 1, false)`.execute(db);
  }
  await db.schema.createIndex("history_hash_idx").on("history").column("hash").unique().execute();
  await db.schema.createIndex("history_initiative_idx").on("history").columns(["initiative_id", "id"]).execute();
  await db.schema.createIndex("history_entity_idx").on("history").columns(["entity", "entity_id", "id"]).execute();
  await db.schema.createIndex("history_actor_idx").on("history").columns(["actor_id", "id"]).execute();
  await db.schema.createIndex("history_at_idx").on("history").columns(["at", "id"]).execute();
  await db.schema.createIndex("history_action_idx").on("history").columns(["action", "id"]).execute();

  await db.schema
    .createTable("history_chain")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("length", "integer", (c) => c.notNull())
    .addColumn("last_id", "integer")
    .addColumn("last_hash", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("history_chain").values({ id: 1, length, last_id: lastId, last_hash: prev }).execute();

  if (isPostgres(db)) {
    await sql`create or replace function history_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'history is append-only: % refused on %', tg_op, tg_table_name using errcode = 'P0001';
      end
    $$`.execute(db);
    await sql`create trigger history_no_update_delete before update or delete on history
      for each row execute function history_append_only()`.execute(db);
    await sql`create trigger history_no_truncate before truncate on history
      for each statement execute function history_append_only()`.execute(db);
    await sql`create trigger history_chain_no_delete before delete on history_chain
      for each row execute function history_append_only()`.execute(db);
    await sql`create trigger history_chain_no_truncate before truncate on history_chain
      for each statement execute function history_append_only()`.execute(db);
    return;
  }
  await sql`create trigger history_no_update before update on history begin
    select raise(abort, 'history is append-only: UPDATE refused on history');
  end`.execute(db);
  await sql`create trigger history_no_delete before delete on history begin
    select raise(abort, 'history is append-only: DELETE refused on history');
  end`.execute(db);
  await sql`create trigger history_chain_no_delete before delete on history_chain begin
    select raise(abort, 'history is append-only: DELETE refused on history_chain');
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger history_chain_no_truncate on history_chain`.execute(db);
    await sql`drop trigger history_chain_no_delete on history_chain`.execute(db);
    await sql`drop trigger history_no_truncate on history`.execute(db);
    await sql`drop trigger history_no_update_delete on history`.execute(db);
    await sql`drop function history_append_only()`.execute(db);
  } else {
    await sql`drop trigger history_chain_no_delete`.execute(db);
    await sql`drop trigger history_no_delete`.execute(db);
    await sql`drop trigger history_no_update`.execute(db);
  }
  await db.schema.dropTable("history_chain").execute();
  for (const ix of ["history_action_idx", "history_at_idx", "history_actor_idx", "history_entity_idx", "history_hash_idx"]) await db.schema.dropIndex(ix).execute();
  await db.schema.alterTable("history").dropColumn("hash").execute();
  await db.schema.alterTable("history").dropColumn("prev_hash").execute();
}
