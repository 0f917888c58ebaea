// The governed state an initiative imported from the UIP table starts in (DECISIONS 0010, 0085). The import
// records history that happened before the tracker: the phase the source names, a status read from its
// two outcome columns, the outcome of the phase they record as ended (workflows/outcome.ts), the SUSI framework
// of its agreement years, and no track (a track is chosen in screening by a program manager). An initiative
// the file names that already exists keeps its state: the import never changes the phase, status or track of
// anything already in the register. Pure: no I/O.
import type { Framework, InitiativeStatus } from "./decision";
import type { PhasePeriod, Track } from "./phase-model";
import { readSourceOutcome, type PhaseOutcome, type SourceAmbiguity } from "./outcome";

/** SUSI 2.0 is from 2022 (seed 003): initiatives under an agreement from that year on follow it. */
export const SUSI2_FIRST_YEAR = 2022;

/**
 * The initiative's status from the source's two outcome columns, as workflows/outcome.ts reads them
 * (DECISIONS 0095, superseding 0010's reading): still running when neither records an end; "Nej…" or
 * "indstilles ikke…" stopped; carried on, recommended for a later agreement or assessed without an answer
 * completed. Dissemination's "kan ikke videreføres" says nothing of an end: the initiative stays active.
 */
export function deriveStatus(outcome: string | null, assessment: string | null = null, phase: PhasePeriod = "screening"): InitiativeStatus {
  return readSourceOutcome({ phase, outcome, assessment }).status;
}

export function deriveFramework(years: readonly number[]): Framework {
  return Math.max(...years) >= SUSI2_FIRST_YEAR ? "susi2" : "susi1";
}

export interface ImportedState {
  phase: PhasePeriod;
  status: InitiativeStatus;
  framework: Framework;
  track: Track | null;
  /** The outcome of the phase the source records as ended, marked "fra kilden" when written; null while it runs. */
  phaseOutcome: PhaseOutcome | null;
  /** Why the source could be read otherwise (shown with the outcome, listed in DECISIONS 0095). */
  ambiguity: SourceAmbiguity | null;
}

/** The state a new initiative from the source table is created in: its recorded phase, the status its outcome says. */
export function importedInitiativeState(source: {
  phase: PhasePeriod; outcome: string | null; assessment: string | null; agreementYears: readonly number[];
  /** The successor a "Ja (<title>, UIP <year>)" names (db/import/match.ts reads it). */
  successor?: { title: string; year: number } | null;
}): ImportedState {
  const read = readSourceOutcome({
    phase: source.phase, outcome: source.outcome, assessment: source.assessment,
    successorTitle: source.successor?.title ?? null, successorYear: source.successor?.year ?? null,
  });
  return {
    phase: source.phase, status: read.status, framework: deriveFramework(source.agreementYears), track: null,
    phaseOutcome: read.outcome, ambiguity: read.ambiguity,
  };
}
