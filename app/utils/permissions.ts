// Who may do what. Checked on the server in every action (403 otherwise); the UI uses it to hide buttons.
import type { Role } from "#db/schema";

export const PERMISSIONS = {
  "initiative.create": ["program_manager"],
  "initiative.edit": ["program_manager"],
  "initiative.import": ["program_manager", "admin"],
  "assessment.edit": ["program_manager"],
  "involvement.add": ["program_manager"],
  "decision.create": ["steering_group"],
  "meeting.manage": ["steering_group"],
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

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
