// SØM calculations as Excel workbooks (exceljs): export one calculation version with its inputs, checklist
// and results, and read the same workbook back into a calculation. The sheets "Input" and "Tjekliste" are
// the machine-readable part (layout documented on the "Vejledning" sheet and in LAYOUT below); the result
// sheets are recomputed with `calculate` on every export and ignored on import. A workbook with any
// problem is refused as a whole, each problem named by sheet and cell.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { CHECKLIST_MATCHES, SOM_SCENARIOS, type SomChecklist, type SomScenario } from "./vocabulary";
import { PHASE_PERIODS, type PhasePeriod } from "#workflows/phase-model";
import type { Lang } from "~/i18n";
import { calculate, COST_TYPES, CONSEQUENCE_KINDS, explainCalculation, OFFSET_KINDS, PAYERS, type SomInput } from "./engine";
import type { SomSpreads } from "./montecarlo";
import { MAX_HORIZON_YEARS, parseSomInput, parseSomSpreads } from "./schema";

export const SOM_XLSX_FORMAT = "susi-som-xlsx/1";
export const SOM_XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Largest workbook the import reads (compressed); a real calculation is well under 100 kB. */
export const MAX_SOM_XLSX_BYTES = 1_000_000;
/** The price years the calculation editor accepts. */
const MIN_PRICE_YEAR = 1990;
const MAX_PRICE_YEAR = 2100;
/** More rows than any valid calculation can have (100 cohorts + 500 costs + 500 consequences + headers). */
const MAX_ROWS = 1200;

export const SHEET = {
  input: "Input",
  checklist: "Tjekliste",
  years: "Resultat pr. år",
  cumulative: "Akkumuleret",
  byArea: "Pr. område",
  summary: "Sammenfatning",
  guide: "Vejledning",
} as const;

/** Everything a calculation version holds, as the workbook carries it. */
export interface SomWorkbookData {
  title: string;
  scenario: SomScenario;
  phase: PhasePeriod;
  input: SomInput;
  checklist: SomChecklist;
  spreads: SomSpreads | null;
}

export interface SomWorkbookMeta {
  initiativeTitle?: string;
  versionNumber?: number;
  exportedAt?: string;
}

// ---------------------------------------------------------------------------------------------------
// Layout

const SCALARS = [
  { key: "format", label: "Filformat (rør ikke)" },
  { key: "title", label: "Titel" },
  { key: "scenario", label: `Scenarie (${SOM_SCENARIOS.join(", ")})` },
  { key: "phase", label: `Fase (${PHASE_PERIODS.join(", ")})` },
  { key: "horizonYears", label: `Tidshorisont i år (1-${MAX_HORIZON_YEARS}; tom = 10)` },
  { key: "discountRate", label: "Diskonteringsrente pr. år som andel (0.04 = 4 %; tom = 0)" },
  { key: "courseLengthYears", label: "Forløbets længde i år" },
  { key: "successRate.intervention", label: "Succesrate med indsatsen (andel 0-1)" },
  { key: "successRate.comparison", label: "Succesrate uden indsatsen, sammenligningsgruppe (andel 0-1)" },
  { key: "spreads.successRate", label: "Monte Carlo: spænd på nettosuccesraten (± andel; alle fire tomme = ingen)" },
  { key: "spreads.consequenceDeltas", label: "Monte Carlo: spænd på konsekvensestimater (± relativ andel)" },
  { key: "spreads.prices", label: "Monte Carlo: spænd på priser (± relativ andel)" },
  { key: "spreads.costs", label: "Monte Carlo: spænd på omkostninger (± relativ andel)" },
] as const;
type ScalarKey = (typeof SCALARS)[number]["key"];

const CHECKLIST_ROWS = [
  { key: "targetGroupMatch", label: `Svarer målgruppen til indsatsens? (${CHECKLIST_MATCHES.join(", ")})` },
  { key: "targetGroupNote", label: "Bemærkning om målgruppen" },
  { key: "effectMeasureMatch", label: `Svarer effektmålet til succesmålet? (${CHECKLIST_MATCHES.join(", ")})` },
  { key: "effectMeasureNote", label: "Bemærkning om effektmålet" },
  { key: "effectSource", label: "Hvor kommer succesraten fra?" },
  { key: "priceYear", label: "Prisår (alle priser er i dette års priser)" },
] as const;
type ChecklistKey = (typeof CHECKLIST_ROWS)[number]["key"];

const SECTION = { cohorts: "#cohorts", costs: "#costs", consequences: "#consequences" } as const;
type SectionKey = keyof typeof SECTION;

const COHORT_COLUMNS = ["startYear", "citizens"] as const;
const COST_COLUMNS = ["label", "payer", "type", "amount", "year", "fromYear", "toYear", "offsetKind"] as const;
const CONSEQUENCE_FIXED = ["label", "area", "kind", "price.kommune", "price.region", "price.stat"] as const;
const DELTA_HEADER = /^delta\[(\d+)\]$/;

const COLUMN_NOTES: Record<string, string> = {
  startYear: "Modelår (1 = indsatsens første år), hvor holdet starter",
  citizens: "Antal borgere i holdet",
  label: "Tekst",
  payer: "kommune, region eller stat",
  type: "oneOff (engangsbeløb i et år), perCitizenPerCourseYear (pr. borger pr. forløbsår) eller annual (fast beløb fra år til år)",
  amount: "Beløb i kr.; negativt = modregning (kræver offsetKind)",
  year: "Kun for oneOff: modelåret",
  fromYear: "Kun for annual: første år",
  toYear: "Kun for annual: sidste år",
  offsetKind: "Kun for negative beløb: grant (tilskud) eller savedExpenditure (sparet udgift)",
  area: "Konsekvensområde, fx Sociale serviceydelser",
  kind: "expenditure (udgift: mindre forbrug er en besparelse) eller revenue (indtægt, fx skat)",
  "price.kommune": "Pris pr. enhed for kommunen efter refusion",
  "price.region": "Pris pr. enhed for regionen",
  "price.stat": "Pris pr. enhed for staten",
};

const SECTION_LABELS: Record<SectionKey, string> = {
  cohorts: "Hold af borgere (kohorter): én række pr. hold",
  costs: "Omkostninger: én række pr. omkostningslinje",
  consequences: "Konsekvensestimater: én række pr. konsekvens; delta[0] er ændringen pr. borger med succes i afslutningsåret, delta[1] året efter osv.",
};

// ---------------------------------------------------------------------------------------------------
// Export

/** Numbers that survive a JS number unchanged go in as numbers; others ("1250.50", 20+ digits) as text. */
function decimalCellValue(s: string): number | string {
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? n : s;
}

const AMOUNT_FORMAT = "#,##0.00";

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
}

function addInputSheet(wb: ExcelJS.Workbook, d: SomWorkbookData) {
  const ws = wb.addWorksheet(SHEET.input);
  ws.columns = [{ width: 26 }, { width: 40 }, { width: 22 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 18 }];
  const values: Record<ScalarKey, string | number> = {
    format: SOM_XLSX_FORMAT,
    title: d.title,
    scenario: d.scenario,
    phase: d.phase,
    horizonYears: d.input.horizonYears,
    discountRate: decimalCellValue(d.input.discountRate),
    courseLengthYears: d.input.courseLengthYears,
    "successRate.intervention": decimalCellValue(d.input.successRate.intervention),
    "successRate.comparison": decimalCellValue(d.input.successRate.comparison),
    "spreads.successRate": d.spreads ? decimalCellValue(d.spreads.successRate) : "",
    "spreads.consequenceDeltas": d.spreads ? decimalCellValue(d.spreads.consequenceDeltas) : "",
    "spreads.prices": d.spreads ? decimalCellValue(d.spreads.prices) : "",
    "spreads.costs": d.spreads ? decimalCellValue(d.spreads.costs) : "",
  };
  for (const s of SCALARS) {
    const v = values[s.key];
    ws.addRow([s.key, s.label, v === "" ? null : v]);
  }

  const section = (key: SectionKey, headers: readonly string[], rows: (string | number | null)[][]) => {
    ws.addRow([]);
    const marker = ws.addRow([SECTION[key], SECTION_LABELS[key]]);
    marker.font = { bold: true };
    const header = ws.addRow([...headers]);
    styleHeader(header);
    headers.forEach((h, i) => {
      const note = COLUMN_NOTES[h] ?? (DELTA_HEADER.test(h) ? "Ændring pr. borger med succes (enheder) i år τ efter afslutning" : undefined);
      if (note) header.getCell(i + 1).note = note;
    });
    for (const r of rows) ws.addRow(r);
  };

  section("cohorts", COHORT_COLUMNS, d.input.cohorts.map((c) => [c.startYear, decimalCellValue(c.citizens)]));
  section(
    "costs",
    COST_COLUMNS,
    d.input.costs.map((c) => [
      c.label, c.payer, c.type, decimalCellValue(c.amount),
      c.type === "oneOff" ? c.year : null,
      c.type === "annual" ? c.fromYear : null,
      c.type === "annual" ? c.toYear : null,
      c.offsetKind ?? null,
    ]),
  );
  const deltaCount = Math.max(1, ...d.input.consequences.map((c) => c.deltaPerSuccess.length));
  const deltaHeaders = Array.from({ length: deltaCount }, (_, i) => `delta[${i}]`);
  section(
    "consequences",
    [...CONSEQUENCE_FIXED, ...deltaHeaders],
    d.input.consequences.map((c) => [
      c.label, c.area, c.kind,
      decimalCellValue(c.prices.kommune), decimalCellValue(c.prices.region), decimalCellValue(c.prices.stat),
      ...deltaHeaders.map((_, i) => (i < c.deltaPerSuccess.length ? decimalCellValue(c.deltaPerSuccess[i]) : null)),
    ]),
  );
  ws.getColumn(1).font = { name: "Consolas" };
}

function addChecklistSheet(wb: ExcelJS.Workbook, checklist: SomChecklist) {
  const ws = wb.addWorksheet(SHEET.checklist);
  ws.columns = [{ width: 22 }, { width: 50 }, { width: 60 }];
  for (const r of CHECKLIST_ROWS) {
    const v = checklist[r.key];
    ws.addRow([r.key, r.label, v === "" ? null : v]);
  }
  ws.getColumn(3).alignment = { wrapText: true, vertical: "top" };
}

function amountRow(ws: ExcelJS.Worksheet, values: (string | number)[], firstAmountColumn = 2) {
  const row = ws.addRow(values.map((v, i) => (i + 1 >= firstAmountColumn && typeof v === "string" ? Number(v) : v)));
  for (let c = firstAmountColumn; c <= values.length; c++) row.getCell(c).numFmt = AMOUNT_FORMAT;
  return row;
}

const PAYER_LABELS: Record<(typeof PAYERS)[number], string> = { kommune: "Kommune", region: "Region", stat: "Stat" };

function addResultSheets(wb: ExcelJS.Workbook, d: SomWorkbookData, meta: SomWorkbookMeta) {
  const result = calculate(d.input);

  const years = wb.addWorksheet(SHEET.years);
  const yHeader = ["År"];
  for (const p of PAYERS) yHeader.push(`${PAYER_LABELS[p]}: omkostninger`, `${PAYER_LABELS[p]}: budgeteffekter`, `${PAYER_LABELS[p]}: netto`);
  yHeader.push("I alt: omkostninger", "I alt: budgeteffekter", "I alt: netto");
  styleHeader(years.addRow(yHeader));
  for (const y of result.years) {
    const cells: (string | number)[] = [y.year];
    for (const p of PAYERS) cells.push(y.byPayer[p].costs, y.byPayer[p].budgetEffects, y.byPayer[p].net);
    cells.push(y.costs, y.budgetEffects, y.net);
    amountRow(years, cells);
  }
  const totals: (string | number)[] = ["I alt"];
  for (const p of PAYERS) totals.push(result.byPayer[p].costs, result.byPayer[p].budgetEffects, result.byPayer[p].net);
  totals.push(result.summary.costs, result.summary.budgetEffects, result.summary.net);
  amountRow(years, totals).font = { bold: true };
  years.columns.forEach((c, i) => (c.width = i === 0 ? 8 : 20));
  years.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];

  const cumulative = wb.addWorksheet(SHEET.cumulative);
  styleHeader(cumulative.addRow(["År", "Netto", "Akkumuleret netto", "Diskonteret netto", "Akkumuleret diskonteret netto"]));
  for (const y of result.years) amountRow(cumulative, [y.year, y.net, y.cumulativeNet, y.discountedNet, y.cumulativeDiscountedNet]);
  cumulative.columns.forEach((c, i) => (c.width = i === 0 ? 8 : 26));

  const byArea = wb.addWorksheet(SHEET.byArea);
  styleHeader(byArea.addRow(["Område", "Budgeteffekter"]));
  for (const a of result.byArea) amountRow(byArea, [a.area, a.budgetEffects]);
  byArea.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 20));

  const summary = wb.addWorksheet(SHEET.summary);
  summary.columns = [{ width: 44 }, { width: 24 }];
  const s = result.summary;
  const line = (label: string, value: string | number | null, amount = false) => {
    const row = summary.addRow([label, amount && typeof value === "string" ? Number(value) : value]);
    if (amount) row.getCell(2).numFmt = AMOUNT_FORMAT;
  };
  styleHeader(summary.addRow([d.title]));
  if (meta.initiativeTitle) line("Initiativ", meta.initiativeTitle);
  if (meta.versionNumber !== undefined) line("Version", meta.versionNumber);
  if (meta.exportedAt) line("Eksporteret", meta.exportedAt);
  line("Prisår", d.checklist.priceYear);
  line("Diskonteringsrente", d.input.discountRate);
  line("Nettosuccesrate", result.netSuccessRate);
  line("Omkostninger i alt", s.costs, true);
  line("Budgeteffekter i alt", s.budgetEffects, true);
  line("Nettoresultat i alt", s.net, true);
  line("Nutidsværdi af omkostninger", s.presentValueCosts, true);
  line("Nutidsværdi af budgeteffekter", s.presentValueBudgetEffects, true);
  line("Nutidsværdi af nettoresultat", s.presentValueNet, true);
  line("Cost-benefit-forhold", s.benefitCostRatio);
  line("Break-even-år", s.breakEvenYear ?? "intet inden for tidshorisonten");
  line("Break-even-succesrate (netto)", s.breakEvenSuccessRate ?? "ingen mellem 0 og 1");
  for (const p of PAYERS) line(`Nettoresultat, ${PAYER_LABELS[p].toLowerCase()}`, result.byPayer[p].net, true);
  summary.addRow([]);
  styleHeader(summary.addRow(["Sådan er der regnet"]));
  for (const note of explainCalculation(d.input)) {
    const row = summary.addRow([note.da]);
    summary.mergeCells(row.number, 1, row.number, 2);
    row.alignment = { wrapText: true, vertical: "top" };
  }
}

function addGuideSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(SHEET.guide);
  ws.columns = [{ width: 120 }];
  const lines = [
    "Sådan er projektmappen bygget op (filformat " + SOM_XLSX_FORMAT + ")",
    "",
    `Arket "${SHEET.input}" og arket "${SHEET.checklist}" er beregningens input og kan læses ind igen i SUSI Tracker.`,
    "Resultatarkene beregnes forfra ved hver eksport og læses ikke ved import.",
    "",
    `Arket "${SHEET.input}", øverst: én indstilling pr. række. Kolonne A er nøglen (må ikke ændres), kolonne B forklarer, kolonne C er værdien.`,
    "Tal skrives som tal (fx 0.12 eller 1250,5 i dansk Excel). Decimaltal, der ikke kan gemmes præcist som tal, står som tekst (fx \"1250.50\"); tekst med tal læses også.",
    "Derefter tre afsnit, hvert indledt af en række med #cohorts, #costs eller #consequences i kolonne A, så en række med kolonnenavne og derefter én række pr. linje.",
    "Et afsnit slutter ved første helt tomme række. Kolonnenavnene skal stå præcis som eksporteret; hold musen over en kolonneoverskrift for en forklaring.",
    "#cohorts: startYear (modelår, hvor holdet starter), citizens (antal borgere).",
    "#costs: label, payer (kommune, region, stat), type (oneOff, perCitizenPerCourseYear, annual), amount, year (kun oneOff), fromYear og toYear (kun annual), offsetKind (kun negative beløb: grant eller savedExpenditure).",
    "#consequences: label, area, kind (expenditure eller revenue), price.kommune, price.region, price.stat, og delta[0], delta[1], …: ændring pr. borger med succes i afslutningsåret (0) og årene efter. Tomme delta-celler til sidst betyder ingen ændring; huller midt i er ikke tilladt.",
    "",
    `Arket "${SHEET.checklist}": samme opbygning som toppen af "${SHEET.input}" (nøgle i A, værdi i C). Svar på match-spørgsmål med yes, partly eller no.`,
    "",
    "Ved import kontrolleres hele projektmappen først; er der fejl, gemmes intet, og hver fejl nævnes med ark og celle.",
  ];
  for (const l of lines) ws.addRow([l]).alignment = { wrapText: true };
  ws.getRow(1).font = { bold: true, size: 14 };
}

/** The workbook for one calculation version, as bytes. */
export async function buildSomWorkbook(d: SomWorkbookData, meta: SomWorkbookMeta = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SUSI Tracker";
  wb.title = d.title;
  addInputSheet(wb, d);
  addChecklistSheet(wb, d.checklist);
  addResultSheets(wb, d, meta);
  addGuideSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------
// Import

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

export type SomWorkbookParse = { ok: true; value: SomWorkbookData } | { ok: false; errors: XlsxIssue[] };

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
  if (v && typeof v === "object" && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v)) v = v.result ?? null;
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
    if (r.kind === "number") return r.value === 0 ? "0" : new Decimal(r.value).toFixed();
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

  choice<T extends string>(
    cell: ExcelJS.Cell, path: string, options: readonly T[], opts: { required: boolean; code?: "unknown_payer" },
  ): T | undefined {
    const value = this.text(cell, path, { required: opts.required, max: 100 });
    if (!value) return undefined;
    if ((options as readonly string[]).includes(value)) return value as T;
    this.issue(cell, opts.code ?? "invalid_choice", { value, field: path, expected: options });
    return undefined;
  }

  mustBeEmpty(cell: ExcelJS.Cell, path: string) {
    if (!this.isEmpty(cell)) this.issue(cell, "not_applicable", { field: path });
  }
}

function columnLetter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
      columns.set(h.shown.trim(), c);
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
    if (payer) issues.push({ sheet: ws.name, cell: address, code: "unknown_payer", value: payer[1], expected: PAYERS });
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

function parseInputSheet(ws: ExcelJS.Worksheet, issues: XlsxIssue[], cells: Map<string, string>) {
  const reader = new SheetReader(ws, issues, cells);
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
    if (f.kind !== "text" || f.value.trim() !== SOM_XLSX_FORMAT) {
      issues.push({ sheet: ws.name, cell: formatCell.address, code: "unknown_format", value: f.kind === "empty" ? "" : f.shown });
      return undefined; // Some other workbook: listing every cell it lacks would only bury this message.
    }
  }
  const cellOf = (key: ScalarKey, required = true) => valueCell(key, required);
  const title = ((c) => c && reader.text(c, "title", { required: true, max: 300 }))(cellOf("title"));
  const scenario = ((c) => c && reader.choice(c, "scenario", SOM_SCENARIOS, { required: true }))(cellOf("scenario"));
  const phase = ((c) => c && reader.choice(c, "phase", PHASE_PERIODS, { required: true }))(cellOf("phase"));

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
      const type = reader.choice(col(r, "type"), `${p}.type`, COST_TYPES, { required: true });
      const cost: Record<string, unknown> = {
        label: reader.text(col(r, "label"), `${p}.label`, { required: true, max: 200 }),
        payer: reader.choice(col(r, "payer"), `${p}.payer`, PAYERS, { required: true, code: "unknown_payer" }),
        type,
        amount: reader.decimal(col(r, "amount"), `${p}.amount`, true),
      };
      const offset = reader.choice(col(r, "offsetKind"), `${p}.offsetKind`, OFFSET_KINDS, { required: false });
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
          kind: reader.choice(col(r, "kind"), `${p}.kind`, CONSEQUENCE_KINDS, { required: true }),
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
    const v = c && reader.choice(c, `checklist.${key}`, CHECKLIST_MATCHES, { required: true });
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

  const inputCells = new Map<string, string>();
  const checklistCells = new Map<string, string>();
  const parsedInput = parseInputSheet(inputSheet!, issues, inputCells);
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
