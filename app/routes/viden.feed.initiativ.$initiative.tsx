// Atom feed per initiative: /viden/feed/initiativ/<id>.atom, the initiative's published releases. The ".atom"
// is part of the parameter (a dynamic segment cannot be partial in Remix routes), so it is checked here. Only
// an initiative the public can see (one with a published release, DECISIONS 0102) has a feed; any other is 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicInitiative } from "#db/queries/initiative-follow";
import { listFeedReleases } from "#db/queries/release-portal";
import { db } from "~/utils/db.server";
import { asFeed, atomResponse } from "~/utils/feed.server";
import { publicCached } from "~/utils/http-cache.server";
import { feedPaths } from "~/utils/feed-links";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = /^([1-9][0-9]{0,9})\.atom$/.exec(params.initiative ?? "")?.[1];
  const initiative = raw ? await getPublicInitiative(db(), Number(raw)) : undefined;
  if (!initiative) notFound();
  return asFeed(request, publicCached(db(), request, async () => {
    const rows = await listFeedReleases(db(), { initiativeId: initiative.id });
    const pagePath = `/viden/${encodeURIComponent(rows[0]?.slug ?? String(rows[0]?.id ?? ""))}`;
    return atomResponse(request, { subtitle: initiative.title, selfPath: feedPaths.initiative(initiative.id), pagePath }, rows);
  }));
}
