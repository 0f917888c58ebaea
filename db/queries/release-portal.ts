// The public portal and feeds: only the current published edition of each release is listed.
import { sql } from "kysely";
import type { Executor } from "../client";
import type { Area } from "../schema";
import type { PhasePeriod } from "../../workflows/phase-model";
import type { Audience, Maturity } from "../../workflows/release";
import { topicKey } from "./outbox";
import { tagsOf } from "./releases";

export interface PortalFilters {
  q?: string;
  area?: Area;
  phase?: PhasePeriod;
  audience?: Audience;
  topic?: string;
  maturity?: Maturity;
  /** One initiative's releases (its feed). */
  initiativeId?: number;
}

export const PORTAL_PAGE_SIZE = 20;

function likeTerm(q: string) {
  return `%${q.trim().toLocaleLowerCase("da-DK").replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
}

function publicQuery(db: Executor, f: PortalFilters) {
  let q = db.selectFrom("releases as r").innerJoin("initiatives as i", "i.id", "r.initiative_id").where("r.status", "=", "published");
  if (f.phase) q = q.where("r.phase", "=", f.phase);
  if (f.maturity) q = q.where("r.maturity", "=", f.maturity);
  if (f.initiativeId !== undefined) q = q.where("r.initiative_id", "=", f.initiativeId);
  const { audience, topic, area } = f;
  // A release about both areas is found under each.
  if (area) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("release_areas as rar").select("rar.release_id").whereRef("rar.release_id", "=", "r.id").where("rar.area", "=", area)),
    );
  }
  if (audience) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("release_audiences as ra").select("ra.release_id").whereRef("ra.release_id", "=", "r.id").where("ra.audience", "=", audience)),
    );
  }
  if (topic) {
    // "move", "MOVE" and " Move " find the same releases.
    const t = topicKey(topic);
    q = q.where((eb) =>
      eb.exists(eb.selectFrom("release_topics as rt").select("rt.release_id").whereRef("rt.release_id", "=", "r.id").where("rt.topic_key", "=", t)),
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
    rows: rows.map((r) => ({ ...r, audiences: tags.audiences.get(r.id) ?? [], topics: tags.topics.get(r.id) ?? [], areas: tags.areas.get(r.id) ?? [r.area] })),
    total: Number(count.n),
    page: current,
    pageSize,
  };
}

/** The topics of published releases (in their first-typed form), for the portal's topic filter and feed links. */
export async function listPublicTopics(db: Executor) {
  const rows = await db
    .selectFrom("release_topics as rt")
    .innerJoin("releases as r", "r.id", "rt.release_id")
    .select(["rt.topic_key", (eb) => eb.fn.min("rt.topic").as("topic"), (eb) => eb.fn.countAll<number>().as("n")])
    .where("r.status", "=", "published")
    .groupBy("rt.topic_key")
    .orderBy("rt.topic_key")
    .execute();
  return rows.map((r) => ({ topic: String(r.topic), count: Number(r.n) }));
}

export const FEED_SIZE = 50;

/**
 * The newest published releases for an Atom feed, with what an entry needs: the series id (a release keeps
 * one entry id across editions) and when edition 1 first came out.
 */
export async function listFeedReleases(db: Executor, filters: Pick<PortalFilters, "area" | "topic" | "initiativeId">, limit = FEED_SIZE) {
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
  return rows.map((r) => ({ ...r, topics: tags.topics.get(r.id) ?? [], audiences: tags.audiences.get(r.id) ?? [], areas: tags.areas.get(r.id) ?? [r.area] }));
}

/** The fingerprint of everything the public pages show, and the time of its newest change. */
export async function publicContentVersion(db: Executor): Promise<{ tag: string; changedAt: string | null }> {
  const { rows } = await sql<{ n: number; v: number | null; r: string | null; i: string | null }>`
    select (select count(*) from releases) as n, (select sum(version) from releases) as v,
           (select max(updated_at) from releases) as r, (select max(updated_at) from initiatives) as i`.execute(db);
  const { n, v, r, i } = rows[0] ?? { n: 0, v: 0, r: null, i: null };
  const changedAt = [r, i].filter((x): x is string => !!x).sort().at(-1) ?? null;
  return { tag: `${n}.${v ?? 0}.${r ?? ""}.${i ?? ""}`, changedAt };
}
