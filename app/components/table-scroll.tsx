// A wide table scrolls sideways in its own box instead of widening the page (WCAG 2.1 1.4.10 Reflow): the box
// is a focusable, named region, so a keyboard user can reach it and scroll it with the arrow keys, and it says
// that it scrolls. The hint shows only while the table overflows, by CSS alone (app.css, .app-table-scroll).
import { useT } from "~/utils/i18n";

/** A table (the child) in its scroll box; `label` names the region (a table's caption, or what it lists). */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  const t = useT();
  return (
    <div className="app-table-wrap app-table-scroll" tabIndex={0} role="region" aria-label={label}>
      <p className="app-table-scroll__hint">{t("portal.tableScrollHint")}</p>
      {children}
    </div>
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The same box around every table of a rendered release body (renderMarkdown's sanitised output, whose tables
 * carry no attributes, so `<table>` is matched exactly). Table n is named by `label(n)`. The body is Danish
 * (lang="da" on its container); when the page is in another language, the box's name and hint carry the page's
 * `lang` and the table inside is marked Danish again (WCAG 3.1.2).
 */
export function withScrollingTables(html: string, label: (n: number) => string, hint: string, pageLang = "da"): string {
  let n = 0;
  const [boxLang, tableLang] = pageLang === "da" ? ["", ""] : [` lang="${escapeAttribute(pageLang)}"`, ` lang="da"`];
  return html
    .replace(/<table>/g, () => {
      n += 1;
      return `<div class="app-table-wrap app-table-scroll" tabindex="0" role="region" aria-label="${escapeAttribute(label(n))}"${boxLang}>`
        + `<p class="app-table-scroll__hint">${escapeAttribute(hint)}</p><table${tableLang}>`;
    })
    .replace(/<\/table>/g, "</table></div>");
}
