// Knowledge and experience database queries against the seeded test database: the labelled example seed,
// version-guarded changes with history, cascades, the NPI table, and publication snapshots.
import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "#db/dialect";
import { ConflictError } from "#db/errors";
import { createCalculation, getCalculationVersion, saveCalculationVersion } from "#db/queries/som";
import {
  findLivePublication, getPublishedCalculation, listPublishedCalculations, publishCalculationVersion, unpublishCalculation,
} from "#db/queries/som-experience";
import {
  countKnowledgeRows, createConsequenceEstimate, createTargetGroup, deleteNpiYear, deleteTargetGroup, getConsequenceEstimate,
  getTargetGroup, getTargetGroupWithEntries, listNpi, listTargetGroups, setNpiValue, updateConsequenceEstimate, updateTargetGroup,
} from "#db/queries/som-knowledge";
import { SOM_EXAMPLE_NPI, SOM_EXAMPLES, seedSomExamples } from "#db/seed-som";
import { getUserByEmail } from "#db/queries/users";
import { db } from "~/utils/db.server";

const NOW = "2026-11-23T10:00:00.000Z";

async function userId(email = "programleder@susi.test") {
  return (await getUserByEmail(db(), email))!.id;
}

async function history(entity: string, entityId: number) {
  return db().selectFrom("history").selectAll().where("entity", "=", entity).where("entity_id", "=", entityId).orderBy("id").execute();
}

const group = {
  name: "Unge med angst", area: "children_youth" as const, ageBand: "14-17" as const,
  successMeasure: "Den unge er i skole eller uddannelse", description: "", isExample: false,
};

const estimate = {
  label: "Psykiatrisk behandling", consequenceArea: "Sundhed", kind: "expenditure" as const, deltas: ["-2", "-1.5"],
  unit: "besøg", prices: { kommune: "0", region: "1850.50", stat: "0" }, priceYear: 2023, source: "Rapport X", isExample: false,
};

describe("example seed", () => {
  it("fills the knowledge database with labelled examples, once", async () => {
    const groups = await listTargetGroups(db());
    expect(groups.map((g) => g.name).sort()).toEqual(SOM_EXAMPLES.map((e) => e.group.name).sort());
    expect(groups.every((g) => g.is_example === 1)).toBe(true);
    const all = await Promise.all(groups.map((g) => getTargetGroupWithEntries(db(), g.id)));
    expect(all.flatMap((e) => e!.estimates).every((e) => e.is_example === 1 && /ikke SØM's tal/.test(e.source))).toBe(true);
    expect(all.flatMap((e) => e!.studies).every((s) => s.is_example === 1)).toBe(true);
    const npi = await listNpi(db());
    expect(npi.map((r) => r.year)).toEqual(SOM_EXAMPLE_NPI.map((r) => r.year));
    expect(npi.every((r) => r.is_example === 1)).toBe(true);

    const before = await countKnowledgeRows(db());
    expect(await seedSomExamples(db())).toEqual({ seeded: false });
    expect(await countKnowledgeRows(db())).toBe(before);
  });

  it("never touches a knowledge database that holds anything, and seeds an empty one", async () => {
    await db().deleteFrom("som_target_groups").execute();
    expect(await seedSomExamples(db())).toEqual({ seeded: false }); // the NPI rows are still there
    await db().deleteFrom("som_npi").execute();
    const result = await seedSomExamples(db());
    expect(result).toMatchObject({ seeded: true, targetGroups: 3, npiYears: 12 });
  });
});

describe("target groups", () => {
  it("creates, updates with the version and writes history for both", async () => {
    const actor = await userId();
    const id = await db().transaction().execute((trx) => createTargetGroup(trx, group, actor, NOW));
    await db().transaction().execute((trx) => updateTargetGroup(trx, id, 1, { ...group, name: "Unge med angst og depression" }, actor, NOW));
    const row = await getTargetGroup(db(), id);
    expect(row).toMatchObject({ name: "Unge med angst og depression", version: 2, is_example: 0 });
    const h = await history("som_target_group", id);
    expect(h.map((e) => e.action)).toEqual(["som.target_group.created", "som.target_group.updated"]);
    expect(JSON.parse(h[1].before!)).toEqual({ name: "Unge med angst" });
  });

  it("refuses a stale version with ConflictError and changes nothing", async () => {
    const actor = await userId();
    const id = await db().transaction().execute((trx) => createTargetGroup(trx, group, actor, NOW));
    await db().transaction().execute((trx) => updateTargetGroup(trx, id, 1, { ...group, name: "Første" }, actor, NOW));
    await expect(
      db().transaction().execute((trx) => updateTargetGroup(trx, id, 1, { ...group, name: "Anden" }, actor, NOW)),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getTargetGroup(db(), id))!.name).toBe("Første");
    expect(await history("som_target_group", id)).toHaveLength(2);
    await expect(db().transaction().execute((trx) => deleteTargetGroup(trx, id, 1, actor, NOW))).rejects.toBeInstanceOf(ConflictError);
  });

  it("deletes a target group with its estimates and studies, keeping what was deleted in history", async () => {
    const actor = await userId();
    const [first] = await listTargetGroups(db());
    const before = await getTargetGroupWithEntries(db(), first.id);
    await db().transaction().execute((trx) => deleteTargetGroup(trx, first.id, 1, actor, NOW));
    expect(await getTargetGroup(db(), first.id)).toBeUndefined();
    const orphans = await db().selectFrom("som_consequence_estimates").select("id").where("target_group_id", "=", first.id).execute();
    expect(orphans).toEqual([]);
    const deleted = (await history("som_target_group", first.id)).at(-1)!;
    expect(deleted.action).toBe("som.target_group.deleted");
    expect(JSON.parse(deleted.before!).estimates).toHaveLength(before!.estimates.length);
  });
});

describe("consequence estimates", () => {
  it("keeps deltas and prices as the decimal strings entered", async () => {
    const actor = await userId();
    const gid = await db().transaction().execute((trx) => createTargetGroup(trx, group, actor, NOW));
    const id = await db().transaction().execute((trx) => createConsequenceEstimate(trx, gid, estimate, actor, NOW));
    expect(await getConsequenceEstimate(db(), id)).toMatchObject({ deltas: ["-2", "-1.5"], price_region: "1850.50", price_year: 2023 });
    await db().transaction().execute((trx) => updateConsequenceEstimate(trx, id, 1, { ...estimate, deltas: ["-3"] }, actor, NOW));
    expect(await getConsequenceEstimate(db(), id)).toMatchObject({ deltas: ["-3"], version: 2 });
    await expect(
      db().transaction().execute((trx) => updateConsequenceEstimate(trx, id, 1, estimate, actor, NOW)),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("net price index", () => {
  it("sets a year (no longer an example), adds a new one, and removes one", async () => {
    const actor = await userId("admin@susi.test");
    await db().transaction().execute((trx) => setNpiValue(trx, 2020, "100.0", actor, NOW));
    await db().transaction().execute((trx) => setNpiValue(trx, 2027, "121.2", actor, NOW));
    const rows = await listNpi(db());
    expect(rows.find((r) => r.year === 2020)).toMatchObject({ value: "100.0", is_example: 0 });
    expect(rows.find((r) => r.year === 2027)).toMatchObject({ value: "121.2", is_example: 0 });
    expect(await db().transaction().execute((trx) => deleteNpiYear(trx, 2015, actor, NOW))).toBe(true);
    expect(await db().transaction().execute((trx) => deleteNpiYear(trx, 1999, actor, NOW))).toBe(false);
    expect((await listNpi(db())).map((r) => r.year)).not.toContain(2015);
    expect((await history("som_npi", 2020)).map((h) => h.action)).toEqual(["som.npi.updated"]);
  });
});

describe("experience database", () => {
  const input = {
    horizonYears: 3, discountRate: "0", courseLengthYears: 1, cohorts: [{ startYear: 1, citizens: "10" }],
    successRate: { intervention: "0.3", comparison: "0.1" },
    costs: [{ label: "Drift", payer: "kommune" as const, type: "annual" as const, fromYear: 1, toYear: 3, amount: "1000" }],
    consequences: [{ label: "Herberg", area: "Sociale", kind: "expenditure" as const, deltaPerSuccess: ["-10"], prices: { kommune: "100", region: "0", stat: "0" } }],
  };
  const checklist = { targetGroupMatch: "yes" as const, targetGroupNote: "", effectMeasureMatch: "partly" as const, effectMeasureNote: "", effectSource: "Egen måling", priceYear: 2025 };

  async function calculation() {
    const actor = await userId();
    const { calculationId, versionId } = await db().transaction().execute((trx) =>
      createCalculation(trx, { initiativeId: 1, phase: "trial", scenario: "expected", title: "Beregning", input, checklist }, actor, NOW),
    );
    return { actor, calculationId, versionId };
  }

  it("publishes a snapshot that stays the same when the calculation moves on", async () => {
    const { actor, calculationId, versionId } = await calculation();
    const version = (await getCalculationVersion(db(), versionId))!;
    const id = await db().transaction().execute((trx) => publishCalculationVersion(trx, version, { title: "Til inspiration", description: "Kort" }, actor, NOW));
    await db().transaction().execute((trx) =>
      saveCalculationVersion(trx, calculationId, 1, { input: { ...input, horizonYears: 5 }, checklist }, actor, NOW),
    );
    const published = await getPublishedCalculation(db(), id);
    expect(published).toMatchObject({ title: "Til inspiration", calculation_version_id: versionId, initiative_id: 1, phase: "trial" });
    expect(published!.input).toEqual(input);
    expect(published!.checklist).toEqual(checklist);
    expect((await listPublishedCalculations(db())).map((p) => p.id)).toEqual([id]);
    expect((await history("som_published_calculation", id)).map((h) => h.action)).toEqual(["som.published"]);
  });

  it("publishes a version at most once at a time; unpublishing frees it and hides the entry", async () => {
    const { actor, versionId } = await calculation();
    const version = (await getCalculationVersion(db(), versionId))!;
    const values = { title: "A", description: "B" };
    const id = await db().transaction().execute((trx) => publishCalculationVersion(trx, version, values, actor, NOW));
    const twice = await db().transaction().execute((trx) => publishCalculationVersion(trx, version, values, actor, NOW)).catch((e: unknown) => e);
    expect(isUniqueViolation(twice)).toBe(true);
    await db().transaction().execute((trx) => unpublishCalculation(trx, id, 1, actor, NOW));
    expect(await listPublishedCalculations(db())).toEqual([]);
    expect(await findLivePublication(db(), versionId)).toBeUndefined();
    expect((await getPublishedCalculation(db(), id))!.unpublished_at).toBe(NOW);
    await expect(db().transaction().execute((trx) => unpublishCalculation(trx, id, 2, actor, NOW))).rejects.toBeInstanceOf(ConflictError);
    await db().transaction().execute((trx) => publishCalculationVersion(trx, version, values, actor, NOW));
    expect(await listPublishedCalculations(db())).toHaveLength(1);
  });
});
