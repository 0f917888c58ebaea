// The XSLT stylesheet every Atom feed names (<?xml-stylesheet?>): a browser opening a feed link shows a
// readable page (what a feed is, its address to copy, the releases in it; in its footer, like every public
// page, the accessibility statement and the privacy notice) while feed readers read the Atom as before. Served
// by a route rather than from public/ so its words come from app/i18n like every other page's (DECISIONS 0103);
// the content type is an XML one, as browsers require of a stylesheet under nosniff.
import { translator } from "~/i18n";

const XSLT_CONTENT_TYPE = "application/xslt+xml; charset=utf-8";

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function feedStylesheet(): string {
  const t = translator("da");
  const w = (key: Parameters<typeof t>[0]) => escapeXml(t(key));
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/atom:feed">
<html lang="da">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="atom:title"/></title>
<style>
body { font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 48rem; margin: 0 auto; padding: 1rem; }
a { color: #0059b3; } code { word-break: break-all; background: #f5f5f5; padding: 0.25rem; display: block; }
.app-feed-note { border-left: 4px solid #0059b3; background: #e6f0fa; padding: 0.75rem 1rem; }
li { margin-bottom: 1rem; }
footer { border-top: 1px solid #bfbfbf; margin-top: 2rem; padding-top: 1rem; }
footer li { display: inline; margin-right: 1.5rem; }
</style>
</head>
<body>
<main>
<h1><xsl:value-of select="atom:title"/></h1>
<p class="app-feed-note">${w("portal.feedPage.what")}</p>
<h2>${w("portal.feedPage.address")}</h2>
<code><xsl:value-of select="atom:link[@rel='self']/@href"/></code>
<h2>${w("portal.feedPage.entries")}</h2>
<ul>
<xsl:for-each select="atom:entry">
<li><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a><br/><xsl:value-of select="atom:summary"/></li>
</xsl:for-each>
</ul>
<p><a href="/viden">${w("portal.feedPage.back")}</a></p>
</main>
<footer>
<ul>
<li><a href="/tilgaengelighed">${w("footer.accessibility")}</a></li>
<li><a href="/privatliv">${w("footer.privacy")}</a></li>
</ul>
</footer>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`;
}

export async function loader() {
  return new Response(feedStylesheet(), { headers: { "Content-Type": XSLT_CONTENT_TYPE, "Cache-Control": "public, max-age=3600" } });
}
