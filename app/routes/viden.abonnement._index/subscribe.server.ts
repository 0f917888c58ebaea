// The steps behind the subscription form: what the form offers (municipalities, the initiative a reader came
// from), and the request itself: ask the lifecycle whether another confirmation mail may go to this address
// today, and if so record the pending subscription and queue its mail, in one transaction.
import type { Db } from "#db/client";
import { getPublicInitiative, publicInitiativeIds } from "#db/queries/initiative-follow";
import { countRecentRequests, createPendingSubscription, type FollowedArea } from "#db/queries/subscriptions";
import type { SubscriberKind, SubscriptionFrequency } from "#db/schema";
import { MUNICIPALITIES } from "#db/seed-data/municipalities";
import { mayRequest, requestWindowStart } from "#workflows/subscription";
import { hashToken, newToken } from "~/mail/tokens.server";

export interface SubscribeInput {
  email: string;
  kind: SubscriberKind;
  municipality: string | null;
  initiatives: number[];
  areas: FollowedArea[];
  topics: string[];
  frequency: SubscriptionFrequency;
}

/** The form's choices; `?initiative=<id>` (the "follow this initiative" link on a release) offers that one if public. */
export async function subscribeFormData(db: Db, request: Request) {
  const municipalities = [...MUNICIPALITIES].sort((a, b) => a.name.localeCompare(b.name, "da"));
  const raw = new URL(request.url).searchParams.get("initiative") ?? "";
  const initiative = /^[1-9][0-9]{0,9}$/.test(raw) ? await getPublicInitiative(db, Number(raw)) : undefined;
  return {
    municipalities: municipalities.map((m) => ({ value: m.code, label: m.name })),
    initiative: initiative ? { id: initiative.id, title: initiative.title } : null,
  };
}

/**
 * Refuses (nothing written) an initiative the public cannot see. Past the daily cap nothing is written and
 * the caller answers exactly as when it was, so the form says nothing about who subscribes.
 */
export async function requestSubscription(db: Db, v: SubscribeInput, now: string): Promise<{ ok: true } | { ok: false; field: "initiatives" }> {
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const visible = await publicInitiativeIds(trx, v.initiatives);
    if (visible.length !== new Set(v.initiatives).size) return { ok: false as const, field: "initiatives" as const };
    if (!mayRequest(await countRecentRequests(trx, v.email, requestWindowStart(now)))) return { ok: true as const };
    await createPendingSubscription(trx, {
      email: v.email, kind: v.kind, municipalityCode: v.municipality, initiativeIds: visible, areas: v.areas, topics: v.topics,
      frequency: v.frequency, confirmTokenHash: hashToken(token),
    }, token, now);
    return { ok: true as const };
  });
}
