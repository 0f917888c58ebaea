// The notification outbox's retry policy: the back-off schedule, giving up visibly, and which rows are due.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  dueRows,
  newOutboxEntry,
  nextAttempt,
  retrySchedule,
  type OutboxStatus,
} from "../../workflows/outbox";

const NOW = "2026-12-01T10:00:00.000Z";
const MIN = 60_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe("back-off schedule", () => {
  it("waits 1, 2, 4 … 32 minutes, then hourly, and gives up at the 10th failure", () => {
    expect(retrySchedule().map((ms) => ms / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [6, 32],
    [7, 60],
    [9, 60],
  ])("after failure %i the next try is %i minutes later", (attempts, minutes) => {
    expect(nextAttempt(attempts, NOW, "ECONNREFUSED")).toEqual({
      status: "pending",
      attempts,
      nextAttemptAt: plus(NOW, minutes * MIN),
      lastError: "ECONNREFUSED",
    });
  });

  it("never waits longer than the cap, never overflows, and never schedules into the past", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        const d = backoffDelayMs(n);
        return Number.isFinite(d) && d >= DEFAULT_RETRY_POLICY.baseDelayMs && d <= DEFAULT_RETRY_POLICY.maxDelayMs && d >= backoffDelayMs(n - 1);
      }),
    );
  });

  it("answers in UTC whatever offset `now` was given in", () => {
    const r = nextAttempt(1, "2026-12-01T11:00:00+01:00", "timeout");
    expect(r.nextAttemptAt).toBe("2026-12-01T10:01:00.000Z");
  });

  it("refuses a malformed timestamp loudly rather than scheduling at NaN", () => {
    expect(() => nextAttempt(1, "i morgen", "x")).toThrow(RangeError);
    expect(() => dueRows([], "not a date")).toThrow(RangeError);
  });
});

describe("giving up", () => {
  it.each([10, 11, 50])("after %i failed attempts the row is dead, keeping the last error", (attempts) => {
    expect(nextAttempt(attempts, NOW, "550 mailbox unavailable")).toEqual({
      status: "dead",
      attempts,
      nextAttemptAt: null,
      lastError: "550 mailbox unavailable",
    });
  });

  it("a permanent error is dead at once", () => {
    expect(nextAttempt(1, NOW, "550 no such user", { permanent: true })).toMatchObject({ status: "dead", attempts: 1 });
  });

  it("a custom policy gives up at its own limit", () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 5000, maxAttempts: 3 };
    expect(nextAttempt(2, NOW, "x", { policy })).toMatchObject({ status: "pending", nextAttemptAt: plus(NOW, 2000) });
    expect(nextAttempt(3, NOW, "x", { policy }).status).toBe("dead");
  });

  it("an empty error message is not recorded as empty: a dead row always says something", () => {
    expect(nextAttempt(10, NOW, " ").lastError).toBe("unknown error");
  });

  it("a row that always fails is tried exactly 10 times over about four hours, then is dead, not gone", () => {
    let row = { id: 1, ...newOutboxEntry(NOW) };
    let clock = NOW;
    let tries = 0;
    while (row.status === "pending") {
      expect(dueRows([row], clock)).toEqual([row]);
      expect(dueRows([row], plus(clock, -1))).toEqual([]);
      tries += 1;
      row = { ...row, ...nextAttempt(tries, clock, `attempt ${tries} failed`) };
      if (row.nextAttemptAt) clock = row.nextAttemptAt;
    }
    expect(tries).toBe(10);
    expect(row).toMatchObject({ status: "dead", attempts: 10, lastError: "attempt 10 failed" });
    expect((Date.parse(clock) - Date.parse(NOW)) / MIN).toBe(1 + 2 + 4 + 8 + 16 + 32 + 60 + 60 + 60);
    expect(dueRows([row], plus(clock, 365 * 24 * 60 * MIN))).toEqual([]);
  });
});

describe("which rows are due", () => {
  const row = (id: number, status: OutboxStatus, nextAttemptAt: string | null) => ({ id, status, nextAttemptAt });

  it("a new entry is due at once", () => {
    expect(newOutboxEntry(NOW)).toEqual({ status: "pending", attempts: 0, nextAttemptAt: NOW, lastError: null });
    expect(dueRows([{ id: 1, ...newOutboxEntry(NOW) }], NOW).map((r) => r.id)).toEqual([1]);
  });

  it("takes only pending rows whose time has come, oldest first, ties by id", () => {
    const rows = [
      row(1, "pending", plus(NOW, 1)), // one millisecond early
      row(2, "pending", NOW),
      row(3, "sent", plus(NOW, -MIN)),
      row(4, "dead", plus(NOW, -MIN)),
      row(5, "pending", plus(NOW, -5 * MIN)),
      row(6, "pending", null),
      row(7, "pending", NOW),
    ];
    expect(dueRows(rows, NOW).map((r) => r.id)).toEqual([5, 2, 7]);
  });

  it("honours a limit", () => {
    const rows = [row(1, "pending", NOW), row(2, "pending", plus(NOW, -MIN)), row(3, "pending", plus(NOW, -2 * MIN))];
    expect(dueRows(rows, NOW, 2).map((r) => r.id)).toEqual([3, 2]);
    expect(dueRows(rows, NOW, 0)).toEqual([]);
  });

  it("compares instants, not strings", () => {
    // As strings "…T10:30+01:00" sorts after "…T10:00Z", but it is 09:30 UTC: due.
    expect(dueRows([row(1, "pending", "2026-12-01T10:30:00+01:00")], NOW).map((r) => r.id)).toEqual([1]);
  });

  it("returns the caller's own row objects, extra fields included", () => {
    const mine = { id: 9, status: "pending" as const, nextAttemptAt: NOW, releaseId: 12 };
    expect(dueRows([mine], NOW)[0]).toBe(mine);
  });
});
