// Previous/next paging that keeps the current filters in the query string.
import { Link, useSearchParams } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next.toString()}`;
  };
  return (
    <nav aria-label={t("pagination.label")} className="app-actions">
      {page > 1 ? <Link to={href(page - 1)} rel="prev">{t("pagination.previous")}</Link> : null}
      <span>{t("pagination.page", { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)} rel="next">{t("pagination.next")}</Link> : null}
    </nav>
  );
}
