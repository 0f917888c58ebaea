// The audit page's filters as a query string, for its export links (shared by the page and the server).
export function filterQuery(raw: Record<string, string>): string {
  const p = new URLSearchParams(Object.entries(raw).filter(([, v]) => v !== ""));
  const s = p.toString();
  return s ? `?${s}` : "";
}
