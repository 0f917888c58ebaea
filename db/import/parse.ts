// The UIP CSV import, step 1 of 3: parsing. A file shaped like seed 004's table becomes validated rows
// mapped to the domain (one zod check per row), or a list of problems, each naming its line and column
// with a stable code and the parameters a translation needs (app/i18n/csv-import.ts words them; db/ holds
// no user-facing text). Pure: no database. Matching is ./match.ts, writing ./write.ts (DECISIONS 0085).
// Optional columns: owner (the e-mail of an active program manager) and budget_kr (budget per agreement
// year in whole kroner, "2022: 1.500.000; 2023: 2.000.000").
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Area, AssessmentMade } from "../schema";
import { agreementLabel } from "../queries/initiatives";
import type { PhasePeriod } from "../../workflows/phase-model";
import { importedInitiativeState, type ImportedState } from "../../workflows/import";
import { importKey, parseSuccessorReference } from "./match";

export { deriveFramework, deriveStatus, SUSI2_FIRST_YEAR } from "../../workflows/import";
export { importKey } from "./match";

/** The columns every file has (some may be left empty per row). */
export const UIP_COLUMNS = [
  "area", "title", "phase", "agreement", "agreement_years", "continued_to_next_phase", "susi_assessment",
] as const;
/** Columns a file may leave out altogether. */
export const UIP_OPTIONAL_COLUMNS = ["owner", "budget_kr"] as const;
export const UIP_ALL_COLUMNS = [...UIP_COLUMNS, ...UIP_OPTIONAL_COLUMNS] as const;
export type UipColumn = (typeof UIP_ALL_COLUMNS)[number];
/** The largest budget accepted for one agreement year, as in the initiative form. */
export const MAX_BUDGET_KR = 2_000_000_000;
export const MAX_TITLE_LENGTH = 300;

export type UipErrorCode =
  | "empty_file"
  | "no_rows"
  | "csv_malformed"
  | "header_missing_column"
  | "header_unknown_column"
  | "header_duplicate_column"
  | "field_count"
  | "required"
  | "invalid_value"
  | "too_long"
  | "unknown_area"
  | "unknown_phase"
  | "invalid_year"
  | "duplicate_row"
  | "invalid_owner"
  | "unknown_owner"
  | "invalid_budget"
  | "budget_year";

/**
 * One problem in a file. `line` is the 1-based line in the file where the record starts (the header is
 * line 1); `column` is null for problems with the file or the whole row; `params` fill in the words
 * (`value` the text found, `name` a header name, `max`, `expected`/`found`, `firstLine`, `email`, `year`,
 * `years`, `detail`). app/i18n/csv-import.ts `importProblemText` turns one into a sentence.
 */
export interface UipProblem {
  line: number;
  column: UipColumn | null;
  code: UipErrorCode;
  params: Record<string, string | number>;
}

/** One valid row, mapped to the domain and ready to insert. */
export interface UipRow extends ImportedState {
  line: number;
  area: Area;
  title: string;
  agreementLabel: string;
  agreementYears: number[];
  sourceOutcome: string | null;
  sourceAssessment: string | null;
  susiAssessmentMade: AssessmentMade | null;
  importKey: string;
  /** The owner's e-mail (lower case), checked against the users at import; null for none. */
  ownerEmail: string | null;
  /** [year, whole kroner] for agreement years with a budget. */
  budgets: [number, number][];
}

export type UipParseResult = { ok: true; rows: UipRow[] } | { ok: false; errors: UipProblem[] };

/** Called every PROGRESS_EVERY rows while a file is checked (the job page shows it). */
export type ParseProgress = (checked: number, total: number) => void;
export const PROGRESS_EVERY = 1000;

// ---------------------------------------------------------------------------------------------------
// Mapping rules (pure, exported for tests and for the UI's help text)

const AREAS: Record<string, Area> = {
  adults: "adults",
  children: "children",
  voksne: "adults",
  "børn og unge": "children",
};

const PHASES: Record<string, PhasePeriod> = {
  screening: "screening",
  modning: "maturation",
  "afprøvning": "trial",
  udbredelse: "dissemination",
  "screening/modning": "screening_maturation",
};

function key(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

/** "-" and empty mean "nothing recorded" in the source table. */
function blankToNull(value: string): string | null {
  const v = value.trim();
  return v === "" || v === "-" ? null : v;
}

/** Whether a SUSI assessment was made, from the source's free text. */
export function deriveAssessmentMade(assessment: string | null): AssessmentMade | null {
  if (!assessment) return null;
  const a = key(assessment);
  if (a.startsWith("ja og delvist")) return "partly";
  if (/^ja\b/u.test(a)) return "yes";
  if (/^nej\b/u.test(a)) return "no";
  if (a.startsWith("der foretages ikke")) return "not_applicable";
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Row validation with zod. Every failure is a custom issue carrying its code and parameters.

type Ctx = z.core.$RefinementCtx<string> | z.core.$RefinementCtx<string | undefined>;

function fail(ctx: Ctx, code: UipErrorCode, params: Record<string, string | number> = {}): never {
  ctx.addIssue({ code: "custom", message: code, params: { code, params } });
  return z.NEVER;
}

const required = (ctx: Ctx) => fail(ctx, "required");

const rowSchema = z.object({
  area: z.string().transform((v, ctx): Area => {
    if (!v.trim()) return required(ctx);
    return AREAS[key(v)] ?? fail(ctx, "unknown_area", { value: v.trim() });
  }),
  title: z.string().transform((v, ctx) => {
    const title = v.trim().replace(/\s+/g, " ");
    if (!title) return required(ctx);
    if (title.length > MAX_TITLE_LENGTH) return fail(ctx, "too_long", { max: MAX_TITLE_LENGTH });
    return title;
  }),
  phase: z.string().transform((v, ctx): PhasePeriod => {
    if (!v.trim()) return required(ctx);
    return PHASES[key(v).replace(/\s*\/\s*/g, "/")] ?? fail(ctx, "unknown_phase", { value: v.trim() });
  }),
  agreement: z.string().transform((v) => v.trim().replace(/\s+/g, " ")),
  agreement_years: z.string().transform((v, ctx) => {
    const parts = v.split(";").map((p) => p.trim());
    if (parts.every((p) => p === "")) return required(ctx);
    const years: number[] = [];
    for (const p of parts) {
      const year = /^\d{4}$/.test(p) ? Number(p) : NaN;
      if (!(year >= 2000 && year <= 2100)) return fail(ctx, "invalid_year", { value: p });
      years.push(year);
    }
    return [...new Set(years)].sort((a, b) => a - b);
  }),
  continued_to_next_phase: z.string().transform(blankToNull),
  susi_assessment: z.string().transform(blankToNull),
  owner: z.string().optional().transform((v, ctx) => {
    const email = (v ?? "").trim().toLowerCase();
    if (email === "" || email === "-") return null;
    if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail(ctx, "invalid_owner", { value: v!.trim() });
    return email;
  }),
  budget_kr: z.string().optional().transform((v, ctx) => {
    const pairs: [number, number][] = [];
    for (const part of (v ?? "").split(";").map((p) => p.trim()).filter((p) => p !== "" && p !== "-")) {
      const m = /^(?:UIP\s*)?(\d{4})\s*:\s*([\d. ]+?)\s*(?:kr\.?)?$/i.exec(part);
      const amount = m ? Number(m[2].replace(/[. ]/g, "")) : NaN;
      if (!m || !Number.isSafeInteger(amount) || amount < 0 || amount > MAX_BUDGET_KR) return fail(ctx, "invalid_budget", { value: part });
      // The same code, worded as a year given twice (`year` without `value`).
      if (pairs.some(([y]) => y === Number(m[1]))) return fail(ctx, "invalid_budget", { year: Number(m[1]) });
      pairs.push([Number(m[1]), amount]);
    }
    return pairs;
  }),
}).superRefine((v, ctx) => {
  // zod 4 runs object refinements even when a field failed; then there is nothing to compare.
  if (!Array.isArray(v.budget_kr) || !Array.isArray(v.agreement_years)) return;
  const stray = v.budget_kr.find(([y]) => !v.agreement_years.includes(y));
  if (stray) {
    ctx.addIssue({
      code: "custom", path: ["budget_kr"], message: "budget_year",
      params: { code: "budget_year", params: { year: stray[0], years: v.agreement_years.join(", ") } },
    });
  }
});

function toRow(line: number, v: z.output<typeof rowSchema>): UipRow {
  return {
    line,
    area: v.area,
    title: v.title,
    ...importedInitiativeState({
      phase: v.phase, outcome: v.continued_to_next_phase, assessment: v.susi_assessment, agreementYears: v.agreement_years,
      successor: parseSuccessorReference(v.continued_to_next_phase),
    }),
    agreementLabel: v.agreement || agreementLabel(v.agreement_years),
    agreementYears: v.agreement_years,
    sourceOutcome: v.continued_to_next_phase,
    sourceAssessment: v.susi_assessment,
    susiAssessmentMade: deriveAssessmentMade(v.susi_assessment),
    importKey: importKey(v.title, v.agreement_years),
    ownerEmail: v.owner,
    budgets: v.budget_kr,
  };
}

function issueToProblem(line: number, issue: z.core.$ZodIssue): UipProblem {
  const column = (UIP_ALL_COLUMNS as readonly unknown[]).includes(issue.path[0]) ? (issue.path[0] as UipColumn) : null;
  const p = issue.code === "custom" ? issue.params : undefined;
  if (p?.code) return { line, column, code: p.code, params: p.params ?? {} };
  // Only strings reach the schema, so this is a safety net rather than an expected path.
  return { line, column, code: "invalid_value", params: {} };
}

/** The line a record starts on: csv-parse reports the line it ends on, and a quoted field may span lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function fileProblem(line: number, code: UipErrorCode, params: Record<string, string | number> = {}): UipProblem {
  return { line, column: null, code, params };
}

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Parses and validates a whole file; any problem anywhere makes the whole file invalid. */
export function parseUipCsv(text: string, onProgress?: ParseProgress): UipParseResult {
  let records: CsvRecord[];
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines; with LF only its line numbers are exact.
    records = parse(text.replace(/\r\n?/g, "\n"), {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as CsvRecord[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return { ok: false, errors: [fileProblem(e.lines ?? 1, "csv_malformed", { detail: e.message ?? String(err) })] };
  }
  // Lines holding only spaces are as good as empty.
  records = records.filter((r) => r.record.some((f) => f.trim() !== ""));
  if (records.length === 0) return { ok: false, errors: [fileProblem(1, "empty_file")] };

  const [header, ...body] = records;
  const headerLine = startLine(header.info.lines, header.raw);
  const names = header.record.map((h) => key(h));
  const errors: UipProblem[] = [];
  for (const col of UIP_COLUMNS) {
    if (!names.includes(col)) errors.push(fileProblem(headerLine, "header_missing_column", { name: col }));
  }
  names.forEach((name, i) => {
    if (!(UIP_ALL_COLUMNS as readonly string[]).includes(name)) {
      errors.push(fileProblem(headerLine, "header_unknown_column", { name: header.record[i].trim() }));
    } else if (names.indexOf(name) !== i) {
      errors.push(fileProblem(headerLine, "header_duplicate_column", { name }));
    }
  });
  if (errors.length) return { ok: false, errors };
  if (body.length === 0) return { ok: false, errors: [fileProblem(headerLine, "no_rows")] };

  const rows: UipRow[] = [];
  const firstLineByKey = new Map<string, number>();
  for (const [i, rec] of body.entries()) {
    if (onProgress && i % PROGRESS_EVERY === 0) onProgress(i, body.length);
    const line = startLine(rec.info.lines, rec.raw);
    if (rec.record.length !== names.length) {
      errors.push(fileProblem(line, "field_count", { expected: names.length, found: rec.record.length }));
      continue;
    }
    const input = Object.fromEntries(names.map((n, j) => [n, rec.record[j]]));
    const result = rowSchema.safeParse(input);
    if (!result.success) {
      errors.push(...result.error.issues.map((issue) => issueToProblem(line, issue)));
      continue;
    }
    const row = toRow(line, result.data);
    const first = firstLineByKey.get(row.importKey);
    if (first !== undefined) {
      errors.push({ line, column: "title", code: "duplicate_row", params: { firstLine: first } });
      continue;
    }
    firstLineByKey.set(row.importKey, line);
    rows.push(row);
  }
  onProgress?.(body.length, body.length);
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
