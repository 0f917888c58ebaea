// Each role's home page: where the front door (app/routes/_index.tsx) sends a logged-in user.
import type { Role } from "#db/schema";

export const ROLE_HOME: Record<Role, string> = {
  steering_group: "/styregruppe",
  program_manager: "/mine-initiativer",
  knowledge_staff: "/udgivelser",
  admin: "/admin/brugere",
};
