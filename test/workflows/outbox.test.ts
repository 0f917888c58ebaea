// The notification outbox's rules: the back-off schedule, giving up visibly, and the weekly digest's schedule.
// Which rows are due is the SQL claim in db/queries/outbox.ts, tested in test/db/outbox.test.ts.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  newOutboxEntry,
  nextAttempt,
  nextDigestAt,
  retrySchedule,
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
    expect(() => nextDigestAt("not a date")).toThrow(RangeError);
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
      expect(row.nextAttemptAt).toBe(clock);
      tries += 1;
      row = { ...row, ...nextAttempt(tries, clock, `attempt ${tries} failed`) };
      if (row.nextAttemptAt) clock = row.nextAttemptAt;
    }
    expect(tries).toBe(10);
    expect(row).toMatchObject({ status: "dead", attempts: 10, lastError: "attempt 10 failed" });
    expect((Date.parse(clock) - Date.parse(NOW)) / MIN).toBe(1 + 2 + 4 + 8 + 16 + 32 + 60 + 60 + 60);
    expect(row.nextAttemptAt).toBeNull();
  });
});

describe("the weekly digest", () => {
  it("a new entry is due at once", () => {
    expect(newOutboxEntry(NOW)).toEqual({ status: "pending", attempts: 0, nextAttemptAt: NOW, lastError: null });
  });

  it("goes out Monday 07:00 Danish time, winter and summer, strictly after now", () => {
    expect(nextDigestAt("2026-12-01T10:00:00.000Z")).toBe("2026-12-07T06:00:00.000Z");
    expect(nextDigestAt("2026-06-02T10:00:00.000Z")).toBe("2026-06-08T05:00:00.000Z");
    expect(nextDigestAt("2026-12-07T05:59:59.000Z")).toBe("2026-12-07T06:00:00.000Z");
    expect(nextDigestAt("2026-12-07T06:00:00.000Z")).toBe("2026-12-14T06:00:00.000Z");
  });

  it("is always a Monday 07:00 in Copenhagen within a week after now", () => {
    fc.assert(fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }), (d) => {
      const next = nextDigestAt(d.toISOString());
      const ms = Date.parse(next) - d.getTime();
      const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Copenhagen", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(next));
      return ms > 0 && ms <= 7 * 24 * 3_600_000 && local === "Mon 07:00";
    }));
  });
});
