// Who may do what. Checked on the server in every action (403 otherwise); the UI uses it to hide buttons.
// A user may hold several roles (a program manager in a steering group): any of them grants its permissions.
import type { Role } from "#db/schema";

export const PERMISSIONS = {
  "initiative.create": ["program_manager"],
  "initiative.edit": ["program_manager"],
  "initiative.import": ["program_manager", "admin"],
  "assessment.edit": ["program_manager"],
  "involvement.add": ["program_manager"],
  "decision.create": ["steering_group"],
  "meeting.manage": ["steering_group"],
  // A meeting's minutes are part of the record every decision links to: all register staff read them.
  "meeting.read": ["program_manager", "steering_group", "knowledge_staff", "admin"],
  "users.manage": ["admin"],
  "audit.view": ["admin"],
  "initiative.correct": ["admin"],
  "condition.manage": ["program_manager", "steering_group"],
  "som.edit": ["program_manager"],
  "som.knowledge.edit": ["program_manager", "admin"],
  "release.edit": ["knowledge_staff"],
  "release.review": ["knowledge_staff"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Who is asking: a user (any of their roles counts), a bare role, or nobody. */
export type Subject = { roles: readonly Role[] } | Role | null | undefined;

function rolesOf(subject: Subject): readonly Role[] {
  if (!subject) return [];
  return typeof subject === "string" ? [subject] : subject.roles;
}

export function can(subject: Subject, permission: Permission): boolean {
  return rolesOf(subject).some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));
}

/** Whether a user holds a role (among possibly several), e.g. hasRole(user, "steering_group"). */
export function hasRole(subject: Subject, role: Role): boolean {
  return rolesOf(subject).includes(role);
}

/** An external assessor and nothing else: no user of the register (a second, register role lifts that). */
export function isExternalOnly(subject: Subject): boolean {
  const roles = rolesOf(subject);
  return roles.length > 0 && roles.every((r) => r === "external");
}
