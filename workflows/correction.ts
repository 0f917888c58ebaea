// An administrator's correction of an initiative's governed fields (phase, status, track): the only way
// around the steering-group gate, for when the data is wrong (a bad import, a slip at registration). It is
// never silent: it needs a written reason and is recorded and shown as a correction. Pure.
import { STATUSES, type InitiativeStatus } from "./decision";
import { isPhasePeriod, type PhasePeriod, type Track } from "./phase-model";
import { holdsRole, type RoleHolder } from "./roles";

export const GOVERNED_FIELDS = ["phase", "status", "track"] as const;
export type GovernedField = (typeof GOVERNED_FIELDS)[number];

export interface GovernedState {
  phase: PhasePeriod;
  status: InitiativeStatus;
  track: Track | null;
}

export const CORRECTION_REASON_MIN = 10;
export const CORRECTION_REASON_MAX = 2000;

export type CorrectionRefusal =
  | { code: "not_admin" }
  | { code: "reason_missing" }
  | { code: "reason_too_short"; min: number }
  | { code: "reason_too_long"; max: number }
  | { code: "value_invalid"; field: GovernedField }
  | { code: "nothing_changed" };

export interface CorrectionChange {
  field: GovernedField;
  before: string | null;
  after: string | null;
}

export interface CorrectionEffect {
  patch: Partial<GovernedState>;
  changes: CorrectionChange[];
  reason: string;
}

/** The values asked for, as the form sends them: absent means "leave as it is"; track "none" is no track. */
export interface CorrectionInput {
  phase?: string;
  status?: string;
  track?: string;
  reason: string;
}

function readValue(field: GovernedField, raw: string): { ok: true; value: PhasePeriod | InitiativeStatus | Track | null } | { ok: false } {
  if (field === "phase") return isPhasePeriod(raw) ? { ok: true, value: raw } : { ok: false };
  if (field === "status") return (STATUSES as readonly string[]).includes(raw) ? { ok: true, value: raw as InitiativeStatus } : { ok: false };
  if (raw === "none") return { ok: true, value: null };
  return raw === "1" || raw === "2" ? { ok: true, value: Number(raw) as Track } : { ok: false };
}

const show = (v: unknown) => (v === null || v === undefined ? null : String(v));

/**
 * The correction an administrator asks for, or every refusal at once. Only an administrator corrects; the
 * reason is required (at least CORRECTION_REASON_MIN characters, so "fejl" is not a reason); at least one
 * field must actually change. Each changed field is listed with its value before and after.
 */
export function correct(actor: RoleHolder, current: GovernedState, input: CorrectionInput): { ok: true; value: CorrectionEffect } | { ok: false; refusals: CorrectionRefusal[] } {
  if (!holdsRole(actor, "admin")) return { ok: false, refusals: [{ code: "not_admin" }] };
  const refusals: CorrectionRefusal[] = [];
  const reason = input.reason.trim();
  if (reason === "") refusals.push({ code: "reason_missing" });
  else if (reason.length < CORRECTION_REASON_MIN) refusals.push({ code: "reason_too_short", min: CORRECTION_REASON_MIN });
  else if (reason.length > CORRECTION_REASON_MAX) refusals.push({ code: "reason_too_long", max: CORRECTION_REASON_MAX });
  const patch: Partial<GovernedState> = {};
  const changes: CorrectionChange[] = [];
  for (const field of GOVERNED_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    const parsed = readValue(field, raw.trim());
    if (!parsed.ok) {
      refusals.push({ code: "value_invalid", field });
      continue;
    }
    if (parsed.value === current[field]) continue;
    (patch as Record<string, unknown>)[field] = parsed.value;
    changes.push({ field, before: show(current[field]), after: show(parsed.value) });
  }
  if (!refusals.some((r) => r.code === "value_invalid") && changes.length === 0) refusals.push({ code: "nothing_changed" });
  if (refusals.length) return { ok: false, refusals };
  return { ok: true, value: { patch, changes, reason } };
}
