// SØM calculations against a real SQLite file: versions are new immutable rows, a stale save is a
// conflict that writes nothing, and a decision freezes exactly the latest versions of its phase.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { db } from "~/utils/db.server";
import { ConflictError } from "#db/errors";
import { createInitiative } from "#db/queries/initiatives";
import {
  createCalculation, freezeCalculationVersions, getCalculation, getCalculationVersion, listCalculationVersions,
  getVersionUncertainty, listCalculationsForComparison, listCalculationsForInitiative, listFrozenVersions, listLatestCalculations,
  listVersionUncertainty, saveCalculationVersion, type SomChecklist,
} from "#db/queries/som";
import { versionSimulation } from "~/som/montecarlo";
import type { SomInput } from "~/som/engine";
import type { PhasePeriod } from "#workflows/phase-model";
import example from "../som/fixtures/som-md-example.json";

const T1 = "2026-03-02T10:00:00.000Z";
const T2 = "2026-03-03T10:00:00.000Z";
const T3 = "2026-03-04T10:00:00.000Z";

const input = example as SomInput;
const checklist: SomChecklist = {
  targetGroupMatch: "yes", targetGroupNote: "", effectMeasureMatch: "partly", effectMeasureNote: "Målt efter 12 mdr.",
  effectSource: "Egen måling", priceYear: 2026,
};

async function userId(role: "program_manager" | "steering_group") {
  return (await db().selectFrom("users").select("id").where("role", "=", role).executeTakeFirstOrThrow()).id;
}

async function newInitiative(phase: PhasePeriod = "trial") {
  return db().transaction().execute((trx) =>
    createInitiative(trx, {
      title: "Testindsats", description: "", area: "adults", targetGroup: "Hjemløse", agreementYears: [2024], track: 1,
      trackReason: "Ensartet", prototypeDescription: "Manual", phase, status: "active", framework: "susi2",
    }, null, "2026-01-01T00:00:00.000Z"),
  );
}

async function create(initiativeId: number, phase: PhasePeriod = "trial", scenario: "cautious" | "expected" | "optimistic" = "expected") {
  const actor = await userId("program_manager");
  return db().transaction().execute((trx) =>
    createCalculation(trx, { initiativeId, phase, scenario, title: ` Scenarie ${scenario} `, input, checklist }, actor, T1),
  );
}

async function insertDecision(initiativeId: number) {
  return (await db()
    .insertInto("decisions")
    .values({
      initiative_id: initiativeId, assessment_id: null, outcome: "hold", from_phase: "trial", to_phase: null,
      resulting_phase: "trial", resulting_status: "on_hold", rationale: "Afvent", decided_by: null, decided_at: T3,
    })
    .returning("id")
    .executeTakeFirstOrThrow()).id;
}

describe("SØM calculations", () => {
  it("creates a calculation with version 1, who and when, and a history row", async () => {
    const id = await newInitiative();
    const { calculationId, versionId } = await create(id);
    const c = await getCalculation(db(), calculationId);
    expect(c).toMatchObject({ initiative_id: id, phase: "trial", scenario: "expected", title: "Scenarie expected", version: 1, latest_version_id: versionId });
    expect(c!.latest).toMatchObject({ id: versionId, number: 1, created_by_name: "Pia Programleder", created_at: T1, spreads: null });
    expect(c!.latest.input).toEqual(input);
    expect(c!.latest.checklist).toEqual(checklist);
    const history = await db().selectFrom("history").select(["action", "entity_id"]).where("initiative_id", "=", id).where("entity", "=", "som_calculation").execute();
    expect(history).toEqual([{ action: "som.created", entity_id: calculationId }]);
  });

  it("each save is a new version; earlier versions stay as they were", async () => {
    const id = await newInitiative();
    const { calculationId, versionId: v1 } = await create(id);
    const changed = { ...input, discountRate: "0.04" };
    const spreads = { successRate: "0.03", consequenceDeltas: "0.1", prices: "0.2", costs: "0.1" };
    const { versionId: v2 } = await db().transaction().execute((trx) =>
      saveCalculationVersion(trx, calculationId, 1, { input: changed, checklist, spreads, title: "Nyt navn" }, null, T2),
    );
    expect(v2).not.toBe(v1);
    const c = await getCalculation(db(), calculationId);
    expect(c).toMatchObject({ version: 2, title: "Nyt navn", latest_version_id: v2, updated_at: T2 });
    expect(c!.latest).toMatchObject({ number: 2, spreads });
    expect(c!.latest.input.discountRate).toBe("0.04");
    const first = await getCalculationVersion(db(), v1);
    expect(first).toMatchObject({ number: 1, spreads: null, calculation: { id: calculationId, latest_version_id: v2 } });
    expect(first!.input.discountRate).toBe(input.discountRate);
    expect((await listCalculationVersions(db(), calculationId)).map((v) => v.number)).toEqual([2, 1]);
  });

  it("a stale save throws ConflictError and writes nothing", async () => {
    const id = await newInitiative();
    const { calculationId } = await create(id);
    await db().transaction().execute((trx) => saveCalculationVersion(trx, calculationId, 1, { input, checklist }, null, T2));
    await expect(
      db().transaction().execute((trx) => saveCalculationVersion(trx, calculationId, 1, { input, checklist }, null, T3)),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await listCalculationVersions(db(), calculationId)).length).toBe(2);
    expect((await getCalculation(db(), calculationId))!.version).toBe(2);
    await expect(
      db().transaction().execute((trx) => saveCalculationVersion(trx, 999_999, 1, { input, checklist }, null, T3)),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("versions are immutable in the database itself", async () => {
    const id = await newInitiative();
    const { versionId } = await create(id);
    await expect(sql`update som_calculation_versions set input_json = '{}' where id = ${versionId}`.execute(db())).rejects.toThrow(/immutable/);
  });

  it("stores a version's Monte Carlo result with it (spreads, seed, draws, results), immutable; none without spreads", async () => {
    const id = await newInitiative();
    const spreads = { successRate: "0.03", consequenceDeltas: "0.2", prices: "0.1", costs: "0.15" };
    const uncertainty = versionSimulation(input, spreads)!;
    const { calculationId, versionId: v1 } = await db().transaction().execute((trx) =>
      createCalculation(trx, { initiativeId: id, phase: "trial", scenario: "expected", title: "Med usikkerhed", input, checklist, spreads, uncertainty }, null, T1),
    );
    const { versionId: v2 } = await db().transaction().execute((trx) =>
      saveCalculationVersion(trx, calculationId, 1, { input, checklist, spreads: null, uncertainty: versionSimulation(input, null) }, null, T2),
    );
    const stored = await getVersionUncertainty(db(), v1);
    expect(stored).toMatchObject({ versionId: v1, seed: uncertainty.seed, draws: 10_000, spreads, computedAt: T1 });
    expect(stored!.result).toEqual(uncertainty);
    expect(Number(stored!.result.probabilityPositive)).toBeGreaterThanOrEqual(0);
    expect(await getVersionUncertainty(db(), v2)).toBeNull();
    expect(Object.keys(await listVersionUncertainty(db(), [v1, v2]))).toEqual([String(v1)]);
    await expect(sql`update som_version_uncertainty set draws = 1 where version_id = ${v1}`.execute(db())).rejects.toThrow(/immutable/);
  });

  it("unknown ids read as undefined", async () => {
    expect(await getCalculation(db(), 424242)).toBeUndefined();
    expect(await getCalculationVersion(db(), 424242)).toBeUndefined();
  });

  it("lists an initiative's calculations by phase and scenario, and one phase's with its inputs for comparison", async () => {
    const id = await newInitiative();
    await create(id, "trial", "optimistic");
    await create(id, "trial", "cautious");
    await create(id, "maturation", "expected");
    const all = await listCalculationsForInitiative(db(), id);
    expect(all.map((c) => [c.phase, c.scenario])).toEqual([["maturation", "expected"], ["trial", "cautious"], ["trial", "optimistic"]]);
    const trial = await listCalculationsForComparison(db(), id, "trial");
    expect(trial.map((c) => c.scenario)).toEqual(["cautious", "optimistic"]);
    expect(trial[0].latest.input).toEqual(input);
  });

  it("pages the overview in SQL, most recently saved first", async () => {
    const id = await newInitiative();
    const a = await create(id);
    const b = await create(id, "trial", "cautious");
    await db().transaction().execute((trx) => saveCalculationVersion(trx, a.calculationId, 1, { input, checklist }, null, T3));
    const page1 = await listLatestCalculations(db(), 1, 1);
    expect(page1.total).toBeGreaterThanOrEqual(2);
    expect(page1.rows.map((r) => r.id)).toEqual([a.calculationId]);
    expect(page1.rows[0]).toMatchObject({ initiative_title: "Testindsats", latest_number: 2 });
    const page2 = await listLatestCalculations(db(), 2, 1);
    expect(page2.rows.map((r) => r.id)).toEqual([b.calculationId]);
  });
});

describe("freezeCalculationVersions", () => {
  it("freezes the latest version of every calculation of the decided phase, and only those", async () => {
    const id = await newInitiative();
    const other = await newInitiative();
    const a = await create(id, "trial", "cautious");
    const b = await create(id, "trial", "expected");
    await create(id, "maturation", "expected");
    await create(other, "trial", "expected");
    const { versionId: a2 } = await db().transaction().execute((trx) => saveCalculationVersion(trx, a.calculationId, 1, { input, checklist }, null, T2));
    const decisionId = await insertDecision(id);

    const frozen = await db().transaction().execute((trx) => freezeCalculationVersions(trx, decisionId, id, "trial"));
    expect(frozen.sort()).toEqual([a2, b.versionId].sort());

    // A later save moves the calculation on; the decision still points at what it was taken on.
    await db().transaction().execute((trx) => saveCalculationVersion(trx, a.calculationId, 2, { input, checklist }, null, T3));
    const links = await listFrozenVersions(db(), [decisionId]);
    expect(links[decisionId].map((l) => [l.calculation_id, l.version_id, l.number, l.initiative_id])).toEqual([
      [a.calculationId, a2, 2, id],
      [b.calculationId, b.versionId, 1, id],
    ]);
  });

  it("freezes nothing when the phase has no calculations", async () => {
    const id = await newInitiative();
    const decisionId = await insertDecision(id);
    expect(await db().transaction().execute((trx) => freezeCalculationVersions(trx, decisionId, id, "trial"))).toEqual([]);
    expect(await listFrozenVersions(db(), [decisionId])).toEqual({});
  });
});
