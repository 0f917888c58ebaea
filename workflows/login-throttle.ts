// Login throttling (issue 14): how many wrong passwords an account and an address may send before the login
// is refused for a while, and for how long. Pure: the caller reads the recent failures and passes the time in.
// A refused login is refused before the password is looked at, so the right password during a lockout is
// refused too; an admin lifts an account's lockout by clearing its failures (db/queries/login-failures.ts).

export const LOGIN_THROTTLE = {
  /** Failures older than this no longer count. */
  windowMinutes: 15,
  /** Wrong passwords for one account (by email, known or not) within the window before it is locked. */
  accountLimit: 5,
  /** Wrong passwords from one address within the window, over all accounts, before it is throttled. */
  addressLimit: 20,
} as const;

export type LoginThrottleRules = { windowMinutes: number; accountLimit: number; addressLimit: number };

export type LoginRefusal =
  | { code: "account_locked"; retryAfterSeconds: number }
  | { code: "address_throttled"; retryAfterSeconds: number };

export type LoginVerdict = { ok: true } | { ok: false; refusal: LoginRefusal };

/** Where the failures that still count start. */
export function windowStart(now: string, rules: LoginThrottleRules = LOGIN_THROTTLE): string {
  return new Date(Date.parse(now) - rules.windowMinutes * 60_000).toISOString();
}

/**
 * Whether a login may be tried now, given the times of the failures within the window for this account and for
 * this address. Refused while `limit` or more count; the wait is until enough of them have aged out.
 */
export function loginVerdict(
  input: { accountFailures: readonly string[]; addressFailures: readonly string[]; now: string },
  rules: LoginThrottleRules = LOGIN_THROTTLE,
): LoginVerdict {
  const account = waitSeconds(input.accountFailures, rules.accountLimit, input.now, rules);
  if (account > 0) return { ok: false, refusal: { code: "account_locked", retryAfterSeconds: account } };
  const address = waitSeconds(input.addressFailures, rules.addressLimit, input.now, rules);
  if (address > 0) return { ok: false, refusal: { code: "address_throttled", retryAfterSeconds: address } };
  return { ok: true };
}

/** Whether an account is locked now (for the admin page). */
export function isLocked(accountFailures: readonly string[], now: string, rules: LoginThrottleRules = LOGIN_THROTTLE): boolean {
  return waitSeconds(accountFailures, rules.accountLimit, now, rules) > 0;
}

function waitSeconds(failures: readonly string[], limit: number, now: string, rules: LoginThrottleRules): number {
  const start = Date.parse(windowStart(now, rules));
  const counted = failures.map((f) => Date.parse(f)).filter((t) => t > start).sort((a, b) => a - b);
  if (counted.length < limit) return 0;
  // Below the limit again once the oldest (counted - limit + 1) failures have left the window.
  const freeAt = counted[counted.length - limit] + rules.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((freeAt - Date.parse(now)) / 1000));
}
