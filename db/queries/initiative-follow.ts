// Following one initiative (issue 13): which initiatives the public may follow (those with a published
// release: an initiative reaches the public only through its releases, DECISIONS 0102), and the notices of
// its public phase changes, queued in the deciding transaction through the outbox. Release notices for
// initiative followers are matched in enqueueReleaseNotices (./outbox.ts).
import { randomUUID } from "node:crypto";
import type { Executor } from "../client";
import { newOutboxEntry } from "../../workflows/outbox";
import { publicPhaseChange, type InitiativeStanding, type PhaseChangeKind } from "../../workflows/subscription";

export interface PublicInitiative {
  id: number;
  title: string;
  phase: string;
  status: string;
}

function withPublishedRelease(db: Executor) {
  return db
    .selectFrom("initiatives as i")
    .select(["i.id", "i.title", "i.phase", "i.status"])
    .where((eb) => eb.exists(
      eb.selectFrom("releases as r").select("r.id").whereRef("r.initiative_id", "=", "i.id").where("r.status", "=", "published"),
    ));
}

/** The initiative if the public may see (and follow) it, i.e. it has a published release. */
export function getPublicInitiative(db: Executor, id: number): Promise<PublicInitiative | undefined> {
  return withPublishedRelease(db).where("i.id", "=", id).executeTakeFirst();
}

/** Of these ids, the ones the public may follow. */
export async function publicInitiativeIds(db: Executor, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await withPublishedRelease(db).where("i.id", "in", [...new Set(ids)]).execute();
  return rows.map((r) => r.id);
}

/** What a phase-change notice carries: enough to render the mail without looking anything up again. */
export interface PhaseNoticePayload {
  phaseChange: {
    decisionId: number;
    initiativeId: number;
    initiativeTitle: string;
    change: PhaseChangeKind;
    outcome: string;
    fromPhase: string;
    toPhase: string;
    fromStatus: string;
    toStatus: string;
    decidedAt: string;
    /** The initiative's newest published release, where a reader reads more; a path under PUBLIC_BASE_URL. */
    url: string;
  };
}

export interface DecidedChange {
  decisionId: number;
  initiativeId: number;
  outcome: string;
  before: InitiativeStanding;
  after: InitiativeStanding;
  decidedAt: string;
}

const CHUNK = 200;

/**
 * Queues a notice to every confirmed follower of the initiative when the rule says the decision is public
 * news (workflows/subscription.ts publicPhaseChange). Sent at once whatever the subscriber's frequency: a
 * phase change is rare and not a release, so it has no place in the release digest (DECISIONS 0102). One row
 * per decision and subscriber (dedupe key), so calling it twice queues nobody twice. Returns how many.
 */
export async function enqueuePhaseNotices(trx: Executor, d: DecidedChange, now: string): Promise<number> {
  const newest = await trx
    .selectFrom("releases as r").innerJoin("initiatives as i", "i.id", "r.initiative_id")
    .select(["r.id", "r.slug", "i.title"])
    .where("r.initiative_id", "=", d.initiativeId).where("r.status", "=", "published")
    .orderBy("r.published_at", "desc").orderBy("r.id", "desc")
    .executeTakeFirst();
  const change = publicPhaseChange(d.before, d.after, !!newest);
  if (!change || !newest) return 0;
  const followers = await trx
    .selectFrom("subscriber_initiatives as si").innerJoin("subscribers as s", "s.id", "si.subscriber_id")
    .select(["s.id", "s.email"])
    .where("si.initiative_id", "=", d.initiativeId).where("s.status", "=", "confirmed")
    .orderBy("s.id")
    .execute();
  if (!followers.length) return 0;
  const payload: PhaseNoticePayload = {
    phaseChange: {
      decisionId: d.decisionId, initiativeId: d.initiativeId, initiativeTitle: newest.title, change, outcome: d.outcome,
      fromPhase: d.before.phase, toPhase: d.after.phase, fromStatus: d.before.status, toStatus: d.after.status, decidedAt: d.decidedAt,
      url: `/viden/${encodeURIComponent(newest.slug ?? String(newest.id))}`,
    },
  };
  const json = JSON.stringify(payload);
  const entry = newOutboxEntry(now);
  let queued = 0;
  for (let i = 0; i < followers.length; i += CHUNK) {
    const rows = await trx
      .insertInto("outbox")
      .values(followers.slice(i, i + CHUNK).map((s) => ({
        kind: "notice" as const,
        recipient: s.email,
        subscriber_id: s.id,
        release_id: null,
        payload: json,
        message_id: randomUUID(),
        dedupe_key: `phase:${d.decisionId}:${s.id}`,
        status: entry.status,
        attempts: entry.attempts,
        next_attempt_at: entry.nextAttemptAt,
        created_at: now,
      })))
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .execute();
    queued += rows.length;
  }
  return queued;
}
