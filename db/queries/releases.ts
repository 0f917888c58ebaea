// The release aggregate: editions of fast-track knowledge releases with their audiences and topics, read one
// at a time and written as the workflow allowed. The pages' reads are in release-views.ts, the portal's in
// release-portal.ts, a new draft's prefill in release-facts.ts.
// workflows/release.ts decides every state change; this file persists what it allowed, guarded by the
// row's version, with a history row on the initiative in the same transaction.
import { sql } from "kysely";
import type { Executor } from "../client";
import { lockForUpdate, lockKey } from "../dialect";
import { ConflictError } from "../errors";
import type { Area, Release } from "../schema";
import type { PhasePeriod } from "../../workflows/phase-model";
import {
  AUDIENCES,
  isAudience,
  RELEASE_AREAS,
  type Audience,
  type EditionKind,
  type ReleaseContent,
  type ReleaseState,
} from "../../workflows/release";
import { appendHistory } from "./history";
import { topicKey } from "./outbox";

export interface ReleaseRecord extends Release {
  audiences: Audience[];
  /** Every area the release concerns, in canonical order; never empty (falls back to the area column). */
  areas: Area[];
  topics: string[];
  contributorIds: number[];
}

/** The id every edition of a release shares: edition 1's id. */
export function seriesId(r: Pick<Release, "id" | "root_id">): number {
  return r.root_id ?? r.id;
}

function parseIds(json: string): number[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is number => Number.isSafeInteger(x)) : [];
  } catch {
    return [];
  }
}

/**
 * Topics as typed: trimmed, inner spaces collapsed, case kept ("MOVE" stays "MOVE"). Two spellings of one topic
 * ("MOVE", "move") are one: the first typed is kept. Matching compares topicKey (lower-cased, Danish rules).
 */
export function normaliseTopics(topics: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of topics) {
    const n = t.normalize("NFC").trim().replace(/\s+/g, " ");
    const k = topicKey(n);
    if (n !== "" && !seen.has(k)) {
      seen.add(k);
      out.push(n);
    }
  }
  return out;
}

function searchText(c: ReleaseContent): string {
  return [c.title, c.summary, c.bodyMarkdown, c.topics.join(" ")].join("\n").toLocaleLowerCase("da-DK");
}

export async function tagsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return { audiences: new Map<number, Audience[]>(), topics: new Map<number, string[]>(), areas: new Map<number, Area[]>() };
  const [aud, top, ar] = await Promise.all([
    db.selectFrom("release_audiences").select(["release_id", "audience"]).where("release_id", "in", ids).execute(),
    db.selectFrom("release_topics").select(["release_id", "topic"]).where("release_id", "in", ids).orderBy("topic_key").execute(),
    db.selectFrom("release_areas").select(["release_id", "area"]).where("release_id", "in", ids).execute(),
  ]);
  const areas = new Map<number, Area[]>();
  for (const a of ar) areas.set(a.release_id, [...(areas.get(a.release_id) ?? []), a.area]);
  for (const [id, list] of areas) areas.set(id, RELEASE_AREAS.filter((x) => list.includes(x)));
  const audiences = new Map<number, Audience[]>();
  for (const a of aud) audiences.set(a.release_id, [...(audiences.get(a.release_id) ?? []), a.audience]);
  // Audiences in their canonical order, whatever order SQLite returns them in.
  for (const [id, list] of audiences) audiences.set(id, AUDIENCES.filter((x) => list.includes(x)));
  const topics = new Map<number, string[]>();
  for (const t of top) topics.set(t.release_id, [...(topics.get(t.release_id) ?? []), t.topic]);
  return { audiences, topics, areas };
}

async function withTags(db: Executor, row: Release | undefined): Promise<ReleaseRecord | undefined> {
  if (!row) return undefined;
  const { audiences, topics, areas } = await tagsOf(db, [row.id]);
  return {
    ...row, audiences: audiences.get(row.id) ?? [], areas: areas.get(row.id) ?? [row.area], topics: topics.get(row.id) ?? [],
    contributorIds: parseIds(row.contributor_ids),
  };
}

export async function getRelease(db: Executor, id: number): Promise<ReleaseRecord | undefined> {
  return withTags(db, await db.selectFrom("releases").selectAll().where("id", "=", id).executeTakeFirst());
}

/**
 * The edition, locked until the transaction ends (db/dialect.ts lockForUpdate): a step on it that writes other
 * rows without changing its version (starting the next edition) cannot run twice at once on PostgreSQL.
 */
export async function getReleaseForUpdate(trx: Executor, id: number): Promise<ReleaseRecord | undefined> {
  return withTags(trx, await lockForUpdate(trx, trx.selectFrom("releases").selectAll().where("id", "=", id)).executeTakeFirst());
}

/** A release by its public address: digits are an id, anything else a slug. */
export async function findReleaseBySlugOrId(db: Executor, slugOrId: string): Promise<ReleaseRecord | undefined> {
  const q = db.selectFrom("releases").selectAll();
  const row = /^\d{1,15}$/.test(slugOrId)
    ? await q.where("id", "=", Number(slugOrId)).executeTakeFirst()
    : await q.where("slug", "=", slugOrId).executeTakeFirst();
  return withTags(db, row);
}

export function contentOf(r: Pick<ReleaseRecord, "title" | "summary" | "body_md" | "audiences" | "areas" | "topics" | "maturity" | "change_note">): ReleaseContent {
  return {
    title: r.title,
    summary: r.summary,
    bodyMarkdown: r.body_md,
    audiences: [...r.audiences],
    areas: [...r.areas],
    topics: [...r.topics],
    maturity: r.maturity,
    changeNote: r.change_note,
  };
}

/**
 * The workflow's view of a stored edition. A draft the steering group asked for has no author until
 * knowledge staff take it on: whoever acts on it first (`claimantId`) becomes its author, so the
 * four-eyes rule then holds between them and the reviewer.
 */
export function toReleaseState(r: ReleaseRecord, claimantId?: number): ReleaseState {
  return {
    status: r.status,
    content: contentOf(r),
    authorId: r.author_id ?? claimantId ?? 0,
    contributorIds: [...r.contributorIds],
    edition: r.edition,
    editionKind: r.edition_kind,
    returnComment: r.return_comment,
    submittedAt: r.submitted_at,
    reviewerId: r.reviewer_id,
    reviewedAt: r.reviewed_at,
    forcePublished: r.force_published === 1,
    forceReason: r.force_reason,
    forcePublishedById: r.force_published_by_id,
    publishedAt: r.published_at,
    withdrawnReason: r.withdrawn_reason,
    withdrawnAt: r.withdrawn_at,
    withdrawnById: r.withdrawn_by_id,
    supersededById: r.superseded_by_id,
    supersededAt: r.superseded_at,
    scheduledAt: r.scheduled_at,
  };
}

function contentColumns(c: ReleaseContent, fallbackArea: Area) {
  const topics = normaliseTopics(c.topics);
  return {
    title: c.title.trim(),
    summary: c.summary.trim(),
    body_md: c.bodyMarkdown,
    // The first of its areas; release_areas holds them all (DECISIONS 0099).
    area: RELEASE_AREAS.find((a) => c.areas.includes(a)) ?? fallbackArea,
    maturity: c.maturity,
    change_note: c.changeNote.trim(),
    search_text: searchText({ ...c, topics }),
  };
}

function stateColumns(s: ReleaseState, fallbackArea: Area) {
  return {
    ...contentColumns(s.content, fallbackArea),
    status: s.status,
    edition_kind: s.editionKind,
    author_id: s.authorId > 0 ? s.authorId : null,
    contributor_ids: JSON.stringify(s.contributorIds),
    return_comment: s.returnComment,
    submitted_at: s.submittedAt,
    reviewer_id: s.reviewerId,
    reviewed_at: s.reviewedAt,
    force_published: s.forcePublished ? 1 : 0,
    force_reason: s.forceReason,
    force_published_by_id: s.forcePublishedById,
    published_at: s.publishedAt,
    withdrawn_reason: s.withdrawnReason,
    withdrawn_at: s.withdrawnAt,
    withdrawn_by_id: s.withdrawnById,
    superseded_by_id: s.supersededById,
    superseded_at: s.supersededAt,
    scheduled_at: s.scheduledAt,
  };
}

/**
 * Each topic in the form it was first typed anywhere: "move" on a new release becomes "MOVE" when an earlier
 * release has "MOVE". A topic new to the register keeps the form typed now (locked by key, so two releases
 * introducing one topic at once on PostgreSQL agree on its form).
 */
export async function canonicalTopics(trx: Executor, topics: readonly string[]): Promise<{ topic_key: string; topic: string }[]> {
  const typed = normaliseTopics(topics).map((topic) => ({ topic_key: topicKey(topic), topic }));
  if (typed.length === 0) return [];
  const known = async () => new Map(
    (await trx.selectFrom("release_topics").select(["topic_key", "topic"]).where("topic_key", "in", typed.map((t) => t.topic_key)).execute())
      .map((r) => [r.topic_key, r.topic]),
  );
  let existing = await known();
  const fresh = typed.filter((t) => !existing.has(t.topic_key));
  if (fresh.length) {
    for (const t of [...fresh].sort((a, b) => a.topic_key.localeCompare(b.topic_key))) await lockKey(trx, `release_topics:${t.topic_key}`);
    existing = await known();
  }
  return typed.map((t) => ({ topic_key: t.topic_key, topic: existing.get(t.topic_key) ?? t.topic }));
}

async function replaceTags(trx: Executor, id: number, c: ReleaseContent) {
  await trx.deleteFrom("release_audiences").where("release_id", "=", id).execute();
  await trx.deleteFrom("release_topics").where("release_id", "=", id).execute();
  await trx.deleteFrom("release_areas").where("release_id", "=", id).execute();
  const audiences = [...new Set(c.audiences.filter(isAudience))];
  if (audiences.length) await trx.insertInto("release_audiences").values(audiences.map((audience) => ({ release_id: id, audience }))).execute();
  const areas = RELEASE_AREAS.filter((a) => c.areas.includes(a));
  const row = areas.length ? areas : [(await trx.selectFrom("releases").select("area").where("id", "=", id).executeTakeFirstOrThrow()).area];
  await trx.insertInto("release_areas").values(row.map((area) => ({ release_id: id, area }))).execute();
  const topics = await canonicalTopics(trx, c.topics);
  if (topics.length) await trx.insertInto("release_topics").values(topics.map((t) => ({ release_id: id, ...t }))).execute();
}

/** Every topic any release carries, in its first-typed form, for the editor's chooser. */
export async function listKnownTopics(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("release_topics").select(["topic_key", (eb) => eb.fn.min("topic").as("topic")]).groupBy("topic_key").orderBy("topic_key").execute();
  return rows.map((r) => String(r.topic));
}

/** Approved editions whose planned publication time has come, oldest first (the due check publishes them). */
export function listDueScheduled(db: Executor, now: string, limit = 20) {
  return db
    .selectFrom("releases")
    .select(["id"])
    .where("status", "=", "in_review")
    .where("scheduled_at", "is not", null)
    .where("scheduled_at", "<=", now)
    .orderBy("scheduled_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** What the history row keeps of an edition: enough to see who moved it where, not the whole text. */
function snapshot(s: Pick<ReleaseState, "status" | "edition" | "content"> & Partial<ReleaseState>) {
  return {
    status: s.status,
    edition: s.edition,
    title: s.content.title,
    ...(s.forceReason ? { force_reason: s.forceReason } : {}),
    ...(s.withdrawnReason ? { withdrawn_reason: s.withdrawnReason } : {}),
    ...(s.returnComment ? { return_comment: s.returnComment } : {}),
  };
}

export interface NewDraft {
  initiativeId: number;
  phase: PhasePeriod;
  decisionId: number | null;
  content: ReleaseContent;
  /** Null for a draft the steering group asked for; knowledge staff take it on later. */
  authorId: number | null;
  requestedById: number | null;
  edition?: number;
  editionKind?: EditionKind | null;
  rootId?: number | null;
  previousId?: number | null;
}

/** Inserts a draft edition with its tags and a history row; returns its id. */
export async function insertDraft(trx: Executor, d: NewDraft, actorId: number | null, now: string): Promise<number> {
  const { id } = await trx
    .insertInto("releases")
    .values({
      ...contentColumns(d.content, "adults"),
      root_id: d.rootId ?? null,
      previous_id: d.previousId ?? null,
      edition: d.edition ?? 1,
      edition_kind: d.editionKind ?? null,
      initiative_id: d.initiativeId,
      phase: d.phase,
      decision_id: d.decisionId,
      status: "draft",
      author_id: d.authorId,
      requested_by_id: d.requestedById,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceTags(trx, id, d.content);
  await appendHistory(trx, {
    initiativeId: d.initiativeId, actorId, at: now,
    action: (d.edition ?? 1) > 1 ? "release.edition_started" : d.authorId === null ? "release.requested" : "release.created",
    entity: "release", entityId: id,
    after: { status: "draft", edition: d.edition ?? 1, title: d.content.title, phase: d.phase, decision_id: d.decisionId },
  });
  return id;
}

/**
 * Writes the state the workflow returned for `before`, if the row is still at `expectedVersion`
 * (otherwise ConflictError), replaces its tags and appends a history row. Returns the new version.
 */
export async function saveReleaseState(
  trx: Executor,
  before: ReleaseRecord,
  expectedVersion: number,
  after: ReleaseState,
  action: string,
  actorId: number,
  now: string,
): Promise<number> {
  const result = await trx
    .updateTable("releases")
    .set({ ...stateColumns(after, before.area), updated_at: now, version: expectedVersion + 1 })
    .where("id", "=", before.id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ConflictError("release", before.id);
  await replaceTags(trx, before.id, after.content);
  await appendHistory(trx, {
    initiativeId: before.initiative_id, actorId, at: now, action, entity: "release", entityId: before.id,
    before: snapshot(toReleaseState(before)), after: snapshot(after),
  });
  return expectedVersion + 1;
}

const RESERVED_SLUGS = new Set(["feed", "ny"]);

/** A readable URL segment: Danish letters spelled out, anything else a hyphen; never only digits. */
export function slugify(title: string): string {
  const base = title
    .toLocaleLowerCase("da-DK")
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return base === "" || /^\d+$/.test(base) || RESERVED_SLUGS.has(base) ? `udgivelse-${base}`.replace(/-$/, "") : base;
}

/**
 * Gives a published edition its public address, once. Edition 1 takes its title's slug; a later edition
 * takes edition 1's slug with "-udgave-N", so every edition of a release reads as one family.
 */
export async function assignSlug(trx: Executor, id: number): Promise<string> {
  const row = await trx.selectFrom("releases").select(["slug", "title", "edition", "root_id"]).where("id", "=", id).executeTakeFirstOrThrow();
  if (row.slug) return row.slug;
  let base = slugify(row.title);
  if (row.root_id !== null) {
    const root = await trx.selectFrom("releases").select("slug").where("id", "=", row.root_id).executeTakeFirst();
    base = `${root?.slug ?? base}-udgave-${row.edition}`;
  }
  // Two editions with one title published at once on PostgreSQL: the second waits, then finds the slug taken.
  await lockKey(trx, `releases.slug:${base}`);
  const taken = await trx.selectFrom("releases").select("id").where("slug", "=", base).executeTakeFirst();
  const slug = taken ? `${base}-${id}` : base;
  await trx.updateTable("releases").set({ slug }).where("id", "=", id).execute();
  return slug;
}

/**
 * After a later edition is published: its predecessor (already saved as superseded by the caller) and
 * every older superseded edition point at it, so each old page links to the newest.
 */
export async function pointOlderEditionsAt(trx: Executor, newest: Pick<Release, "id" | "root_id">, now: string) {
  const series = seriesId(newest);
  await trx
    .updateTable("releases")
    .set((eb) => ({ superseded_by_id: newest.id, superseded_at: sql<string>`coalesce(superseded_at, ${now})`, version: eb("version", "+", 1), updated_at: now }))
    .where((eb) => eb.or([eb("id", "=", series), eb("root_id", "=", series)]))
    .where("status", "=", "superseded")
    .where("id", "!=", newest.id)
    .where((eb) => eb.or([eb("superseded_by_id", "is", null), eb("superseded_by_id", "!=", newest.id)]))
    .execute();
}

/** The draft of the next edition already started from `previousId`, if any (one at a time). */
export function findOpenEdition(db: Executor, previousId: number) {
  return db
    .selectFrom("releases")
    .select(["id"])
    .where("previous_id", "=", previousId)
    .where("status", "in", ["draft", "in_review"])
    .executeTakeFirst();
}

/** Every edition's id of one release (edition 1 and its later editions). */
export async function listSeriesIds(db: Executor, series: number): Promise<number[]> {
  const rows = await db.selectFrom("releases").select("id").where((eb) => eb.or([eb("id", "=", series), eb("root_id", "=", series)])).orderBy("id").execute();
  return rows.map((r) => r.id);
}
