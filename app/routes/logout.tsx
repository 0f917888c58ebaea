import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/auth.server";
import { guardRequest } from "~/utils/http.server";

export async function action({ request }: ActionFunctionArgs) {
  // No form to read, but a cross-site page must not log anyone out: the same origin check as every form.
  guardRequest(request);
  return logout(request);
}

export async function loader() {
  return redirect("/");
}
