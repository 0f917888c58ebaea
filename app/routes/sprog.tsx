// The language switch: remembers the choice in a cookie for a year and returns to the page.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLang } from "~/i18n";
import { readForm, safeRedirect } from "~/utils/http.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const to = safeRedirect(form.get("redirectTo"), "/");
  if (!isLang(lang)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` } });
}

export async function loader() {
  return redirect("/");
}
