// The release aggregate: editions of fast-track knowledge releases with their audiences and topics, the
// staff lists, the public portal and feed queries, and the facts a new draft is prefilled from.
// workflows/release.ts decides every state change; this file persists what it allowed, guarded by the
// row's version, with a history row on the initiative in the same transaction.
import { sql } from "kysely";
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { Area, Release } from "../schema";
import type { Judgement } from "../../workflows/assessment";
import type { InitiativeStatus, Outcome } from "../../workflows/decision";
import type { Phase, PhasePeriod } from "../../workflows/phase-model";
import {
  AUDIENCES,
  isAudience,
  type Audience,
  type EditionKind,
  type Maturity,
  type ReleaseContent,
  type ReleaseState,
  type ReleaseStatus,
} from "../../workflows/release";
import { appendHistory } from "./history";

export interface ReleaseRecord extends Release {
  audiences: Audience[];
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

/** Topics as stored: trimmed, lower-cased (Danish rules), inner spaces collapsed, no duplicates. */
export function normaliseTopics(topics: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of topics) {
    const n = t.trim().replace(/\s+/g, " ").toLocaleLowerCase("da-DK");
    if (n !== "" && !out.includes(n)) out.push(n);
  }
  return out;
}

function searchText(c: ReleaseContent): string {
  return [c.title, c.summary, c.bodyMarkdown, c.topics.join(" ")].join("\n").toLocaleLowerCase("da-DK");
}

async function tagsOf(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return { audiences: new Map<number, Audience[]>(), topics: new Map<number, string[]>() };
  const [aud, top] = await Promise.all([
    db.selectFrom("release_audiences").select(["release_id", "audience"]).where("release_id", "in", ids).execute(),
    db.selectFrom("release_topics").select(["release_id", "topic"]).where("release_id", "in", ids).orderBy("topic").execute(),
  ]);
  const audiences = new Map<number, Audience[]>();
  for (const a of aud) audiences.set(a.release_id, [...(audiences.get(a.release_id) ?? []), a.audience]);
  // Audiences in their canonical order, whatever order SQLite returns them in.
  for (const [id, list] of audiences) audiences.set(id, AUDIENCES.filter((x) => list.includes(x)));
  const topics = new Map<number, string[]>();
  for (const t of top) topics.set(t.release_id, [...(topics.get(t.release_id) ?? []), t.topic]);
  return { audiences, topics };
}

async function withTags(db: Executor, row: Release | undefined): Promise<ReleaseRecord | undefined> {
  if (!row) return undefined;
  const { audiences, topics } = await tagsOf(db, [row.id]);
  return { ...row, audiences: audiences.get(row.id) ?? [], topics: topics.get(row.id) ?? [], contributorIds: parseIds(row.contributor_ids) };
}

export async function getRelease(db: Executor, id: number): Promise<ReleaseRecord | undefined> {
  return withTags(db, await db.selectFrom("releases").selectAll().where("id", "=", id).executeTakeFirst());
}

/** A release by its public address: digits are an id, anything else a slug. */
export async function findReleaseBySlugOrId(db: Executor, slugOrId: string): Promise<ReleaseRecord | undefined> {
  const q = db.selectFrom("releases").selectAll();
  const row = /^\d{1,15}$/.test(slugOrId)
    ? await q.where("id", "=", Number(slugOrId)).executeTakeFirst()
    : await q.where("slug", "=", slugOrId).executeTakeFirst();
  return withTags(db, row);
}

export function contentOf(r: Pick<ReleaseRecord, "title" | "summary" | "body_md" | "audiences" | "area" | "topics" | "maturity">): ReleaseContent {
  return {
    title: r.title,
    summary: r.summary,
    bodyMarkdown: r.body_md,
    audiences: [...r.audiences],
    area: r.area,
    topics: [...r.topics],
    maturity: r.maturity,
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
  };
}

function contentColumns(c: ReleaseContent, fallbackArea: Area) {
  const topics = normaliseTopics(c.topics);
  return {
    title: c.title.trim(),
    summary: c.summary.trim(),
    body_md: c.bodyMarkdown,
    // The form always sends an area; the workflow's "both areas" (null) is not offered (DECISIONS.md).
    area: c.area ?? fallbackArea,
    maturity: c.maturity,
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
  };
}

async function replaceTags(trx: Executor, id: number, c: ReleaseContent) {
  await trx.deleteFrom("release_audiences").where("release_id", "=", id).execute();
  await trx.deleteFrom("release_topics").where("release_id", "=", id).execute();
  const audiences = [...new Set(c.audiences.filter(isAudience))];
  if (audiences.length) await trx.insertInto("release_audiences").values(audiences.map((audience) => ({ release_id: id, audience }))).execute();
  const topics = normaliseTopics(c.topics);
  if (topics.length) await trx.insertInto("release_topics").values(topics.map((topic) => ({ release_id: id, topic }))).execute();
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
      ...contentColumns(d.content, d.content.area ?? "adults"),
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

// ---------------------------------------------------------------------------------------------------------
// Pages

/** One edition with the names and initiative the staff and public pages show. */
export async function getReleaseDetail(db: Executor, id: number) {
  const release = await getRelease(db, id);
  if (!release) return undefined;
  const [initiative, people, decision] = await Promise.all([
    db.selectFrom("initiatives").select(["id", "title", "area", "status", "phase", "agreement_label"]).where("id", "=", release.initiative_id).executeTakeFirstOrThrow(),
    namesOf(db, [
      release.author_id, release.reviewer_id, release.requested_by_id, release.force_published_by_id, release.withdrawn_by_id,
      ...release.contributorIds,
    ]),
    release.decision_id === null
      ? undefined
      : db.selectFrom("decisions").select(["id", "outcome", "decided_at"]).where("id", "=", release.decision_id).executeTakeFirst(),
  ]);
  const name = (id: number | null) => (id === null ? null : people.get(id) ?? null);
  return {
    release,
    initiative,
    decision: decision ?? null,
    names: {
      author: name(release.author_id),
      reviewer: name(release.reviewer_id),
      requestedBy: name(release.requested_by_id),
      forcePublishedBy: name(release.force_published_by_id),
      withdrawnBy: name(release.withdrawn_by_id),
      contributors: release.contributorIds.map((c) => people.get(c) ?? String(c)),
    },
  };
}

async function namesOf(db: Executor, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every edition of a release that was ever public (published, superseded or withdrawn), oldest first. */
export function listEditions(db: Executor, series: number) {
  return db
    .selectFrom("releases")
    .select(["id", "slug", "edition", "edition_kind", "status", "published_at", "withdrawn_at", "title"])
    .where((eb) => eb.or([eb("id", "=", series), eb("root_id", "=", series)]))
    .where("published_at", "is not", null)
    .orderBy("edition")
    .execute();
}

/** The history rows of one edition, newest first, with who did it. */
export function listReleaseHistory(db: Executor, id: number, limit = 100) {
  return db
    .selectFrom("history")
    .leftJoin("users", "users.id", "history.actor_id")
    .select(["history.id", "history.at", "history.action", "history.entity", "history.before", "history.after", "users.name as actor_name"])
    .where("history.entity", "=", "release")
    .where("history.entity_id", "=", id)
    .orderBy("history.id", "desc")
    .limit(limit)
    .execute();
}

/** Title and address of one edition, for "superseded by" links. */
export function getReleaseLink(db: Executor, id: number) {
  return db.selectFrom("releases").select(["id", "slug", "title", "edition", "status"]).where("id", "=", id).executeTakeFirst();
}

export const STAFF_VIEWS = ["all", "mine", "to_review", "unreviewed", "requested"] as const;
export type StaffView = (typeof STAFF_VIEWS)[number];

export interface StaffFilters {
  view?: StaffView;
  status?: ReleaseStatus;
}

export const STAFF_PAGE_SIZE = 25;

/** The knowledge staff's list: every edition, or one of the working views for `userId`. */
export async function listStaffReleases(db: Executor, filters: StaffFilters, userId: number, page = 1, pageSize = STAFF_PAGE_SIZE) {
  let q = db.selectFrom("releases as r").innerJoin("initiatives as i", "i.id", "r.initiative_id");
  // contributor_ids is a JSON array of ids ("[3,7]"); matched as ",3,7," so the SQL stays portable (no json_each).
  const involved = sql<boolean>`(r.author_id = ${userId} or (',' || replace(replace(replace(r.contributor_ids, '[', ''), ']', ''), ' ', '') || ',') like ${`%,${userId},%`})`;
  switch (filters.view) {
    case "mine":
      q = q.where(involved);
      break;
    case "to_review":
      q = q.where("r.status", "=", "in_review").where(sql<boolean>`not ${involved}`);
      break;
    case "unreviewed":
      q = q.where("r.force_published", "=", 1).where("r.reviewed_at", "is", null).where("r.status", "in", ["published", "superseded"]);
      break;
    case "requested":
      q = q.where("r.author_id", "is", null).where("r.status", "=", "draft");
      break;
  }
  if (filters.status) q = q.where("r.status", "=", filters.status);
  const current = Math.max(1, page);
  const [rows, count] = await Promise.all([
    q
      .leftJoin("users as a", "a.id", "r.author_id")
      .select([
        "r.id", "r.title", "r.status", "r.edition", "r.edition_kind", "r.phase", "r.area", "r.maturity", "r.slug",
        "r.force_published", "r.reviewed_at", "r.updated_at", "r.published_at", "r.author_id",
        "i.id as initiative_id", "i.title as initiative_title", "a.name as author_name",
      ])
      .orderBy("r.updated_at", "desc")
      .orderBy("r.id", "desc")
      .limit(pageSize)
      .offset((current - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page: current, pageSize };
}

/** Releases of one initiative, for knowledge staff (any status), newest first. */
export function listReleasesForInitiative(db: Executor, initiativeId: number) {
  return db
    .selectFrom("releases")
    .select(["id", "title", "status", "edition", "phase", "published_at", "slug"])
    .where("initiative_id", "=", initiativeId)
    .orderBy("id", "desc")
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// The public portal and feeds: only the current published edition of each release is listed.

export interface PortalFilters {
  q?: string;
  area?: Area;
  phase?: PhasePeriod;
  audience?: Audience;
  topic?: string;
  maturity?: Maturity;
}

export const PORTAL_PAGE_SIZE = 20;

function likeTerm(q: string) {
  return `%${q.trim().toLocaleLowerCase("da-DK").replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
}

function publicQuery(db: Executor, f: PortalFilters) {
  let q = db.selectFrom("releases as r").innerJoin("initiatives as i", "i.id", "r.initiative_id").where("r.status", "=", "published");
  if (f.area) q = q.where("r.area", "=", f.area);
  if (f.phase) q = q.where("r.phase", "=", f.phase);
  if (f.maturity) q = q.where("r.maturity", "=", f.maturity);
  const { audience, topic } = f;
  if (audience) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("release_audiences as ra").select("ra.release_id").whereRef("ra.release_id", "=", "r.id").where("ra.audience", "=", audience)),
    );
  }
  if (topic) {
    const t = normaliseTopics([topic])[0] ?? "";
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("release_topics as rt").select("rt.release_id").whereRef("rt.release_id", "=", "r.id").where("rt.topic", "=", t)),
    );
  }
  if (f.q && f.q.trim()) q = q.where(sql<boolean>`r.search_text like ${likeTerm(f.q)} escape '\\'`);
  return q;
}

/** One page of published releases matching the filters, newest first, with the total; all in SQL. */
export async function listPublicReleases(db: Executor, filters: PortalFilters, page = 1, pageSize = PORTAL_PAGE_SIZE) {
  const base = publicQuery(db, filters);
  const current = Math.max(1, page);
  const [rows, count] = await Promise.all([
    base
      .select([
        "r.id", "r.slug", "r.title", "r.summary", "r.area", "r.phase", "r.maturity", "r.edition", "r.published_at",
        "r.force_published", "r.reviewed_at", "i.title as initiative_title", "i.status as initiative_status",
      ])
      .orderBy("r.published_at", "desc")
      .orderBy("r.id", "desc")
      .limit(pageSize)
      .offset((current - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const tags = await tagsOf(db, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({ ...r, audiences: tags.audiences.get(r.id) ?? [], topics: tags.topics.get(r.id) ?? [] })),
    total: Number(count.n),
    page: current,
    pageSize,
  };
}

/** The topics of published releases, for the portal's topic filter and feed links. */
export async function listPublicTopics(db: Executor) {
  const rows = await db
    .selectFrom("release_topics as rt")
    .innerJoin("releases as r", "r.id", "rt.release_id")
    .select(["rt.topic", (eb) => eb.fn.countAll<number>().as("n")])
    .where("r.status", "=", "published")
    .groupBy("rt.topic")
    .orderBy("rt.topic")
    .execute();
  return rows.map((r) => ({ topic: r.topic, count: Number(r.n) }));
}

export const FEED_SIZE = 50;

/**
 * The newest published releases for an Atom feed, with what an entry needs: the series id (a release keeps
 * one entry id across editions) and when edition 1 first came out.
 */
export async function listFeedReleases(db: Executor, filters: Pick<PortalFilters, "area" | "topic">, limit = FEED_SIZE) {
  const rows = await publicQuery(db, filters)
    .select([
      "r.id", "r.root_id", "r.slug", "r.title", "r.summary", "r.body_md", "r.area", "r.phase", "r.maturity", "r.edition",
      "r.published_at", "r.force_published", "r.reviewed_at", "i.title as initiative_title",
      sql<string>`(select min(p.published_at) from releases p where p.id = coalesce(r.root_id, r.id) or p.root_id = coalesce(r.root_id, r.id))`.as("first_published_at"),
    ])
    .orderBy("r.published_at", "desc")
    .orderBy("r.id", "desc")
    .limit(limit)
    .execute();
  const tags = await tagsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, topics: tags.topics.get(r.id) ?? [], audiences: tags.audiences.get(r.id) ?? [] }));
}

// ---------------------------------------------------------------------------------------------------------
// Prefill: what the initiative, the phase's decision and its SUSI assessment say, for a new draft.

export interface ReleaseFacts {
  initiative: { id: number; title: string; area: Area; status: InitiativeStatus; agreement_label: string };
  phase: PhasePeriod;
  decision: { id: number; outcome: Outcome; to_phase: Phase | null; rationale: string; decided_at: string } | null;
  assessment: {
    id: number;
    to_phase: Phase;
    overall_assessment: string;
    recommendation: string;
    judgements: { criterion_id: string; judgement: Judgement; justification: string }[];
  } | null;
}

/**
 * The facts for a draft about `phase` of an initiative: the given decision (or the latest one that ended
 * that phase), and the assessment it rested on (or the latest submitted one from that phase).
 */
export async function loadReleaseFacts(db: Executor, initiativeId: number, phase: PhasePeriod, decisionId: number | null = null): Promise<ReleaseFacts | undefined> {
  const initiative = await db
    .selectFrom("initiatives").select(["id", "title", "area", "status", "agreement_label"]).where("id", "=", initiativeId).executeTakeFirst();
  if (!initiative) return undefined;
  let dq = db
    .selectFrom("decisions")
    .select(["id", "outcome", "to_phase", "rationale", "decided_at", "assessment_id"])
    .where("initiative_id", "=", initiativeId);
  dq = decisionId !== null ? dq.where("id", "=", decisionId) : dq.where("from_phase", "=", phase);
  const decision = await dq.orderBy("decided_at", "desc").orderBy("id", "desc").executeTakeFirst();

  let aq = db
    .selectFrom("assessments")
    .select(["id", "to_phase", "overall_assessment", "recommendation"])
    .where("initiative_id", "=", initiativeId)
    .where("status", "=", "submitted");
  aq = decision?.assessment_id ? aq.where("id", "=", decision.assessment_id) : aq.where("from_phase", "=", phase);
  const assessment = await aq.orderBy("submitted_at", "desc").orderBy("id", "desc").executeTakeFirst();
  const judgements = assessment
    ? await db
      .selectFrom("assessment_judgements")
      .select(["criterion_id", "judgement", "justification"])
      .where("assessment_id", "=", assessment.id)
      .orderBy("criterion_id")
      .execute()
    : [];
  return {
    initiative,
    phase,
    decision: decision ? { id: decision.id, outcome: decision.outcome, to_phase: decision.to_phase, rationale: decision.rationale, decided_at: decision.decided_at } : null,
    assessment: assessment ? { ...assessment, judgements } : null,
  };
}

/**
 * Called by the steering group's decision action, in the decision's transaction, when the group decides
 * the knowledge should be released now: a draft with no author yet (knowledge staff take it on), linked
 * to the initiative, the phase that ended and the decision, prefilled by `compose` (which knows the words).
 */
export async function createDraftFromDecision(
  trx: Executor,
  args: { initiativeId: number; decisionId: number; requestedById: number; now: string },
  compose: (facts: ReleaseFacts) => ReleaseContent,
): Promise<number> {
  const decision = await trx
    .selectFrom("decisions").select(["from_phase"]).where("id", "=", args.decisionId).where("initiative_id", "=", args.initiativeId)
    .executeTakeFirst();
  if (!decision) throw new ConflictError("decision", args.decisionId);
  const facts = await loadReleaseFacts(trx, args.initiativeId, decision.from_phase, args.decisionId);
  if (!facts) throw new ConflictError("initiative", args.initiativeId);
  return insertDraft(trx, {
    initiativeId: args.initiativeId,
    phase: decision.from_phase,
    decisionId: args.decisionId,
    content: compose(facts),
    authorId: null,
    requestedById: args.requestedById,
  }, args.requestedById, args.now);
}
