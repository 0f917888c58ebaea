import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getUser(request)) ? "/initiativer" : "/login");
}
