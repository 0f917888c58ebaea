// zod schemas for the SØM knowledge database, the experience database and the workbook import, shared by
// conform in the browser and the actions on the server. Messages are i18n keys (app/i18n/som-knowledge.ts).
// Numbers are typed the Danish way ("1.100,50"); they leave here as plain decimal strings ("1100.50").
import Decimal from "decimal.js";
import { z } from "zod";
import { SOM_SCENARIOS } from "~/som/vocabulary";
import type { EvidenceLevel } from "#db/queries/som-knowledge";
import type { SomAgeBand, SomKnowledgeArea } from "#db/schema";
import { PHASE_PERIODS } from "#workflows/phase-model";
import { normalDecimal, ungroupDecimal } from "./danish-decimal";

// The choices live here rather than in db/ so the browser bundle never pulls in query modules.
export const SOM_KNOWLEDGE_AREAS = ["vulnerable_adults", "adults_disability", "children_youth"] as const satisfies readonly SomKnowledgeArea[];
export const SOM_AGE_BANDS = ["0-5", "6-13", "14-17", "18+"] as const satisfies readonly SomAgeBand[];
/** The scenarios, in their order on screen: the one list in app/som/vocabulary.ts. */
export const SCENARIOS = SOM_SCENARIOS;

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;
export const MAX_DELTA_YEARS = 10;
/** Largest workbook the import accepts (compressed); see app/som/xlsx.server.ts. */
export const MAX_WORKBOOK_BYTES = 1_000_000;

/**
 * A number as typed ("1.234,50", "1.100" a thousand and a hundred, "0.12"; see ungroupDecimal), as a plain
 * decimal string in normal form; null if it is not one or has more than 25 digits. Spaces and a typographic
 * minus are ignored; a unit is not.
 */
export function readDecimal(text: string): string | null {
  const plain = ungroupDecimal(text.replace(/[\s\u00a0\u202f]/g, "").replace(/^[\u2212\u2013]/, "-"));
  if (plain === null || plain.replace(/^-/, "").length > 25) return null;
  return normalDecimal(plain);
}

const text = (max: number) => z.string({ error: "error.required" }).trim().min(1, "error.required").max(max, "error.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "error.tooLong").optional().default("");
const year = z
  .number({ error: "somk.error.year" })
  .int("somk.error.year")
  .min(MIN_YEAR, "somk.error.year")
  .max(MAX_YEAR, "somk.error.year");
const id = (message: string) => z.number({ error: message }).int(message).positive(message);
const version = z.number({ error: "error.required" }).int().min(1);
const checkbox = z.boolean().optional().default(false);

function decimal(opts: { min?: "0"; positive?: boolean; message?: string } = {}) {
  const message = opts.message ?? "error.invalidNumber";
  return z
    .string({ error: "error.required" })
    .transform((v, ctx) => {
      const d = readDecimal(v);
      if (d === null) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      if ((opts.min === "0" && new Decimal(d).lt(0)) || (opts.positive && new Decimal(d).lte(0))) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return d;
    });
}

/** A percentage typed as "12" or "12,5" → the rate as a decimal string ("0.12", "0.125"). */
const percentRate = z
  .string({ error: "error.required" })
  .transform((v, ctx) => {
    const d = readDecimal(v.replace(/%$/, ""));
    if (d === null || new Decimal(d).lt(0) || new Decimal(d).gt(100)) {
      ctx.addIssue({ code: "custom", message: "somk.error.percent" });
      return z.NEVER;
    }
    return new Decimal(d).div(100).toFixed();
  });

/** Changes per successful citizen, year by year, separated by spaces or semicolons (pasted from Excel: tabs). */
const deltas = z
  .string({ error: "error.required" })
  .transform((v, ctx) => {
    const parts = v.split(/[\s;]+/).filter(Boolean);
    const values = parts.map(readDecimal);
    if (!parts.length || values.some((x) => x === null)) {
      ctx.addIssue({ code: "custom", message: "somk.error.deltas" });
      return z.NEVER;
    }
    if (values.length > MAX_DELTA_YEARS) {
      ctx.addIssue({ code: "custom", message: "somk.error.deltasTooMany" });
      return z.NEVER;
    }
    return values as string[];
  });

export const TargetGroupSchema = z.object({
  name: text(150),
  area: z.enum(SOM_KNOWLEDGE_AREAS, { error: "error.invalidChoice" }),
  ageBand: z.enum(SOM_AGE_BANDS, { error: "error.invalidChoice" }),
  successMeasure: text(500),
  description: optionalText(2000),
  isExample: checkbox,
});

export const EditTargetGroupSchema = TargetGroupSchema.extend({ version });

export const ConsequenceEstimateSchema = z.object({
  label: text(150),
  consequenceArea: text(100),
  kind: z.enum(["expenditure", "revenue"], { error: "error.invalidChoice" }),
  deltas,
  unit: text(40),
  priceKommune: decimal({ min: "0", message: "somk.error.price" }),
  priceRegion: decimal({ min: "0", message: "somk.error.price" }),
  priceStat: decimal({ min: "0", message: "somk.error.price" }),
  priceYear: year,
  source: optionalText(500),
  isExample: checkbox,
});

export const EditConsequenceEstimateSchema = ConsequenceEstimateSchema.extend({ version });

export const EffectStudySchema = z.object({
  intervention: text(200),
  rateWith: percentRate,
  rateWithout: percentRate,
  evidenceLevel: z.enum(["1", "2", "3"], { error: "error.invalidChoice" }).transform((v) => Number(v) as EvidenceLevel),
  citation: text(1000),
  isExample: checkbox,
});

export const EditEffectStudySchema = EffectStudySchema.extend({ version });

export const DeleteSchema = z.object({ intent: z.literal("delete"), version });

export const NpiSchema = z.object({
  intent: z.literal("set"),
  year,
  value: decimal({ positive: true, message: "somk.error.npiValue" }),
});

export const NpiDeleteSchema = z.object({ intent: z.literal("delete"), year });

/** Start a calculation from a target group (the target group is the page's). */
export const StartCalculationSchema = z.object({
  intent: z.literal("start"),
  initiativeId: id("somk.error.initiative"),
  phase: z.enum(PHASE_PERIODS, { error: "error.invalidChoice" }),
  scenario: z.enum(SCENARIOS, { error: "error.invalidChoice" }),
  studyId: id("somk.error.study"),
  priceYear: year,
  citizens: decimal({ positive: true, message: "somk.error.citizens" }),
  courseLengthYears: z.number({ error: "somk.error.courseLength" }).int("somk.error.courseLength").min(1, "somk.error.courseLength").max(10, "somk.error.courseLength"),
  title: text(200),
});

export const PublishSchema = z.object({
  versionId: id("error.required"),
  title: text(200),
  description: text(2000),
  // Publishing is on the publisher's own responsibility; they say so by ticking the box.
  responsibility: z.boolean({ error: "somk.error.responsibility" }).refine((v) => v, "somk.error.responsibility"),
});

export const CopySchema = z.object({
  intent: z.literal("copy"),
  initiativeId: id("somk.error.initiative"),
  phase: z.enum(PHASE_PERIODS, { error: "error.invalidChoice" }),
  scenario: z.enum(SCENARIOS, { error: "error.invalidChoice" }),
  title: text(200),
});

export const UnpublishSchema = z.object({ intent: z.literal("unpublish"), version });

/** "new", or an existing calculation of the initiative as "<id>@<version>" (the version guards the save). */
export const WorkbookImportSchema = z.object({
  file: z
    .instanceof(File, { error: "somk.error.fileRequired" })
    .refine((f) => f.size > 0, "somk.error.fileEmpty")
    .refine((f) => f.size <= MAX_WORKBOOK_BYTES, "somk.error.fileTooLarge"),
  target: z
    .string({ error: "error.invalidChoice" })
    .regex(/^(new|\d+@\d+)$/, "error.invalidChoice"),
});

type EstimateForm = z.output<typeof ConsequenceEstimateSchema>;

/** The form's values in the shape the queries take. */
export function estimateValues(v: EstimateForm) {
  return {
    label: v.label, consequenceArea: v.consequenceArea, kind: v.kind, deltas: v.deltas, unit: v.unit,
    prices: { kommune: v.priceKommune, region: v.priceRegion, stat: v.priceStat },
    priceYear: v.priceYear, source: v.source, isExample: v.isExample,
  };
}
