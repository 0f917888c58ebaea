// The initiative aggregate: the initiative, its UIP agreements, phase periods, links and user involvement.
import { sql } from "kysely";
import type { Executor } from "../client";
import { ConflictError } from "../errors";
import type { Area, AssessmentMade, InitiativeUpdate } from "../schema";
import type { PhasePeriod, Track } from "../../workflows/phase-model";
import type { Framework, InitiativeStatus } from "../../workflows/decision";
import { initiativeTextMatch } from "../search";
import { appendHistory } from "./history";

export interface InitiativeFilters {
  q?: string;
  area?: Area;
  phase?: PhasePeriod;
  track?: "1" | "2" | "none";
  status?: InitiativeStatus;
  year?: number;
}

export const PAGE_SIZE = 25;

/** The list's filters as WHERE clauses on `initiatives`; the portfolio views apply the very same ones. */
export function applyFilters<QB extends { where: any }>(db: Executor, qb: QB, f: InitiativeFilters): QB {
  let q: any = qb;
  if (f.area) q = q.where("initiatives.area", "=", f.area);
  if (f.phase) q = q.where("initiatives.phase", "=", f.phase);
  if (f.status) q = q.where("initiatives.status", "=", f.status);
  if (f.track === "none") q = q.where("initiatives.track", "is", null);
  else if (f.track) q = q.where("initiatives.track", "=", Number(f.track));
  if (f.year) {
    q = q.where((eb: any) =>
      eb.exists(
        eb.selectFrom("initiative_agreements as ia")
          .select("ia.initiative_id")
          .whereRef("ia.initiative_id", "=", "initiatives.id")
          .where("ia.year", "=", f.year),
      ),
    );
  }
  const text = f.q?.trim();
  if (text) q = q.where(initiativeTextMatch(db, text));
  return q;
}

/**
 * One page of initiatives matching the filters, with the total count; filtering and paging happen in SQL.
 * Each filter column has an index ending in (title, id), the sort order, so a page walks an index and stops
 * after its rows instead of sorting every match (migration 2026-12-02T1050). Only the columns the list shows.
 */
export async function listInitiatives(db: Executor, filters: InitiativeFilters, page = 1, pageSize = PAGE_SIZE) {
  const base = applyFilters(db, db.selectFrom("initiatives"), filters);
  const [rows, count] = await Promise.all([
    base
      .select([
        "initiatives.id", "initiatives.title", "initiatives.area", "initiatives.phase", "initiatives.status",
        "initiatives.track", "initiatives.agreement_label",
      ])
      .orderBy("initiatives.title")
      .orderBy("initiatives.id")
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page: Math.max(1, page), pageSize };
}

/**
 * The agreement years present in the data, for the filter. A loose index scan: each step seeks the next
 * larger year in initiative_agreements_year_idx, so it reads one entry per distinct year (about ten),
 * not every agreement row as DISTINCT would. Plain recursive SQL, the same on SQLite and PostgreSQL.
 */
export async function listAgreementYears(db: Executor): Promise<number[]> {
  const { rows } = await sql<{ year: number | null }>`
    with recursive y(year) as (
      select min(year) from initiative_agreements
      union all
      select (select min(ia.year) from initiative_agreements ia where ia.year > y.year) from y where y.year is not null
    )
    select year from y where year is not null`.execute(db);
  return rows.map((r) => Number(r.year));
}

export function getInitiative(db: Executor, id: number) {
  return db.selectFrom("initiatives").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getAgreementYears(db: Executor, id: number) {
  const rows = await db.selectFrom("initiative_agreements").select("year").where("initiative_id", "=", id).orderBy("year").execute();
  return rows.map((r) => r.year);
}

/** Predecessors and successors, one step each way. */
export async function getLinks(db: Executor, id: number) {
  const cols = ["i.id", "i.title", "i.phase", "i.status", "i.agreement_label"] as const;
  const [predecessors, successors] = await Promise.all([
    db.selectFrom("initiative_links as l").innerJoin("initiatives as i", "i.id", "l.predecessor_id")
      .select(cols).where("l.successor_id", "=", id).orderBy("i.title").execute(),
    db.selectFrom("initiative_links as l").innerJoin("initiatives as i", "i.id", "l.successor_id")
      .select(cols).where("l.predecessor_id", "=", id).orderBy("i.title").execute(),
  ]);
  return { predecessors, successors };
}

export function listPhasePeriods(db: Executor, id: number) {
  return db.selectFrom("phase_periods").selectAll().where("initiative_id", "=", id).orderBy("id").execute();
}

export function listUserInvolvements(db: Executor, id: number) {
  return db
    .selectFrom("user_involvements")
    .leftJoin("users", "users.id", "user_involvements.created_by")
    .select([
      "user_involvements.id", "user_involvements.phase", "user_involvements.who", "user_involvements.how",
      "user_involvements.what_changed", "user_involvements.created_at", "user_involvements.version", "users.name as created_by_name",
    ])
    .where("initiative_id", "=", id)
    .orderBy("user_involvements.id")
    .execute();
}

export interface InitiativeInput {
  title: string;
  description: string;
  area: Area;
  targetGroup: string;
  agreementYears: number[];
  track: Track | null;
  trackReason: string;
  prototypeDescription: string;
  phase: PhasePeriod;
  status: InitiativeStatus;
  framework: Framework;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  sourceOutcome?: string | null;
  sourceAssessment?: string | null;
  susiAssessmentMade?: AssessmentMade | null;
  importKey?: string | null;
}

export function agreementLabel(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  return sorted.length ? `UIP ${sorted.join(", ")}` : "";
}

/** Creates an initiative with its agreements and its first phase period, and records it in history. */
export async function createInitiative(trx: Executor, input: InitiativeInput, actorId: number | null, now: string) {
  const { id } = await trx
    .insertInto("initiatives")
    .values({
      title: input.title.trim(),
      description: input.description.trim(),
      area: input.area,
      target_group: input.targetGroup.trim(),
      agreement_label: agreementLabel(input.agreementYears),
      framework: input.framework,
      track: input.track,
      track_reason: input.trackReason.trim(),
      prototype_description: input.prototypeDescription.trim(),
      phase: input.phase,
      status: input.status,
      source_outcome: input.sourceOutcome ?? null,
      source_assessment: input.sourceAssessment ?? null,
      susi_assessment_made: input.susiAssessmentMade ?? null,
      import_key: input.importKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await setAgreementYears(trx, id, input.agreementYears);
  await trx
    .insertInto("phase_periods")
    .values({
      initiative_id: id,
      phase: input.phase,
      planned_start: input.plannedStart ?? null,
      planned_end: input.plannedEnd ?? null,
      actual_start: null,
      actual_end: null,
    })
    .execute();
  await appendHistory(trx, {
    initiativeId: id, actorId, at: now, action: "initiative.created", entity: "initiative", entityId: id,
    after: { title: input.title, phase: input.phase, status: input.status, track: input.track },
  });
  return id;
}

async function setAgreementYears(trx: Executor, id: number, years: number[]) {
  await trx.deleteFrom("initiative_agreements").where("initiative_id", "=", id).execute();
  const unique = [...new Set(years)];
  if (unique.length) {
    await trx.insertInto("initiative_agreements").values(unique.map((year) => ({ initiative_id: id, year }))).execute();
  }
}

type EditableFields = Pick<
  InitiativeInput,
  "title" | "description" | "area" | "targetGroup" | "agreementYears" | "trackReason" | "prototypeDescription"
> & { track?: Track | null };

/**
 * Edits an initiative's descriptive fields, if it is still at `expectedVersion`; otherwise throws
 * ConflictError. Phase and status change only through decisions (workflows/decision.ts); the track is
 * written only when given (the edit form offers it while in screening, workflows/initiative.ts).
 */
export async function updateInitiative(
  trx: Executor,
  id: number,
  expectedVersion: number,
  input: EditableFields,
  actorId: number,
  now: string,
) {
  const before = await getInitiative(trx, id);
  if (!before) throw new ConflictError("initiative", id);
  const patch: InitiativeUpdate = {
    title: input.title.trim(),
    description: input.description.trim(),
    area: input.area,
    target_group: input.targetGroup.trim(),
    agreement_label: agreementLabel(input.agreementYears),
    ...(input.track === undefined ? {} : { track: input.track }),
    track_reason: input.trackReason.trim(),
    prototype_description: input.prototypeDescription.trim(),
  };
  await bumpVersion(trx, id, expectedVersion, patch as any, now);
  await setAgreementYears(trx, id, input.agreementYears);
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if ((before as any)[k] !== v) {
      changedBefore[k] = (before as any)[k];
      changedAfter[k] = v;
    }
  }
  await appendHistory(trx, {
    initiativeId: id, actorId, at: now, action: "initiative.updated", entity: "initiative", entityId: id,
    before: changedBefore, after: changedAfter,
  });
}

/** Optimistic concurrency: update only if the version is unchanged, and move the version on. */
export async function bumpVersion(
  trx: Executor,
  id: number,
  expectedVersion: number,
  patch: { phase?: PhasePeriod; status?: InitiativeStatus } & Record<string, unknown>,
  now: string,
) {
  const result = await trx
    .updateTable("initiatives")
    .set({ ...(patch as any), updated_at: now, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ConflictError("initiative", id);
}

export async function linkInitiatives(trx: Executor, predecessorId: number, successorId: number) {
  await trx
    .insertInto("initiative_links")
    .values({ predecessor_id: predecessorId, successor_id: successorId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function addUserInvolvement(
  trx: Executor,
  input: { initiativeId: number; phase: PhasePeriod; who: string; how: string; whatChanged: string },
  actorId: number,
  now: string,
) {
  const { id } = await trx
    .insertInto("user_involvements")
    .values({
      initiative_id: input.initiativeId, phase: input.phase, who: input.who.trim(), how: input.how.trim(),
      what_changed: input.whatChanged.trim(), created_by: actorId, created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendHistory(trx, {
    initiativeId: input.initiativeId, actorId, at: now, action: "involvement.added", entity: "user_involvement",
    entityId: id, after: { phase: input.phase, who: input.who },
  });
  return id;
}

/** Updates the planned and actual dates of one phase period. */
export async function updatePhasePeriodDates(
  trx: Executor,
  periodId: number,
  initiativeId: number,
  dates: { plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null },
  actorId: number,
  now: string,
) {
  const before = await trx.selectFrom("phase_periods").selectAll().where("id", "=", periodId).where("initiative_id", "=", initiativeId).executeTakeFirst();
  if (!before) return false;
  await trx
    .updateTable("phase_periods")
    .set({ planned_start: dates.plannedStart, planned_end: dates.plannedEnd, actual_start: dates.actualStart, actual_end: dates.actualEnd })
    .where("id", "=", periodId)
    .execute();
  await appendHistory(trx, {
    initiativeId, actorId, at: now, action: "period.updated", entity: "phase_period", entityId: periodId,
    before: { planned_start: before.planned_start, planned_end: before.planned_end, actual_start: before.actual_start, actual_end: before.actual_end },
    after: { planned_start: dates.plannedStart, planned_end: dates.plannedEnd, actual_start: dates.actualStart, actual_end: dates.actualEnd },
  });
  return true;
}
