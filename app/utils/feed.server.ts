// Atom 1.0 feeds of published knowledge releases, built with the `feed` package. One entry per release: its
// id is the release's first address (kept across editions, so a feed reader updates the entry rather than
// showing a correction as news) and its link the newest edition. Text is escaped for `type="html"` and
// stripped of characters XML 1.0 forbids, so nothing a writer types can make the feed unreadable.
import { Feed } from "feed";
import type { listFeedReleases } from "#db/queries/release-portal";
import { translator } from "~/i18n";
import { renderMarkdown } from "~/markdown/render";
import { publicBaseUrl } from "./public-url.server";

type FeedRow = Awaited<ReturnType<typeof listFeedReleases>>[number];

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/** The stylesheet a browser renders the feed with (a readable page explaining feeds); readers ignore it. */
export const FEED_STYLESHEET_PATH = "/viden/feed.xsl";

/**
 * Chromium shows application/atom+xml as plain text and never applies its stylesheet, so a browser's navigation
 * (it asks for text/html first) gets the same bytes as application/xml, which it renders through the XSLT; feed
 * readers, which ask for Atom or anything, get application/atom+xml (DECISIONS 0103).
 */
export function feedContentType(request: Request): string {
  const accept = request.headers.get("Accept") ?? "";
  return /\btext\/html\b/.test(accept) && !/application\/atom\+xml/.test(accept) ? "application/xml; charset=utf-8" : ATOM_CONTENT_TYPE;
}

/** The cached or fresh feed answer, with the content type this request gets (the cache keeps one per address). */
export async function asFeed(request: Request, answer: Promise<Response>): Promise<Response> {
  const response = await answer;
  if (response.status === 200) response.headers.set("Content-Type", feedContentType(request));
  response.headers.set("Vary", "Accept");
  return response;
}

/** Puts the xml-stylesheet processing instruction right after the XML declaration (DECISIONS 0103). */
export function withStylesheet(xml: string): string {
  const pi = `<?xml-stylesheet type="text/xsl" href="${FEED_STYLESHEET_PATH}"?>`;
  return /^<\?xml[^>]*\?>/.test(xml) ? xml.replace(/^(<\?xml[^>]*\?>)/, `$1\n${pi}`) : `${pi}\n${xml}`;
}

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function clean(s: string): string {
  return s.replace(XML_FORBIDDEN, "");
}

/** Plain text as HTML (the `feed` package writes titles and summaries as type="html" CDATA). */
function asHtml(s: string): string {
  return clean(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface FeedSpec {
  /** Shown as the feed's title, after "Viden til kommuner". */
  subtitle?: string;
  /** The feed's own path, e.g. /viden/feed.atom. */
  selfPath: string;
  /** The portal page the feed mirrors, e.g. /viden?area=adults. */
  pagePath: string;
}

export function atomResponse(request: Request, spec: FeedSpec, rows: FeedRow[]): Response {
  const base = publicBaseUrl();
  const t = translator("da");
  const title = spec.subtitle ? `${t("portal.feed.title")}: ${spec.subtitle}` : t("portal.feed.title");
  const newest = rows[0]?.published_at;
  const feed = new Feed({
    id: `${base}${spec.selfPath}`,
    title: clean(title),
    description: t("portal.feed.description"),
    link: `${base}${spec.pagePath}`,
    feed: `${base}${spec.selfPath}`,
    language: "da",
    updated: newest ? new Date(newest) : new Date(0),
    author: { name: t("app.owner") },
    copyright: t("app.owner"),
    generator: false,
  });
  for (const r of rows) {
    const address = `${base}/viden/${encodeURIComponent(r.slug ?? String(r.id))}`;
    const maturity = r.maturity ? `<p><strong>${t("maturity.label")}:</strong> ${t(`maturity.${r.maturity}`)}</p>` : "";
    const unreviewed = r.force_published === 1 && r.reviewed_at === null ? `<p><strong>${t("releases.notReviewed")}</strong></p>` : "";
    feed.addItem({
      id: `${base}/viden/${r.root_id ?? r.id}`,
      title: asHtml(r.edition > 1 ? `${r.title} (${t("releases.editionN", { edition: r.edition })})` : r.title),
      link: address,
      date: new Date(r.published_at ?? 0),
      published: new Date(r.first_published_at ?? r.published_at ?? 0),
      description: asHtml(r.summary),
      // HTML in CDATA: "]]>" would end the section early; "]]&gt;" means the same to an HTML reader.
      content: clean(maturity + unreviewed + renderMarkdown(r.body_md)).replaceAll("]]>", "]]&gt;"),
      // Categories are attributes, where `feed` escapes only "&": a topic with "<" is left out rather than break the XML.
      category: r.topics.filter((topic) => !topic.includes("<")).map((topic) => ({ term: clean(topic), name: clean(topic) })),
    });
  }
  return new Response(withStylesheet(feed.atom1()), {
    headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=300", Vary: "Accept" },
  });
}
