// The rules of user administration. Pure: the caller reads the acting admin and the target user fresh inside
// its transaction (so two admins demoting each other at once cannot leave the system without one) and writes
// what these allow. An admin can never lock themselves out: no self-deactivation, no giving up their own
// admin role. Refusals name the rule; their words are account.refusal.* (app/i18n/refusals.ts).
import type { Role } from "#db/schema";

export type UserAdminRefusal = { code: "not_admin" } | { code: "own_admin_role" } | { code: "own_deactivate" };

export interface Actor {
  id: number;
  active: number | boolean;
  role: Role;
}

export type Check = { ok: true } | { ok: false; refusal: UserAdminRefusal };

const ok: Check = { ok: true };
const refuse = (code: UserAdminRefusal["code"]): Check => ({ ok: false, refusal: { code } });

/** Only an active admin administers users (checked again inside every change). */
export function mayAdminister(actor: Actor | undefined): Check {
  return actor && actor.active && actor.role === "admin" ? ok : refuse("not_admin");
}

export function mayChangeRole(actor: Actor, targetId: number, role: Role): Check {
  const admin = mayAdminister(actor);
  if (!admin.ok) return admin;
  return targetId === actor.id && role !== "admin" ? refuse("own_admin_role") : ok;
}

export function maySetActive(actor: Actor, targetId: number, active: boolean): Check {
  const admin = mayAdminister(actor);
  if (!admin.ok) return admin;
  return targetId === actor.id && !active ? refuse("own_deactivate") : ok;
}

