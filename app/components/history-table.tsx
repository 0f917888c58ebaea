// The append-only history: who changed what, when, with the before and after values in words
// (app/utils/history-text.ts renders them; the audit page uses the same renderer).
import { formatDateTime } from "~/i18n";
import { historyActionLabel, historyFields, historySideLines, type UserNames } from "~/utils/history-text";
import { useLang, useT } from "~/utils/i18n";

type Row = { id: number; at: string; action: string; entity?: string | null; actor_name: string | null; before: string | null; after: string | null };

function Lines({ lines }: { lines: string[] }) {
  if (!lines.length) return null;
  return (
    <ul className="app-history__fields">
      {lines.map((l, i) => <li key={i}>{l}</li>)}
    </ul>
  );
}

export function HistoryTable({ rows, names = {}, caption }: { rows: Row[]; names?: UserNames; caption?: string }) {
  const t = useT();
  const lang = useLang();
  if (!rows.length) return <p>{t("detail.noHistory")}</p>;
  return (
    <div className="app-table-wrap">
      <table className="table table--compact app-history">
        <caption className="visually-hidden">{caption ?? t("detail.history")}</caption>
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
          {rows.map((r) => {
            const fields = historyFields(r, t, names);
            return (
              <tr key={r.id}>
                <td>{formatDateTime(r.at, lang)}</td>
                <td>{r.actor_name ?? t("hist.empty")}</td>
                <td>{historyActionLabel(r.action, t)}</td>
                <td><Lines lines={historySideLines(fields, "before", t)} /></td>
                <td><Lines lines={historySideLines(fields, "after", t)} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
