// The SØM calculation aggregate: a calculation (one scenario of one initiative's phase) and its immutable
// versions, each saved with the assumption checklist and Monte Carlo spreads; and the versions a
// steering-group decision was taken on. Callers validate input (parseSomInput, the checklist schema)
// before it reaches these functions; JSON read back is trusted to be what was written.
import { sql } from "kysely";
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { PhasePeriod } from "../../workflows/phase-model";
// Type-only: the engine's input and spreads are plain JSON shapes; nothing of app/ is loaded at run time.
import type { SomChecklist, SomScenario } from "../../app/som/vocabulary";
import type { SomInput } from "../../app/som/engine";
import type { SimulationResult, SomSpreads } from "../../app/som/montecarlo";
import { appendHistory } from "./history";

// The SØM vocabulary lives with the engine (app/som/vocabulary.ts); re-exported as types for db's callers.
export type { ChecklistMatch, SomChecklist, SomScenario } from "../../app/som/vocabulary";

export interface SomVersionData {
  input: SomInput;
  checklist: SomChecklist;
  spreads?: SomSpreads | null;
  /** The Monte Carlo result of this version's input and spreads, stored with it (none without spreads). */
  uncertainty?: SimulationResult | null;
}

/** A version's stored Monte Carlo result: its inputs (spreads, seed, draws) and results. */
export interface SomStoredUncertainty {
  versionId: number;
  seed: number;
  draws: number;
  spreads: SomSpreads;
  result: SimulationResult;
  computedAt: string;
}

export interface NewCalculation extends SomVersionData {
  initiativeId: number;
  phase: PhasePeriod;
  scenario: SomScenario;
  title: string;
}

export const SOM_PAGE_SIZE = 25;

async function insertVersion(
  trx: Executor,
  calculationId: number,
  number: number,
  data: SomVersionData,
  actorId: number | null,
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto("som_calculation_versions")
    .values({
      calculation_id: calculationId,
      number,
      input_json: JSON.stringify(data.input),
      checklist_json: JSON.stringify(data.checklist),
      spreads_json: data.spreads ? JSON.stringify(data.spreads) : null,
      created_by: actorId,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (data.uncertainty) {
    await trx
      .insertInto("som_version_uncertainty")
      .values({
        version_id: id,
        seed: data.uncertainty.seed,
        draws: data.uncertainty.draws,
        spreads_json: JSON.stringify(data.uncertainty.spreads),
        result_json: JSON.stringify(data.uncertainty),
        computed_at: now,
      })
      .execute();
  }
  return id;
}

/**
 * The Monte Carlo results stored with the given versions, by version id; a version without one (no
 * spreads, or saved before results were stored) is absent. For a decision's frozen dossier: the
 * uncertainty the decision was taken on.
 */
export async function listVersionUncertainty(db: Executor, versionIds: number[]): Promise<Record<number, SomStoredUncertainty>> {
  if (versionIds.length === 0) return {};
  const rows = await db.selectFrom("som_version_uncertainty").selectAll().where("version_id", "in", versionIds).execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.version_id,
      {
        versionId: r.version_id,
        seed: r.seed,
        draws: r.draws,
        spreads: JSON.parse(r.spreads_json) as SomSpreads,
        result: JSON.parse(r.result_json) as SimulationResult,
        computedAt: r.computed_at,
      },
    ]),
  );
}

/** One version's stored Monte Carlo result, or null. */
export async function getVersionUncertainty(db: Executor, versionId: number): Promise<SomStoredUncertainty | null> {
  return (await listVersionUncertainty(db, [versionId]))[versionId] ?? null;
}

/** Creates a calculation and its version 1, with history. Call inside a transaction. */
export async function createCalculation(
  trx: Executor,
  c: NewCalculation,
  actorId: number | null,
  now: string,
): Promise<{ calculationId: number; versionId: number }> {
  const { id: calculationId } = await trx
    .insertInto("som_calculations")
    .values({
      initiative_id: c.initiativeId,
      phase: c.phase,
      scenario: c.scenario,
      title: c.title.trim(),
      latest_version_id: null,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const versionId = await insertVersion(trx, calculationId, 1, c, actorId, now);
  await trx.updateTable("som_calculations").set({ latest_version_id: versionId }).where("id", "=", calculationId).execute();
  await appendHistory(trx, {
    initiativeId: c.initiativeId, actorId, at: now, action: "som.created", entity: "som_calculation", entityId: calculationId,
    after: { title: c.title.trim(), phase: c.phase, scenario: c.scenario, version: 1 },
  });
  return { calculationId, versionId };
}

/**
 * Saves a new version of a calculation if it is still at `expectedVersion` (else ConflictError, also
 * for an unknown id). `title` and `scenario`, when given, rename the calculation itself. Call inside a
 * transaction.
 */
export async function saveCalculationVersion(
  trx: Executor,
  calculationId: number,
  expectedVersion: number,
  data: SomVersionData & { title?: string; scenario?: SomScenario },
  actorId: number | null,
  now: string,
): Promise<{ versionId: number }> {
  const before = await trx
    .selectFrom("som_calculations")
    .select(["initiative_id", "title", "scenario"])
    .where("id", "=", calculationId)
    .executeTakeFirst();
  if (!before) throw new ConflictError("som_calculation", calculationId);
  const number = expectedVersion + 1;
  const bumped = await trx
    .updateTable("som_calculations")
    .set({
      version: number,
      updated_at: now,
      ...(data.title !== undefined ? { title: data.title.trim() } : {}),
      ...(data.scenario !== undefined ? { scenario: data.scenario } : {}),
    })
    .where("id", "=", calculationId)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) === 0) throw new ConflictError("som_calculation", calculationId);
  const versionId = await insertVersion(trx, calculationId, number, data, actorId, now);
  await trx.updateTable("som_calculations").set({ latest_version_id: versionId }).where("id", "=", calculationId).execute();
  await appendHistory(trx, {
    initiativeId: before.initiative_id, actorId, at: now, action: "som.saved", entity: "som_calculation", entityId: calculationId,
    before: { version: expectedVersion, title: before.title, scenario: before.scenario },
    after: { version: number, title: data.title?.trim() ?? before.title, scenario: data.scenario ?? before.scenario },
  });
  return { versionId };
}

export interface SomVersionView {
  id: number;
  calculation_id: number;
  number: number;
  input: SomInput;
  checklist: SomChecklist;
  spreads: SomSpreads | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
}

type VersionRow = {
  id: number; calculation_id: number; number: number; input_json: string; checklist_json: string;
  spreads_json: string | null; created_by: number | null; created_by_name: string | null; created_at: string;
};

function toVersionView(r: VersionRow): SomVersionView {
  return {
    id: r.id,
    calculation_id: r.calculation_id,
    number: r.number,
    input: JSON.parse(r.input_json) as SomInput,
    checklist: JSON.parse(r.checklist_json) as SomChecklist,
    spreads: r.spreads_json ? (JSON.parse(r.spreads_json) as SomSpreads) : null,
    created_by: r.created_by,
    created_by_name: r.created_by_name,
    created_at: r.created_at,
  };
}

function versionQuery(db: Executor) {
  return db
    .selectFrom("som_calculation_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select([
      "v.id", "v.calculation_id", "v.number", "v.input_json", "v.checklist_json", "v.spreads_json",
      "v.created_by", "u.name as created_by_name", "v.created_at",
    ]);
}

const calculationColumns = [
  "c.id", "c.initiative_id", "c.phase", "c.scenario", "c.title", "c.latest_version_id", "c.version",
  "c.created_by", "c.created_at", "c.updated_at",
] as const;

export interface SomCalculationView {
  id: number;
  initiative_id: number;
  phase: PhasePeriod;
  scenario: SomScenario;
  title: string;
  latest_version_id: number | null;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  latest: SomVersionView;
}

/** A calculation with its latest version's input, checklist and spreads parsed; undefined if unknown. */
export async function getCalculation(db: Executor, calculationId: number): Promise<SomCalculationView | undefined> {
  const c = await db.selectFrom("som_calculations as c").select(calculationColumns).where("c.id", "=", calculationId).executeTakeFirst();
  if (!c || c.latest_version_id === null) return undefined;
  const v = await versionQuery(db).where("v.id", "=", c.latest_version_id).executeTakeFirst();
  if (!v) return undefined;
  return { ...c, latest: toVersionView(v) };
}

export interface SomVersionWithCalculation extends SomVersionView {
  calculation: {
    id: number;
    initiative_id: number;
    phase: PhasePeriod;
    scenario: SomScenario;
    title: string;
    latest_version_id: number | null;
  };
}

/** One version (frozen or not) with the calculation it belongs to; undefined if unknown. */
export async function getCalculationVersion(db: Executor, versionId: number): Promise<SomVersionWithCalculation | undefined> {
  const v = await versionQuery(db).where("v.id", "=", versionId).executeTakeFirst();
  if (!v) return undefined;
  const c = await db
    .selectFrom("som_calculations as c")
    .select(["c.id", "c.initiative_id", "c.phase", "c.scenario", "c.title", "c.latest_version_id"])
    .where("c.id", "=", v.calculation_id)
    .executeTakeFirstOrThrow();
  return { ...toVersionView(v), calculation: c };
}

/** A calculation's versions, newest first, without their JSON. */
export function listCalculationVersions(db: Executor, calculationId: number) {
  return db
    .selectFrom("som_calculation_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select(["v.id", "v.number", "v.created_at", "u.name as created_by_name"])
    .where("v.calculation_id", "=", calculationId)
    .orderBy("v.number", "desc")
    .execute();
}

/** An initiative's calculations (optionally one phase's), by phase then scenario, each with its latest version number. */
export function listCalculationsForInitiative(db: Executor, initiativeId: number, phase?: PhasePeriod) {
  let q = db
    .selectFrom("som_calculations as c")
    .innerJoin("som_calculation_versions as v", "v.id", "c.latest_version_id")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select([
      "c.id", "c.phase", "c.scenario", "c.title", "c.version", "c.updated_at", "c.latest_version_id",
      "v.number as latest_number", "u.name as updated_by_name",
    ])
    .where("c.initiative_id", "=", initiativeId);
  if (phase) q = q.where("c.phase", "=", phase);
  return q
    .orderBy(sql`case c.phase when 'screening' then 1 when 'screening_maturation' then 2 when 'maturation' then 3 when 'trial' then 4 else 5 end`)
    .orderBy(sql`case c.scenario when 'cautious' then 1 when 'expected' then 2 else 3 end`)
    .orderBy("c.id")
    .execute();
}

/** One phase's calculations with their latest versions parsed, for the side-by-side comparison. */
export async function listCalculationsForComparison(db: Executor, initiativeId: number, phase: PhasePeriod) {
  const rows = await listCalculationsForInitiative(db, initiativeId, phase);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.latest_version_id).filter((id): id is number => id !== null);
  const versions = await versionQuery(db).where("v.id", "in", ids).execute();
  const byId = new Map(versions.map((v) => [v.id, toVersionView(v)]));
  return rows.flatMap((r) => {
    const latest = r.latest_version_id === null ? undefined : byId.get(r.latest_version_id);
    return latest ? [{ ...r, latest }] : [];
  });
}

/** Calculations across all initiatives, most recently saved first; paging happens in SQL. */
export async function listLatestCalculations(db: Executor, page = 1, pageSize = SOM_PAGE_SIZE) {
  const p = Math.max(1, page);
  const [rows, count] = await Promise.all([
    db
      .selectFrom("som_calculations as c")
      .innerJoin("initiatives as i", "i.id", "c.initiative_id")
      .innerJoin("som_calculation_versions as v", "v.id", "c.latest_version_id")
      .leftJoin("users as u", "u.id", "v.created_by")
      .select([
        "c.id", "c.initiative_id", "i.title as initiative_title", "c.phase", "c.scenario", "c.title",
        "c.updated_at", "v.number as latest_number", "u.name as updated_by_name",
      ])
      .orderBy("c.updated_at", "desc")
      .orderBy("c.id", "desc")
      .limit(pageSize)
      .offset((p - 1) * pageSize)
      .execute(),
    db.selectFrom("som_calculations").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page: p, pageSize };
}

/**
 * Freezes the versions a decision was taken on: the latest version of every calculation of the
 * initiative for `phase` (the phase being decided). Call in the decision's transaction, after the
 * decision row is inserted. Returns the frozen version ids.
 */
export async function freezeCalculationVersions(
  trx: Executor,
  decisionId: number,
  initiativeId: number,
  phase: PhasePeriod,
): Promise<number[]> {
  const latest = await trx
    .selectFrom("som_calculations")
    .select("latest_version_id")
    .where("initiative_id", "=", initiativeId)
    .where("phase", "=", phase)
    .where("latest_version_id", "is not", null)
    .orderBy("id")
    .execute();
  const ids = latest.map((r) => r.latest_version_id).filter((id): id is number => id !== null);
  if (ids.length) {
    await trx
      .insertInto("decision_som_versions")
      .values(ids.map((id) => ({ decision_id: decisionId, calculation_version_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return ids;
}

export interface FrozenVersionLink {
  decision_id: number;
  initiative_id: number;
  version_id: number;
  number: number;
  calculation_id: number;
  title: string;
  scenario: SomScenario;
}

/** The versions each of the given decisions froze, keyed by decision id. */
export async function listFrozenVersions(db: Executor, decisionIds: number[]): Promise<Record<number, FrozenVersionLink[]>> {
  const out: Record<number, FrozenVersionLink[]> = {};
  if (!decisionIds.length) return out;
  const rows = await db
    .selectFrom("decision_som_versions as d")
    .innerJoin("som_calculation_versions as v", "v.id", "d.calculation_version_id")
    .innerJoin("som_calculations as c", "c.id", "v.calculation_id")
    .select(["d.decision_id", "c.initiative_id", "v.id as version_id", "v.number", "c.id as calculation_id", "c.title", "c.scenario"])
    .where("d.decision_id", "in", decisionIds)
    .orderBy("c.id")
    .execute();
  for (const r of rows) (out[r.decision_id] ??= []).push(r);
  return out;
}

/** The decisions that froze a version (to say so on the read-only version page). */
export function listDecisionsFreezingVersion(db: Executor, versionId: number) {
  return db
    .selectFrom("decision_som_versions as d")
    .innerJoin("decisions", "decisions.id", "d.decision_id")
    .select(["decisions.id", "decisions.outcome", "decisions.decided_at", "decisions.from_phase"])
    .where("d.calculation_version_id", "=", versionId)
    .orderBy("decisions.decided_at")
    .execute();
}
