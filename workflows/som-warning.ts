// The SØM warning: an economy criterion ("ikke urealistisk dyr", "omkostningseffektiv") judged met while a SØM
// calculation of the phase shows a negative present value or a benefit-cost ratio below 1. It is a warning
// beside the judgement, never a refusal: SØM computes what follows if the assumed effect holds, and never
// decides alone. Pure: the caller gives the judgements and the calculations' figures (decimal strings).
import type { Judgement } from "./assessment";
import { getCriterion } from "./phase-model";

export interface WarningJudgement {
  criterionId: string;
  judgement: Judgement | null;
}

export interface WarningCalculation {
  title: string;
  /** Present value of the net result, a decimal string (kroner). */
  presentValueNet: string;
  /** Benefit-cost ratio as a decimal string; null where it is not defined (no costs). */
  benefitCostRatio: string | null;
}

export interface SomWarning {
  criterionId: string;
  calculationTitle: string;
  reason: "negative_present_value" | "ratio_below_one";
  value: string;
}

/** Decimal strings compared by sign and against 1 without floating-point surprises at the boundary. */
function isNegative(decimal: string): boolean {
  return /^\s*-/.test(decimal) && /[1-9]/.test(decimal);
}

function belowOne(decimal: string): boolean {
  // Non-negative and the whole part is zero: 0.99 is below one, 1.00 is not.
  const whole = decimal.trim().split(".")[0].replace(/^[+-]/, "");
  return isNegative(decimal) || /^0*$/.test(whole);
}

export function somWarnings(judgements: readonly WarningJudgement[], calculations: readonly WarningCalculation[]): SomWarning[] {
  const warnings: SomWarning[] = [];
  for (const j of judgements) {
    if (j.judgement !== "met" || getCriterion(j.criterionId)?.dimension !== "economy") continue;
    for (const c of calculations) {
      if (isNegative(c.presentValueNet)) {
        warnings.push({ criterionId: j.criterionId, calculationTitle: c.title, reason: "negative_present_value", value: c.presentValueNet });
      } else if (c.benefitCostRatio !== null && belowOne(c.benefitCostRatio)) {
        warnings.push({ criterionId: j.criterionId, calculationTitle: c.title, reason: "ratio_below_one", value: c.benefitCostRatio });
      }
    }
  }
  return warnings;
}
