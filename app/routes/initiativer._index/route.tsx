// The initiative list: filters and search in the query string, one page of rows (list.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { metaT } from "~/utils/i18n";
import { loadInitiativeList } from "./list.server";
import { InitiativeListPage } from "./ui";

// Logged-in readers get this page from memory until the database changes (page-cache.server.ts).
export const handle = { pageCache: true };

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaT(matches)("list.title")} · SUSI Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadInitiativeList(db(), request);
}

export default function InitiativesRoute() {
  return <InitiativeListPage />;
}
