import { describe, expect, it } from "vitest";
import { isLocked, LOGIN_THROTTLE, loginVerdict, windowStart } from "#workflows/login-throttle";

const NOW = "2026-12-02T12:00:00.000Z";
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();

describe("login throttle", () => {
  it("lets a login through below the account limit", () => {
    const four = [1, 2, 3, 4].map(minutesAgo);
    expect(loginVerdict({ accountFailures: four, addressFailures: four, now: NOW })).toEqual({ ok: true });
  });

  it("locks the account at the limit until the oldest counted failure leaves the window", () => {
    const five = [10, 8, 6, 4, 2].map(minutesAgo);
    expect(loginVerdict({ accountFailures: five, addressFailures: [], now: NOW })).toEqual({
      ok: false, refusal: { code: "account_locked", retryAfterSeconds: 5 * 60 },
    });
    expect(isLocked(five, NOW)).toBe(true);
  });

  it("does not count failures older than the window", () => {
    const old = [20, 19, 18, 17, 16].map(minutesAgo);
    expect(loginVerdict({ accountFailures: old, addressFailures: old, now: NOW })).toEqual({ ok: true });
    expect(windowStart(NOW)).toBe(minutesAgo(LOGIN_THROTTLE.windowMinutes));
  });

  it("throttles an address over all its accounts at its own limit", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => minutesAgo(14 - i * 0.5));
    expect(loginVerdict({ accountFailures: [], addressFailures: twenty, now: NOW })).toEqual({
      ok: false, refusal: { code: "address_throttled", retryAfterSeconds: 60 },
    });
  });

  it("names the account lockout first when both apply, and never asks to wait less than a second", () => {
    const justNow = Array.from({ length: 30 }, () => minutesAgo(LOGIN_THROTTLE.windowMinutes - 0.001));
    const verdict = loginVerdict({ accountFailures: justNow, addressFailures: justNow, now: NOW });
    expect(verdict).toMatchObject({ ok: false, refusal: { code: "account_locked", retryAfterSeconds: 1 } });
  });
});
