// Atom feed per area: /viden/feed/omraade/adults.atom and /viden/feed/omraade/children.atom. The ".atom" is
// part of the parameter (a dynamic segment cannot be partial in Remix routes), so it is checked here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFeedReleases } from "#db/queries/release-portal";
import { RELEASE_AREAS, type ReleaseArea } from "#workflows/release";
import { translator } from "~/i18n";
import { db } from "~/utils/db.server";
import { asFeed, atomResponse } from "~/utils/feed.server";
import { publicCached } from "~/utils/http-cache.server";
import { feedPaths } from "~/utils/feed-links";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const area = /^(.+)\.atom$/.exec(params.area ?? "")?.[1];
  if (!area || !(RELEASE_AREAS as readonly string[]).includes(area)) notFound();
  const spec = { subtitle: translator("da")(`area.${area}`), selfPath: feedPaths.area(area), pagePath: `/viden?area=${area}` };
  return asFeed(request, publicCached(db(), request, async () => atomResponse(request, spec, await listFeedReleases(db(), { area: area as ReleaseArea }))));
}
