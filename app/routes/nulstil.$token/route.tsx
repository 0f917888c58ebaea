// A one-time link to set a new password, sent by an admin from /admin/brugere (workflows/password-reset.ts).
// GET shows the form (or why the link no longer works); the POST sets the password and sends the user to log in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { clientAddress } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/http.server";
import { metaT } from "~/utils/i18n";
import { getLang } from "~/utils/i18n.server";
import { linkStep, resetStep } from "./reset.server";

export { ResetPage as default } from "./ui";

export const meta: MetaFunction = ({ matches }) => [
  { title: `${metaT(matches)("reset.title")} · SUSI Tracker` }, { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return linkStep(db(), params.token, clientAddress(context), getLang(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const answer = await resetStep(db(), params.token, await readForm(request), clientAddress(context), getLang(request));
  return answer === "done" ? redirectWithFlash(request, "/login", "flash.account.passwordReset") : answer;
}
