// The subscriber lifecycle's rules (workflows/subscription.ts): time comes in as an argument.
import { describe, expect, it } from "vitest";
import {
  CONFIRM_TTL_MS, decideConfirm, ERASE_AFTER_DAYS, erasureCutoff, isConfirmLinkExpired, isErasureDue, MAX_REQUESTS_PER_DAY, mayEnd, mayRequest, mayShowConfirmation,
  requestWindowStart, type SubscriberState,
} from "#workflows/subscription";

const T0 = "2026-03-01T10:00:00.000Z";
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const pending: SubscriberState = { status: "pending", createdAt: T0 };
const confirmed: SubscriberState = { status: "confirmed", createdAt: T0 };
const ended: SubscriberState = { status: "unsubscribed", createdAt: T0 };

describe("the daily cap on confirmation mails", () => {
  it("allows requests up to the cap and refuses the next", () => {
    expect(MAX_REQUESTS_PER_DAY).toBe(3);
    expect([0, 1, 2, 3, 4].map(mayRequest)).toEqual([true, true, true, false, false]);
  });
  it("counts the last 24 hours", () => {
    expect(requestWindowStart(T0)).toBe("2026-02-28T10:00:00.000Z");
  });
});

describe("the confirmation link", () => {
  it("expires a week after the request, and only while pending", () => {
    expect(isConfirmLinkExpired(pending, later(CONFIRM_TTL_MS))).toBe(false);
    expect(isConfirmLinkExpired(pending, later(CONFIRM_TTL_MS + 1))).toBe(true);
    expect(isConfirmLinkExpired(confirmed, later(CONFIRM_TTL_MS * 10))).toBe(false);
  });
  it("shows its page for a pending or confirmed subscriber, never an ended, expired or unknown one", () => {
    expect(mayShowConfirmation(pending, T0)).toBe(true);
    expect(mayShowConfirmation(confirmed, later(CONFIRM_TTL_MS * 2))).toBe(true);
    expect(mayShowConfirmation(ended, T0)).toBe(false);
    expect(mayShowConfirmation(pending, later(CONFIRM_TTL_MS + 1))).toBe(false);
    expect(mayShowConfirmation(undefined, T0)).toBe(false);
  });
});

describe("confirming", () => {
  it("confirms a pending request in time", () => {
    expect(decideConfirm(pending, later(1000))).toEqual({ ok: true, effect: "confirm" });
  });
  it("does nothing, successfully, when the link is opened again", () => {
    expect(decideConfirm(confirmed, later(CONFIRM_TTL_MS * 3))).toEqual({ ok: true, effect: "none" });
  });
  it("refuses an unknown, ended or expired request, naming why", () => {
    expect(decideConfirm(undefined, T0)).toEqual({ ok: false, reason: "not_found" });
    expect(decideConfirm(ended, T0)).toEqual({ ok: false, reason: "unsubscribed" });
    expect(decideConfirm(pending, later(CONFIRM_TTL_MS + 1))).toEqual({ ok: false, reason: "expired" });
  });
});

describe("ending", () => {
  it("ends a pending or confirmed subscription, and an ended one is left alone", () => {
    expect(mayEnd(pending)).toBe(true);
    expect(mayEnd(confirmed)).toBe(true);
    expect(mayEnd(ended)).toBe(false);
    expect(mayEnd(undefined)).toBe(false);
  });
});

describe("erasing addresses", () => {
  const day = 24 * 3_600_000;
  it("erases an ended subscription 30 days after it ended, a never-confirmed request 30 days after it was made", () => {
    expect(ERASE_AFTER_DAYS).toBe(30);
    const endedAt = later(5 * day);
    const s = { status: "unsubscribed" as const, createdAt: T0, unsubscribedAt: endedAt, erasedAt: null };
    expect(isErasureDue(s, later(5 * day + 30 * day - 1))).toBe(false);
    expect(isErasureDue(s, later(35 * day))).toBe(true);
    expect(isErasureDue({ ...pending, unsubscribedAt: null, erasedAt: null }, later(30 * day))).toBe(true);
    expect(isErasureDue({ ...pending, unsubscribedAt: null, erasedAt: null }, later(30 * day - 1))).toBe(false);
  });
  it("never erases a confirmed subscriber, nor one already erased", () => {
    expect(isErasureDue({ ...confirmed, unsubscribedAt: null, erasedAt: null }, later(1000 * day))).toBe(false);
    expect(isErasureDue({ status: "unsubscribed", createdAt: T0, unsubscribedAt: T0, erasedAt: later(30 * day) }, later(100 * day))).toBe(false);
  });
  it("gives the query the instant 30 days back", () => {
    expect(erasureCutoff(later(30 * day))).toBe(T0);
  });
});
