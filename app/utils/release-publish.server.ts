// Publishing an edition, shared by the release page (approve, force) and the due check that publishes scheduled
// editions from the outbox worker: the workflow's published state is saved, a later edition supersedes its
// predecessor in the same transaction, the edition gets its address, and subscribers' notices are queued when
// the workflow says so. Withdrawal notices are queued here too. Nothing here sends mail: the outbox does.
import type { Db, Executor } from "#db/client";
import { ConflictError } from "#db/errors";
import { enqueueReleaseNotices, enqueueWithdrawalNotices } from "#db/queries/outbox";
import {
  assignSlug, getRelease, getReleaseForUpdate, listDueScheduled, listSeriesIds, pointOlderEditionsAt, saveReleaseState, seriesId, toReleaseState,
  type ReleaseRecord,
} from "#db/queries/releases";
import { publishWhenDue, type ReleaseState } from "#workflows/release";

const publicUrl = (baseUrl: string, slug: string) => `${baseUrl}/viden/${encodeURIComponent(slug)}`;

/** Gives the published edition its address and queues subscribers' notices when the workflow says so. */
export async function announce(trx: Executor, before: ReleaseRecord, published: ReleaseState, notify: boolean, now: string, baseUrl: string) {
  const slug = await assignSlug(trx, before.id);
  if (!notify) return;
  const c = published.content;
  await enqueueReleaseNotices(trx, {
    id: before.id,
    title: c.title.trim(),
    summary: c.summary.trim(),
    areas: c.areas.length ? c.areas : [before.area],
    topics: c.topics,
    edition: published.edition,
    url: publicUrl(baseUrl, slug),
    changeNote: published.edition > 1 ? c.changeNote.trim() : "",
  }, now);
}

/** After a withdrawal is saved: everyone told of any edition of the release hears of it, with the reason. */
export async function announceWithdrawal(trx: Executor, before: ReleaseRecord, withdrawn: ReleaseState, baseUrl: string) {
  await enqueueWithdrawalNotices(trx, {
    id: before.id,
    title: withdrawn.content.title,
    reason: withdrawn.withdrawnReason,
    withdrawnAt: withdrawn.withdrawnAt ?? "",
    url: publicUrl(baseUrl, before.slug ?? String(before.id)),
    seriesIds: await listSeriesIds(trx, seriesId(before)),
  }, withdrawn.withdrawnAt ?? "");
}

/** Saves a later edition's publication and its predecessor's supersession, and points older editions at it. */
export async function saveEditionPublished(
  trx: Executor, before: ReleaseRecord, previous: ReleaseRecord, next: ReleaseState, superseded: ReleaseState, historyAction: string, actorId: number, now: string,
) {
  await saveReleaseState(trx, before, before.version, next, historyAction, actorId, now);
  await saveReleaseState(trx, previous, previous.version, superseded, "release.superseded", actorId, now);
  await pointOlderEditionsAt(trx, before, now);
}

/**
 * Publishes one scheduled edition if it is due at `now` (locked first, so two workers cannot both publish it).
 * Returns whether it was published; a refusal (the predecessor was withdrawn meanwhile, say) leaves it in review.
 */
export async function publishIfDue(db: Db, id: number, now: string, baseUrl: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await getReleaseForUpdate(trx, id);
    if (!before) return false;
    const state = toReleaseState(before);
    const previous = before.edition > 1 && before.previous_id !== null ? await getRelease(trx, before.previous_id) : undefined;
    const result = publishWhenDue(state, previous ? toReleaseState(previous) : null, before.id, now);
    if (!result.ok) return false;
    const actorId = state.reviewerId!;
    if ("previous" in result) {
      if (!previous) throw new ConflictError("release", before.previous_id ?? before.id);
      await saveEditionPublished(trx, before, previous, result.value, result.previous, "release.published_on_schedule", actorId, now);
    } else {
      await saveReleaseState(trx, before, before.version, result.value, "release.published_on_schedule", actorId, now);
    }
    await announce(trx, before, result.value, result.notify, now, baseUrl);
    return true;
  });
}

/** The due check: every scheduled edition whose time has come is published, each in its own transaction. */
export async function publishDueReleases(db: Db, now: string, baseUrl: string): Promise<number> {
  let published = 0;
  for (const { id } of await listDueScheduled(db, now)) {
    if (await publishIfDue(db, id, now, baseUrl)) published += 1;
  }
  return published;
}
