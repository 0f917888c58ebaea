// Markdown (GFM) → safe HTML for knowledge releases. marked only formats; sanitize-html with a strict
// allowlist is the security boundary, so raw HTML in the Markdown is allowed exactly as far as the list goes.
// Server-safe (no DOM): call it in loaders and send the HTML string, which keeps both libraries out of the
// browser bundle.
import { Marked, type Token, type Tokens, type TokensList } from "marked";
import sanitizeHtml from "sanitize-html";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// Our own instance: configuring the shared `marked` object would change it for every other importer.
const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Images are not allowed (remote images track readers of a public page and can be anything), but the
    // author's alt text and target should not vanish: render them as a link, which the sanitizer still checks.
    image({ href, text }: Tokens.Image) {
      const label = text.trim() === "" ? href : text;
      return `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
    },
    // Form inputs are not allowed either; a task-list box becomes a character so its state still shows.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? "☑ " : "☐ ";
    },
  },
});

const SAFE_SCHEMES = ["http", "https", "mailto"];

// The page's own <h1> is the release title, so the body's headings move one level down (# → h2).
const demote = (level: number) => (_tag: string, attribs: sanitizeHtml.Attributes) => ({
  tagName: `h${Math.min(level + 1, 6)}`,
  attribs,
});

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "h5", "h6",
    "p", "br", "hr",
    "ul", "ol", "li",
    "a", "em", "strong", "del",
    "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    ol: ["start"],
    th: [{ name: "align", multiple: false, values: ["left", "center", "right"] }],
    td: [{ name: "align", multiple: false, values: ["left", "center", "right"] }],
  },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  // "//evil.example" would borrow the page's scheme and leave the site; plain relative links stay on it.
  allowProtocolRelative: false,
  // Unknown tags go, their text stays; script/style/textarea/noscript lose their content too (the default).
  disallowedTagsMode: "discard",
  transformTags: {
    h1: demote(1),
    h2: demote(2),
    h3: demote(3),
    h4: demote(4),
    h5: demote(5),
    h6: demote(6),
    a: (_tag, attribs) => ({ tagName: "a", attribs: { ...attribs, rel: "noopener noreferrer" } }),
  },
};

function renderTokens(tokens: Token[], links: TokensList["links"]): string {
  return sanitizeHtml(marked.parser(Object.assign(tokens, { links }) as TokensList), OPTIONS);
}

/**
 * Drops every heading whose section holds nothing a reader would see: a prompt left as an HTML comment, an
 * empty line, or only empty sub-sections ("## Det kan kommuner og tilbud bruge" with nothing under it, even
 * twice). A section is the blocks up to the next heading of the same or a higher level.
 */
function withoutEmptySections(tokens: TokensList): Token[] {
  const visible = tokens.map((t) => t.type !== "heading" && renderTokens([t], tokens.links).trim() !== "");
  // Blocks that render to nothing (a comment, an empty line) go too: they would leave only stray whitespace.
  return tokens.filter((t, i) => {
    if (t.type !== "heading") return visible[i];
    const depth = (t as Tokens.Heading).depth;
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j];
      if (next.type === "heading" && (next as Tokens.Heading).depth <= depth) return false;
      if (visible[j]) return true;
    }
    return false;
  });
}

/**
 * The one renderer of a release body: the public page, the feed, the staff's release page and the editor's
 * preview all call it, so a preview cannot differ from what is published.
 */
export function renderMarkdown(md: string): string {
  const tokens = marked.lexer(md);
  return renderTokens(withoutEmptySections(tokens), tokens.links);
}
