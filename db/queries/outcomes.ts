// Phase outcomes (DECISIONS 0094): what became of an initiative when a phase ended, written by a decision
// or by the import from the source table ("fra kilden"), and read for the initiative page, the decision
// record and the portfolio. The rules are workflows/outcome.ts; this module stores and reads.
import type { Executor } from "../client";
import type { PhasePeriod } from "../../workflows/phase-model";
import type { OutcomeMethod, PhaseOutcome, SourceAmbiguity } from "../../workflows/outcome";

export interface NewPhaseOutcome {
  initiativeId: number;
  phase: PhasePeriod;
  outcome: PhaseOutcome;
  successorId: number | null;
  fromSource: boolean;
  ambiguity: SourceAmbiguity | null;
  decisionId: number | null;
}

export interface PhaseOutcomeView extends PhaseOutcome {
  id: number;
  initiativeId: number;
  phase: PhasePeriod;
  successorId: number | null;
  fromSource: boolean;
  ambiguity: SourceAmbiguity | null;
  decisionId: number | null;
  createdAt: string;
}

/** The stored JSON, read defensively: a malformed value shows as no methods rather than breaking the page. */
export function parseMethods(json: string): OutcomeMethod[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v
      .filter((m): m is OutcomeMethod => !!m && typeof m === "object" && typeof (m as OutcomeMethod).passed === "boolean")
      .map((m) => ({ name: typeof m.name === "string" ? m.name : null, passed: m.passed }));
  } catch {
    return [];
  }
}

/** Inserts outcomes, many rows per statement (the import writes one per ended row). */
export async function insertPhaseOutcomes(trx: Executor, rows: readonly NewPhaseOutcome[], now: string): Promise<void> {
  if (!rows.length) return;
  await trx.insertInto("phase_outcomes").values(rows.map((r) => ({
    initiative_id: r.initiativeId, phase: r.phase, kind: r.outcome.kind, verdict: r.outcome.verdict, reason: r.outcome.reason,
    note: r.outcome.note, methods: JSON.stringify(r.outcome.methods), successor_id: r.successorId, successor_title: r.outcome.successorTitle,
    continues_in_year: r.outcome.continuesInYear, recommended: r.outcome.recommended ? 1 : 0, from_source: r.fromSource ? 1 : 0,
    ambiguity: r.ambiguity, decision_id: r.decisionId, created_at: now,
  }))).execute();
}

/** Points the carried-on outcome of `predecessorId` at the successor the import linked it to. */
export async function setOutcomeSuccessor(trx: Executor, predecessorId: number, successorId: number): Promise<void> {
  await trx.updateTable("phase_outcomes").set({ successor_id: successorId })
    .where("initiative_id", "=", predecessorId).where("kind", "=", "carried_on").where("successor_id", "is", null).execute();
}

function view(r: {
  id: number; initiative_id: number; phase: PhasePeriod; kind: PhaseOutcome["kind"]; verdict: PhaseOutcome["verdict"]; reason: PhaseOutcome["reason"];
  note: string; methods: string; successor_id: number | null; successor_title: string | null; continues_in_year: number | null;
  recommended: number; from_source: number; ambiguity: SourceAmbiguity | null; decision_id: number | null; created_at: string;
}): PhaseOutcomeView {
  return {
    id: r.id, initiativeId: r.initiative_id, phase: r.phase, kind: r.kind, verdict: r.verdict, reason: r.reason, note: r.note,
    methods: parseMethods(r.methods), successorId: r.successor_id, successorTitle: r.successor_title,
    continuesInYear: r.continues_in_year === null ? null : Number(r.continues_in_year), recommended: Number(r.recommended) === 1,
    fromSource: Number(r.from_source) === 1, ambiguity: r.ambiguity, decisionId: r.decision_id, createdAt: r.created_at,
  };
}

/** An initiative's phase outcomes, earliest first. */
export async function listPhaseOutcomes(db: Executor, initiativeId: number): Promise<PhaseOutcomeView[]> {
  const rows = await db.selectFrom("phase_outcomes").selectAll().where("initiative_id", "=", initiativeId).orderBy("id").execute();
  return rows.map(view);
}

/** The outcome a decision recorded, if any. */
export async function getDecisionOutcome(db: Executor, decisionId: number): Promise<PhaseOutcomeView | null> {
  const row = await db.selectFrom("phase_outcomes").selectAll().where("decision_id", "=", decisionId).executeTakeFirst();
  return row ? view(row) : null;
}
