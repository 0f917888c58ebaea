// Reads a SØM workbook (written by xlsx-writer.server.ts, possibly edited in Excel) back into a
// calculation. Only the input sheets are read ("Input", "Tjekliste"); the result sheets never are: the
// app calculates afresh, which gives what the workbook's formulas showed. A number cell left as exported
// reads back as the exact decimal it was written from (the hidden "_exact" sheet); an edited one reads as
// the number Excel holds. A workbook with any problem is refused as a whole, each problem named by sheet
// and cell.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import type { Lang } from "~/i18n";
import { PAYERS } from "./engine";
import type { SomSpreads } from "./montecarlo";
import { MAX_HORIZON_YEARS, parseSomInput, parseSomSpreads } from "./schema";
import type { SomChecklist } from "./vocabulary";
import {
  COHORT_COLUMNS, columnKey, columnLetter, CONSEQUENCE_FIXED, COST_COLUMNS, COST_TYPE_CHOICE, DELTA_HEADER, KIND_CHOICE, MATCH_CHOICE,
  matchChoice, MAX_PRICE_YEAR, MAX_ROWS, MIN_PRICE_YEAR, OFFSET_CHOICE, OFFSET_UNSPECIFIED, PAYER_CHOICE, PHASE_CHOICE,
  SCENARIO_CHOICE, SECTION, SHEET, SOM_XLSX_FORMAT, SOM_XLSX_FORMATS_READ, type Choice, type ChecklistKey, type ScalarKey,
  type SectionKey, type SomWorkbookImport,
} from "./xlsx-layout";

export type XlsxIssueCode =
  | "not_a_workbook" | "missing_sheet" | "unknown_format" | "missing_key" | "missing_section" | "missing_column"
  | "unknown_column" | "required" | "not_number" | "not_integer" | "not_text" | "too_long" | "unknown_payer"
  | "invalid_choice" | "not_applicable" | "delta_gap" | "too_many_rows" | "invalid";

export interface XlsxIssue {
  sheet?: string;
  cell?: string;
  code: XlsxIssueCode;
  /** The cell's content as the user sees it. */
  value?: string;
  /** The machine name of the field or column. */
  field?: string;
  expected?: readonly string[];
  /** The engine schema's own (English) explanation, for code "invalid". */
  detail?: string;
}

export type SomWorkbookParse = { ok: true; value: SomWorkbookImport } | { ok: false; errors: XlsxIssue[] };

const orList = (values: readonly string[], lang: Lang) => {
  const or = lang === "da" ? "eller" : "or";
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} ${or} ${values[values.length - 1]}`;
};

/** One issue as a sentence naming sheet and cell, e.g. `Ark "Input", celle C7: "abc" er ikke et tal`. */
export function formatXlsxIssue(i: XlsxIssue, lang: Lang): string {
  const da = lang === "da";
  const where = i.sheet
    ? i.cell
      ? da ? `Ark "${i.sheet}", celle ${i.cell}: ` : `Sheet "${i.sheet}", cell ${i.cell}: `
      : da ? `Ark "${i.sheet}": ` : `Sheet "${i.sheet}": `
    : "";
  const v = JSON.stringify(i.value ?? "");
  const f = i.field ?? "";
  const exp = orList(i.expected ?? [], lang);
  const reasons: Record<XlsxIssueCode, [string, string]> = {
    not_a_workbook: ["Filen kan ikke læses som en Excel-projektmappe (.xlsx).", "The file cannot be read as an Excel workbook (.xlsx)."],
    missing_sheet: ["arket mangler i projektmappen", "the sheet is missing from the workbook"],
    unknown_format: [`filformatet ${v} kendes ikke; forventet "${SOM_XLSX_FORMAT}"`, `unknown file format ${v}; expected "${SOM_XLSX_FORMAT}"`],
    missing_key: [`rækken med nøglen "${f}" i kolonne A mangler`, `the row with key "${f}" in column A is missing`],
    missing_section: [`afsnittet "${f}" mangler i kolonne A`, `the section "${f}" is missing in column A`],
    missing_column: [`kolonnen "${f}" mangler i overskriftsrækken`, `the column "${f}" is missing from the header row`],
    unknown_column: [`ukendt kolonne ${v}`, `unknown column ${v}`],
    required: [`mangler en værdi (${f})`, `a value is required (${f})`],
    not_number: [`${v} er ikke et tal`, `${v} is not a number`],
    not_integer: [`${v} er ikke et helt tal`, `${v} is not a whole number`],
    not_text: [`${v} skal være tekst`, `${v} must be text`],
    too_long: [`teksten er for lang (${f})`, `the text is too long (${f})`],
    unknown_payer: [`ukendt betaler ${v}; brug ${exp}`, `unknown payer ${v}; use ${exp}`],
    invalid_choice: [`ukendt værdi ${v} (${f}); brug ${exp}`, `unknown value ${v} (${f}); use ${exp}`],
    not_applicable: [`skal være tom for denne type (${f})`, `must be empty for this type (${f})`],
    delta_gap: ["et år mellem to udfyldte år mangler en værdi (skriv 0)", "a year between two filled years has no value (write 0)"],
    too_many_rows: ["arket har flere rækker, end en beregning kan have", "the sheet has more rows than a calculation can have"],
    invalid: [`${f}: ${i.detail ?? ""}`, `${f}: ${i.detail ?? ""}`],
  };
  return where + reasons[i.code][da ? 0 : 1];
}

type Read =
  | { kind: "empty" }
  | { kind: "number"; value: number; shown: string }
  | { kind: "text"; value: string; shown: string }
  | { kind: "other"; shown: string };

function readCell(cell: ExcelJS.Cell): Read {
  let v: ExcelJS.CellValue = cell.value;
  // A formula's cached result; cell.result, since cell.value leaves out a falsy one (0, "").
  if (cell.type === ExcelJS.ValueType.Formula) v = (cell.result as ExcelJS.CellValue) ?? null;
  if (v === null || v === undefined) return { kind: "empty" };
  if (typeof v === "number") return Number.isFinite(v) ? { kind: "number", value: v, shown: String(v) } : { kind: "other", shown: String(v) };
  if (typeof v === "string") return v.trim() === "" ? { kind: "empty" } : { kind: "text", value: v, shown: v };
  if (typeof v === "boolean") return { kind: "other", shown: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { kind: "other", shown: v.toISOString().slice(0, 10) };
  if ("richText" in v) {
    const text = v.richText.map((r) => r.text).join("");
    return text.trim() === "" ? { kind: "empty" } : { kind: "text", value: text, shown: text };
  }
  if ("hyperlink" in v) return { kind: "text", value: String(v.text ?? ""), shown: String(v.text ?? "") };
  if ("error" in v) return { kind: "other", shown: String(v.error) };
  return { kind: "other", shown: cell.text };
}

const DECIMAL_TEXT = /^-?\d+([.,]\d+)?$/;
const MAX_TEXT = 2000;

/** Reads typed values from one sheet, collecting every problem instead of stopping at the first. */
class SheetReader {
  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly issues: XlsxIssue[],
    /** JSON path of a value → the cell it came from, so the engine schema's errors can name the cell. */
    readonly cells: Map<string, string>,
    /** Cell address → the exact decimal it was written from and the number written (hidden "_exact" sheet). */
    readonly exact: Map<string, { text: string; number: number }> = new Map(),
  ) {}

  private issue(cell: ExcelJS.Cell, code: XlsxIssueCode, extra: Partial<XlsxIssue> = {}) {
    this.issues.push({ sheet: this.ws.name, cell: cell.address, code, ...extra });
  }

  private track(cell: ExcelJS.Cell, path: string) {
    this.cells.set(path, cell.address);
  }

  isEmpty(cell: ExcelJS.Cell) {
    return readCell(cell).kind === "empty";
  }

  text(cell: ExcelJS.Cell, path: string, opts: { required: boolean; max?: number }): string | undefined {
    this.track(cell, path);
    const r = readCell(cell);
    if (r.kind === "empty") {
      if (opts.required) this.issue(cell, "required", { field: path });
      return opts.required ? undefined : "";
    }
    if (r.kind === "other") return void this.issue(cell, "not_text", { value: r.shown });
    const value = r.kind === "number" ? r.shown : r.value.trim();
    if (value.length > (opts.max ?? MAX_TEXT)) return void this.issue(cell, "too_long", { field: path });
    return value;
  }

  decimal(cell: ExcelJS.Cell, path: string, required: boolean): string | undefined {
    this.track(cell, path);
    const r = readCell(cell);
    if (r.kind === "empty") {
      if (required) this.issue(cell, "required", { field: path });
      return undefined;
    }
    if (r.kind === "number") {
      // Unedited since export: the exact decimal behind the number, digit for digit.
      const written = this.exact.get(cell.address);
      if (written && written.number === r.value) return written.text;
      return r.value === 0 ? "0" : new Decimal(r.value).toFixed();
    }
    if (r.kind === "text" && DECIMAL_TEXT.test(r.value.trim())) return r.value.trim().replace(",", ".");
    this.issue(cell, "not_number", { value: r.shown });
    return undefined;
  }

  integer(cell: ExcelJS.Cell, path: string, required: boolean): number | undefined {
    this.track(cell, path);
    const r = readCell(cell);
    if (r.kind === "empty") {
      if (required) this.issue(cell, "required", { field: path });
      return undefined;
    }
    const n = r.kind === "number" ? r.value : r.kind === "text" && /^-?\d+$/.test(r.value.trim()) ? Number(r.value.trim()) : NaN;
    if (Number.isSafeInteger(n)) return n;
    if (Number.isFinite(n) || (r.kind === "text" && DECIMAL_TEXT.test(r.value.trim()))) this.issue(cell, "not_integer", { value: r.shown });
    else this.issue(cell, "not_number", { value: r.shown });
    return undefined;
  }

  /** One of a vocabulary's words: the Danish word the workbook shows, or the machine code (format 1). */
  choice<T extends string>(
    cell: ExcelJS.Cell, path: string, choice: Choice<T>, opts: { required: boolean; code?: "unknown_payer"; blank?: string },
  ): T | undefined {
    const value = this.text(cell, path, { required: opts.required, max: 100 });
    if (!value) return undefined;
    const code = matchChoice(choice, value);
    if (code) return code;
    if (opts.blank && value.toLowerCase() === opts.blank.toLowerCase()) return undefined;
    const expected = [...choice.codes.map(choice.label), ...(opts.blank ? [opts.blank] : [])];
    this.issue(cell, opts.code ?? "invalid_choice", { value, field: path, expected });
    return undefined;
  }

  mustBeEmpty(cell: ExcelJS.Cell, path: string) {
    if (!this.isEmpty(cell)) this.issue(cell, "not_applicable", { field: path });
  }
}

interface Table {
  headerRow: number;
  /** Column name → 1-based column index. */
  columns: Map<string, number>;
  /** Row numbers of the data rows. */
  rows: number[];
}

/** Finds the section markers and reads each section's header row and data rows. */
function readSections(ws: ExcelJS.Worksheet, issues: XlsxIssue[]): { tables: Partial<Record<SectionKey, Table>>; firstMarkerRow: number } {
  const lastRow = ws.rowCount;
  const markers = new Map<number, SectionKey>();
  const byName = new Map<string, SectionKey>(Object.entries(SECTION).map(([k, v]) => [v, k as SectionKey]));
  for (let r = 1; r <= lastRow; r++) {
    const a = readCell(ws.getCell(r, 1));
    if (a.kind === "text" && byName.has(a.value.trim())) markers.set(r, byName.get(a.value.trim())!);
  }
  const tables: Partial<Record<SectionKey, Table>> = {};
  for (const [markerRow, key] of markers) {
    const headerRow = markerRow + 1;
    const columns = new Map<string, number>();
    for (let c = 1; c <= ws.columnCount + 1; c++) {
      const h = readCell(ws.getCell(headerRow, c));
      if (h.kind === "empty") break;
      const key = columnKey(h.shown);
      columns.set(key === null ? h.shown.trim() : typeof key === "string" ? key : `price.${key.unknownPayer}`, c);
    }
    const width = Math.max(1, ...columns.values());
    const rows: number[] = [];
    for (let r = headerRow + 1; r <= lastRow && !markers.has(r); r++) {
      let empty = true;
      for (let c = 1; c <= width && empty; c++) empty = readCell(ws.getCell(r, c)).kind === "empty";
      if (empty) break;
      rows.push(r);
    }
    tables[key] = { headerRow, columns, rows };
  }
  for (const [key, marker] of Object.entries(SECTION)) {
    if (!tables[key as SectionKey]) issues.push({ sheet: ws.name, code: "missing_section", field: marker });
  }
  return { tables, firstMarkerRow: markers.size ? Math.min(...markers.keys()) : lastRow + 1 };
}

/** Checks a header row: required columns present, nothing unknown. Returns false if the table can't be read. */
function checkColumns(
  ws: ExcelJS.Worksheet, issues: XlsxIssue[], table: Table, required: readonly string[], allowed: (name: string) => boolean,
): boolean {
  const headerRow = table.headerRow;
  let ok = true;
  for (const [name, col] of table.columns) {
    if (allowed(name)) continue;
    ok = false;
    const address = `${columnLetter(col)}${headerRow}`;
    const payer = /^price\.(.*)$/.exec(name);
    if (payer) issues.push({ sheet: ws.name, cell: address, code: "unknown_payer", value: payer[1], expected: PAYERS.map(PAYER_CHOICE.label) });
    else issues.push({ sheet: ws.name, cell: address, code: "unknown_column", value: name });
  }
  const nextFree = `${columnLetter(Math.max(0, ...table.columns.values()) + 1)}${headerRow}`;
  for (const name of required) {
    if (!table.columns.has(name)) {
      ok = false;
      issues.push({ sheet: ws.name, cell: nextFree, code: "missing_column", field: name });
    }
  }
  return ok;
}

/** Key (column A) → row number, for the key/label/value rows of "Input" and "Tjekliste". */
function keyRows(ws: ExcelJS.Worksheet, untilRow: number): Map<string, number> {
  const rows = new Map<string, number>();
  for (let r = 1; r < untilRow && r <= ws.rowCount; r++) {
    const a = readCell(ws.getCell(r, 1));
    if (a.kind === "text" && !rows.has(a.value.trim())) rows.set(a.value.trim(), r);
  }
  return rows;
}

function parseInputSheet(ws: ExcelJS.Worksheet, issues: XlsxIssue[], cells: Map<string, string>, exact: ExactValues) {
  const reader = new SheetReader(ws, issues, cells, exact);
  const { tables, firstMarkerRow } = readSections(ws, issues);
  const keys = keyRows(ws, firstMarkerRow);
  const valueCell = (key: ScalarKey, required: boolean) => {
    const r = keys.get(key);
    if (r === undefined) {
      if (required) issues.push({ sheet: ws.name, code: "missing_key", field: key });
      return undefined;
    }
    return ws.getCell(r, 3);
  };

  const formatCell = valueCell("format", true);
  if (formatCell) {
    const f = readCell(formatCell);
    if (f.kind !== "text" || !(SOM_XLSX_FORMATS_READ as readonly string[]).includes(f.value.trim())) {
      issues.push({ sheet: ws.name, cell: formatCell.address, code: "unknown_format", value: f.kind === "empty" ? "" : f.shown });
      return undefined; // Some other workbook: listing every cell it lacks would only bury this message.
    }
  }
  const cellOf = (key: ScalarKey, required = true) => valueCell(key, required);
  const title = ((c) => c && reader.text(c, "title", { required: true, max: 300 }))(cellOf("title"));
  const scenario = ((c) => c && reader.choice(c, "scenario", SCENARIO_CHOICE, { required: true }))(cellOf("scenario"));
  const phase = ((c) => c && reader.choice(c, "phase", PHASE_CHOICE, { required: true }))(cellOf("phase"));

  const raw: Record<string, unknown> = {};
  const horizon = cellOf("horizonYears", false);
  if (horizon) raw.horizonYears = reader.integer(horizon, "horizonYears", false);
  const discount = cellOf("discountRate", false);
  if (discount) raw.discountRate = reader.decimal(discount, "discountRate", false);
  const course = cellOf("courseLengthYears");
  if (course) raw.courseLengthYears = reader.integer(course, "courseLengthYears", true);
  const intervention = cellOf("successRate.intervention");
  const comparison = cellOf("successRate.comparison");
  raw.successRate = {
    intervention: intervention && reader.decimal(intervention, "successRate.intervention", true),
    comparison: comparison && reader.decimal(comparison, "successRate.comparison", true),
  };

  const spreadKeys = ["successRate", "consequenceDeltas", "prices", "costs"] as const;
  const spreadCells = spreadKeys.map((k) => [k, cellOf(`spreads.${k}`, false)] as const);
  let spreads: Record<string, unknown> | null = null;
  if (spreadCells.some(([, c]) => c && !reader.isEmpty(c))) {
    spreads = {};
    for (const [k, c] of spreadCells) if (c) spreads[k] = reader.decimal(c, `spreads.${k}`, false);
  }

  // Errors about a whole list ("must have at least one cohort") point at the section's header row.
  for (const key of ["cohorts", "costs", "consequences"] as const) {
    const t = tables[key];
    if (t) cells.set(key, `A${t.headerRow}`);
  }

  const cohorts = tables.cohorts;
  raw.cohorts = [];
  if (cohorts && checkColumns(ws, issues, cohorts, COHORT_COLUMNS, (n) => (COHORT_COLUMNS as readonly string[]).includes(n))) {
    raw.cohorts = cohorts.rows.map((r, i) => ({
      startYear: reader.integer(ws.getCell(r, cohorts.columns.get("startYear")!), `cohorts[${i}].startYear`, true),
      citizens: reader.decimal(ws.getCell(r, cohorts.columns.get("citizens")!), `cohorts[${i}].citizens`, true),
    }));
  }

  const costs = tables.costs;
  raw.costs = [];
  if (costs && checkColumns(ws, issues, costs, COST_COLUMNS, (n) => (COST_COLUMNS as readonly string[]).includes(n))) {
    const col = (r: number, name: (typeof COST_COLUMNS)[number]) => ws.getCell(r, costs.columns.get(name)!);
    raw.costs = costs.rows.map((r, i) => {
      const p = `costs[${i}]`;
      const type = reader.choice(col(r, "type"), `${p}.type`, COST_TYPE_CHOICE, { required: true });
      const cost: Record<string, unknown> = {
        label: reader.text(col(r, "label"), `${p}.label`, { required: true, max: 200 }),
        payer: reader.choice(col(r, "payer"), `${p}.payer`, PAYER_CHOICE, { required: true, code: "unknown_payer" }),
        type,
        amount: reader.decimal(col(r, "amount"), `${p}.amount`, true),
      };
      const offset = reader.choice(col(r, "offsetKind"), `${p}.offsetKind`, OFFSET_CHOICE, { required: false, blank: OFFSET_UNSPECIFIED });
      if (offset) cost.offsetKind = offset;
      for (const name of ["year", "fromYear", "toYear"] as const) {
        const needed = (type === "oneOff" && name === "year") || (type === "annual" && name !== "year");
        if (needed) cost[name] = reader.integer(col(r, name), `${p}.${name}`, true);
        else if (type) reader.mustBeEmpty(col(r, name), `${p}.${name}`);
      }
      return cost;
    });
  }

  const consequences = tables.consequences;
  raw.consequences = [];
  if (consequences) {
    const deltaColumns = [...consequences.columns.keys()].filter((n) => DELTA_HEADER.test(n));
    const deltaIndexOk = (n: string) => {
      const m = DELTA_HEADER.exec(n);
      return !!m && Number(m[1]) < MAX_HORIZON_YEARS;
    };
    const header = consequences.headerRow;
    const required = ["label", "area", "kind", "delta[0]"];
    if (checkColumns(ws, issues, consequences, required, (n) => (CONSEQUENCE_FIXED as readonly string[]).includes(n) || deltaIndexOk(n))) {
      const deltaCount = deltaColumns.length;
      for (let i = 0; i < deltaCount; i++) {
        if (!consequences.columns.has(`delta[${i}]`)) {
          issues.push({ sheet: ws.name, cell: `${columnLetter(Math.max(...consequences.columns.values()) + 1)}${header}`, code: "missing_column", field: `delta[${i}]` });
        }
      }
      const col = (r: number, name: string) => ws.getCell(r, consequences.columns.get(name)!);
      raw.consequences = consequences.rows.map((r, i) => {
        const p = `consequences[${i}]`;
        const prices: Record<string, unknown> = {};
        for (const payer of PAYERS) {
          if (consequences.columns.has(`price.${payer}`)) {
            const v = reader.decimal(col(r, `price.${payer}`), `${p}.prices.${payer}`, false);
            if (v !== undefined) prices[payer] = v;
          }
        }
        const deltas: (string | undefined)[] = [];
        let lastFilled = -1;
        for (let d = 0; d < deltaCount && consequences.columns.has(`delta[${d}]`); d++) {
          if (!reader.isEmpty(col(r, `delta[${d}]`))) lastFilled = d;
        }
        for (let d = 0; d <= lastFilled; d++) {
          const cell = col(r, `delta[${d}]`);
          if (reader.isEmpty(cell)) {
            issues.push({ sheet: ws.name, cell: cell.address, code: "delta_gap" });
            deltas.push(undefined);
          } else deltas.push(reader.decimal(cell, `${p}.deltaPerSuccess[${d}]`, true));
        }
        if (lastFilled < 0) cells.set(`${p}.deltaPerSuccess`, col(r, "delta[0]").address);
        return {
          label: reader.text(col(r, "label"), `${p}.label`, { required: true, max: 200 }),
          area: reader.text(col(r, "area"), `${p}.area`, { required: true, max: 200 }),
          kind: reader.choice(col(r, "kind"), `${p}.kind`, KIND_CHOICE, { required: true }),
          deltaPerSuccess: deltas,
          prices,
        };
      });
    }
  }
  return { title, scenario, phase, raw, spreads };
}

function parseChecklistSheet(ws: ExcelJS.Worksheet, issues: XlsxIssue[], cells: Map<string, string>): Partial<SomChecklist> {
  const reader = new SheetReader(ws, issues, cells);
  const keys = keyRows(ws, ws.rowCount + 1);
  const cell = (key: ChecklistKey) => {
    const r = keys.get(key);
    if (r === undefined) issues.push({ sheet: ws.name, code: "missing_key", field: key });
    return r === undefined ? undefined : ws.getCell(r, 3);
  };
  const out: Partial<SomChecklist> = {};
  const match = (key: "targetGroupMatch" | "effectMeasureMatch") => {
    const c = cell(key);
    const v = c && reader.choice(c, `checklist.${key}`, MATCH_CHOICE, { required: true });
    if (v) out[key] = v;
  };
  const text = (key: "targetGroupNote" | "effectMeasureNote" | "effectSource") => {
    const c = cell(key);
    const v = c && reader.text(c, `checklist.${key}`, { required: key === "effectSource" });
    if (v !== undefined) out[key] = v;
  };
  match("targetGroupMatch");
  text("targetGroupNote");
  match("effectMeasureMatch");
  text("effectMeasureNote");
  text("effectSource");
  const py = cell("priceYear");
  const year = py && reader.integer(py, "checklist.priceYear", true);
  if (year !== undefined) {
    if (year < MIN_PRICE_YEAR || year > MAX_PRICE_YEAR) {
      issues.push({ sheet: ws.name, cell: py!.address, code: "invalid", field: "priceYear", detail: `must be a year between ${MIN_PRICE_YEAR} and ${MAX_PRICE_YEAR}` });
    }
    out.priceYear = year;
  }
  return out;
}

type ExactValues = Map<string, { text: string; number: number }>;

/** The hidden sheet's exact decimals, per sheet and cell; a malformed row is simply not used. */
function readExactValues(wb: ExcelJS.Workbook): Map<string, ExactValues> {
  const out = new Map<string, ExactValues>();
  const ws = wb.getWorksheet(SHEET.exact);
  if (!ws) return out;
  for (let r = 2; r <= Math.min(ws.rowCount, 20_000); r++) {
    const [sheet, cell, text, number] = [1, 2, 3, 4].map((c) => ws.getCell(r, c).value);
    if (typeof sheet !== "string" || typeof cell !== "string" || typeof text !== "string" || typeof number !== "number") continue;
    if (!/^-?\d+(\.\d+)?$/.test(text)) continue;
    if (!out.has(sheet)) out.set(sheet, new Map());
    out.get(sheet)!.set(cell, { text, number });
  }
  return out;
}

/** The cell a schema error's path belongs to: the path itself, else its nearest recorded parent. */
function cellForPath(cells: Map<string, string>, path: string): string | undefined {
  let p = path;
  for (;;) {
    const hit = cells.get(p);
    if (hit) return hit;
    const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (!parent || parent === p) return undefined;
    p = parent;
  }
}

/**
 * Reads a workbook written by buildSomWorkbook (and possibly edited in Excel) back into a calculation.
 * Every problem is reported with its sheet and cell; the value is returned only when there is none.
 */
export async function parseSomWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<SomWorkbookParse> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((bytes instanceof Uint8Array ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes)) as any);
  } catch {
    return { ok: false, errors: [{ code: "not_a_workbook" }] };
  }
  const issues: XlsxIssue[] = [];
  const inputSheet = wb.getWorksheet(SHEET.input);
  const checklistSheet = wb.getWorksheet(SHEET.checklist);
  if (!inputSheet) issues.push({ sheet: SHEET.input, code: "missing_sheet" });
  if (!checklistSheet) issues.push({ sheet: SHEET.checklist, code: "missing_sheet" });
  for (const ws of [inputSheet, checklistSheet]) {
    if (ws && ws.rowCount > MAX_ROWS) issues.push({ sheet: ws.name, code: "too_many_rows" });
  }
  if (issues.length) return { ok: false, errors: issues };

  const exact = readExactValues(wb);
  const inputCells = new Map<string, string>();
  const checklistCells = new Map<string, string>();
  const parsedInput = parseInputSheet(inputSheet!, issues, inputCells, exact.get(SHEET.input) ?? new Map());
  const checklist = parseChecklistSheet(checklistSheet!, issues, checklistCells);
  if (!parsedInput || issues.length) return { ok: false, errors: issues };

  // Every cell read cleanly; now the engine's own rules (years within the horizon, offsets, …).
  const input = parseSomInput(parsedInput.raw);
  if (!input.ok) {
    for (const e of input.errors) {
      issues.push({ sheet: SHEET.input, cell: cellForPath(inputCells, e.path), code: "invalid", field: e.path, detail: e.message });
    }
  }
  let spreads: SomSpreads | null = null;
  if (parsedInput.spreads) {
    const s = parseSomSpreads(parsedInput.spreads);
    if (s.ok) spreads = s.value;
    else for (const e of s.errors) issues.push({ sheet: SHEET.input, cell: inputCells.get(`spreads.${e.path}`), code: "invalid", field: `spreads.${e.path}`, detail: e.message });
  }
  if (!input.ok || issues.length) return { ok: false, errors: issues };
  return {
    ok: true,
    value: {
      title: parsedInput.title!,
      scenario: parsedInput.scenario!,
      phase: parsedInput.phase!,
      input: input.value,
      checklist: checklist as SomChecklist,
      spreads,
    },
  };
}
