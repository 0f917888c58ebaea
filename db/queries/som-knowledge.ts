// The SØM knowledge database (vidensdatabase): target groups with their consequence estimates and effect
// studies, and the net price index. Every change is version-guarded (ConflictError on a stale version or
// a row gone meanwhile) and writes a history row in the same transaction.
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { SomAgeBand, SomKnowledgeArea } from "../schema";
import { appendHistory } from "./history";

export type EvidenceLevel = 1 | 2 | 3;

export interface TargetGroupValues {
  name: string;
  area: SomKnowledgeArea;
  ageBand: SomAgeBand;
  successMeasure: string;
  description: string;
  isExample: boolean;
}

export interface ConsequenceEstimateValues {
  label: string;
  consequenceArea: string;
  kind: "expenditure" | "revenue";
  /** Decimal strings, one per year after success (index 0 = the year of success), 1..10 of them. */
  deltas: string[];
  unit: string;
  prices: { kommune: string; region: string; stat: string };
  priceYear: number;
  source: string;
  isExample: boolean;
}

export interface EffectStudyValues {
  intervention: string;
  /** Decimal strings between 0 and 1. */
  rateWith: string;
  rateWithout: string;
  evidenceLevel: EvidenceLevel;
  citation: string;
  isExample: boolean;
}

const flag = (b: boolean) => (b ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
// Target groups

export function listTargetGroups(db: Executor) {
  return db
    .selectFrom("som_target_groups as g")
    .select((eb) => [
      "g.id", "g.name", "g.area", "g.age_band", "g.success_measure", "g.is_example",
      eb.selectFrom("som_consequence_estimates as e").select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("e.target_group_id", "=", "g.id").as("estimate_count"),
      eb.selectFrom("som_effect_studies as s").select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("s.target_group_id", "=", "g.id").as("study_count"),
    ])
    .orderBy("g.area")
    .orderBy("g.age_band")
    .orderBy("g.name")
    .execute();
}

export function getTargetGroup(db: Executor, id: number) {
  return db.selectFrom("som_target_groups").selectAll().where("id", "=", id).executeTakeFirst();
}

export type TargetGroup = NonNullable<Awaited<ReturnType<typeof getTargetGroup>>>;

function targetGroupRow(v: TargetGroupValues) {
  return {
    name: v.name.trim(),
    area: v.area,
    age_band: v.ageBand,
    success_measure: v.successMeasure.trim(),
    description: v.description.trim(),
    is_example: flag(v.isExample),
  };
}

export async function createTargetGroup(trx: Executor, v: TargetGroupValues, actorId: number | null, now: string): Promise<number> {
  const row = targetGroupRow(v);
  const { id } = await trx
    .insertInto("som_target_groups")
    .values({ ...row, created_by: actorId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.target_group.created", entity: "som_target_group", entityId: id, after: row,
  });
  return id;
}

export async function updateTargetGroup(
  trx: Executor, id: number, expectedVersion: number, v: TargetGroupValues, actorId: number, now: string,
): Promise<void> {
  const before = await getTargetGroup(trx, id);
  const row = targetGroupRow(v);
  const res = await trx
    .updateTable("som_target_groups")
    .set({ ...row, updated_at: now, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (!before || Number(res.numUpdatedRows) === 0) throw new ConflictError("som_target_group", id);
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.target_group.updated", entity: "som_target_group", entityId: id,
    ...changed(before, row),
  });
}

/** Deletes a target group with its estimates and studies; the history row keeps what was deleted. */
export async function deleteTargetGroup(trx: Executor, id: number, expectedVersion: number, actorId: number, now: string): Promise<void> {
  const before = await getTargetGroupWithEntries(trx, id);
  const res = await trx.deleteFrom("som_target_groups").where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
  if (!before || Number(res.numDeletedRows) === 0) throw new ConflictError("som_target_group", id);
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.target_group.deleted", entity: "som_target_group", entityId: id, before,
  });
}

/** A target group with its consequence estimates (deltas parsed) and effect studies; undefined if unknown. */
export async function getTargetGroupWithEntries(db: Executor, id: number) {
  const group = await getTargetGroup(db, id);
  if (!group) return undefined;
  const [estimates, studies] = await Promise.all([
    listConsequenceEstimates(db, id),
    db.selectFrom("som_effect_studies").selectAll().where("target_group_id", "=", id).orderBy("evidence_level").orderBy("id").execute(),
  ]);
  return { group, estimates, studies };
}

// ---------------------------------------------------------------------------------------------------
// Consequence estimates

function parseEstimate<R extends { deltas_json: string }>(r: R) {
  const { deltas_json, ...rest } = r;
  return { ...rest, deltas: JSON.parse(deltas_json) as string[] };
}

export async function listConsequenceEstimates(db: Executor, targetGroupId: number) {
  const rows = await db
    .selectFrom("som_consequence_estimates")
    .selectAll()
    .where("target_group_id", "=", targetGroupId)
    .orderBy("consequence_area")
    .orderBy("id")
    .execute();
  return rows.map(parseEstimate);
}

export type ConsequenceEstimate = Awaited<ReturnType<typeof listConsequenceEstimates>>[number];

export async function getConsequenceEstimate(db: Executor, id: number): Promise<ConsequenceEstimate | undefined> {
  const row = await db.selectFrom("som_consequence_estimates").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? parseEstimate(row) : undefined;
}

function estimateRow(v: ConsequenceEstimateValues) {
  return {
    label: v.label.trim(),
    consequence_area: v.consequenceArea.trim(),
    kind: v.kind,
    deltas_json: JSON.stringify(v.deltas),
    unit: v.unit.trim(),
    price_kommune: v.prices.kommune,
    price_region: v.prices.region,
    price_stat: v.prices.stat,
    price_year: v.priceYear,
    source: v.source.trim(),
    is_example: flag(v.isExample),
  };
}

export async function createConsequenceEstimate(
  trx: Executor, targetGroupId: number, v: ConsequenceEstimateValues, actorId: number | null, now: string,
): Promise<number> {
  const row = estimateRow(v);
  const { id } = await trx
    .insertInto("som_consequence_estimates")
    .values({ ...row, target_group_id: targetGroupId, created_by: actorId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.consequence_estimate.created", entity: "som_consequence_estimate", entityId: id,
    after: { target_group_id: targetGroupId, ...row },
  });
  return id;
}

export async function updateConsequenceEstimate(
  trx: Executor, id: number, expectedVersion: number, v: ConsequenceEstimateValues, actorId: number, now: string,
): Promise<void> {
  const before = await trx.selectFrom("som_consequence_estimates").selectAll().where("id", "=", id).executeTakeFirst();
  const row = estimateRow(v);
  const res = await trx
    .updateTable("som_consequence_estimates")
    .set({ ...row, updated_at: now, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (!before || Number(res.numUpdatedRows) === 0) throw new ConflictError("som_consequence_estimate", id);
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.consequence_estimate.updated", entity: "som_consequence_estimate", entityId: id,
    ...changed(before, row),
  });
}

export async function deleteConsequenceEstimate(trx: Executor, id: number, expectedVersion: number, actorId: number, now: string) {
  const before = await getConsequenceEstimate(trx, id);
  const res = await trx.deleteFrom("som_consequence_estimates").where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
  if (!before || Number(res.numDeletedRows) === 0) throw new ConflictError("som_consequence_estimate", id);
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.consequence_estimate.deleted", entity: "som_consequence_estimate", entityId: id, before,
  });
}

// ---------------------------------------------------------------------------------------------------
// Effect studies

export function getEffectStudy(db: Executor, id: number) {
  return db.selectFrom("som_effect_studies").selectAll().where("id", "=", id).executeTakeFirst();
}

export type EffectStudy = NonNullable<Awaited<ReturnType<typeof getEffectStudy>>>;

function studyRow(v: EffectStudyValues) {
  return {
    intervention: v.intervention.trim(),
    rate_with: v.rateWith,
    rate_without: v.rateWithout,
    evidence_level: v.evidenceLevel,
    citation: v.citation.trim(),
    is_example: flag(v.isExample),
  };
}

export async function createEffectStudy(
  trx: Executor, targetGroupId: number, v: EffectStudyValues, actorId: number | null, now: string,
): Promise<number> {
  const row = studyRow(v);
  const { id } = await trx
    .insertInto("som_effect_studies")
    .values({ ...row, target_group_id: targetGroupId, created_by: actorId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.effect_study.created", entity: "som_effect_study", entityId: id,
    after: { target_group_id: targetGroupId, ...row },
  });
  return id;
}

export async function updateEffectStudy(
  trx: Executor, id: number, expectedVersion: number, v: EffectStudyValues, actorId: number, now: string,
): Promise<void> {
  const before = await getEffectStudy(trx, id);
  const row = studyRow(v);
  const res = await trx
    .updateTable("som_effect_studies")
    .set({ ...row, updated_at: now, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (!before || Number(res.numUpdatedRows) === 0) throw new ConflictError("som_effect_study", id);
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.effect_study.updated", entity: "som_effect_study", entityId: id,
    ...changed(before, row),
  });
}

export async function deleteEffectStudy(trx: Executor, id: number, expectedVersion: number, actorId: number, now: string) {
  const before = await getEffectStudy(trx, id);
  const res = await trx.deleteFrom("som_effect_studies").where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
  if (!before || Number(res.numDeletedRows) === 0) throw new ConflictError("som_effect_study", id);
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.effect_study.deleted", entity: "som_effect_study", entityId: id, before,
  });
}

// ---------------------------------------------------------------------------------------------------
// Net price index

export function listNpi(db: Executor) {
  return db.selectFrom("som_npi").select(["year", "value", "is_example", "updated_at"]).orderBy("year").execute();
}

/** Sets (or adds) one year's index value. Setting a value marks the row as no longer example data. */
export async function setNpiValue(trx: Executor, year: number, value: string, actorId: number, now: string): Promise<void> {
  const before = await trx.selectFrom("som_npi").select(["value", "is_example"]).where("year", "=", year).executeTakeFirst();
  await trx
    .insertInto("som_npi")
    .values({ year, value, is_example: 0, updated_by: actorId, updated_at: now })
    .onConflict((oc) => oc.column("year").doUpdateSet({ value, is_example: 0, updated_by: actorId, updated_at: now }))
    .execute();
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: before ? "som.npi.updated" : "som.npi.created", entity: "som_npi", entityId: year,
    before: before ?? undefined, after: { value, is_example: 0 },
  });
}

/** Removes a year; false when the table has no such year. */
export async function deleteNpiYear(trx: Executor, year: number, actorId: number, now: string): Promise<boolean> {
  const before = await trx.selectFrom("som_npi").select(["value", "is_example"]).where("year", "=", year).executeTakeFirst();
  if (!before) return false;
  await trx.deleteFrom("som_npi").where("year", "=", year).execute();
  await appendHistory(trx, {
    initiativeId: null, actorId, at: now, action: "som.npi.deleted", entity: "som_npi", entityId: year, before,
  });
  return true;
}

// ---------------------------------------------------------------------------------------------------

/** Rows in the knowledge tables; the example seed runs only when all are empty. */
export async function countKnowledgeRows(db: Executor): Promise<number> {
  const tables = ["som_target_groups", "som_consequence_estimates", "som_effect_studies", "som_npi"] as const;
  let total = 0;
  for (const t of tables) {
    const r = await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    total += Number(r.n);
  }
  return total;
}

/** Only the columns that changed, as before/after snapshots for the history row. */
function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (before[k] !== v) {
      b[k] = before[k];
      a[k] = v;
    }
  }
  return { before: b, after: a };
}
