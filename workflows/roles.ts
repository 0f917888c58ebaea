// Which roles someone acting holds. A user may hold several (a program manager who also sits in a steering
// group, DECISIONS 0091): `roles` lists them all, `role` is the primary one. Every rule asks here, never
// `actor.role === …`, so a role held besides the primary one counts everywhere. Strings, so that workflows
// need not import the database's types.

export interface RoleHolder {
  /** The primary role (users.role). */
  role: string;
  /** Every role the user holds, the primary one included; when absent, the primary role alone. */
  roles?: readonly string[];
}

export function rolesHeld(actor: RoleHolder | null | undefined): readonly string[] {
  if (!actor) return [];
  return actor.roles?.length ? actor.roles : [actor.role];
}

export function holdsRole(actor: RoleHolder | null | undefined, role: string): boolean {
  return rolesHeld(actor).includes(role);
}

export function holdsAnyRole(actor: RoleHolder | null | undefined, roles: readonly string[]): boolean {
  return rolesHeld(actor).some((r) => roles.includes(r));
}
