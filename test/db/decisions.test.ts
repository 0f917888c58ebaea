// Recording steering-group decisions against a real SQLite file: phase, status, periods, conditions, history.
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ConflictError } from "#db/errors";
import { createInitiative, getAgreementYears, getInitiative, getLinks, listPhasePeriods } from "#db/queries/initiatives";
import { getDecisionOutcome, listPhaseOutcomes } from "#db/queries/outcomes";
import { headlineFigures } from "#db/queries/portfolio";
import { listConditions, listDecisions, recordDecision, type RecordDecisionArgs } from "#db/queries/decisions";
import { decide, type DecisionEffect, type DecisionInput } from "#workflows/decision";
import { NO_OUTCOME_INPUT } from "#workflows/outcome";
import { gatesBetween, type PhasePeriod } from "#workflows/phase-model";

const NOW = "2026-03-02T10:00:00.000Z";
const LATER = "2026-06-15T09:30:00.000Z";

async function steeringGroupId() {
  const u = await db().selectFrom("users").select("id").where("role", "=", "steering_group").executeTakeFirstOrThrow();
  return u.id;
}

async function newInitiative(phase: PhasePeriod = "maturation", track: 1 | 2 = 1) {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Testindsats", description: "", area: "adults", targetGroup: "Voksne", agreementYears: [2024],
      track, trackReason: "Ensartet udførelse", prototypeDescription: "Manual", phase, status: "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

function effect(overrides: Partial<DecisionEffect>): DecisionEffect {
  const base = { phase: "trial" as const, status: "active" as const, track: 1 as const, startsPeriod: true, successor: null, phaseOutcome: null, flexiblyPassed: [], ...overrides };
  // As decide() gives it: the period ends when a new one starts or the initiative stops or completes.
  return { endsPeriod: base.startsPeriod || base.status === "stopped" || base.status === "completed", ...base };
}

async function record(initiativeId: number, overrides: Partial<RecordDecisionArgs> & Pick<RecordDecisionArgs, "effect">) {
  const actorId = await steeringGroupId();
  return db().transaction().execute((trx) =>
    recordDecision(trx, {
      initiativeId,
      expectedVersion: 1,
      input: { outcome: "go", targetPhase: "trial", rationale: "  Kriterierne er opfyldt.  ", conditions: [] },
      assessmentId: null,
      resolutions: [],
      actorId,
      now: NOW,
      ...overrides,
    }),
  );
}

async function history(initiativeId: number) {
  return db().selectFrom("history").selectAll().where("initiative_id", "=", initiativeId).where("action", "!=", "initiative.created").orderBy("id").execute();
}

describe("recordDecision", () => {
  it("Go moves the phase, bumps the version, closes the current period and opens a new one today", async () => {
    const id = await newInitiative("maturation");
    const decisionId = await record(id, { effect: effect({ phase: "trial" }) });

    const i = await getInitiative(db(), id);
    expect(i).toMatchObject({ phase: "trial", status: "active", version: 2 });
    const periods = await listPhasePeriods(db(), id);
    expect(periods.map((p) => [p.phase, p.actual_start, p.actual_end])).toEqual([
      ["maturation", null, "2026-03-02"],
      ["trial", "2026-03-02", null],
    ]);
    const [d] = await listDecisions(db(), id);
    expect(d).toMatchObject({
      id: decisionId, outcome: "go", from_phase: "maturation", to_phase: "trial", resulting_phase: "trial",
      resulting_status: "active", rationale: "Kriterierne er opfyldt.", decided_by_name: "Søren Styregruppe", decided_at: NOW,
      flexibly_passed: [], conditions: [],
    });
  });

  it("dates the period by the Danish calendar day, not the UTC one", async () => {
    const id = await newInitiative("maturation");
    await record(id, { effect: effect({ phase: "trial" }), now: "2026-03-01T23:30:00.000Z" });
    const periods = await listPhasePeriods(db(), id);
    expect(periods[1].actual_start).toBe("2026-03-02");
  });

  it("stores the track-2 criteria passed as partly met, with their justification", async () => {
    const id = await newInitiative("maturation", 2);
    const flexiblyPassed = [{ criterionId: "toTrial.implemented", justification: "Varierer lokalt; kerneelementer er på plads." }];
    await record(id, { effect: effect({ phase: "trial", flexiblyPassed }) });
    const [d] = await listDecisions(db(), id);
    expect(d.flexibly_passed).toEqual(flexiblyPassed);
  });

  it("Conditional Go stores each condition open under the decision", async () => {
    const id = await newInitiative("maturation");
    const decisionId = await record(id, {
      input: {
        outcome: "conditional_go", targetPhase: "trial", rationale: "Go med betingelser",
        conditions: [
          { text: "Implementeringsplan afleveres", owner: "Programleder", dueDate: "2026-09-30" },
          { text: "Økonomisk analyse opdateres", owner: "SØM-enheden", dueDate: "2026-06-30" },
        ],
      },
      effect: effect({ phase: "trial" }),
    });
    const open = await listConditions(db(), id, "open");
    expect(open.map((c) => [c.text, c.owner, c.due_date, c.decision_id, c.decision_outcome])).toEqual([
      ["Økonomisk analyse opdateres", "SØM-enheden", "2026-06-30", decisionId, "conditional_go"],
      ["Implementeringsplan afleveres", "Programleder", "2026-09-30", decisionId, "conditional_go"],
    ]);
    const [d] = await listDecisions(db(), id);
    expect(d.conditions).toHaveLength(2);
  });

  it("closes one open condition and carries another over as a linked open copy under the new decision", async () => {
    const id = await newInitiative("maturation");
    await record(id, {
      input: {
        outcome: "conditional_go", targetPhase: "trial", rationale: "Go med betingelser",
        conditions: [
          { text: "Plan afleveres", owner: "PL", dueDate: "2026-09-30" },
          { text: "Analyse opdateres", owner: "SØM", dueDate: "2026-10-31" },
        ],
      },
      effect: effect({ phase: "trial" }),
    });
    const [plan, analysis] = await listConditions(db(), id, "open");

    const second = await record(id, {
      expectedVersion: 2,
      input: { outcome: "hold", targetPhase: null, rationale: "Afventer analysen", conditions: [] },
      effect: effect({ phase: "trial", status: "on_hold", startsPeriod: false }),
      resolutions: [{ conditionId: plan.id, resolution: "close" }, { conditionId: analysis.id, resolution: "carry_over" }],
      now: LATER,
    });

    const all = await listConditions(db(), id);
    const byId = new Map(all.map((c) => [c.id, c]));
    expect(byId.get(plan.id)).toMatchObject({ status: "closed", resolved_by_decision_id: second, resolved_at: LATER });
    expect(byId.get(analysis.id)).toMatchObject({ status: "carried_over", resolved_by_decision_id: second, resolved_at: LATER });
    const open = await listConditions(db(), id, "open");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ text: "Analyse opdateres", owner: "SØM", due_date: "2026-10-31", carried_from_id: analysis.id, decision_id: second });

    const [newest] = await listDecisions(db(), id);
    expect(newest.id).toBe(second);
    expect(newest.to_phase).toBeNull();
    expect(newest.conditions.map((c) => c.carried_from_id)).toEqual([analysis.id]);
    expect(newest.resolved_conditions.map((c) => c.id).sort()).toEqual([plan.id, analysis.id].sort());

    // Hold keeps the phase period running.
    const periods = await listPhasePeriods(db(), id);
    expect(periods.at(-1)).toMatchObject({ phase: "trial", actual_end: null });
    expect((await getInitiative(db(), id))?.status).toBe("on_hold");
  });

  it("refuses to resolve a condition that is no longer open, and writes nothing", async () => {
    const id = await newInitiative("maturation");
    await record(id, {
      input: { outcome: "conditional_go", targetPhase: "trial", rationale: "x", conditions: [{ text: "A", owner: "B", dueDate: "2026-09-30" }] },
      effect: effect({ phase: "trial" }),
    });
    const [c] = await listConditions(db(), id, "open");
    await record(id, {
      expectedVersion: 2, input: { outcome: "hold", targetPhase: null, rationale: "x", conditions: [] },
      effect: effect({ phase: "trial", status: "on_hold", startsPeriod: false }), resolutions: [{ conditionId: c.id, resolution: "close" }],
    });
    await expect(record(id, {
      expectedVersion: 3, input: { outcome: "hold", targetPhase: null, rationale: "x", conditions: [] },
      effect: effect({ phase: "trial", status: "on_hold", startsPeriod: false }), resolutions: [{ conditionId: c.id, resolution: "close" }],
    })).rejects.toBeInstanceOf(ConflictError);
    expect(await listDecisions(db(), id)).toHaveLength(2);
    expect((await getInitiative(db(), id))?.version).toBe(3);
  });

  it("Stop sets the status, keeps the phase and ends the current period", async () => {
    const id = await newInitiative("screening");
    await record(id, {
      input: { outcome: "stop", targetPhase: null, rationale: "Ikke efterspurgt", conditions: [] },
      effect: effect({ phase: "screening", status: "stopped", startsPeriod: false }),
    });
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "screening", status: "stopped" });
    const periods = await listPhasePeriods(db(), id);
    expect(periods.map((p) => [p.phase, p.actual_end])).toEqual([["screening", "2026-03-02"]]);
  });

  it("Recycle repeats the phase in a new period", async () => {
    const id = await newInitiative("trial");
    await record(id, {
      input: { outcome: "recycle", targetPhase: null, rationale: "Gentag afprøvningen", conditions: [] },
      effect: effect({ phase: "trial", startsPeriod: true }),
    });
    const periods = await listPhasePeriods(db(), id);
    expect(periods.map((p) => [p.phase, p.actual_start, p.actual_end])).toEqual([
      ["trial", null, "2026-03-02"],
      ["trial", "2026-03-02", null],
    ]);
  });

  it("throws ConflictError on a stale version and writes nothing", async () => {
    const id = await newInitiative("maturation");
    await expect(record(id, { expectedVersion: 7, effect: effect({ phase: "trial" }) })).rejects.toBeInstanceOf(ConflictError);
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "maturation", version: 1 });
    expect(await listDecisions(db(), id)).toEqual([]);
    expect(await listPhasePeriods(db(), id)).toHaveLength(1);
    expect(await history(id)).toEqual([]);
  });

  it("writes a history row for the decision (before and after phase and status) and for each resolved condition", async () => {
    const id = await newInitiative("maturation");
    const actor = await steeringGroupId();
    const first = await record(id, {
      input: { outcome: "conditional_go", targetPhase: "trial", rationale: "x", conditions: [{ text: "A", owner: "B", dueDate: "2026-09-30" }, { text: "C", owner: "D", dueDate: "2026-09-30" }] },
      effect: effect({ phase: "trial" }),
    });
    const [a, c] = await listConditions(db(), id, "open");
    const second = await record(id, {
      expectedVersion: 2, input: { outcome: "stop", targetPhase: null, rationale: "y", conditions: [] },
      effect: effect({ phase: "trial", status: "stopped", startsPeriod: false }),
      resolutions: [{ conditionId: a.id, resolution: "close" }, { conditionId: c.id, resolution: "carry_over" }],
      now: LATER,
    });
    const rows = await history(id);
    expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.actor_id])).toEqual([
      ["decision.made", "decision", first, actor],
      ["decision.made", "decision", second, actor],
      ["condition.closed", "condition", a.id, actor],
      ["condition.carried_over", "condition", c.id, actor],
    ]);
    expect(JSON.parse(rows[0].before!)).toEqual({ phase: "maturation", status: "active" });
    expect(JSON.parse(rows[0].after!)).toEqual({ outcome: "conditional_go", phase: "trial", status: "active" });
    expect(JSON.parse(rows[1].after!)).toMatchObject({ phase: "trial", status: "stopped" });
    expect(JSON.parse(rows[3].after!)).toMatchObject({ status: "carried_over", decision: second });
  });
});

describe("recordDecision applies decide()'s whole effect (issue 8)", () => {
  /** The effect decide() gives for the initiative as created above (maturation, track 1, UIP 2024). */
  function decided(input: Partial<DecisionInput> & Pick<DecisionInput, "outcome">): DecisionEffect {
    const forward = input.outcome === "go" || input.outcome === "conditional_go";
    const r = decide(
      { phase: "maturation", status: "active", framework: "susi2", track: 1, trackReason: "Ensartet udførelse", prototypeDescription: "Manual" },
      {
        targetPhase: forward ? "trial" : null, rationale: "Begrundelse", conditions: [], openConditions: [], agreementYears: [2024],
        assessment: forward ? { status: "submitted", fromPhase: "maturation", toPhase: "trial", overallAssessment: "", recommendation: "", judgements: [
          ...gatesBetween("maturation", "trial").flatMap((g) => g.criteria).map((c) => ({ criterionId: c.id, judgement: "met" as const, evidence: "E", evidenceLevel: "2" as const, justification: "" })),
        ] } : null,
        ...input,
      },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.refusals));
    return r.value;
  }

  it("a Go under a new agreement creates the linked successor, completes the predecessor and records the outcome, with history", async () => {
    const id = await newInitiative("maturation");
    const eff = decided({ outcome: "go", continuation: { mode: "new_initiative", title: "Testindsats — afprøvning", agreementYear: 2026 } });
    const decisionId = await record(id, { effect: eff });

    expect(await getInitiative(db(), id)).toMatchObject({ phase: "maturation", status: "completed", version: 2 });
    expect((await listPhasePeriods(db(), id)).map((p) => [p.phase, p.actual_end])).toEqual([["maturation", "2026-03-02"]]);
    const { successors } = await getLinks(db(), id);
    expect(successors).toHaveLength(1);
    const successorId = successors[0].id;
    expect(await getInitiative(db(), successorId)).toMatchObject({
      title: "Testindsats — afprøvning", area: "adults", target_group: "Voksne", phase: "trial", status: "active", framework: "susi2",
      track: 1, track_reason: "Ensartet udførelse", prototype_description: "Manual", agreement_label: "UIP 2026",
    });
    expect(await getAgreementYears(db(), successorId)).toEqual([2026]);
    expect((await listPhasePeriods(db(), successorId)).map((p) => [p.phase, p.actual_start, p.actual_end])).toEqual([["trial", "2026-03-02", null]]);
    expect((await getLinks(db(), successorId)).predecessors.map((p) => p.id)).toEqual([id]);

    expect(await getDecisionOutcome(db(), decisionId)).toMatchObject({
      initiativeId: id, phase: "maturation", kind: "carried_on", successorId, successorTitle: "Testindsats — afprøvning", continuesInYear: 2026, fromSource: false,
    });
    expect((await history(id)).map((r) => r.action)).toEqual(["decision.made", "initiative.linked", "outcome.recorded"]);
    const successorHistory = await db().selectFrom("history").select("action").where("initiative_id", "=", successorId).orderBy("id").execute();
    expect(successorHistory.map((r) => r.action)).toEqual(["initiative.created", "initiative.continued_from"]);
  });

  it("a Go on the same initiative moves it on and records it as carried on, with no successor", async () => {
    const id = await newInitiative("maturation");
    const decisionId = await record(id, { effect: decided({ outcome: "go" }) });
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "trial", status: "active" });
    expect((await getLinks(db(), id)).successors).toEqual([]);
    expect(await getDecisionOutcome(db(), decisionId)).toMatchObject({ kind: "carried_on", successorId: null, phase: "maturation" });
  });

  it("a Stop records not carried on with its reason and note", async () => {
    const id = await newInitiative("maturation");
    const eff = decided({ outcome: "stop", outcomeInput: { ...NO_OUTCOME_INPUT, reason: "not_fully_implemented", note: "COVID-19", recommended: true } });
    await record(id, { input: { outcome: "stop", targetPhase: null, rationale: "Stop", conditions: [] }, effect: eff });
    expect(await getInitiative(db(), id)).toMatchObject({ phase: "maturation", status: "stopped" });
    expect(await listPhaseOutcomes(db(), id)).toMatchObject([{ kind: "not_carried_on", reason: "not_fully_implemented", note: "COVID-19", recommended: true, fromSource: false }]);
  });

  it("the portfolio counts a Stop under the reason its recorded outcome gives, not as a bare Stop", async () => {
    const counts = async () => Object.fromEntries((await headlineFigures(db(), {})).byOutcome.map((o) => [o.outcome, o.n]));
    const before = await counts();
    const id = await newInitiative("maturation");
    const eff = decided({ outcome: "stop", outcomeInput: { ...NO_OUTCOME_INPUT, reason: "not_an_intervention", note: "Ikke en indsats" } });
    await record(id, { input: { outcome: "stop", targetPhase: null, rationale: "Stop", conditions: [] }, effect: eff });
    const after = await counts();
    expect(after.not_intervention).toBe((before.not_intervention ?? 0) + 1);
    expect(after.stop_decision ?? 0).toBe(before.stop_decision ?? 0);
  });

  it("a Hold ends no phase and records no outcome", async () => {
    const id = await newInitiative("maturation");
    await record(id, { input: { outcome: "hold", targetPhase: null, rationale: "Afvent", conditions: [] }, effect: decided({ outcome: "hold" }) });
    expect((await listPhasePeriods(db(), id)).map((p) => p.actual_end)).toEqual([null]);
    expect(await listPhaseOutcomes(db(), id)).toEqual([]);
  });

  it("a stale version creates no successor and writes nothing", async () => {
    const id = await newInitiative("maturation");
    const count = async () => Number((await db().selectFrom("initiatives").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    const eff = decided({ outcome: "go", continuation: { mode: "new_initiative", title: "Efterfølger", agreementYear: 2026 } });
    await expect(record(id, { expectedVersion: 9, effect: eff })).rejects.toBeInstanceOf(ConflictError);
    expect(await count()).toBe(before);
    expect(await listPhaseOutcomes(db(), id)).toEqual([]);
    expect(await history(id)).toEqual([]);
  });
});
