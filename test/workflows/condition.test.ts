// Conditions that come due: overdue, due soon, which reminder by today, and who may change a condition.
import { describe, expect, it } from "vitest";
import {
  addDays, assignCondition, dueStanding, isOverdue, reminderDaysFrom, reminderDue, setConditionState, type ConditionFacts,
} from "../../workflows/condition";

const c = (o: Partial<ConditionFacts> = {}): ConditionFacts => ({ status: "open", state: "open", dueDate: "2026-03-31", ownerId: 7, ...o });
const pm = { role: "program_manager" };
const sg = { role: "steering_group" };

describe("the overdue rule", () => {
  it("is overdue the day after the due date, not on it", () => {
    expect(isOverdue(c(), "2026-03-30")).toBe(false);
    expect(isOverdue(c(), "2026-03-31")).toBe(false);
    expect(isOverdue(c(), "2026-04-01")).toBe(true);
    expect(isOverdue(c(), "2027-01-01")).toBe(true);
  });

  it("is never overdue once met or waived, or closed or carried over by a decision", () => {
    for (const o of [{ state: "met" }, { state: "waived" }, { status: "closed" }, { status: "carried_over" }] as const) {
      expect(isOverdue(c(o), "2026-05-01")).toBe(false);
    }
  });

  it("stands as overdue, due today, due soon or later against the reminder days", () => {
    expect(dueStanding(c(), "2026-04-01")).toBe("overdue");
    expect(dueStanding(c(), "2026-03-31")).toBe("due_today");
    expect(dueStanding(c(), "2026-03-24", 7)).toBe("due_soon");
    expect(dueStanding(c(), "2026-03-23", 7)).toBe("later");
    expect(dueStanding(c(), "2026-03-23", 8)).toBe("due_soon");
    expect(dueStanding(c({ state: "met" }), "2026-04-01")).toBe("settled");
  });

  it("counts days across months and years", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });
});

describe("reminders", () => {
  it("sends the first reminder from the given days before, and the due one from the due date on", () => {
    expect(reminderDue(c(), "2026-03-23", 7)).toBeNull();
    expect(reminderDue(c(), "2026-03-24", 7)).toEqual({ kind: "before", key: "before:2026-03-31" });
    expect(reminderDue(c(), "2026-03-30", 7)).toEqual({ kind: "before", key: "before:2026-03-31" });
    expect(reminderDue(c(), "2026-03-31", 7)).toEqual({ kind: "due", key: "due:2026-03-31" });
    expect(reminderDue(c(), "2026-04-09", 7)).toEqual({ kind: "due", key: "due:2026-03-31" });
  });

  it("keys a reminder by the due date, so a moved date reminds again", () => {
    expect(reminderDue(c({ dueDate: "2026-04-30" }), "2026-04-30")!.key).not.toBe(reminderDue(c(), "2026-04-30")!.key);
  });

  it("reminds nobody without an owner, or once settled", () => {
    expect(reminderDue(c({ ownerId: null }), "2026-03-31")).toBeNull();
    expect(reminderDue(c({ state: "met" }), "2026-03-31")).toBeNull();
    expect(reminderDue(c({ status: "closed" }), "2026-03-31")).toBeNull();
  });

  it("reads CONDITION_REMINDER_DAYS, defaulting to 7", () => {
    expect(reminderDaysFrom(undefined)).toBe(7);
    expect(reminderDaysFrom("")).toBe(7);
    expect(reminderDaysFrom("14")).toBe(14);
    expect(reminderDaysFrom("0")).toBe(0);
    expect(reminderDaysFrom("-3")).toBe(7);
    expect(reminderDaysFrom("1e3")).toBe(7);
    expect(reminderDaysFrom("999")).toBe(365);
  });
});

describe("changing a condition", () => {
  const assign = (o: Partial<{ ownerId: number | null; ownerIsActiveUser: boolean; dueDate: string }> = {}) =>
    ({ ownerId: 8, ownerIsActiveUser: true, dueDate: "2026-06-30", ...o });

  it("lets the program manager and the steering group set owner and due date", () => {
    expect(assignCondition(pm, c(), assign())).toEqual({ ok: true, value: { ownerId: 8, dueDate: "2026-06-30" } });
    expect(assignCondition(sg, c(), assign()).ok).toBe(true);
  });

  it("refuses other roles, resolved conditions, unknown owners, impossible dates and no change", () => {
    expect(assignCondition({ role: "knowledge_staff" }, c(), assign())).toEqual({ ok: false, refusals: [{ code: "not_allowed" }] });
    expect(assignCondition({ role: "admin" }, c(), assign())).toEqual({ ok: false, refusals: [{ code: "not_allowed" }] });
    expect(assignCondition(pm, c({ status: "closed" }), assign())).toEqual({ ok: false, refusals: [{ code: "condition_resolved", status: "closed" }] });
    expect(assignCondition(pm, c(), assign({ ownerIsActiveUser: false, dueDate: "2026-02-30" }))).toEqual({
      ok: false, refusals: [{ code: "owner_invalid" }, { code: "due_invalid" }],
    });
    expect(assignCondition(pm, c(), assign({ ownerId: null }))).toEqual({ ok: false, refusals: [{ code: "owner_invalid" }] });
    expect(assignCondition(pm, c(), assign({ ownerId: 7, dueDate: "2026-03-31" }))).toEqual({ ok: false, refusals: [{ code: "unchanged" }] });
  });

  it("marks met (either role), waives only by the steering group with a note, and can open again", () => {
    expect(setConditionState(pm, c(), { state: "met", note: "" })).toEqual({ ok: true, value: { state: "met", note: "" } });
    expect(setConditionState(pm, c(), { state: "waived", note: "Ikke relevant" })).toEqual({ ok: false, refusals: [{ code: "waive_steering_only" }] });
    expect(setConditionState(sg, c(), { state: "waived", note: " " })).toEqual({ ok: false, refusals: [{ code: "note_missing" }] });
    expect(setConditionState(sg, c(), { state: "waived", note: "Kravet er bortfaldet" }).ok).toBe(true);
    expect(setConditionState(pm, c({ state: "met" }), { state: "open", note: "" }).ok).toBe(true);
    expect(setConditionState(pm, c(), { state: "open", note: "" })).toEqual({ ok: false, refusals: [{ code: "unchanged" }] });
    expect(setConditionState(pm, c(), { state: "done", note: "" })).toEqual({ ok: false, refusals: [{ code: "state_invalid" }] });
    expect(setConditionState(pm, c({ status: "carried_over" }), { state: "met", note: "" })).toEqual({ ok: false, refusals: [{ code: "condition_resolved", status: "carried_over" }] });
  });
});
