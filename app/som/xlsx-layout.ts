// The layout the SØM workbook's writer (xlsx-writer.server.ts) and reader (xlsx-reader.server.ts) share:
// sheet names, the key rows of the "Input" sheet, the section markers and columns, and the Danish words
// the input cells use for payers, cost types, kinds and offsets (from app/i18n, with the machine codes
// also accepted, case-insensitively, so a workbook of format 1 still reads).
import { translator, type Lang } from "~/i18n";
import { PHASE_PERIODS, type PhasePeriod } from "#workflows/phase-model";
import { CONSEQUENCE_KINDS, COST_TYPES, OFFSET_KINDS, PAYERS, type SomInput } from "./engine";
import type { SimulationResult, SomSpreads } from "./montecarlo";
import { MAX_HORIZON_YEARS } from "./schema";
import { CHECKLIST_MATCHES, SOM_SCENARIOS, type SomChecklist, type SomScenario } from "./vocabulary";

/** Format 2: Danish words and live formulas. Format 1 (English codes, values only) is still read. */
export const SOM_XLSX_FORMAT = "susi-som-xlsx/2";
export const SOM_XLSX_FORMATS_READ = ["susi-som-xlsx/1", SOM_XLSX_FORMAT] as const;
export const SOM_XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Largest workbook the import reads (compressed); a real calculation is well under 100 kB. */
export const MAX_SOM_XLSX_BYTES = 1_000_000;
export const MIN_PRICE_YEAR = 1990;
export const MAX_PRICE_YEAR = 2100;
/** More rows than any valid calculation can have (100 cohorts + 500 costs + 500 consequences + headers). */
export const MAX_ROWS = 1200;

const da = translator("da");

/** Sheet names are Danish (the workbook is); the reader finds the input sheets by these names. */
export const SHEET = {
  input: "Input",
  checklist: "Tjekliste",
  schedule: da("somx.sheet.schedule"),
  years: da("somx.sheet.years"),
  cumulative: da("somx.sheet.cumulative"),
  byArea: da("somx.sheet.byArea"),
  summary: da("somx.sheet.summary"),
  uncertainty: da("somx.sheet.uncertainty"),
  guide: da("somx.sheet.guide"),
  /** Hidden: the exact decimal behind each number cell, so an unedited number reads back digit for digit. */
  exact: "_exact",
} as const;

/** Everything a calculation version holds, as the workbook carries it. */
export interface SomWorkbookData {
  title: string;
  scenario: SomScenario;
  phase: PhasePeriod;
  input: SomInput;
  /** null for a workbook of a bare calculation (the command line): the checklist is left blank to fill in. */
  checklist: SomChecklist | null;
  spreads: SomSpreads | null;
}

/** What an import gives: always a checklist. */
export interface SomWorkbookImport extends SomWorkbookData {
  checklist: SomChecklist;
}

export interface SomWorkbookMeta {
  initiativeTitle?: string;
  versionNumber?: number;
  exportedAt?: string;
  /** The Monte Carlo result to show; computed from the spreads (fixed seed, 10,000 draws) when absent. */
  uncertainty?: SimulationResult | null;
}

export const SCALARS = [
  { key: "format", label: "somx.input.format" },
  { key: "title", label: "somx.input.title" },
  { key: "scenario", label: "somx.input.scenario" },
  { key: "phase", label: "somx.input.phase" },
  { key: "horizonYears", label: "somx.input.horizonYears" },
  { key: "discountRate", label: "somx.input.discountRate" },
  { key: "courseLengthYears", label: "somx.input.courseLengthYears" },
  { key: "successRate.intervention", label: "somx.input.intervention" },
  { key: "successRate.comparison", label: "somx.input.comparison" },
  { key: "spreads.successRate", label: "somx.input.spreadSuccess" },
  { key: "spreads.consequenceDeltas", label: "somx.input.spreadDeltas" },
  { key: "spreads.prices", label: "somx.input.spreadPrices" },
  { key: "spreads.costs", label: "somx.input.spreadCosts" },
] as const;
export type ScalarKey = (typeof SCALARS)[number]["key"];
/** Row of each scalar on the "Input" sheet (the writer's layout; the reader finds rows by key). */
export const SCALAR_ROW = Object.fromEntries(SCALARS.map((s, i) => [s.key, i + 1])) as Record<ScalarKey, number>;
export const PERCENT_SCALARS: readonly ScalarKey[] = [
  "discountRate", "successRate.intervention", "successRate.comparison",
  "spreads.successRate", "spreads.consequenceDeltas", "spreads.prices", "spreads.costs",
];

export const CHECKLIST_ROWS = [
  { key: "targetGroupMatch", label: "somx.check.targetGroupMatch" },
  { key: "targetGroupNote", label: "somx.check.targetGroupNote" },
  { key: "effectMeasureMatch", label: "somx.check.effectMeasureMatch" },
  { key: "effectMeasureNote", label: "somx.check.effectMeasureNote" },
  { key: "effectSource", label: "somx.check.effectSource" },
  { key: "priceYear", label: "somx.check.priceYear" },
] as const;
export type ChecklistKey = (typeof CHECKLIST_ROWS)[number]["key"];

export const SECTION = { cohorts: "#cohorts", costs: "#costs", consequences: "#consequences" } as const;
export type SectionKey = keyof typeof SECTION;

export const COHORT_COLUMNS = ["startYear", "citizens"] as const;
export const COST_COLUMNS = ["label", "payer", "type", "amount", "year", "fromYear", "toYear", "offsetKind"] as const;
export const CONSEQUENCE_FIXED = ["label", "area", "kind", "price.kommune", "price.region", "price.stat"] as const;
/** Machine names of the change columns: delta[0] is the completion year, delta[1] the year after … */
export const DELTA_HEADER = /^delta\[(\d+)\]$/;

/** The Danish header of a column (what the writer puts in the header row). */
export function columnLabel(key: string, lang: Lang = "da"): string {
  const t = translator(lang);
  const delta = DELTA_HEADER.exec(key);
  if (delta) return t("somx.col.delta", { year: delta[1] });
  if (key.startsWith("price.")) return t("somx.col.price", { payer: t(`som.payer.${key.slice(6)}`).toLowerCase() });
  return t(`somx.col.${key}`);
}

/** Header text → machine name: the Danish header or the machine name itself (format 1). */
export function columnKey(header: string): string | { unknownPayer: string } | null {
  const h = header.trim();
  const known = [...COHORT_COLUMNS, ...COST_COLUMNS, ...CONSEQUENCE_FIXED];
  for (const key of known) if (h === key || h.toLowerCase() === columnLabel(key).toLowerCase()) return key;
  if (DELTA_HEADER.test(h)) return h;
  const deltaDa = new RegExp(`^${escape(columnLabel("delta[0]")).replace("0", "(\\d+)")}$`, "i").exec(h);
  if (deltaDa) return `delta[${Number(deltaDa[1])}]`;
  const pricePattern = new RegExp(`^${escape(da("somx.col.price", { payer: "\u0000" })).replace("\u0000", "(.+)")}$`, "i");
  const price = /^price\.(.*)$/.exec(h) ?? pricePattern.exec(h);
  if (price) return { unknownPayer: price[1] };
  return null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A vocabulary of codes and the Danish words shown for them. */
export interface Choice<T extends string> {
  codes: readonly T[];
  label: (code: T) => string;
}

export const PAYER_CHOICE: Choice<(typeof PAYERS)[number]> = { codes: PAYERS, label: (c) => da(`som.payer.${c}`) };
export const COST_TYPE_CHOICE: Choice<(typeof COST_TYPES)[number]> = { codes: COST_TYPES, label: (c) => da(`som.costType.${c}`) };
export const KIND_CHOICE: Choice<(typeof CONSEQUENCE_KINDS)[number]> = { codes: CONSEQUENCE_KINDS, label: (c) => da(`som.kind.${c}`) };
export const OFFSET_CHOICE: Choice<(typeof OFFSET_KINDS)[number]> = { codes: OFFSET_KINDS, label: (c) => da(`som.offset.${c}`) };
/** The word for a negative cost without a stated kind; read back as "no offsetKind". */
export const OFFSET_UNSPECIFIED = da("som.offset.unspecified");
export const SCENARIO_CHOICE: Choice<SomScenario> = { codes: SOM_SCENARIOS, label: (c) => da(`som.scenario.${c}`) };
export const PHASE_CHOICE: Choice<PhasePeriod> = { codes: PHASE_PERIODS, label: (c) => da(`phase.${c}`) };
export const MATCH_CHOICE: Choice<(typeof CHECKLIST_MATCHES)[number]> = { codes: CHECKLIST_MATCHES, label: (c) => da(`som.match.${c}`) };

/** The words a cell may hold for a choice: each code and its Danish label (compared case-insensitively). */
export function choiceWords<T extends string>(choice: Choice<T>, code: T): string[] {
  return [...new Set([choice.label(code), code])];
}

export function matchChoice<T extends string>(choice: Choice<T>, text: string): T | undefined {
  const v = text.trim().toLowerCase();
  return choice.codes.find((code) => choiceWords(choice, code).some((w) => w.toLowerCase() === v));
}

export function columnLetter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export { MAX_HORIZON_YEARS };
