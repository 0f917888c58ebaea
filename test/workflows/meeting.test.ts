// Meetings: quorum, the members present, the agenda, decisions at a meeting and dissent. Time comes in as an argument.
import { describe, expect, it } from "vitest";
import {
  addToAgenda, daysWaiting, decisionAtMeetingRefusals, DEFAULT_QUORUM, dissent, hasQuorum, INPUT_REFUSALS, meetingDecidedAt, planMeeting,
  quorumRequired, recordAttendance, type DecisionAtMeetingArgs, type MeetingState,
} from "../../workflows/meeting";

const group = { memberIds: [1, 2, 3, 4, 5] };

function meeting(overrides: Partial<MeetingState> = {}): MeetingState {
  return { id: 7, date: "2026-12-10", status: "held", chairId: 1, presentIds: [1, 2, 3], agendaInitiativeIds: [42], ...overrides };
}

const at: DecisionAtMeetingArgs = { initiativeId: 42, actorId: 1, today: "2026-12-10", group, rule: DEFAULT_QUORUM };

describe("quorum", () => {
  it.each([[1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [6, 4]])("a majority of %i members is %i", (size, required) => {
    expect(quorumRequired({ kind: "majority" }, size)).toBe(required);
  });

  it("counts only the group's members among those present, once each", () => {
    expect(hasQuorum(DEFAULT_QUORUM, group, [1, 2])).toBe(false);
    expect(hasQuorum(DEFAULT_QUORUM, group, [1, 2, 2, 99])).toBe(false);
    expect(hasQuorum(DEFAULT_QUORUM, group, [1, 2, 3])).toBe(true);
  });

  it("is configurable as a minimum number of members", () => {
    expect(hasQuorum({ kind: "minimum", members: 2 }, group, [4, 5])).toBe(true);
    expect(hasQuorum({ kind: "minimum", members: 4 }, group, [1, 2, 3])).toBe(false);
  });
});

describe("planning, attendance and the agenda", () => {
  it("plans a meeting on a real date with a chair from the group", () => {
    expect(planMeeting({ date: "2026-12-10", title: "", chairId: 1 }, group)).toEqual({ ok: true, value: { status: "planned" } });
    expect(planMeeting({ date: "2026-02-30", title: "x".repeat(201), chairId: 99 }, group)).toEqual({
      ok: false, refusals: [{ code: "date_invalid" }, { code: "chair_not_member" }, { code: "title_too_long", max: 200 }],
    });
  });

  it("records only members of the group as present, and the meeting is then held", () => {
    expect(recordAttendance([3, 1, 3], group)).toEqual({ ok: true, value: { status: "held", presentIds: [1, 3] } });
    expect(recordAttendance([1, 99], group)).toEqual({ ok: false, refusals: [{ code: "member_not_in_group", userId: 99 }] });
    expect(recordAttendance([], group)).toEqual({ ok: false, refusals: [{ code: "attendance_empty" }] });
  });

  it("puts an initiative on the agenda once, after the items already there", () => {
    expect(addToAgenda(meeting(), 43)).toEqual({ ok: true, value: { position: 2 } });
    expect(addToAgenda(meeting(), 42)).toEqual({ ok: false, refusals: [{ code: "already_on_agenda" }] });
  });
});

describe("a decision at a meeting", () => {
  it("is allowed at a quorate held meeting, on the day, for an item on the agenda, recorded by the chair", () => {
    expect(decisionAtMeetingRefusals(meeting(), at)).toEqual([]);
    expect(decisionAtMeetingRefusals(meeting(), { ...at, today: "2027-01-05" })).toEqual([]);
  });

  it("is refused without quorum, naming the rule and the numbers", () => {
    expect(decisionAtMeetingRefusals(meeting({ presentIds: [1, 2] }), at)).toEqual([
      { code: "no_quorum", present: 2, required: 3, groupSize: 5, rule: { kind: "majority" } },
    ]);
  });

  it("names every other refusal at once", () => {
    expect(decisionAtMeetingRefusals(meeting({ status: "planned", presentIds: [], date: "2026-12-11", agendaInitiativeIds: [] }), { ...at, actorId: 2 })).toEqual([
      { code: "meeting_not_held" }, { code: "meeting_ahead", date: "2026-12-11" }, { code: "not_on_agenda" }, { code: "not_chair" },
    ]);
  });

  it("outside a meeting is always refused, naming the rule, as bad input (the meeting field is missing)", () => {
    expect(decisionAtMeetingRefusals(null, at)).toEqual([{ code: "meeting_required" }]);
    expect(INPUT_REFUSALS).toContain("meeting_required");
  });

  it("carries the meeting's day, whatever the time of typing", () => {
    expect(meetingDecidedAt("2026-12-10")).toBe("2026-12-10T12:00:00.000Z");
  });
});

describe("dissent", () => {
  const decision = { meetingId: 7, presentIds: [1, 2, 3] };
  it("a member present records one dissent with a reason", () => {
    expect(dissent(decision, 2, "  Evidensen er for svag. ", [])).toEqual({ ok: true, value: { reason: "Evidensen er for svag." } });
  });
  it("is refused for members absent, twice, without reason, or outside a meeting", () => {
    expect(dissent(decision, 4, "", [4])).toEqual({
      ok: false, refusals: [{ code: "dissent_not_present" }, { code: "dissent_exists" }, { code: "dissent_reason_missing" }],
    });
    expect(dissent({ meetingId: null, presentIds: [] }, 1, "x", [])).toEqual({ ok: false, refusals: [{ code: "dissent_no_meeting" }] });
  });
});

describe("days waiting", () => {
  it("counts whole days from a date or a timestamp, never negative", () => {
    expect(daysWaiting("2026-12-01T12:00:00.000Z", "2026-12-03T11:59:00.000Z")).toBe(1);
    expect(daysWaiting("2026-12-01", "2026-12-03T00:00:00.000Z")).toBe(2);
    expect(daysWaiting("2026-12-05", "2026-12-03T00:00:00.000Z")).toBe(0);
  });
});
