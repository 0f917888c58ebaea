// The SØM editor form, shared by conform in the browser (live recalculation, inline errors) and by the
// action on the server. The form speaks the economist's language (percentages, Danish decimal commas,
// years as a row to paste from Excel); this module turns it into the engine's JSON and lets
// parseSomInput (app/som/schema.ts) judge it, so the browser and the server refuse exactly the same input
// under the same field names ("cohorts[0].citizens").
import Decimal from "decimal.js";
import { z } from "zod";
import { SOM_SCENARIOS, type ChecklistMatch, type SomChecklist, type SomScenario } from "~/som/vocabulary";
import { PHASE_PERIODS, type PhasePeriod } from "#workflows/phase-model";
import { COST_TYPES, type SomInput } from "~/som/engine";
import type { SomSpreads } from "~/som/montecarlo";
import { parseSomInput, parseSomSpreads, type SomFieldIssue } from "~/som/schema";
import type { Translate } from "~/i18n";
import { decimalToInput, normalDecimal, rateToPercentInput, ungroupDecimal } from "./danish-decimal";

/** The scenarios, in their order on screen: the one list in app/som/vocabulary.ts. */
export const SCENARIOS = SOM_SCENARIOS;
export const MATCHES = ["yes", "partly", "no"] as const satisfies readonly ChecklistMatch[];
export const MIN_PRICE_YEAR = 1990;
export const MAX_PRICE_YEAR = 2100;

/**
 * A number as a Danish (or English) user types it ("1.234.567,50", "1.250", "0.125"; see ungroupDecimal), as
 * a plain decimal string in normal form; null if it is not one. Spaces (also non-breaking), a trailing
 * "kr." and a typographic minus are tolerated.
 */
export function parseDanishDecimal(text: string): string | null {
  const plain = ungroupDecimal(text.replace(/[\s\u00a0\u202f]/g, "").replace(/kr\.?$/i, "").replace(/^[\u2212\u2013]/, "-"));
  return plain === null ? null : normalDecimal(plain);
}

// ---------------------------------------------------------------------------------------------------
// The raw form: every field an optional string, exactly as conform parses FormData. Judging happens in
// one transform, so a submission reports the calculation's and the checklist's errors together.

const text = z.string().optional();
const rawCohort = z.object({ startYear: text, citizens: text });
const rawCost = z.object({
  label: text, payer: text, type: text, amount: text, year: text, fromYear: text, toYear: text, offsetKind: text,
});
const rawConsequence = z.object({
  label: text, area: text, kind: text, deltaPerSuccess: text,
  prices: z.object({ kommune: text, region: text, stat: text }).optional(),
});
const rawChecklist = z.object({
  targetGroupMatch: text, targetGroupNote: text, effectMeasureMatch: text, effectMeasureNote: text,
  effectSource: text, priceYear: text,
});
const rawSpreads = z.object({ successRate: text, consequenceDeltas: text, prices: text, costs: text });

const rawForm = z.object({
  title: text,
  scenario: text,
  phase: text,
  version: text,
  horizonYears: text,
  courseLengthYears: text,
  discountRate: text,
  successRate: z.object({ intervention: text, comparison: text }).optional(),
  cohorts: z.array(rawCohort.nullish()).optional(),
  costs: z.array(rawCost.nullish()).optional(),
  consequences: z.array(rawConsequence.nullish()).optional(),
  checklist: rawChecklist.optional(),
  spreads: rawSpreads.optional(),
});
export type SomRawForm = z.input<typeof rawForm>;

/** The assumption checklist as stored with a version (SØM's "tjekliste"). Messages are i18n keys. */
export const somChecklistSchema = z.object({
  targetGroupMatch: z.enum(MATCHES, { error: "error.invalidChoice" }),
  targetGroupNote: z.string().trim().max(2000, "error.tooLong").default(""),
  effectMeasureMatch: z.enum(MATCHES, { error: "error.invalidChoice" }),
  effectMeasureNote: z.string().trim().max(2000, "error.tooLong").default(""),
  effectSource: z.string({ error: "error.required" }).trim().min(1, "error.required").max(2000, "error.tooLong"),
  priceYear: z
    .number({ error: "som.error.priceYear" })
    .int("som.error.priceYear")
    .min(MIN_PRICE_YEAR, "som.error.priceYear")
    .max(MAX_PRICE_YEAR, "som.error.priceYear"),
}) satisfies z.ZodType<SomChecklist, any>;

// ---------------------------------------------------------------------------------------------------
// Form strings -> the engine's JSON. Nothing is judged here: a value that cannot be read is passed on
// as typed, so parseSomInput refuses it under its own field name.

function wholeNumber(s: string | undefined): number | string | undefined {
  if (s === undefined) return undefined;
  return /^\s*-?\d{1,9}\s*$/.test(s) ? Number(s) : s;
}

function decimal(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  return parseDanishDecimal(s) ?? s;
}

function percent(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const d = parseDanishDecimal(s);
  return d === null ? s : new Decimal(d).div(100).toFixed();
}

function deltas(s: string | undefined): string[] | undefined {
  if (s === undefined) return undefined;
  return s
    .split(/[;\t\r\n]+/)
    .map((token) => token.trim())
    .filter((token) => token !== "")
    .map((token) => parseDanishDecimal(token) ?? token);
}

function toSomJson(raw: z.output<typeof rawForm>): Record<string, unknown> {
  const rows = <T>(list: (T | null | undefined)[] | undefined) => (list ?? []).map((r) => r ?? ({} as T));
  return {
    horizonYears: wholeNumber(raw.horizonYears),
    discountRate: percent(raw.discountRate),
    courseLengthYears: wholeNumber(raw.courseLengthYears),
    cohorts: rows(raw.cohorts).map((c) => ({ startYear: wholeNumber(c.startYear), citizens: decimal(c.citizens) })),
    successRate: { intervention: percent(raw.successRate?.intervention), comparison: percent(raw.successRate?.comparison) },
    costs: rows(raw.costs).map((c) => {
      const cost: Record<string, unknown> = { label: c.label, payer: c.payer, type: c.type, amount: decimal(c.amount) };
      if (c.offsetKind) cost.offsetKind = c.offsetKind;
      if (c.type === "oneOff") cost.year = wholeNumber(c.year);
      if (c.type === "annual") Object.assign(cost, { fromYear: wholeNumber(c.fromYear), toYear: wholeNumber(c.toYear) });
      return cost;
    }),
    consequences: rows(raw.consequences).map((c) => ({
      label: c.label,
      area: c.area,
      kind: c.kind,
      deltaPerSuccess: deltas(c.deltaPerSuccess),
      prices: { kommune: decimal(c.prices?.kommune), region: decimal(c.prices?.region), stat: decimal(c.prices?.stat) },
    })),
  };
}

function toSpreadsJson(raw: z.output<typeof rawSpreads> | undefined): Record<string, unknown> | null {
  if (!raw || Object.values(raw).every((v) => v === undefined)) return null;
  return {
    successRate: percent(raw.successRate) ?? "0",
    consequenceDeltas: percent(raw.consequenceDeltas) ?? "0",
    prices: percent(raw.prices) ?? "0",
    costs: percent(raw.costs) ?? "0",
  };
}

// ---------------------------------------------------------------------------------------------------
// parseSomInput's messages are English and name the engine's units; the form shows its own.

const PERCENT_FIELDS = /(^discountRate$|^successRate\.|^spreads\.)/;

/** A schema message in the reader's language, in the form's units; unknown messages are shown as they are. */
export function translateSomMessage(t: Translate, path: string, message: string): string {
  if (message === "is required") return t("error.required");
  if (message.startsWith("must be a decimal number") || message.startsWith("must have at most 30 characters")) {
    return t(PERCENT_FIELDS.test(path) ? "som.error.percent" : "som.error.decimal");
  }
  if (message.startsWith("must be between 0 and 1")) return t(path.startsWith("spreads.") ? "som.error.spread" : "som.error.percent");
  if (message.startsWith("must be a whole number")) return t("som.error.wholeNumber");
  if (message.startsWith("must not be negative; use kind")) return t("som.error.negativePrice");
  if (message.startsWith("must not be negative")) return t("som.error.negative");
  let m = /^must be a year between 1 and (\d+)/.exec(message);
  if (m) return t("som.error.yearInHorizon", { horizon: m[1] });
  m = /^must be between 1 and (\d+)$/.exec(message);
  if (m) return t("som.error.horizon", { max: m[1] });
  if (/^must be at (least|most) /.test(message)) return t("som.error.courseLength");
  if (message === "must have at least one cohort") return t("som.error.cohortsMin");
  if (message === "must have at least one year") return t("error.required");
  if (message.startsWith("must have at most")) return t("som.error.tooMany");
  if (message === "must not be before fromYear") return t("som.error.toBeforeFrom");
  if (message.startsWith("is required for a negative cost")) return t("som.error.offsetRequired");
  if (message.startsWith("is only for offsets")) return t("som.error.offsetOnlyNegative");
  if (message === "must not be empty") return t("error.required");
  if (message.startsWith("must be ") || message.startsWith("unknown payer")) return t("error.invalidChoice");
  return message;
}

/** A warning from parseSomInput in the reader's language. */
export function translateSomWarning(t: Translate, w: SomFieldIssue): string {
  if (w.path === "successRate.intervention") return t("som.warning.negativeSuccess");
  const m = /completes in year (\d+)/.exec(w.message);
  const cohort = /^cohorts\[(\d+)\]/.exec(w.path);
  if (m && cohort) return t("som.warning.cohortAfterHorizon", { n: Number(cohort[1]) + 1, year: m[1] });
  const cost = /^costs\[(\d+)\]\.(offsetKind|toYear)$/.exec(w.path);
  if (cost?.[2] === "offsetKind") return t("som.warning.offsetKind", { n: Number(cost[1]) + 1 });
  const years = /^runs to year (\d+), past the horizon \(year (\d+)\)/.exec(w.message);
  if (cost?.[2] === "toYear" && years) {
    return t("som.warning.toYearAfterHorizon", { n: Number(cost[1]) + 1, year: years[1], horizon: years[2] });
  }
  return w.message;
}

/** "cohorts[0].citizens" -> ["cohorts", 0, "citizens"]. */
function splitPath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

type Ctx = z.RefinementCtx;

/** Reports parseSomInput's errors at the form's fields; a year of a consequence row is reported at the row's field. */
function addInputIssues(ctx: Ctx, t: Translate, errors: SomFieldIssue[], prefix: (string | number)[] = []) {
  for (const e of errors) {
    const path = splitPath(e.path);
    let message = translateSomMessage(t, e.path, e.message);
    if (path[0] === "consequences" && path[2] === "deltaPerSuccess" && typeof path[3] === "number") {
      message = t("som.error.deltaYear", { year: path[3], message });
      path.length = 3;
    }
    ctx.addIssue({ code: "custom", path: [...prefix, ...path], message });
  }
}

export interface SomLiveValue {
  input: SomInput;
  spreads: SomSpreads | null;
  warnings: SomFieldIssue[];
}

export interface SomFormValue extends SomLiveValue {
  title: string;
  scenario: SomScenario;
  /** Only when creating: a calculation's phase never changes. */
  phase: PhasePeriod | null;
  /** Only when saving a new version: the version the form was loaded at. */
  version: number | null;
  checklist: SomChecklist;
}

function judgeCalculation(raw: z.output<typeof rawForm>, ctx: Ctx, t: Translate): SomLiveValue | null {
  let ok = true;
  for (const field of ["horizonYears", "courseLengthYears", "discountRate"] as const) {
    // The engine defaults a missing horizon and rate; in a form a blank field is an omission, not a choice.
    if (raw[field] === undefined) {
      ctx.addIssue({ code: "custom", path: [field], message: t("error.required") });
      ok = false;
    }
  }
  const parsed = parseSomInput(toSomJson(raw));
  if (!parsed.ok) addInputIssues(ctx, t, parsed.errors);
  const spreadsJson = toSpreadsJson(raw.spreads);
  const spreads = spreadsJson ? parseSomSpreads(spreadsJson) : null;
  if (spreads && !spreads.ok) addInputIssues(ctx, t, spreads.errors, ["spreads"]);
  if (!ok || !parsed.ok || (spreads && !spreads.ok)) return null;
  return { input: parsed.value, spreads: spreads?.ok ? spreads.value : null, warnings: parsed.warnings };
}

/** Only the calculation (and spreads): what the browser recalculates on every keystroke. */
export function somLiveSchema(t: Translate) {
  return rawForm.transform((raw, ctx): SomLiveValue => judgeCalculation(raw, ctx, t) ?? (z.NEVER as never));
}

/** The whole editor form: title, scenario, (phase), (version), the calculation, spreads and checklist. */
export function somFormSchema(t: Translate, mode: "create" | "edit") {
  return rawForm.transform((raw, ctx): SomFormValue => {
    // Issues in the order of the form, so the error summary reads top to bottom.
    const fail = (path: (string | number)[], key: string) => ctx.addIssue({ code: "custom", path, message: t(key) });

    const title = raw.title?.trim() ?? "";
    if (!title) fail(["title"], "error.required");
    else if (title.length > 200) fail(["title"], "error.tooLong");
    const scenario = SCENARIOS.find((s) => s === raw.scenario);
    if (!scenario) fail(["scenario"], "error.invalidChoice");
    const phase = mode === "create" ? (PHASE_PERIODS.find((p) => p === raw.phase) ?? null) : null;
    if (mode === "create" && !phase) fail(["phase"], "error.invalidChoice");
    // A whole number JavaScript holds exactly: "9…9" four hundred times long is Infinity, which no database compares.
    const parsedVersion = mode === "edit" && raw.version && /^\d+$/.test(raw.version) ? Number(raw.version) : null;
    const version = parsedVersion !== null && Number.isSafeInteger(parsedVersion) ? parsedVersion : null;
    if (mode === "edit" && version === null) fail(["version"], "error.required");
    const calculation = judgeCalculation(raw, ctx, t);

    const c = raw.checklist ?? {};
    const checklist = somChecklistSchema.safeParse({
      ...c,
      priceYear: c.priceYear === undefined ? undefined : /^\s*\d+\s*$/.test(c.priceYear) ? Number(c.priceYear) : c.priceYear,
    });
    if (!checklist.success) {
      for (const issue of checklist.error.issues) fail(["checklist", ...(issue.path as (string | number)[])], issue.message);
    }
    if (!calculation || !checklist.success || !scenario || !title || title.length > 200) return z.NEVER;
    if ((mode === "create" && !phase) || (mode === "edit" && version === null)) return z.NEVER;
    return { ...calculation, title, scenario, phase, version, checklist: checklist.data };
  });
}

// ---------------------------------------------------------------------------------------------------
// Stored calculation -> the form's default value.

export interface SomFormDefaults {
  title?: string;
  scenario?: string;
  phase?: string;
  version?: string;
  horizonYears: string;
  courseLengthYears: string;
  discountRate: string;
  successRate: { intervention: string; comparison: string };
  cohorts: { startYear: string; citizens: string }[];
  costs: Record<string, string>[];
  consequences: { label: string; area: string; kind: string; deltaPerSuccess: string; prices: Record<string, string> }[];
  checklist: Record<string, string>;
  spreads: Record<string, string>;
}

export function somFormDefaults(
  input: SomInput,
  checklist: SomChecklist | null,
  spreads: SomSpreads | null,
  meta: { title?: string; scenario?: string; phase?: string; version?: number } = {},
): SomFormDefaults {
  return {
    title: meta.title,
    scenario: meta.scenario,
    phase: meta.phase,
    version: meta.version === undefined ? undefined : String(meta.version),
    horizonYears: String(input.horizonYears),
    courseLengthYears: String(input.courseLengthYears),
    discountRate: rateToPercentInput(input.discountRate),
    successRate: {
      intervention: rateToPercentInput(input.successRate.intervention),
      comparison: rateToPercentInput(input.successRate.comparison),
    },
    cohorts: input.cohorts.map((c) => ({ startYear: String(c.startYear), citizens: decimalToInput(c.citizens) })),
    costs: input.costs.map((c) => ({
      label: c.label,
      payer: c.payer,
      type: c.type,
      amount: decimalToInput(c.amount),
      offsetKind: c.offsetKind ?? "",
      year: c.type === "oneOff" ? String(c.year) : "",
      fromYear: c.type === "annual" ? String(c.fromYear) : "",
      toYear: c.type === "annual" ? String(c.toYear) : "",
    })),
    consequences: input.consequences.map((c) => ({
      label: c.label,
      area: c.area,
      kind: c.kind,
      deltaPerSuccess: c.deltaPerSuccess.map(decimalToInput).join("; "),
      prices: {
        kommune: decimalToInput(c.prices.kommune),
        region: decimalToInput(c.prices.region),
        stat: decimalToInput(c.prices.stat),
      },
    })),
    checklist: checklist
      ? {
          targetGroupMatch: checklist.targetGroupMatch,
          targetGroupNote: checklist.targetGroupNote,
          effectMeasureMatch: checklist.effectMeasureMatch,
          effectMeasureNote: checklist.effectMeasureNote,
          effectSource: checklist.effectSource,
          priceYear: String(checklist.priceYear),
        }
      : {},
    spreads: spreads
      ? {
          successRate: rateToPercentInput(spreads.successRate),
          consequenceDeltas: rateToPercentInput(spreads.consequenceDeltas),
          prices: rateToPercentInput(spreads.prices),
          costs: rateToPercentInput(spreads.costs),
        }
      : {},
  };
}

/** A new calculation: SØM's defaults (10 years, undiscounted, a one-year course) and one empty row of each. */
export function blankSomFormDefaults(meta: { phase: string; scenario?: string }): SomFormDefaults {
  return {
    title: "",
    scenario: meta.scenario ?? "expected",
    phase: meta.phase,
    horizonYears: "10",
    courseLengthYears: "1",
    discountRate: "0",
    successRate: { intervention: "", comparison: "" },
    cohorts: [{ startYear: "1", citizens: "" }],
    costs: [{ label: "", payer: "kommune", type: "perCitizenPerCourseYear", amount: "", offsetKind: "", year: "1", fromYear: "1", toYear: "1" }],
    consequences: [{ label: "", area: "", kind: "expenditure", deltaPerSuccess: "", prices: { kommune: "", region: "", stat: "" } }],
    checklist: {},
    spreads: {},
  };
}

/** Blank rows for the add buttons. */
export const NEW_ROWS = {
  cohort: { startYear: "", citizens: "" },
  cost: { label: "", payer: "kommune", type: "oneOff", amount: "", offsetKind: "", year: "1", fromYear: "1", toYear: "1" },
  consequence: { label: "", area: "", kind: "expenditure", deltaPerSuccess: "", prices: { kommune: "", region: "", stat: "" } },
};

export { COST_TYPES };
