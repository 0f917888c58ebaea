// The breadcrumb trail at the top of a page: links to the pages above it, then the page itself.
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

type Crumb = { to: string; label: string };

/** The last item is the current page: plain text marked aria-current; every item before it is a link. */
export function Breadcrumbs({ items }: { items: [...Crumb[], { label: string }] }) {
  const t = useT();
  const above = items.slice(0, -1) as Crumb[];
  const current = items[items.length - 1];
  return (
    <nav aria-label={t("nav.breadcrumb")} className="breadcrumbs">
      <ol className="breadcrumbs__list">
        {above.map((item, i) => (
          <li key={i} className="breadcrumbs__list-item"><Link to={item.to} className="breadcrumbs__link">{item.label}</Link></li>
        ))}
        <li className="breadcrumbs__list-item" aria-current="page">{current.label}</li>
      </ol>
    </nav>
  );
}
