// The visible mark an administrator's correction leaves on an initiative: who changed which governed field
// from what to what, when, and why. Shown on the initiative page and on the correction page.
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";

export interface CorrectionNoticeRow {
  id: number;
  at: string;
  actor_name: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
  reason: string;
}

function useValue() {
  const t = useT();
  return (field: string, v: string | null) => {
    if (v === null) return field === "track" ? t("correction.trackNone") : t("correction.none");
    if (field === "phase") return t(`phase.${v}`);
    if (field === "status") return t(`status.${v}`);
    return t(`track.${v}.long`);
  };
}

export function CorrectionNotices({ corrections }: { corrections: CorrectionNoticeRow[] }) {
  const t = useT();
  const lang = useLang();
  const value = useValue();
  if (!corrections.length) return null;
  return (
    <div className="alert alert-warning app-section" id="korrektioner" data-testid="correction-notice">
      <div className="alert-body">
        <h2 className="alert-heading h4">{t("correction.notice.heading")}</h2>
        <ul className="alert-text">
          {corrections.map((c) => (
            <li key={c.id}>
              {t("correction.notice.line", {
                date: formatDate(c.at, lang),
                who: c.actor_name ?? t("correction.notice.unknownActor"),
                changes: c.changes.map((ch) => t("correction.notice.change", {
                  field: t(`correction.${ch.field}`).toLowerCase(), before: value(ch.field, ch.before), after: value(ch.field, ch.after),
                })).join(", "),
              })}{" "}
              {t("correction.notice.reason", { reason: c.reason })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
