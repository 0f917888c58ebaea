// A condition's standing against its due date and its state, in words (never colour alone): "Overskredet",
// "Frist i dag", "Frist snart", "Opfyldt", "Frafaldet". The standing itself is workflows/condition.ts's.
import type { DueStanding } from "#workflows/condition";
import { useT } from "~/utils/i18n";

export function ConditionDueBadge({ standing, state }: { standing?: DueStanding; state?: "open" | "met" | "waived" }) {
  const t = useT();
  if (state === "met" || state === "waived") return <span className={`app-badge app-badge--${state}`}>{t(`conditionState.${state}`)}</span>;
  if (standing === "overdue" || standing === "due_today" || standing === "due_soon") {
    return <span className={`app-badge app-badge--${standing}`} data-testid={`condition-${standing}`}>{t(`conditionDue.${standing}`)}</span>;
  }
  return null;
}
