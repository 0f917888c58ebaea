// The SØM experience database (erfaringsdatabase): calculation versions published by program managers,
// under their own responsibility, for others to read and copy. A publication is a snapshot of the
// version; unpublishing marks it, never deletes it, and both write history.
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { SomInput } from "../../app/som/engine";
import type { SomSpreads } from "../../app/som/montecarlo";
import type { SomChecklist, SomVersionWithCalculation } from "./som";
import { appendHistory } from "./history";

export interface PublishValues {
  title: string;
  description: string;
}

/** Publishes a version (already read with getCalculationVersion). Unique-index violation = already published. */
export async function publishCalculationVersion(
  trx: Executor, version: SomVersionWithCalculation, v: PublishValues, actorId: number, now: string,
): Promise<number> {
  const c = version.calculation;
  const { id } = await trx
    .insertInto("som_published_calculations")
    .values({
      calculation_id: c.id,
      calculation_version_id: version.id,
      initiative_id: c.initiative_id,
      phase: c.phase,
      scenario: c.scenario,
      title: v.title.trim(),
      description: v.description.trim(),
      input_json: JSON.stringify(version.input),
      checklist_json: JSON.stringify(version.checklist),
      spreads_json: version.spreads ? JSON.stringify(version.spreads) : null,
      published_by: actorId,
      published_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: c.initiative_id, actorId, at: now, action: "som.published", entity: "som_published_calculation", entityId: id,
    after: { calculation_id: c.id, calculation_version_id: version.id, version_number: version.number, title: v.title.trim() },
  });
  return id;
}

/** The live publication of a version, if any. */
export function findLivePublication(db: Executor, versionId: number) {
  return db
    .selectFrom("som_published_calculations")
    .select(["id", "title"])
    .where("calculation_version_id", "=", versionId)
    .where("unpublished_at", "is", null)
    .executeTakeFirst();
}

/** Marks a publication as withdrawn by its publisher; ConflictError if stale or already withdrawn. */
export async function unpublishCalculation(trx: Executor, id: number, expectedVersion: number, actorId: number, now: string) {
  const before = await trx
    .selectFrom("som_published_calculations")
    .select(["initiative_id", "title", "published_by"])
    .where("id", "=", id)
    .executeTakeFirst();
  const res = await trx
    .updateTable("som_published_calculations")
    .set({ unpublished_at: now, unpublished_by: actorId, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .where("unpublished_at", "is", null)
    .executeTakeFirst();
  if (!before || Number(res.numUpdatedRows) === 0) throw new ConflictError("som_published_calculation", id);
  await appendHistory(trx, {
    initiativeId: before.initiative_id, actorId, at: now, action: "som.unpublished", entity: "som_published_calculation", entityId: id,
    before: { title: before.title, unpublished_at: null }, after: { unpublished_at: now },
  });
}

/** Live publications, newest first, each with its input parsed (to show the result beside it). */
export async function listPublishedCalculations(db: Executor) {
  const rows = await db
    .selectFrom("som_published_calculations as p")
    .innerJoin("users as u", "u.id", "p.published_by")
    .leftJoin("initiatives as i", "i.id", "p.initiative_id")
    .select([
      "p.id", "p.title", "p.description", "p.phase", "p.scenario", "p.published_at", "p.published_by", "p.input_json",
      "u.name as publisher_name", "i.title as initiative_title",
    ])
    .where("p.unpublished_at", "is", null)
    .orderBy("p.published_at", "desc")
    .orderBy("p.id", "desc")
    .execute();
  return rows.map(({ input_json, ...r }) => ({ ...r, input: JSON.parse(input_json) as SomInput }));
}

/** One publication (live or withdrawn) with its snapshot parsed; undefined if unknown. */
export async function getPublishedCalculation(db: Executor, id: number) {
  const row = await db
    .selectFrom("som_published_calculations as p")
    .innerJoin("users as u", "u.id", "p.published_by")
    .leftJoin("initiatives as i", "i.id", "p.initiative_id")
    .selectAll("p")
    .select(["u.name as publisher_name", "i.title as initiative_title"])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { input_json, checklist_json, spreads_json, ...rest } = row;
  return {
    ...rest,
    input: JSON.parse(input_json) as SomInput,
    checklist: JSON.parse(checklist_json) as SomChecklist,
    spreads: spreads_json ? (JSON.parse(spreads_json) as SomSpreads) : null,
  };
}

export type PublishedCalculation = NonNullable<Awaited<ReturnType<typeof getPublishedCalculation>>>;

/** Initiatives to choose from when a calculation is started or copied, by title. */
export function listInitiativeChoices(db: Executor) {
  return db.selectFrom("initiatives").select(["id", "title", "phase"]).orderBy("title").orderBy("id").execute();
}
