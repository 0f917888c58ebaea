// Small labelled markers: initiative status and criterion judgement, with text (never colour alone).
import type { InitiativeStatus } from "#workflows/decision";
import type { Judgement } from "#workflows/assessment";
import { useT } from "~/utils/i18n";

export function StatusBadge({ status }: { status: InitiativeStatus }) {
  const t = useT();
  return <span className={`app-badge app-badge--${status}`}>{t(`status.${status}`)}</span>;
}

export function JudgementLabel({ judgement }: { judgement: Judgement | null }) {
  const t = useT();
  const key = judgement ?? "none";
  return <span className={`app-judgement--${key}`}>{t(`judgement.${key}`)}</span>;
}
