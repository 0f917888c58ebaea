// What the release page shows: the edition, its rendered text, editions, reach and history, and whether the
// reader was involved in it (the reviewer must be someone else).
import type { Db } from "#db/client";
import { countReleaseReach } from "#db/queries/outbox";
import { getReleaseDetail, getReleaseLink, listEditions, listReleaseHistory } from "#db/queries/release-views";
import { contentOf, findOpenEdition, seriesId, toReleaseState } from "#db/queries/releases";
import { notYetReviewed } from "#workflows/release";
import { releaseArticle } from "~/utils/release-article.server";
import { notFound } from "~/utils/http.server";

export async function loadReleasePage(db: Db, id: number, user: { id: number }) {
  const detail = await getReleaseDetail(db, id);
  if (!detail) notFound();
  const r = detail.release;
  const [editions, newest, previous, openEdition, reach, history] = await Promise.all([
    listEditions(db, seriesId(r)),
    r.superseded_by_id ? getReleaseLink(db, r.superseded_by_id) : undefined,
    r.previous_id ? getReleaseLink(db, r.previous_id) : undefined,
    r.status === "published" ? findOpenEdition(db, r.id) : undefined,
    r.published_at !== null ? countReleaseReach(db, r.id) : Promise.resolve(null),
    listReleaseHistory(db, r.id),
  ]);
  return {
    ...detail,
    article: releaseArticle(contentOf(r), {
      phase: r.phase, edition: r.edition, publishedAt: r.published_at, initiativeTitle: detail.initiative.title, fallbackArea: r.area,
    }),
    editions,
    newest: newest ?? null,
    previous: previous ?? null,
    openEditionId: openEdition?.id ?? null,
    reach,
    history,
    notYetReviewed: notYetReviewed(toReleaseState(r)),
    me: { involved: r.author_id === user.id || r.contributorIds.includes(user.id), forcedIt: r.force_published_by_id === user.id },
  };
}
