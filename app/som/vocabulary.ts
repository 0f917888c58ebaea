// The SØM vocabulary: the scenarios a calculation can be, and the assumption checklist saved with each
// version. Pure (no imports), so the engine, the forms, the workbook and db/ (as types) share one list.
// The scenario list is also frozen in the migration's CHECK constraint (2026-11-23T1400_som_calculations),
// which may not import anything.

export const SOM_SCENARIOS = ["cautious", "expected", "optimistic"] as const;
export type SomScenario = (typeof SOM_SCENARIOS)[number];

/** How well the knowledge behind a calculation fits the intervention (SØM's "tjekliste"). */
export const CHECKLIST_MATCHES = ["yes", "partly", "no"] as const;
export type ChecklistMatch = (typeof CHECKLIST_MATCHES)[number];

export interface SomChecklist {
  /** Does the target group of the effect study / consequence estimates match the intervention's? */
  targetGroupMatch: ChecklistMatch;
  targetGroupNote: string;
  /** Does the effect measure match the success measure the consequence estimates assume? */
  effectMeasureMatch: ChecklistMatch;
  effectMeasureNote: string;
  /** Where the success rate comes from (study, own data, the knowledge database …). */
  effectSource: string;
  /** The year all prices are stated in (moved there with the net price index). */
  priceYear: number;
}
