// Issue 13, releases written for municipalities: a release may concern several areas (release_areas; the
// releases.area column stays as the first of them), a major edition carries a public change note, an approved
// edition can be scheduled (scheduled_at), topics keep the form they were first typed in (release_topics gains
// topic_key, what matching compares; topic is the label shown), and the outbox gains withdrawal notices.
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

/** What matching compares: trimmed, inner spaces collapsed, lower-cased with Danish rules (as db/queries/outbox topicKey). */
function key(topic: string): string {
  return topic.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da-DK");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Topics were stored lower-cased, so "MOVE" became "move". Where a release carrying the topic spells it with
 * capitals past the first letter (an acronym or a name: "MOVE", "eHealth"), that spelling is restored; a word
 * merely capitalised at the start of a sentence is not taken for the topic's form.
 */
function recoveredLabel(topic: string, texts: string[]): string {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(topic).replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`, "giu");
  for (const text of texts) {
    for (const m of text.matchAll(pattern)) {
      const form = m[0].replace(/\s+/g, " ");
      if (form.slice(1) !== form.slice(1).toLocaleLowerCase("da-DK")) return form;
    }
  }
  return topic;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("releases").addColumn("change_note", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("releases").addColumn("scheduled_at", "text").execute();
  // The due check looks for approved editions whose time has come.
  await db.schema.createIndex("releases_scheduled_idx").on("releases").columns(["status", "scheduled_at"]).execute();

  await db.schema
    .createTable("release_areas")
    .addColumn("release_id", "integer", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("area", "text", (c) => c.notNull().check(sql`area in ('adults', 'children')`))
    .addPrimaryKeyConstraint("release_areas_pk", ["release_id", "area"])
    .execute();
  await db.schema.createIndex("release_areas_area_idx").on("release_areas").columns(["area", "release_id"]).execute();
  await sql`insert into release_areas (release_id, area) select id, area from releases`.execute(db);

  // release_topics (release_id, topic) becomes (release_id, topic_key, topic), keyed on topic_key.
  const old = await db
    .selectFrom("release_topics as rt")
    .innerJoin("releases as r", "r.id", "rt.release_id")
    .select(["rt.release_id", "rt.topic", "r.title", "r.summary", "r.body_md"])
    .orderBy("r.id")
    .execute() as { release_id: number; topic: string; title: string; summary: string; body_md: string }[];
  await db.schema
    .createTable("release_topics_keyed")
    .addColumn("release_id", "integer", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("topic_key", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("release_topics_keyed_pk", ["release_id", "topic_key"])
    .execute();
  const texts = new Map<string, string[]>();
  for (const r of old) texts.set(key(r.topic), [...(texts.get(key(r.topic)) ?? []), r.title, r.summary, r.body_md]);
  const labels = new Map<string, string>();
  for (const [k, list] of texts) labels.set(k, recoveredLabel(k, list));
  const rows = new Map<string, { release_id: number; topic_key: string; topic: string }>();
  for (const r of old) rows.set(`${r.release_id}:${key(r.topic)}`, { release_id: r.release_id, topic_key: key(r.topic), topic: labels.get(key(r.topic))! });
  const values = [...rows.values()];
  for (let i = 0; i < values.length; i += 200) await db.insertInto("release_topics_keyed").values(values.slice(i, i + 200)).execute();
  await db.schema.dropTable("release_topics").execute();
  await db.schema.alterTable("release_topics_keyed").renameTo("release_topics").execute();
  await db.schema.createIndex("release_topics_key_idx").on("release_topics").columns(["topic_key", "release_id"]).execute();

  await widenCheck(db, "outbox", "kind", ["confirm", "notice", "digest", "reminder", "withdrawal"], "notice");
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from outbox where kind = 'withdrawal'`.execute(db);
  await widenCheck(db, "outbox", "kind", ["confirm", "notice", "digest", "reminder"], "notice");
  await db.schema.dropIndex("release_topics_key_idx").execute();
  await db.schema
    .createTable("release_topics_plain")
    .addColumn("release_id", "integer", (c) => c.notNull().references("releases.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("release_topics_pk", ["release_id", "topic"])
    .execute();
  await sql`insert into release_topics_plain (release_id, topic) select release_id, topic_key from release_topics`.execute(db);
  await db.schema.dropTable("release_topics").execute();
  await db.schema.alterTable("release_topics_plain").renameTo("release_topics").execute();
  await db.schema.createIndex("release_topics_topic_idx").on("release_topics").columns(["topic", "release_id"]).execute();
  await db.schema.dropTable("release_areas").execute();
  await db.schema.dropIndex("releases_scheduled_idx").execute();
  await db.schema.alterTable("releases").dropColumn("scheduled_at").execute();
  await db.schema.alterTable("releases").dropColumn("change_note").execute();
}
