// The one step behind the subscription form: ask the lifecycle whether another confirmation mail may go to
// this address today, and if so record the pending subscription and queue its mail, in one transaction.
import type { Db } from "#db/client";
import { countRecentRequests, createPendingSubscription, type FollowedArea } from "#db/queries/subscriptions";
import type { SubscriptionFrequency } from "#db/schema";
import { mayRequest, requestWindowStart } from "#workflows/subscription";
import { hashToken, newToken } from "~/mail/tokens.server";

export interface SubscribeInput {
  email: string;
  municipality: string;
  areas: FollowedArea[];
  topics: string[];
  frequency: SubscriptionFrequency;
}

/**
 * Past the daily cap nothing is written and the caller answers exactly as when it was, so the form says
 * nothing about who subscribes.
 */
export async function requestSubscription(db: Db, v: SubscribeInput, now: string): Promise<void> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    if (!mayRequest(await countRecentRequests(trx, v.email, requestWindowStart(now)))) return;
    await createPendingSubscription(trx, {
      email: v.email, municipalityCode: v.municipality, areas: v.areas, topics: v.topics, frequency: v.frequency,
      confirmTokenHash: hashToken(token),
    }, token, now);
  });
}
