// What the edit form may change on an initiative. Phase and status change only through a steering-group
// decision (workflows/decision.ts) or an administrator's correction (workflows/correction.ts); the track is
// the program manager's choice while the initiative is in screening and is fixed by the decision that leaves it. Pure.
import type { GovernedField } from "./correction";
import type { Framework, InitiativeStatus } from "./decision";
import { leavesScreening, type PhasePeriod } from "./phase-model";

export { GOVERNED_FIELDS, type GovernedField } from "./correction";

export type EditRefusal = { code: "governed_field"; field: GovernedField };

/** The form fields the edit form may not carry for this initiative: phase and status always, track once screening is left. */
export function forbiddenEditFields(initiative: { phase: PhasePeriod }): GovernedField[] {
  return leavesScreening(initiative.phase) ? ["phase", "status"] : ["phase", "status", "track"];
}

/** Refusals for a submitted edit that carries any governed field it may not (present at all counts: the form has none). */
export function editRefusals(initiative: { phase: PhasePeriod }, submittedFieldNames: Iterable<string>): EditRefusal[] {
  const names = new Set(submittedFieldNames);
  return forbiddenEditFields(initiative).filter((f) => names.has(f)).map((field) => ({ code: "governed_field", field }));
}

/**
 * The governed state an initiative is created with from the form: active, under the SUSI 2.0 framework, in
 * the phase the form names, with the track the program manager chose (or none yet). Imported initiatives get
 * theirs from the UIP data instead (workflows/import.ts).
 */
export function newInitiativeState(phase: PhasePeriod, track: "1" | "2" | null | undefined): NewInitiativeState {
  return { phase, status: "active", framework: "susi2", track: track ? (Number(track) as 1 | 2) : null };
}

export interface NewInitiativeState {
  phase: PhasePeriod;
  status: InitiativeStatus;
  framework: Framework;
  track: 1 | 2 | null;
}
