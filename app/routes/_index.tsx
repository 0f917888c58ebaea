// The front door: each role lands where its work is (after login too: login sends everyone here).
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/utils/auth.server";
import { roleHome } from "~/utils/role-home";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return redirect(user ? roleHome(user) : "/login");
}
