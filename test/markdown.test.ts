// Release bodies are written in Markdown by staff and shown to the public: hostile input must come out inert,
// ordinary Markdown must still render.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { renderMarkdown } from "~/markdown/render";

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(lt|gt|quot|amp|colon|tab|newline);/gi, (_, name: string) =>
      ({ lt: "<", gt: ">", quot: '"', amp: "&", colon: ":", tab: "\t", newline: "\n" })[name.toLowerCase()] ?? "",
    );
}

const ALLOWED_TAGS = new Set("h2 h3 h4 h5 h6 p br hr ul ol li a em strong del code pre blockquote table thead tbody tr th td".split(" "));
const ALLOWED_ATTRIBUTES = new Set(["a.href", "a.title", "a.rel", "ol.start", "th.align", "td.align", "code.class"]);

/**
 * Everything in the output that is not on the allowlist, or a link a browser would follow off http(s)/mailto.
 * The output's text has "<" escaped and its attribute values ">" escaped, so every "<" here opens a real tag.
 */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const tag = name.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) found.push(`tag ${tag}`);
    for (const [, attr, raw = ""] of attributes.matchAll(/([^\s=/]+)(?:\s*=\s*"([^"]*)")?/g)) {
      if (!ALLOWED_ATTRIBUTES.has(`${tag}.${attr.toLowerCase()}`)) found.push(`attribute ${tag}.${attr}`);
      if (attr.toLowerCase() !== "href") continue;
      // Read the URL as a browser would: entities decoded, whitespace and control characters ignored.
      // Browsers also read "\\" as "/" in http(s) URLs.
      // eslint-disable-next-line no-control-regex -- control characters are exactly what browsers skip in URLs
      const url = decodeEntities(raw).replace(/[\u0000-\u0020]/g, "").replace(/\\/g, "/");
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
      // A scheme-less URL is relative to our own site; "//host" is not.
      if ((scheme && !["http", "https", "mailto"].includes(scheme)) || url.startsWith("//")) {
        found.push(`href ${url}`);
      }
    }
  }
  return found;
}

describe("the danger detector used below", () => {
  it("catches what it is meant to catch, so the tests that rely on it can fail", () => {
    expect(dangers('<p><img src="x" onerror="alert(1)"></p>')).toEqual(["tag img", "attribute img.src", "attribute img.onerror"]);
    expect(dangers('<a href="&#106;avascript:alert(1)" style="x">x</a>')).toEqual(["href javascript:alert(1)", "attribute a.style"]);
    expect(dangers('<a href="\\\\evil.example">x</a><a href="DATA:text/html,x">y</a>')).toEqual(["href //evil.example", "href DATA:text/html,x"]);
    expect(dangers('<p>&lt;script&gt; a href="javascript:x"</p><a href="/udgivelser/2">ok</a>')).toEqual([]);
  });
});

describe("hostile Markdown comes out inert", () => {
  const cases: [string, string][] = [
    ["script tag", "Hej <script>alert(1)</script> verden"],
    ["img with onerror", "<img src=x onerror=alert(1)>"],
    ["markdown image with javascript:", "![x](javascript:alert(1))"],
    ["javascript: link", "[x](javascript:alert(1))"],
    ["upper-case JAVASCRIPT: link", "[x](JAVASCRIPT:alert(1))"],
    ["entity-encoded javascript: in a Markdown link", "[x](&#106;avascript&#58;alert(1))"],
    ["entity-encoded javascript: in raw HTML", '<a href="&#x6A;&#x61;vascript:alert(1)">x</a>'],
    ["numeric entity without semicolon", '<a href="&#0000106avascript:alert(1)">x</a>'],
    ["named entity for the colon", '<a href="javascript&colon;alert(1)">x</a>'],
    ["tab inside the scheme", '<a href="java\tscript:alert(1)">x</a>'],
    ["data: URL in raw HTML", '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ["data: URL in a Markdown link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["vbscript: URL", '<a href="vbscript:msgbox(1)">x</a>'],
    ["protocol-relative link", "[x](//evil.example/phish)"],
    ["protocol-relative link with backslashes", '<a href="\\\\evil.example/phish">x</a> <a href="/\\evil.example">y</a>'],
    ["svg with onload", "<svg onload=alert(1)><circle r=1 /></svg>"],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["style attribute", '<p style="position:fixed;top:0">overlay</p>'],
    ["style element", "<style>body{display:none}</style>tekst"],
    ["event handler on an allowed tag", '<strong onmouseover="alert(1)">fed</strong> <a href="https://ok.dk" onclick="alert(1)">ok</a>'],
    ["math with xlink", '<math><mi xlink:href="javascript:alert(1)">m</mi></math>'],
    ["form", '<form action="javascript:alert(1)"><input type="submit" formaction="javascript:alert(1)"></form>'],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ];

  it.each(cases)("%s", (_label, md) => {
    const html = renderMarkdown(md);
    expect(dangers(html)).toEqual([]);
    expect(html).not.toMatch(/javascript:|data:text/i);
  });

  it("drops script content entirely, keeping the surrounding text", () => {
    const html = renderMarkdown("Hej <script>alert(1)</script> verden");
    expect(html).not.toContain("alert");
    expect(html).toContain("Hej");
    expect(html).toContain("verden");
  });

  it("keeps the text of a link whose URL was unsafe, without the URL", () => {
    expect(renderMarkdown("[Læs mere](javascript:alert(1))")).toBe('<p><a rel="noopener noreferrer">Læs mere</a></p>\n');
  });

  it("overrides an author's rel and drops target", () => {
    const html = renderMarkdown('<a href="https://ok.dk" rel="opener" target="_blank">x</a>');
    expect(html).toContain('<a href="https://ok.dk" rel="noopener noreferrer">x</a>');
  });

  it("no mix of hostile fragments produces anything executable", () => {
    const fragments = [
      "<script>", "</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))", "<a href=\"", "javascript:",
      "\">", "<svg onload=alert(1)>", "<iframe>", " style=\"x\"", "&#106;", "\n\n", "`", "```\n", "<", ">", "\"", "# ",
      "[b](", ")", "<p ", "onclick=alert(1) ", "data:text/html,", "<!--", "-->", "<![CDATA[", "]]>", "| a |\n|---|\n",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 25 }), (parts) => {
        expect(dangers(renderMarkdown(parts.join("")))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("ordinary Markdown renders", () => {
  it("headings, one level down because the page's h1 is the release title", () => {
    expect(renderMarkdown("# Resultater\n\n## Metode\n\n###### Note\n\nTekst.")).toBe("<h2>Resultater</h2>\n<h3>Metode</h3>\n<h6>Note</h6>\n<p>Tekst.</p>\n");
  });
});

describe("a heading left empty never reaches the public page", () => {
  it("drops a heading with nothing under it, or only a writing prompt (an HTML comment)", () => {
    const md = "## Om initiativet\n\n- Fase: Afprøvning\n\n## Det kan kommuner og tilbud bruge\n\n<!-- Skriv de vigtigste erfaringer -->\n";
    expect(renderMarkdown(md)).toBe("<h3>Om initiativet</h3>\n<ul>\n<li>Fase: Afprøvning</li>\n</ul>\n");
  });

  it("drops the same empty heading twice, and keeps the one that has text", () => {
    const twiceEmpty = "## Det kan kommuner og tilbud bruge\n\n<!-- prompt -->\n\n## Det kan kommuner og tilbud bruge\n\n";
    expect(renderMarkdown(twiceEmpty)).toBe("");
    const oneFilled = "## Det kan kommuner og tilbud bruge\n\n<!-- prompt -->\n\n## Det kan kommuner og tilbud bruge\n\nBrug ungepanelet.\n";
    expect(renderMarkdown(oneFilled)).toBe("<h3>Det kan kommuner og tilbud bruge</h3>\n<p>Brug ungepanelet.</p>\n");
  });

  it("keeps a heading whose sub-section has text, drops one whose sub-sections are all empty", () => {
    expect(renderMarkdown("## A\n\n### A1\n\nTekst\n\n## B\n\n### B1\n\n<!-- x -->\n")).toBe("<h3>A</h3>\n<h4>A1</h4>\n<p>Tekst</p>\n");
  });

  it("counts what the sanitiser removes as nothing (a section holding only a script is empty)", () => {
    expect(renderMarkdown("## Tom\n\n<script>alert(1)</script>\n\n## Fuld\n\nTekst")).toBe("<h3>Fuld</h3>\n<p>Tekst</p>\n");
  });

  it("paragraphs with emphasis, strong, strikethrough and inline code", () => {
    expect(renderMarkdown("Det *virker* **godt**, ~~ikke~~ `altid`.")).toBe(
      "<p>Det <em>virker</em> <strong>godt</strong>, <del>ikke</del> <code>altid</code>.</p>\n",
    );
  });

  it("bullet and numbered lists, keeping the start number", () => {
    expect(renderMarkdown("- kommuner\n- tilbud")).toBe("<ul>\n<li>kommuner</li>\n<li>tilbud</li>\n</ul>\n");
    expect(renderMarkdown("3. tre\n4. fire")).toBe('<ol start="3">\n<li>tre</li>\n<li>fire</li>\n</ol>\n');
  });

  it("task lists show their state as a character instead of a form input", () => {
    expect(renderMarkdown("- [x] gjort\n- [ ] mangler")).toBe("<ul>\n<li>☑ gjort</li>\n<li>☐ mangler</li>\n</ul>\n");
  });

  it("links: https, mailto and site-relative, all with rel", () => {
    const html = renderMarkdown('[SBST](https://sbst.dk "Styrelsen") [mail](mailto:viden@sbst.dk) [forrige](/udgivelser/3) www.sm.dk');
    expect(html).toBe(
      '<p><a href="https://sbst.dk" title="Styrelsen" rel="noopener noreferrer">SBST</a> ' +
        '<a href="mailto:viden@sbst.dk" rel="noopener noreferrer">mail</a> ' +
        '<a href="/udgivelser/3" rel="noopener noreferrer">forrige</a> ' +
        '<a href="http://www.sm.dk" rel="noopener noreferrer">www.sm.dk</a></p>\n',
    );
  });

  it("tables with header, body and column alignment", () => {
    const html = renderMarkdown("| Kommune | Andel |\n|:--|--:|\n| Aarhus | 75 % |");
    expect(html).toContain('<th align="left">Kommune</th>');
    expect(html).toContain('<th align="right">Andel</th>');
    expect(html).toContain('<td align="left">Aarhus</td>');
    expect(html).toMatch(/<table>\s*<thead>[\s\S]*<\/thead>\s*<tbody>[\s\S]*<\/tbody><\/table>/);
  });

  it("code blocks keep their language class and escape their content", () => {
    expect(renderMarkdown("```sql\nselect 1 < 2\n```")).toBe('<pre><code class="language-sql">select 1 &lt; 2\n</code></pre>\n');
  });

  it("blockquotes and horizontal rules", () => {
    expect(renderMarkdown("> Citat\n\n---")).toBe("<blockquote>\n<p>Citat</p>\n</blockquote>\n<hr />\n");
  });

  it("an image becomes a link to it, labelled with its alt text", () => {
    expect(renderMarkdown("![Figur 1 <fed>](https://sbst.dk/figur.png)")).toBe(
      '<p><a href="https://sbst.dk/figur.png" rel="noopener noreferrer">Figur 1 &lt;fed&gt;</a></p>\n',
    );
  });

  it("Danish text and entities come through", () => {
    expect(renderMarkdown("Æblegrød & fløde")).toBe("<p>Æblegrød &amp; fløde</p>\n");
  });

  it("empty input gives empty output", () => {
    expect(renderMarkdown("")).toBe("");
  });
});
