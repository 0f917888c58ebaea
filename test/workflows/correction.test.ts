// An administrator's correction of phase, status or track: the only way around the gate, never silent.
import { describe, expect, it } from "vitest";
import { correct, CORRECTION_REASON_MIN, type GovernedState } from "../../workflows/correction";
import { statusStartRefusal } from "../../workflows/assessment";

const admin = { role: "admin" };
const current: GovernedState = { phase: "trial", status: "stopped", track: 2 };
const REASON = "Importeret med forkert status fra UIP-tabellen 2024";

describe("correct", () => {
  it("sets the changed fields and lists each with its value before and after", () => {
    expect(correct(admin, current, { phase: "trial", status: "active", track: "1", reason: ` ${REASON} ` })).toEqual({
      ok: true,
      value: {
        patch: { status: "active", track: 1 },
        changes: [{ field: "status", before: "stopped", after: "active" }, { field: "track", before: "2", after: "1" }],
        reason: REASON,
      },
    });
  });

  it("can take the track away and leaves absent fields as they are", () => {
    expect(correct(admin, current, { track: "none", reason: REASON })).toMatchObject({
      ok: true, value: { patch: { track: null }, changes: [{ field: "track", before: "2", after: null }] },
    });
  });

  it.each(["program_manager", "steering_group", "knowledge_staff"])("is refused for %s", (role) => {
    expect(correct({ role }, current, { status: "active", reason: REASON })).toEqual({ ok: false, refusals: [{ code: "not_admin" }] });
  });

  it("needs a written reason of some length", () => {
    expect(correct(admin, current, { status: "active", reason: "  " })).toEqual({ ok: false, refusals: [{ code: "reason_missing" }] });
    expect(correct(admin, current, { status: "active", reason: "fejl" })).toEqual({ ok: false, refusals: [{ code: "reason_too_short", min: CORRECTION_REASON_MIN }] });
    expect(correct(admin, current, { status: "active", reason: "x".repeat(2001) })).toMatchObject({ ok: false, refusals: [{ code: "reason_too_long" }] });
  });

  it("refuses values that are not phases, statuses or tracks, naming the field", () => {
    expect(correct(admin, current, { phase: "udbredelse", status: "paused", track: "3", reason: REASON })).toEqual({
      ok: false,
      refusals: [{ code: "value_invalid", field: "phase" }, { code: "value_invalid", field: "status" }, { code: "value_invalid", field: "track" }],
    });
  });

  it("refuses a correction that changes nothing, with every other refusal at once", () => {
    expect(correct(admin, current, { phase: "trial", status: "stopped", track: "2", reason: "" })).toEqual({
      ok: false, refusals: [{ code: "reason_missing" }, { code: "nothing_changed" }],
    });
  });
});

describe("starting an assessment by status", () => {
  it("is refused on hold (resume first), and when stopped or completed", () => {
    expect(statusStartRefusal("on_hold")).toEqual({ code: "on_hold" });
    expect(statusStartRefusal("stopped")).toEqual({ code: "closed", status: "stopped" });
    expect(statusStartRefusal("completed")).toEqual({ code: "closed", status: "completed" });
    expect(statusStartRefusal("active")).toBeNull();
  });
});
