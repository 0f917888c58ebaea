// The user's own account: who they are, and changing their password (current password required; their
// sessions elsewhere end).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readCookie, requireUser, SESSION_COOKIE } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { changePasswordStep } from "./password.server";

export { AccountPage as default } from "./ui";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("account.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, roles: user.roles };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const answer = await changePasswordStep(db(), await readForm(request), user, readCookie(request, SESSION_COOKIE));
  return answer === "changed" ? redirectWithFlash(request, "/konto", "flash.account.passwordChanged") : answer;
}
