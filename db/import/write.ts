// The UIP CSV import, step 3 of 3: writing. Loads the register, asks ./match.ts for the plan and carries
// it out inside a transaction the caller owns: the new initiatives in the state workflows/import.ts gives
// them (nothing already present is changed), the outcomes the source records, their agreements, first phase period, owner and budgets,
// the links, and a history row for each. Many rows per statement, so a 30,000-row file is one short write
// (DECISIONS 0085). Refusals found only against the database (an unknown owner) throw UipRowsRefused
// before anything is written.
import type { Db, Executor } from "../client";
import type { Area } from "../schema";
import { appendHistory, appendHistoryMany, type HistoryEntry } from "../queries/history";
import { linkInitiatives } from "../queries/initiatives";
import { insertPhaseOutcomes, setOutcomeSuccessor } from "../queries/outcomes";
import { setOwnerAndBudgets } from "../queries/portfolio";
import { planImport, type KnownInitiative, type PlanRef, type UnlinkedOutcome } from "./match";
import type { UipProblem, UipRow } from "./parse";

export type { UnlinkedOutcome } from "./match";

export interface ImportLink {
  predecessor: string;
  successor: string;
  predecessorId: number;
  successorId: number;
  /** Title similarity, 0..1 (see MATCH_THRESHOLD). */
  score: number;
}

export interface ImportReport {
  created: number;
  createdByArea: Record<Area, number>;
  alreadyPresent: number;
  /** Links made by this import (links that already existed are not repeated). */
  links: ImportLink[];
  /** Rows of this file whose outcome names a successor that could not be found. */
  unlinked: UnlinkedOutcome[];
}

export type UipImportResult = { ok: true; report: ImportReport } | { ok: false; errors: UipProblem[] };

/** Called as the rows are written: how many of the new initiatives are in, of how many. */
export type WriteProgress = (written: number, total: number) => void;

/** Rows per multi-row statement (far below either database's limit on parameters). */
const CHUNK = 200;

/** Refuses the import: rows that passed parsing but not the database's checks (an unknown owner). */
export class UipRowsRefused extends Error {
  constructor(readonly errors: UipProblem[]) {
    super(errors.map((e) => `${e.line}/${e.column ?? "-"}: ${e.code}`).join("; "));
  }
}

/** The register as the plan needs it, with the links it already has. */
export async function loadKnownInitiatives(trx: Executor): Promise<{ known: KnownInitiative[]; links: Set<string> }> {
  const initiatives = await trx.selectFrom("initiatives").select(["id", "title", "import_key", "source_outcome"]).orderBy("id").execute();
  const agreements = await trx.selectFrom("initiative_agreements").select(["initiative_id", "year"]).orderBy("year").execute();
  const years = new Map<number, number[]>();
  for (const a of agreements) {
    const list = years.get(a.initiative_id);
    if (list) list.push(a.year);
    else years.set(a.initiative_id, [a.year]);
  }
  const known = initiatives.map((i) => ({ id: i.id, title: i.title, years: years.get(i.id) ?? [], outcome: i.source_outcome, importKey: i.import_key }));
  const links = new Set(
    (await trx.selectFrom("initiative_links").select(["predecessor_id", "successor_id"]).execute()).map((l) => `${l.predecessor_id}>${l.successor_id}`),
  );
  return { known, links };
}

/**
 * The owner e-mails of the rows as user ids. Each must be an active program manager (the owners the
 * initiative form offers); otherwise a problem naming the row and the owner column.
 */
export async function resolveOwners(trx: Executor, rows: readonly UipRow[]): Promise<{ owners: Map<string, number>; errors: UipProblem[] }> {
  const emails = new Set(rows.map((r) => r.ownerEmail).filter((e): e is string => e !== null));
  const owners = new Map<string, number>();
  if (emails.size) {
    const users = await trx.selectFrom("users").select(["id", "email"]).where("role", "=", "program_manager").where("active", "=", 1).execute();
    for (const u of users) if (emails.has(u.email.toLowerCase())) owners.set(u.email.toLowerCase(), u.id);
  }
  const errors = rows
    .filter((r) => r.ownerEmail !== null && !owners.has(r.ownerEmail))
    .map((r): UipProblem => ({ line: r.line, column: "owner", code: "unknown_owner", params: { email: r.ownerEmail! } }));
  return { owners, errors };
}

/** Inserts new initiatives, CHUNK at a time; their ids by import key. */
async function insertInitiatives(trx: Executor, rows: readonly UipRow[], now: string): Promise<number[]> {
  const values = rows.map((row) => ({
    title: row.title, description: "", area: row.area, target_group: "",
    // The file's own wording of the agreement ("UIP 2017, 2018" when it gave none).
    agreement_label: row.agreementLabel,
    framework: row.framework, track: row.track, track_reason: "", prototype_description: "",
    phase: row.phase, status: row.status,
    source_outcome: row.sourceOutcome, source_assessment: row.sourceAssessment, susi_assessment_made: row.susiAssessmentMade,
    import_key: row.importKey, created_at: now, updated_at: now,
  }));
  await trx.insertInto("initiatives").values(values).execute();
  // Import keys are unique: they say which id each row got, whatever order a database returns rows in.
  const found = await trx.selectFrom("initiatives").select(["id", "import_key"]).where("import_key", "in", rows.map((r) => r.importKey)).execute();
  const byKey = new Map(found.map((f) => [f.import_key, f.id]));
  return rows.map((r) => byKey.get(r.importKey)!);
}

/**
 * The import inside a transaction the caller owns (the seed adds its users to the same one). Rows whose
 * key is already in the database are skipped; then each row whose outcome names a successor is linked
 * to it, searching this file and the database (see planImport).
 */
export async function importUipRowsInTransaction(
  trx: Executor,
  rows: readonly UipRow[],
  actorId: number | null,
  now: string,
  onProgress?: WriteProgress,
): Promise<ImportReport> {
  const { owners, errors } = await resolveOwners(trx, rows);
  if (errors.length) throw new UipRowsRefused(errors);
  const { known, links: existingLinks } = await loadKnownInitiatives(trx);
  const plan = planImport(rows, known, existingLinks);
  const report: ImportReport = { created: 0, createdByArea: { adults: 0, children: 0 }, alreadyPresent: plan.alreadyPresent, links: [], unlinked: plan.unlinked };

  const newIds: number[] = [];
  const total = plan.newRows.length;
  onProgress?.(0, total);
  for (let i = 0; i < total; i += CHUNK) {
    const chunk = plan.newRows.slice(i, i + CHUNK);
    const ids = await insertInitiatives(trx, chunk, now);
    await trx.insertInto("initiative_agreements")
      .values(chunk.flatMap((row, j) => row.agreementYears.map((year) => ({ initiative_id: ids[j], year })))).execute();
    await trx.insertInto("phase_periods")
      .values(chunk.map((row, j) => ({ initiative_id: ids[j], phase: row.phase, planned_start: null, planned_end: null, actual_start: null, actual_end: null })))
      .execute();
    await appendHistoryMany(trx, chunk.map((row, j): HistoryEntry => ({
      initiativeId: ids[j], actorId, at: now, action: "initiative.created", entity: "initiative", entityId: ids[j],
      after: { title: row.title, phase: row.phase, status: row.status, track: row.track },
    })));
    // The outcome of each phase the source records as ended, marked "fra kilden" (DECISIONS 0095).
    await insertPhaseOutcomes(trx, chunk.flatMap((row, j) => row.phaseOutcome
      ? [{ initiativeId: ids[j], phase: row.phase, outcome: row.phaseOutcome, successorId: null, fromSource: true, ambiguity: row.ambiguity, decisionId: null }]
      : []), now);
    // Owner and budgets of a new initiative, as the portfolio form writes them (with their own history row).
    for (const [j, row] of chunk.entries()) {
      if (row.ownerEmail !== null || row.budgets.length) {
        await setOwnerAndBudgets(trx, ids[j], { ownerId: row.ownerEmail === null ? null : owners.get(row.ownerEmail)!, budgets: new Map(row.budgets) }, actorId, now);
      }
      report.created++;
      report.createdByArea[row.area]++;
    }
    newIds.push(...ids);
    onProgress?.(newIds.length, total);
  }

  const idOf = (ref: PlanRef) => (ref.startsWith("r:") ? newIds[Number(ref.slice(2))] : Number(ref.slice(2)));
  for (const link of plan.links) {
    const predecessorId = idOf(link.predecessor);
    const successorId = idOf(link.successor);
    await linkInitiatives(trx, predecessorId, successorId);
    await setOutcomeSuccessor(trx, predecessorId, successorId);
    await appendHistory(trx, {
      initiativeId: predecessorId, actorId, at: now, action: "initiative.linked", entity: "initiative_link",
      entityId: successorId, after: { predecessor_id: predecessorId, successor_id: successorId, successor_title: link.successorTitle },
    });
    report.links.push({ predecessor: link.predecessorTitle, successor: link.successorTitle, predecessorId, successorId, score: link.score });
  }
  return report;
}

/** Imports validated rows in one transaction: everything or nothing (an unknown owner refuses the whole file). */
export async function importUipRows(
  db: Db,
  rows: readonly UipRow[],
  actorId: number | null,
  now: string,
  opts: { onProgress?: WriteProgress; /** More writes in the same transaction (the job's own row). */ alsoInTransaction?: (trx: Executor, report: ImportReport) => Promise<void> } = {},
): Promise<UipImportResult> {
  try {
    const report = await db.transaction().execute(async (trx) => {
      const r = await importUipRowsInTransaction(trx, rows, actorId, now, opts.onProgress);
      await opts.alsoInTransaction?.(trx, r);
      return r;
    });
    return { ok: true, report };
  } catch (e) {
    if (e instanceof UipRowsRefused) return { ok: false, errors: e.errors };
    throw e;
  }
}
