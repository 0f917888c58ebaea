// The subscriber lifecycle: a request (pending, double opt-in) → confirmed → unsubscribed, or replaced by a
// newer confirmed subscription for the same address. Pure: the database layer loads the subscriber, asks
// here what may happen, and writes exactly that. Time comes in as an argument.

export const SUBSCRIBER_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** Why a subscription ended: the subscriber asked, or a newer confirmed subscription took its place. */
export type EndReason = "unsubscribed" | "replaced";

/** A confirmation link is good for a week; after that the request is simply made again. */
export const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;
/** Confirmation mails one address can be sent per day, so the form cannot be used to flood someone's inbox. */
export const MAX_REQUESTS_PER_DAY = 3;
const DAY_MS = 24 * 3_600_000;

export interface SubscriberState {
  status: SubscriberStatus;
  /** ISO timestamp of the request. */
  createdAt: string;
}

/** The start of the window the daily cap counts requests in. */
export function requestWindowStart(now: string): string {
  return new Date(Date.parse(now) - DAY_MS).toISOString();
}

/**
 * Whether one more confirmation mail may be sent to an address that had `recentRequests` requests in the
 * window. A refused request is answered exactly as an accepted one (the form never tells whether an address
 * is known), so this is a plain yes or no.
 */
export function mayRequest(recentRequests: number): boolean {
  return recentRequests < MAX_REQUESTS_PER_DAY;
}

/** A pending request whose confirmation link is older than a week. */
export function isConfirmLinkExpired(s: SubscriberState, now: string): boolean {
  return s.status === "pending" && Date.parse(now) - Date.parse(s.createdAt) > CONFIRM_TTL_MS;
}

/** Whether the confirmation page may be shown for this subscriber at all. */
export function mayShowConfirmation(s: SubscriberState | undefined, now: string): s is SubscriberState {
  return !!s && s.status !== "unsubscribed" && !isConfirmLinkExpired(s, now);
}

export type ConfirmDecision =
  /** Confirm it, and end every other confirmed subscription of the same address (replaced). */
  | { ok: true; effect: "confirm" }
  /** Already confirmed: nothing to write (the link was opened twice). */
  | { ok: true; effect: "none" }
  | { ok: false; reason: "not_found" | "expired" | "unsubscribed" };

/** What opening a confirmation link does. */
export function decideConfirm(s: SubscriberState | undefined, now: string): ConfirmDecision {
  if (!s) return { ok: false, reason: "not_found" };
  if (s.status === "confirmed") return { ok: true, effect: "none" };
  if (s.status === "unsubscribed") return { ok: false, reason: "unsubscribed" };
  if (isConfirmLinkExpired(s, now)) return { ok: false, reason: "expired" };
  return { ok: true, effect: "confirm" };
}

/** Whether a subscription can end (for either reason); ending one already ended is a no-op, not an error. */
export function mayEnd(s: SubscriberState | undefined): s is SubscriberState {
  return !!s && s.status !== "unsubscribed";
}

/**
 * How long an address is kept after its subscription ended, or after a request that was never confirmed:
 * 30 days, as the privacy notice (/privatliv) says. Long enough to answer "did you send me this?", short
 * enough that an address nobody follows with is gone within a month.
 */
export const ERASE_AFTER_DAYS = 30;
const ERASE_AFTER_MS = ERASE_AFTER_DAYS * DAY_MS;

export interface ErasableState extends SubscriberState {
  unsubscribedAt: string | null;
  erasedAt: string | null;
}

/** Whether the address of this subscriber is due to be erased at `now`. */
export function isErasureDue(s: ErasableState, now: string): boolean {
  if (s.erasedAt) return false;
  const since = s.status === "unsubscribed" ? s.unsubscribedAt : s.status === "pending" ? s.createdAt : null;
  return since !== null && Date.parse(now) - Date.parse(since) >= ERASE_AFTER_MS;
}

/** The instant before which an ended (or never confirmed) subscription's address is erased, for the query. */
export function erasureCutoff(now: string): string {
  return new Date(Date.parse(now) - ERASE_AFTER_MS).toISOString();
}

/**
 * Who subscribes (issue 13). A municipality is one kind among four, and the only one that names its
 * municipality: an organisation or a social service serves people across municipal borders.
 */
export const SUBSCRIBER_KINDS = ["municipality", "civil_society", "social_service", "other"] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

/** Whether a subscriber of this kind names a municipality (it must then, and no other kind may). */
export function namesMunicipality(kind: SubscriberKind): boolean {
  return kind === "municipality";
}

/** How many single initiatives one subscription may follow (the form offers them one at a time). */
export const MAX_FOLLOWED_INITIATIVES = 50;

export interface InitiativeStanding {
  phase: string;
  status: string;
}

export type PhaseChangeKind = "phase" | "status";

/**
 * Whether a steering-group decision is news for the initiative's followers (DECISIONS 0102). Public is only
 * what the portal already shows: an initiative reaches the public through its published releases, so the
 * phase (or status: on hold, resumed, stopped, completed) change of an initiative with at least one
 * published release is told; one without any is still internal. A decision that changes neither (a Hold
 * already on hold, a Recycle back into the same phase) tells nothing. Returns what changed, or null.
 */
export function publicPhaseChange(before: InitiativeStanding, after: InitiativeStanding, hasPublishedRelease: boolean): PhaseChangeKind | null {
  if (!hasPublishedRelease) return null;
  if (before.phase !== after.phase) return "phase";
  if (before.status !== after.status) return "status";
  return null;
}
