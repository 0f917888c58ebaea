// The release aggregate as the knowledge staff's pages read it: one edition with its names, its editions and
// history, the staff lists and an initiative's releases.
import { sql } from "kysely";
import type { Executor } from "../client";
import { type ReleaseStatus } from "../../workflows/release";
import { getRelease } from "./releases";

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
        "r.force_published", "r.reviewed_at", "r.updated_at", "r.published_at", "r.author_id", "r.scheduled_at",
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
