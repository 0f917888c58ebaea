// One public release (no login), by slug or id: maturity banner, "not yet reviewed" while a forced release
// owes its review, the initiative and phase it comes from, the body, and its editions. A superseded edition
// stays readable and points to the newest; a withdrawn one answers 410 Gone with the reason; drafts and
// unknown addresses are 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { translator } from "~/i18n";
import { db } from "~/utils/db.server";
import { feedLinkDescriptors, langFromMatches } from "~/utils/feed-links";
import { loadPublicRelease } from "./release.server";
import { PublicReleaseError, PublicReleasePage } from "./ui";

// Public: conditional GETs and a shared cache until the next publication; works without JavaScript, ships none.
export const handle = { publicCache: true, scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const lang = langFromMatches(matches);
  const t = translator(lang);
  if (!data) return [{ title: `${t("portal.title")} · SUSI Tracker` }, ...feedLinkDescriptors(lang)];
  if (data.kind === "withdrawn") {
    return [{ title: `${t("portal.withdrawn.title")}: ${data.title} · SUSI Tracker` }, { name: "robots", content: "noindex" }, ...feedLinkDescriptors(lang)];
  }
  return [
    { title: `${data.release.title} · ${t("portal.title")}` },
    { name: "description", content: data.release.summary },
    ...(data.kind === "superseded" && data.newest ? [{ tagName: "link", rel: "canonical", href: `/viden/${data.newest.slug ?? data.newest.id}` }] : []),
    ...feedLinkDescriptors(lang, { area: data.release.area }),
  ];
};

export function loader({ params }: LoaderFunctionArgs) {
  return loadPublicRelease(db(), params.slugOrId ?? "");
}

export default PublicReleasePage;
export const ErrorBoundary = PublicReleaseError;
