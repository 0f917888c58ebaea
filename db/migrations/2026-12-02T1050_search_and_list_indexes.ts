// Initiative search and list indexes.
// - Text search: SQLite gets an FTS5 table with the trigram tokenizer over title and target group, kept
//   in sync by triggers. Trigrams give the substring semantics the old `lower(title) LIKE '%…%'` had,
//   fold case for every letter (Æ/æ, Ø/ø, Å/å; SQLite's lower() only folds ASCII) and keep å ≠ a
//   (remove_diacritics stays 0). PostgreSQL gets pg_trgm GIN indexes for ILIKE when the extension can be
//   created; without it, ILIKE still works, only unindexed. The query side is db/search.ts.
// - initiatives(updated_at), for the public pages' cache validator (max() is one index seek).
// - List filters: each filter column indexed together with the sort column (title; SQLite appends the
//   rowid, PostgreSQL gets id explicitly), so a filtered page walks the index in order and stops at 25.
// Frozen once landed. Imports nothing from the project.
import { PostgresAdapter, sql, type Kysely } from "kysely";

const FILTERS = ["area", "phase", "status", "track"] as const;

function isPostgres(db: Kysely<any>) {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const col of FILTERS) {
    await db.schema.dropIndex(`initiatives_${col}_idx`).ifExists().execute();
    await db.schema.createIndex(`initiatives_${col}_title_idx`).on("initiatives").columns([col, "title", "id"]).execute();
  }
  await db.schema.dropIndex("initiatives_title_idx").ifExists().execute();
  await db.schema.createIndex("initiatives_title_id_idx").on("initiatives").columns(["title", "id"]).execute();
  // max(updated_at) is part of the public pages' cache validator (app/utils/http-cache.server.ts).
  await db.schema.createIndex("initiatives_updated_at_idx").on("initiatives").column("updated_at").execute();

  if (isPostgres(db)) {
    try {
      await sql`create extension if not exists pg_trgm`.execute(db);
    } catch {
      return; // no rights to create it: search falls back to unindexed ILIKE
    }
    await sql`create index if not exists initiatives_title_trgm_idx on initiatives using gin (title gin_trgm_ops)`.execute(db);
    await sql`create index if not exists initiatives_target_group_trgm_idx on initiatives using gin (target_group gin_trgm_ops)`.execute(db);
    return;
  }

  await sql`create virtual table initiatives_fts using fts5(
    title, target_group, content='initiatives', content_rowid='id', tokenize='trigram'
  )`.execute(db);
  await sql`insert into initiatives_fts(initiatives_fts) values ('rebuild')`.execute(db);
  await sql`create trigger initiatives_fts_insert after insert on initiatives begin
    insert into initiatives_fts(rowid, title, target_group) values (new.id, new.title, new.target_group);
  end`.execute(db);
  await sql`create trigger initiatives_fts_delete after delete on initiatives begin
    insert into initiatives_fts(initiatives_fts, rowid, title, target_group) values ('delete', old.id, old.title, old.target_group);
  end`.execute(db);
  await sql`create trigger initiatives_fts_update after update of title, target_group on initiatives begin
    insert into initiatives_fts(initiatives_fts, rowid, title, target_group) values ('delete', old.id, old.title, old.target_group);
    insert into initiatives_fts(rowid, title, target_group) values (new.id, new.title, new.target_group);
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists initiatives_title_trgm_idx`.execute(db);
    await sql`drop index if exists initiatives_target_group_trgm_idx`.execute(db);
  } else {
    for (const t of ["insert", "delete", "update"]) await sql.raw(`drop trigger if exists initiatives_fts_${t}`).execute(db);
    await sql`drop table if exists initiatives_fts`.execute(db);
  }
  await db.schema.dropIndex("initiatives_title_id_idx").ifExists().execute();
  await db.schema.dropIndex("initiatives_updated_at_idx").ifExists().execute();
  await db.schema.createIndex("initiatives_title_idx").on("initiatives").column("title").execute();
  for (const col of FILTERS) {
    await db.schema.dropIndex(`initiatives_${col}_title_idx`).ifExists().execute();
    await db.schema.createIndex(`initiatives_${col}_idx`).on("initiatives").column(col).execute();
  }
}
