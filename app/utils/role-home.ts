// Each role's home page: where the front door (app/routes/_index.tsx) sends a logged-in user.
import type { Role } from "#db/schema";

export const ROLE_HOME: Record<Role, string> = {
  steering_group: "/styregruppe",
  program_manager: "/mine-initiativer",
  knowledge_staff: "/udgivelser",
  admin: "/admin/brugere",
  // An external assessor reaches only the assessments that name them (DECISIONS 0059).
  external: "/mine-vurderinger",
};

/** Which role's home a user with several roles lands on: their daily work before meetings and administration. */
export const HOME_PRIORITY: readonly Role[] = ["program_manager", "knowledge_staff", "steering_group", "admin"];

/** The home of a user's most everyday role (a program manager in a steering group lands on their initiatives). */
export function roleHome(user: { roles: readonly Role[] }): string {
  const role = HOME_PRIORITY.find((r) => user.roles.includes(r));
  return (role && ROLE_HOME[role]) ?? "/initiativer";
}
