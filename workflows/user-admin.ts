// The rules of user administration. Pure: the caller reads the acting admin and the target user fresh inside
// its transaction (so two admins demoting each other at once cannot leave the system without one) and writes
// what these allow. An admin can never lock themselves out: no self-deactivation, no giving up their own
// admin role. Refusals name the rule; their words are account.refusal.* (app/i18n/refusals.ts).
import type { Role } from "#db/schema";
import { holdsRole } from "./roles";

export type UserAdminRefusal = { code: "not_admin" } | { code: "own_admin_role" } | { code: "own_deactivate" } | { code: "inactive_target" };

export interface Actor {
  id: number;
  active: number | boolean;
  /** The primary role; `roles` (workflows/roles.ts) every role held. */
  role: Role;
  roles?: readonly Role[];
}

export type Check = { ok: true } | { ok: false; refusal: UserAdminRefusal };

const ok: Check = { ok: true };
const refuse = (code: UserAdminRefusal["code"]): Check => ({ ok: false, refusal: { code } });

/** Only an active admin administers users (checked again inside every change). */
export function mayAdminister(actor: Actor | undefined): Check {
  return actor && actor.active && holdsRole(actor, "admin") ? ok : refuse("not_admin");
}

/** A user's roles may be set to any non-empty set, except that an admin keeps their own admin role. */
export function mayChangeRoles(actor: Actor, targetId: number, roles: readonly Role[]): Check {
  const admin = mayAdminister(actor);
  if (!admin.ok) return admin;
  return targetId === actor.id && !roles.includes("admin") ? refuse("own_admin_role") : ok;
}

/**
 * The roles in the order they are stored: the primary role (shown beside the name) first. It stays what it
 * was while the user still holds it; otherwise the first of the new roles.
 */
export function orderRoles(currentPrimary: Role, roles: readonly Role[], order: readonly Role[]): Role[] {
  const wanted = order.filter((r) => roles.includes(r));
  return wanted.includes(currentPrimary) ? [currentPrimary, ...wanted.filter((r) => r !== currentPrimary)] : wanted;
}

export function maySetActive(actor: Actor, targetId: number, active: boolean): Check {
  const admin = mayAdminister(actor);
  if (!admin.ok) return admin;
  return targetId === actor.id && !active ? refuse("own_deactivate") : ok;
}


/** A one-time password link (workflows/password-reset.ts) goes only to an active user: reactivate first. */
export function maySendResetLink(actor: Actor, target: { active: number | boolean }): Check {
  const admin = mayAdminister(actor);
  if (!admin.ok) return admin;
  return target.active ? ok : refuse("inactive_target");
}
