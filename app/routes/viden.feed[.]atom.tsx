// Atom feed of every published knowledge release: /viden/feed.atom.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFeedReleases } from "#db/queries/release-portal";
import { db } from "~/utils/db.server";
import { asFeed, atomResponse } from "~/utils/feed.server";
import { publicCached } from "~/utils/http-cache.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return asFeed(request, publicCached(db(), request, async () => atomResponse(request, { selfPath: "/viden/feed.atom", pagePath: "/viden" }, await listFeedReleases(db(), {}))));
}
