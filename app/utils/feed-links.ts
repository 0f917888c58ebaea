// The Atom feeds' addresses and the <link rel="alternate"> descriptors every portal page advertises them with
// (through its `meta` export, so the browser and feed readers find them). Client-safe.
import type { MetaDescriptor } from "@remix-run/node";
import { translator, type Lang } from "~/i18n";

export const feedPaths = {
  all: "/viden/feed.atom",
  area: (area: string) => `/viden/feed/omraade/${encodeURIComponent(area)}.atom`,
  topic: (topic: string) => `/viden/feed/emne/${encodeURIComponent(topic)}.atom`,
  initiative: (id: number) => `/viden/feed/initiativ/${id}.atom`,
};

/** The all-releases feed, plus the area and topic feeds when the page is about one. */
export function feedLinkDescriptors(
  lang: Lang, scope: { area?: string | null; topic?: string | null; initiative?: { id: number; title: string } | null } = {},
): MetaDescriptor[] {
  const t = translator(lang);
  const link = (title: string, href: string): MetaDescriptor => ({ tagName: "link", rel: "alternate", type: "application/atom+xml", title, href });
  const out = [link(t("portal.feed.all"), feedPaths.all)];
  if (scope.area) out.push(link(t("portal.feed.area", { area: t(`area.${scope.area}`) }), feedPaths.area(scope.area)));
  if (scope.topic) out.push(link(t("portal.feed.topic", { topic: scope.topic }), feedPaths.topic(scope.topic)));
  if (scope.initiative) out.push(link(t("portal.feed.initiative", { title: scope.initiative.title }), feedPaths.initiative(scope.initiative.id)));
  return out;
}

/** The reader's language from the root loader's data, for meta functions (which cannot use hooks). */
export function langFromMatches(matches: readonly { id: string; data?: unknown }[]): Lang {
  const root = matches.find((m) => m.id === "root")?.data as { lang?: Lang } | undefined;
  return root?.lang === "en" ? "en" : "da";
}
