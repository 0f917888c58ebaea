// What the public may see of one release: the workflow's public view decides (404 for drafts and unknown
// addresses, 410 with the reason for a withdrawn one); initiatives themselves are not public.
import { data } from "@remix-run/node";
import type { Db } from "#db/client";
import { getInitiative } from "#db/queries/initiatives";
import { getReleaseLink, listEditions } from "#db/queries/release-views";
import { findReleaseBySlugOrId, seriesId, toReleaseState } from "#db/queries/releases";
import { publicView } from "#workflows/release";
import { releaseArticle } from "~/utils/release-article.server";
import { notFound } from "~/utils/http.server";

export async function loadPublicRelease(db: Db, key: string) {
  const row = key.length <= 200 ? await findReleaseBySlugOrId(db, key) : undefined;
  if (!row) notFound();
  const view = publicView(toReleaseState(row));
  if (view.kind === "not_found") notFound();
  if (view.kind === "withdrawn") {
    return data({ kind: "withdrawn" as const, title: view.title, reason: view.reason, withdrawnAt: view.withdrawnAt }, { status: 410, statusText: "Gone" });
  }
  const [initiative, editions, newest] = await Promise.all([
    getInitiative(db, row.initiative_id),
    listEditions(db, seriesId(row)),
    view.kind === "superseded" ? getReleaseLink(db, view.newestId) : undefined,
  ]);
  return {
    kind: view.kind,
    release: {
      id: row.id, slug: row.slug, title: view.content.title, summary: view.content.summary, area: row.area, areas: view.content.areas, phase: row.phase,
      audiences: view.content.audiences, topics: view.content.topics, maturity: view.content.maturity, edition: view.edition,
      editionKind: row.edition_kind, publishedAt: view.publishedAt,
    },
    notYetReviewed: view.notYetReviewed,
    article: releaseArticle(view.content, {
      phase: row.phase, edition: view.edition, publishedAt: view.publishedAt, initiativeTitle: initiative?.title ?? "", fallbackArea: row.area,
    }),
    initiative: { id: row.initiative_id, title: initiative?.title ?? "", status: initiative?.status ?? "active" },
    editions: editions.map((e) => ({ id: e.id, slug: e.slug, edition: e.edition, kind: e.edition_kind, status: e.status, publishedAt: e.published_at })),
    newest: newest ?? null,
  };
}
