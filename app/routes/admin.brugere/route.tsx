// User administration for admins: list users, create one, change a role, deactivate (after a confirmation)
// or reactivate, lift a login lockout, send a one-time link to a new password (after a confirmation). The rules are workflows/user-admin.ts; the steps users.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { resetHoursFrom } from "#workflows/password-reset";
import { requirePermission } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, nowIso, readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { changeRoleStep, createStep, loadUsers, resetLinkStep, setActiveStep, unlockStep, type Step } from "./users.server";

export { UsersPage as default } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("admin.title")} · SUSI Tracker` }];

const STEPS = new Map<string, Step>([
  ["create", createStep], ["role", changeRoleStep], ["deactivate", setActiveStep], ["reactivate", setActiveStep], ["unlock", unlockStep],
  ["reset_link", resetLinkStep],
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users.manage");
  return { users: await loadUsers(db(), nowIso()), currentUserId: actor.id, resetHours: resetHoursFrom(process.env.PASSWORD_RESET_HOURS) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users.manage");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const lang = getLang(request);
  const step = typeof intent === "string" ? STEPS.get(intent) : undefined;
  if (!step) badRequest('Unknown or missing "intent"');
  const answer = await step(db(), formData, actor, lang);
  return "flash" in answer ? redirectWithFlash(request, "/admin/brugere", answer.flash, { name: answer.name }) : answer;
}
