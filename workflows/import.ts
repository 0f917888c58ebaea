// The governed state an initiative imported from the UIP table starts in (DECISIONS 0010, 0085). The import
// records history that happened before the tracker: the phase the source names, a status read from its
// outcome text, the SUSI framework of its agreement years, and no track (a track is chosen in screening by a
// program manager). An initiative the file names that already exists keeps its state: the import never
// changes the phase, status or track of anything already in the register. Pure: no I/O.
import type { Framework, InitiativeStatus } from "./decision";
import type { PhasePeriod, Track } from "./phase-model";

/** SUSI 2.0 is from 2022 (seed 003): initiatives under an agreement from that year on follow it. */
export const SUSI2_FIRST_YEAR = 2022;

function key(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

/**
 * The initiative's status from the source's "continued to next phase" text (our reading, DECISIONS 0010):
 * "Nej…" stopped; "Ja (…)", "…indstilles til videreførelse…", "…kan ikke videreføres" (dissemination)
 * or "…afsluttet…" completed; nothing recorded means still running. Any other text keeps it active.
 */
export function deriveStatus(outcome: string | null): InitiativeStatus {
  if (!outcome) return "active";
  const o = key(outcome);
  if (/^nej\b/u.test(o)) return "stopped";
  if (/^ja\b/u.test(o)) return "completed";
  if (o.includes("indstilles til videreførelse") || o.includes("kan ikke videreføres") || o.includes("afsluttet")) {
    return "completed";
  }
  return "active";
}

export function deriveFramework(years: readonly number[]): Framework {
  return Math.max(...years) >= SUSI2_FIRST_YEAR ? "susi2" : "susi1";
}

export interface ImportedState {
  phase: PhasePeriod;
  status: InitiativeStatus;
  framework: Framework;
  track: Track | null;
}

/** The state a new initiative from the source table is created in: its recorded phase, the status its outcome says. */
export function importedInitiativeState(source: { phase: PhasePeriod; outcome: string | null; agreementYears: readonly number[] }): ImportedState {
  return { phase: source.phase, status: deriveStatus(source.outcome), framework: deriveFramework(source.agreementYears), track: null };
}
