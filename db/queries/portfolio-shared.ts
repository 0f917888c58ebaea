// What the portfolio's pages need in the browser as well as on the server: the outcome kinds, a funnel
// row and its sum. Nothing here touches the database, so a page importing it does not carry Kysely and
// the queries into its bundle (the overview's first-load JavaScript grew by 19 KB when it imported these
// from ./portfolio).
import type { Area } from "../schema";
import { PHASES, type Phase } from "../../workflows/phase-model";

/**
 * What became of an initiative: the source table's "carried on" text for the seeded initiatives; for an
 * ended initiative, otherwise, its latest recorded phase outcome (the reason a steering group gave when it
 * did not carry it on); then its status, its successor links and any Stop decision (db/queries/portfolio.ts
 * outcomeSql).
 */
export const OUTCOME_KINDS = [
  "running", "carried_on", "partly_carried_on", "recommended_later", "dissemination", "completed",
  "not_recommended", "criteria_not_met", "not_intervention", "not_implemented", "waiting_on_other", "other_reason",
  "stop_decision", "stopped_other",
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** The outcomes that mean "stopped or not carried on", each its own reason. */
export const NOT_CARRIED_ON: readonly OutcomeKind[] = [
  "not_recommended", "criteria_not_met", "not_intervention", "not_implemented", "waiting_on_other", "other_reason",
  "stop_decision", "stopped_other",
];

export interface FunnelRow {
  area: Area;
  cohort: number | null;
  entered: Record<Phase, number>;
  /** passed[k - 1]: initiatives that passed gate k. */
  passed: [number, number, number];
}

/** Sums funnel rows by area, by cohort or in all. */
export function sumFunnel(rows: readonly FunnelRow[]): Pick<FunnelRow, "entered" | "passed"> {
  const out: Pick<FunnelRow, "entered" | "passed"> = { entered: { screening: 0, maturation: 0, trial: 0, dissemination: 0 }, passed: [0, 0, 0] };
  for (const r of rows) {
    for (const p of PHASES) out.entered[p] += r.entered[p];
    for (let k = 0; k < 3; k++) out.passed[k] += r.passed[k];
  }
  return out;
}
