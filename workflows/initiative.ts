// What the edit form may change on an initiative. Phase and status change only through a steering-group
// decision (workflows/decision.ts) or an administrator's correction (workflows/correction.ts); the track is
// the program manager's choice while the initiative is in screening and is fixed by the decision that leaves it. Pure.
import type { GovernedField } from "./correction";
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
