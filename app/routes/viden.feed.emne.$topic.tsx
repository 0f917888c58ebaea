// Atom feed per topic: /viden/feed/emne/<topic>.atom (the topic URL-encoded). The ".atom" is part of the
// parameter (a dynamic segment cannot be partial in Remix routes), so it is checked here. An unknown topic
// is an empty feed, not a 404: a reader may subscribe before the first release on it is published.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFeedReleases } from "#db/queries/release-portal";
import { normaliseTopics } from "#db/queries/releases";
import { RELEASE_LIMITS } from "#workflows/release";
import { db } from "~/utils/db.server";
import { asFeed, atomResponse } from "~/utils/feed.server";
import { publicCached } from "~/utils/http-cache.server";
import { feedPaths } from "~/utils/feed-links";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = /^(.+)\.atom$/s.exec(params.topic ?? "")?.[1];
  const topic = raw && raw.length <= RELEASE_LIMITS.topic ? normaliseTopics([raw])[0] : undefined;
  if (!topic) notFound();
  const spec = { subtitle: topic, selfPath: feedPaths.topic(topic), pagePath: `/viden?topic=${encodeURIComponent(topic)}` };
  return asFeed(request, publicCached(db(), request, async () => atomResponse(request, spec, await listFeedReleases(db(), { topic }))));
}
