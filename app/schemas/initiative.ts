// zod schemas for the initiative forms and list filters, shared by client (conform) and server.
// Messages are i18n keys; the form components translate them.
import { z } from "zod";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { STATUSES } from "#workflows/decision";

const text = (max: number) => z.string({ error: "error.required" }).trim().min(1, "error.required").max(max, "error.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").optional().default("");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "error.invalidDate").refine((s) => !Number.isNaN(Date.parse(s)), "error.invalidDate");

export const agreementYears = z
  .string({ error: "error.required" })
  .trim()
  .transform((s, ctx) => {
    const parts = s.split(/[,;\s]+/).filter(Boolean);
    const years = parts.map(Number);
    if (!parts.length || years.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) {
      ctx.addIssue({ code: "custom", message: "error.invalidYear" });
      return z.NEVER;
    }
    return [...new Set(years)].sort();
  });

const trackField = z.enum(["1", "2"], { error: "error.invalidChoice" }).optional();

/**
 * The owner select: empty is "no owner" (conform sends an empty field as absent, so absent means the same);
 * whether the id is an active program manager is the action's check.
 */
export const ownerField = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || !s.trim()) return null;
    if (!/^\d{1,9}$/.test(s.trim())) {
      ctx.addIssue({ code: "custom", message: "error.invalidOwner" });
      return z.NEVER;
    }
    return Number(s.trim());
  });

/**
 * Budget per agreement: one line per year, "2019: 1.500.000" (whole kroner; dots, spaces and a trailing
 * "kr." allowed as Danish readers write them). Gives [year, kroner] pairs; empty gives none.
 */
export const budgetsField = z
  .string()
  .max(2000, "error.tooLong")
  .optional()
  .transform((s, ctx) => {
    const pairs: [number, number][] = [];
    for (const line of (s ?? "").split(/[\r\n;]+/).map((l) => l.trim()).filter(Boolean)) {
      const m = /^(?:UIP\s*)?(\d{4})\s*:\s*([\d. ]+?)\s*(?:kr\.?)?$/i.exec(line);
      const amount = m ? Number(m[2].replace(/[. ]/g, "")) : NaN;
      if (!m || !Number.isSafeInteger(amount) || amount < 0 || amount > 2_000_000_000 || pairs.some(([y]) => y === Number(m[1]))) {
        ctx.addIssue({ code: "custom", message: "error.invalidBudget" });
        return z.NEVER;
      }
      pairs.push([Number(m[1]), amount]);
    }
    return pairs;
  });

/** Every budget must be for one of the initiative's agreement years. */
function checkBudgetYears(v: { agreementYears: number[]; budgets: [number, number][] }, ctx: z.RefinementCtx) {
  // zod 4 runs object refinements even when a field already failed, so the field may not be pairs here.
  if (!Array.isArray(v.budgets) || !Array.isArray(v.agreementYears)) return;
  if (v.budgets.some((pair) => !Array.isArray(pair)) || v.budgets.some(([y]) => !v.agreementYears.includes(y))) ctx.addIssue({ code: "custom", path: ["budgets"], message: "error.budgetYear" });
}

const base = {
  title: text(300),
  description: optionalText(5000),
  area: z.enum(["adults", "children"], { error: "error.invalidChoice" }),
  targetGroup: optionalText(500),
  agreementYears,
  track: trackField,
  trackReason: optionalText(2000),
  prototypeDescription: optionalText(5000),
  ownerId: ownerField,
  budgets: budgetsField,
};

export const CreateInitiativeSchema = z
  .object({
    ...base,
    phase: z.enum(PHASE_PERIODS, { error: "error.invalidChoice" }),
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.track && !v.trackReason) ctx.addIssue({ code: "custom", path: ["trackReason"], message: "form.trackRequiresReason" });
    if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart) {
      ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "error.dateOrder" });
    }
    checkBudgetYears(v, ctx);
  });

// Descriptive fields only: phase and status are not in it (a decision changes them), and the route refuses
// a form that carries them, or a track once screening is left (workflows/initiative.ts), before parsing.
export const EditInitiativeSchema = z
  .object({
    ...base,
    version: z.coerce.number({ error: "error.required" }).int(),
  })
  .superRefine((v, ctx) => {
    if (v.track && !v.trackReason) ctx.addIssue({ code: "custom", path: ["trackReason"], message: "form.trackRequiresReason" });
    checkBudgetYears(v, ctx);
  });

export const InvolvementSchema = z.object({
  phase: z.enum(PHASE_PERIODS, { error: "error.invalidChoice" }),
  who: text(300),
  how: text(2000),
  whatChanged: text(2000),
});

const involvementRef = {
  involvementId: z.coerce.number({ error: "error.required" }).int("error.required").positive("error.required"),
  version: z.coerce.number({ error: "error.required" }).int("error.required").positive("error.required"),
};

/** Editing one user involvement entry (intent=editInvolvement). */
export const EditInvolvementSchema = InvolvementSchema.extend({ intent: z.literal("editInvolvement"), ...involvementRef });

/** Deleting one (intent=deleteInvolvement), after a confirmation. */
export const DeleteInvolvementSchema = z.object({ intent: z.literal("deleteInvolvement"), ...involvementRef });

export const PeriodDatesSchema = z
  .object({
    periodId: z.coerce.number().int().positive(),
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
    actualStart: isoDate.optional(),
    actualEnd: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "error.dateOrder" });
    if (v.actualStart && v.actualEnd && v.actualEnd < v.actualStart) ctx.addIssue({ code: "custom", path: ["actualEnd"], message: "error.dateOrder" });
  });

/** List filters from the query string; unknown values are a 400 naming the parameter. */
export const ListFiltersSchema = z.object({
  q: z.string().max(200).optional(),
  area: z.enum(["adults", "children"]).optional(),
  phase: z.enum(PHASE_PERIODS).optional(),
  track: z.enum(["1", "2", "none"]).optional(),
  status: z.enum(STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
});
