// The initiative's append-only history: who changed what, when, with the before and after values.
import { formatDate, formatDateTime, type Lang } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";

type Row = { id: number; at: string; action: string; actor_name: string | null; before: string | null; after: string | null };

/** A snapshot value as users read it: dates (phase periods) and timestamps (unpublished_at …) in their format. */
function value(x: unknown, lang: Lang): string {
  if (typeof x !== "string") return JSON.stringify(x);
  if (/^\d{4}-\d{2}-\d{2}$/.test(x)) return formatDate(x, lang);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(x)) return formatDateTime(x, lang);
  return x;
}

function describe(json: string | null, lang: Lang): string {
  if (!json) return "";
  try {
    const v = JSON.parse(json) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${value(x, lang)}`).join("\n");
    }
    return JSON.stringify(v);
  } catch {
    return json;
  }
}

export function HistoryTable({ rows }: { rows: Row[] }) {
  const t = useT();
  const lang = useLang();
  if (!rows.length) return <p>{t("detail.noHistory")}</p>;
  // Features add their own actions; one without a label yet shows its code rather than a bare key.
  const actionLabel = (action: string) => {
    const label = t(`history.${action}`);
    return label === `history.${action}` ? action : label;
  };
  return (
    <div className="app-table-wrap">
      <table className="table table--compact app-history">
        <caption className="visually-hidden">{t("detail.history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("detail.history.when")}</th>
            <th scope="col">{t("detail.history.who")}</th>
            <th scope="col">{t("detail.history.what")}</th>
            <th scope="col">{t("detail.history.before")}</th>
            <th scope="col">{t("detail.history.after")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTime(r.at, lang)}</td>
              <td>{r.actor_name ?? "–"}</td>
              <td>{actionLabel(r.action)}</td>
              <td><code>{describe(r.before, lang)}</code></td>
              <td><code>{describe(r.after, lang)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
