// The rule of the one-time password link an admin sends a user (issue 14). Pure: the caller reads the link's
// row and the time and writes what this allows. A link works once, until it expires (PASSWORD_RESET_HOURS,
// default 24), and only while it is the user's newest one and the user is active: sending a new link voids the
// older ones. Who may send one is
// workflows/user-admin.ts (maySendResetLink).
export const DEFAULT_RESET_HOURS = 24;
/** Longer than a week is no longer "a link to use now"; a mistyped setting falls back to the default. */
export const MAX_RESET_HOURS = 7 * 24;

/** The link's lifetime in hours from the setting (PASSWORD_RESET_HOURS): a whole number 1–168, else 24. */
export function resetHoursFrom(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n >= 1 && n <= MAX_RESET_HOURS ? n : DEFAULT_RESET_HOURS;
}

export function resetExpiresAt(now: string, hours: number = DEFAULT_RESET_HOURS): string {
  return new Date(Date.parse(now) + hours * 3_600_000).toISOString();
}

export interface ResetLink {
  expiresAt: string;
  usedAt: string | null;
  voidedAt: string | null;
  /** The user the link is for is still active. */
  userActive: boolean;
}

export type ResetLinkRefusal = "unknown" | "expired" | "used" | "voided";

export type ResetLinkVerdict = { ok: true } | { ok: false; reason: ResetLinkRefusal };

/** Whether a link may set a password now. An inactive user's link is void: deactivation ends every way in. */
export function resetLinkVerdict(link: ResetLink | undefined, now: string): ResetLinkVerdict {
  if (!link) return { ok: false, reason: "unknown" };
  if (link.usedAt) return { ok: false, reason: "used" };
  if (link.voidedAt || !link.userActive) return { ok: false, reason: "voided" };
  if (Date.parse(link.expiresAt) <= Date.parse(now)) return { ok: false, reason: "expired" };
  return { ok: true };
}

/** Unknown links are a bad request; links that were real once are gone (410). */
export function resetLinkStatus(reason: ResetLinkRefusal): 400 | 410 {
  return reason === "unknown" ? 400 : 410;
}
