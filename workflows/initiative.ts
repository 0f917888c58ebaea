// What the edit form may change on an initiative, and an administrator's correction of a governed field.
// Phase and status change only through a steering-group decision; the track is the program manager's
// choice while the initiative is in screening and is fixed by the decision that leaves it. Pure.
import { STATUSES, type InitiativeStatus } from "./decision";
import { isPhasePeriod, leavesScreening, type PhasePeriod, type Track } from "./phase-model";

export const GOVERNED_FIELDS = ["phase", "status", "track"] as const;
export type GovernedField = (typeof GOVERNED_FIELDS)[number];

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

export type CorrectionRefusal =
  | { code: "reason_missing" }
  | { code: "reason_too_short"; min: number }
  | { code: "value_invalid"; field: GovernedField }
  | { code: "unchanged"; field: GovernedField };

export interface GovernedState {
  phase: PhasePeriod;
  status: InitiativeStatus;
  track: Track | null;
}

export interface CorrectionEffect {
  field: GovernedField;
  before: string | null;
  after: string | null;
  patch: Partial<GovernedState>;
  reason: string;
}

export const CORRECTION_REASON_MIN = 10;

function readValue(field: GovernedField, raw: string): { ok: true; value: PhasePeriod | InitiativeStatus | Track | null } | { ok: false } {
  if (field === "phase") return isPhasePeriod(raw) ? { ok: true, value: raw } : { ok: false };
  if (field === "status") return (STATUSES as readonly string[]).includes(raw) ? { ok: true, value: raw as InitiativeStatus } : { ok: false };
  if (raw === "" || raw === "none") return { ok: true, value: null };
  return raw === "1" || raw === "2" ? { ok: true, value: Number(raw) as Track } : { ok: false };
}

/**
 * The only way around the gate: an administrator sets one governed field to a new value and writes why
 * (wrong data imported, say). The correction is recorded and shown as one; it is never silent.
 */
export function correct(
  current: GovernedState,
  input: { field: GovernedField; value: string; reason: string },
): { ok: true; value: CorrectionEffect } | { ok: false; refusals: CorrectionRefusal[] } {
  const refusals: CorrectionRefusal[] = [];
  const reason = input.reason.trim();
  if (reason === "") refusals.push({ code: "reason_missing" });
  else if (reason.length < CORRECTION_REASON_MIN) refusals.push({ code: "reason_too_short", min: CORRECTION_REASON_MIN });
  const parsed = readValue(input.field, input.value.trim());
  if (!parsed.ok) refusals.push({ code: "value_invalid", field: input.field });
  else if (parsed.value === current[input.field]) refusals.push({ code: "unchanged", field: input.field });
  if (refusals.length || !parsed.ok) return { ok: false, refusals };
  const show = (v: unknown) => (v === null ? null : String(v));
  return {
    ok: true,
    value: {
      field: input.field,
      before: show(current[input.field]),
      after: show(parsed.value),
      patch: { [input.field]: parsed.value } as Partial<GovernedState>,
      reason,
    },
  };
}
