// The steering group's decision form, shared by conform on the client and the action on the server.
// It checks what a form can know (choices, required text, complete condition rows); the SUSI rules
// (criteria, track, open conditions resolved) are the decision workflow's and come back as refusals.
import { z } from "zod";
import { OUTCOMES, type ConditionResolution, type Continuation, type NewCondition, type Outcome } from "#workflows/decision";
import { NOT_CARRIED_ON_REASONS, type OutcomeInput, type OutcomeMethod } from "#workflows/outcome";
import { PHASES, type Phase } from "#workflows/phase-model";

export const RESOLUTIONS = ["close", "carry_over"] as const satisfies readonly ConditionResolution[];

/** The form field that resolves one earlier open condition. */
export function resolutionField(conditionId: number) {
  return `resolution-${conditionId}` as const;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isCalendarDate(s: string) {
  if (!ISO_DATE.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// conform turns empty inputs into undefined, so every row field is optional here and the rules for
// rows are applied below, where blank rows (all three fields empty) can be skipped without shifting indexes.
const conditionRow = z.object({
  text: z.string().trim().max(1000, "error.tooLong").optional(),
  owner: z.string().trim().max(200, "error.tooLong").optional(),
  dueDate: z.string().trim().optional(),
});
type ConditionRow = z.infer<typeof conditionRow>;

function isBlank(row: ConditionRow | null | undefined) {
  return !row || (!row.text && !row.owner && !row.dueDate);
}

export const CONTINUATIONS = ["same_initiative", "new_initiative"] as const satisfies readonly Continuation["mode"][];

const year = z.number({ error: "error.invalidYear" }).int("error.invalidYear").min(1990, "error.invalidYear").max(2100, "error.invalidYear").optional();

/** One method a line; blank lines are dropped. */
function lines(text: string | undefined): string[] {
  return (text ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

const fields = {
  outcome: z.enum(OUTCOMES, { error: "decision.error.outcome" }),
  targetPhase: z.enum(PHASES, { error: "error.invalidChoice" }).optional(),
  rationale: z.string({ error: "error.required" }).trim().min(1, "error.required").max(5000, "error.tooLong"),
  conditions: z.array(conditionRow.nullish()).optional(),
  version: z.number({ error: "error.required" }).int(),
  /** The steering-group meeting the decision is taken at; absent for a decision outside a meeting (DECISIONS 0050). */
  meetingId: z.number({ error: "error.invalidChoice" }).int("error.invalidChoice").positive("error.invalidChoice").optional(),
  /** Go: move this initiative on, or carry it on as a new initiative under a new agreement (DECISIONS 0097). */
  continuation: z.enum(CONTINUATIONS, { error: "error.invalidChoice" }).optional(),
  successorTitle: z.string().trim().max(300, "error.tooLong").optional(),
  successorAgreementYear: year,
  /** The outcome of the phase the decision ends (DECISIONS 0094); the workflow says which apply. */
  outcomeReason: z.enum(NOT_CARRIED_ON_REASONS, { error: "error.invalidChoice" }).optional(),
  outcomeNote: z.string().trim().max(2000, "error.tooLong").optional(),
  methodsPassed: z.string().max(2000, "error.tooLong").optional(),
  methodsNotPassed: z.string().max(2000, "error.tooLong").optional(),
  recommended: z.literal("yes", { error: "error.invalidChoice" }).optional(),
  recommendedYear: year,
};

const resolution = z.enum(RESOLUTIONS, { error: "error.invalidChoice" }).optional();

export interface DecisionFormValue {
  outcome: Outcome;
  /** Only for Go and Conditional Go; null otherwise, whatever the select held. */
  targetPhase: Phase | null;
  rationale: string;
  conditions: NewCondition[];
  version: number;
  meetingId: number | null;
  /** The open conditions the form resolved; an unresolved one is left out (the workflow names it). */
  resolutions: { conditionId: number; resolution: ConditionResolution }[];
  continuation: Continuation;
  outcomeInput: OutcomeInput;
}

/**
 * The schema for an initiative whose open conditions are `openConditionIds`: one optional
 * `resolution-<id>` radio group each. An unanswered one is not a form error but a refusal of the
 * decision, so the 409 names the condition by its text.
 */
export function decisionSchema(openConditionIds: readonly number[]) {
  const resolutionShape = Object.fromEntries(openConditionIds.map((id) => [resolutionField(id), resolution])) as Record<
    ReturnType<typeof resolutionField>,
    typeof resolution
  >;
  return z
    .object({ ...fields, ...resolutionShape })
    .superRefine((v, ctx) => {
      const forward = v.outcome === "go" || v.outcome === "conditional_go";
      if (forward && !v.targetPhase) ctx.addIssue({ code: "custom", path: ["targetPhase"], message: "decision.error.targetRequired" });
      const rows = v.conditions ?? [];
      const filled = rows.map((row, index) => ({ row, index })).filter(({ row }) => !isBlank(row));
      if (v.outcome === "conditional_go") {
        if (filled.length === 0) ctx.addIssue({ code: "custom", path: ["conditions"], message: "decision.error.conditionsRequired" });
        for (const { row, index } of filled) {
          if (!row?.text) ctx.addIssue({ code: "custom", path: ["conditions", index, "text"], message: "error.required" });
          if (!row?.owner) ctx.addIssue({ code: "custom", path: ["conditions", index, "owner"], message: "error.required" });
          if (!row?.dueDate || !isCalendarDate(row.dueDate)) {
            ctx.addIssue({ code: "custom", path: ["conditions", index, "dueDate"], message: row?.dueDate ? "error.invalidDate" : "error.required" });
          }
        }
      } else if (filled.length > 0) {
        ctx.addIssue({ code: "custom", path: ["conditions"], message: "decision.error.conditionsNotAllowed" });
      }
    })
    .transform((v): DecisionFormValue => {
      const forward = v.outcome === "go" || v.outcome === "conditional_go";
      const values = v as unknown as Record<string, ConditionResolution | undefined>;
      return {
        outcome: v.outcome,
        targetPhase: forward ? (v.targetPhase ?? null) : null,
        rationale: v.rationale,
        conditions: (v.conditions ?? [])
          .filter((row) => !isBlank(row))
          .map((row) => ({ text: row?.text ?? "", owner: row?.owner ?? "", dueDate: row?.dueDate ?? "" })),
        version: v.version,
        meetingId: v.meetingId ?? null,
        resolutions: openConditionIds.flatMap((conditionId) => {
          const r = values[resolutionField(conditionId)];
          return r ? [{ conditionId, resolution: r }] : [];
        }),
        continuation: v.continuation === "new_initiative"
          ? { mode: "new_initiative", title: v.successorTitle ?? "", agreementYear: v.successorAgreementYear ?? null }
          : { mode: "same_initiative" },
        outcomeInput: {
          reason: v.outcomeReason ?? null,
          note: v.outcomeNote ?? "",
          methods: [
            ...lines(v.methodsPassed).map((name): OutcomeMethod => ({ name, passed: true })),
            ...lines(v.methodsNotPassed).map((name): OutcomeMethod => ({ name, passed: false })),
          ],
          recommended: v.recommended === "yes",
          continuesInYear: v.recommendedYear ?? null,
        },
      };
    });
}
