// Writes one SØM calculation as a workbook a SØM user can audit: the inputs in Danish ("Input",
// "Tjekliste"), a schedule with one row per cost line and per consequence and one column per year, and
// result sheets whose cells are Excel formulas over the input and schedule sheets. Every formula carries
// the engine's own value as its cached result, so the workbook opens showing the app's figures and follows
// when a user changes an input cell.
//
// Rounding: the engine is exact; a sheet shows øre. Each result column is rounded as a running sum
// (row y = ROUND(sum of years 1..y) − ROUND(sum of years 1..y−1)), so the rows shown add up to the total
// shown, the total equals the engine's own rounded total, and every row is within one øre of the
// engine's figure for that year (DECISIONS 0023).
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { translator, type Lang } from "~/i18n";
import {
  calculateExact, explainCalculation, formatAmount, PAYERS, schedule, type Payer, type SomExactResult,
  type SomSchedule,
} from "./engine";
import { simulate, SIMULATION_DRAWS, SIMULATION_SEED, type SimulationResult } from "./montecarlo";
import {
  CHECKLIST_ROWS, choiceWords, COHORT_COLUMNS, columnLabel, columnLetter, CONSEQUENCE_FIXED, COST_COLUMNS, COST_TYPE_CHOICE, KIND_CHOICE,
  MATCH_CHOICE, OFFSET_CHOICE, OFFSET_UNSPECIFIED, PAYER_CHOICE, PERCENT_SCALARS, PHASE_CHOICE, SCALAR_ROW, SCALARS,
  SCENARIO_CHOICE, SECTION, SHEET, SOM_XLSX_FORMAT, type ScalarKey, type SectionKey, type SomWorkbookData,
  type SomWorkbookMeta,
} from "./xlsx-layout";

const AMOUNT = "#,##0.00";
const PERCENT = "0.0###%";
const RATIO = "0.00";
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const HELPER_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: "FF595959" } };

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const num = (d: Decimal) => d.toNumber();
/** Excel text literal. */
const str = (text: string) => `"${text.replace(/"/g, '""')}"`;
/** `OR(X="a",X="b")`: a cell holding any of a choice's words (Excel compares text case-insensitively). */
const isOneOf = (ref: string, words: string[]) =>
  words.length === 1 ? `${ref}=${str(words[0])}` : `OR(${words.map((w) => `${ref}=${str(w)}`).join(",")})`;

/** Running-sum rounding of a series, as the formulas compute it (see the header). */
function roundedSeries(exact: Decimal[]): Decimal[] {
  let previous = new Decimal(0);
  let sum = new Decimal(0);
  return exact.map((x) => {
    sum = sum.plus(x);
    const rounded = sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const row = rounded.minus(previous);
    previous = rounded;
    return row;
  });
}

/** Where each result cell is and which figure of the engine's output it shows (for tests and audits). */
export interface SomResultCell {
  sheet: string;
  cell: string;
  /** Path into calculate()'s output, e.g. "years[2].byPayer.kommune.costs" or "summary.benefitCostRatio". */
  path: string;
  /** "row": a year's (or an area's) figure, within one øre of the engine's; "total": equal to the øre. */
  kind: "row" | "total" | "ratio" | "rate" | "year";
}

interface Written {
  workbook: ExcelJS.Workbook;
  cells: SomResultCell[];
}

class Writer {
  readonly t;
  readonly wb = new ExcelJS.Workbook();
  readonly cells: SomResultCell[] = [];
  readonly exactRows: [string, string, string, number][] = [];
  readonly H: number;
  readonly exact: SomExactResult;
  readonly plan: SomSchedule;
  /** Rows of the sections on "Input". */
  cohortRows: number[] = [];
  costRows: number[] = [];
  consequenceRows: number[] = [];
  deltaCount = 1;
  /** Rows on the schedule sheet. */
  sched = {
    year: 2, discount: 3, successRate: 4, completions: 5, successful: 6, reversed: 7, pvWeights: 8,
    costs: [] as number[], consequences: [] as number[],
    payerCosts: {} as Record<Payer, number>, payerEffects: {} as Record<Payer, number>, payerNet: {} as Record<Payer, number>,
    totalCosts: 0, totalEffects: 0, totalNet: 0, discCosts: 0, discEffects: 0, discNet: 0,
  };

  constructor(
    readonly d: SomWorkbookData,
    readonly meta: SomWorkbookMeta,
    lang: Lang,
  ) {
    this.t = translator(lang);
    this.H = d.input.horizonYears;
    this.exact = calculateExact(d.input);
    this.plan = schedule(d.input);
    this.wb.creator = "SUSI Tracker";
    this.wb.title = d.title;
  }

  /** A number cell for an input decimal; the exact text goes to the hidden sheet when a double can't hold it. */
  decimal(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, text: string, numFmt?: string) {
    const n = Number(text);
    cell.value = n;
    if (String(n) !== text) this.exactRows.push([ws.name, cell.address, text, n]);
    if (numFmt) cell.numFmt = numFmt;
    cell.fill = INPUT_FILL;
  }

  yearCol(y: number) {
    return columnLetter(7 + y); // A..G fixed, H = year 1
  }

  inputRef(col: string, row: number) {
    return `${SHEET.input}!$${col}$${row}`;
  }

  schedRef(col: string, row: number, absRow = true) {
    return `${quote(SHEET.schedule)}!${col}${absRow ? "$" : ""}${row}`;
  }

  formula(cell: ExcelJS.Cell, formula: string, result: number | string, numFmt?: string) {
    cell.value = { formula, result } as ExcelJS.CellFormulaValue;
    // exceljs drops a falsy cached result (0, "") when a formula is assigned; put it back on the model,
    // or Excel would open the cell without the engine's value.
    const model = (cell as unknown as { _value: { model: { result?: unknown } } })._value.model;
    if (model.result === undefined) model.result = result;
    if (numFmt) cell.numFmt = numFmt;
  }

  header(ws: ExcelJS.Worksheet, values: string[]) {
    const row = ws.addRow(values);
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: "top" };
    return row;
  }

  // -------------------------------------------------------------------------------------------------
  // Input

  inputSheet() {
    const { d, t } = this;
    const ws = this.wb.addWorksheet(SHEET.input);
    ws.columns = [{ width: 26 }, { width: 46 }, { width: 24 }, { width: 16 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 16 }];
    const spreads = d.spreads;
    const scalarValue: Record<ScalarKey, string | number | null> = {
      format: SOM_XLSX_FORMAT,
      title: d.title,
      scenario: SCENARIO_CHOICE.label(d.scenario),
      phase: PHASE_CHOICE.label(d.phase),
      horizonYears: d.input.horizonYears,
      discountRate: d.input.discountRate,
      courseLengthYears: d.input.courseLengthYears,
      "successRate.intervention": d.input.successRate.intervention,
      "successRate.comparison": d.input.successRate.comparison,
      "spreads.successRate": spreads?.successRate ?? null,
      "spreads.consequenceDeltas": spreads?.consequenceDeltas ?? null,
      "spreads.prices": spreads?.prices ?? null,
      "spreads.costs": spreads?.costs ?? null,
    };
    for (const s of SCALARS) {
      const row = ws.addRow([s.key, t(s.label)]);
      row.getCell(1).font = HELPER_FONT;
      const cell = row.getCell(3);
      const v = scalarValue[s.key];
      if (PERCENT_SCALARS.includes(s.key)) {
        if (v !== null) this.decimal(ws, cell, String(v), PERCENT);
        else cell.fill = INPUT_FILL;
      } else {
        cell.value = v;
        if (s.key !== "format") cell.fill = INPUT_FILL;
      }
    }
    ws.getCell(SCALAR_ROW.scenario, 3).dataValidation = list(SCENARIO_CHOICE.codes.map(SCENARIO_CHOICE.label));
    ws.getCell(SCALAR_ROW.phase, 3).dataValidation = list(PHASE_CHOICE.codes.map(PHASE_CHOICE.label));

    const section = (key: SectionKey, columns: readonly string[], help: string) => {
      ws.addRow([]);
      const marker = ws.addRow([SECTION[key], t(help)]);
      marker.font = { bold: true };
      marker.getCell(1).font = { ...HELPER_FONT, bold: true };
      const header = this.header(ws, columns.map((c) => columnLabel(c)));
      columns.forEach((c, i) => {
        const note = t(`somx.note.${c.startsWith("delta[") ? "delta" : c}`);
        if (!note.startsWith("somx.")) header.getCell(i + 1).note = note;
      });
    };

    section("cohorts", COHORT_COLUMNS, "somx.section.cohorts");
    for (const c of d.input.cohorts) {
      const row = ws.addRow([c.startYear]);
      row.getCell(1).fill = INPUT_FILL;
      this.decimal(ws, row.getCell(2), c.citizens, "#,##0.##########");
      this.cohortRows.push(row.number);
    }

    section("costs", COST_COLUMNS, "somx.section.costs");
    for (const c of d.input.costs) {
      const negative = c.amount.startsWith("-");
      const row = ws.addRow([
        c.label, PAYER_CHOICE.label(c.payer), COST_TYPE_CHOICE.label(c.type), null,
        c.type === "oneOff" ? c.year : null,
        c.type === "annual" ? c.fromYear : null,
        c.type === "annual" ? c.toYear : null,
        c.offsetKind ? OFFSET_CHOICE.label(c.offsetKind) : negative ? OFFSET_UNSPECIFIED : null,
      ]);
      for (let i = 1; i <= 8; i++) row.getCell(i).fill = INPUT_FILL;
      this.decimal(ws, row.getCell(4), c.amount, AMOUNT);
      row.getCell(2).dataValidation = list(PAYER_CHOICE.codes.map(PAYER_CHOICE.label));
      row.getCell(3).dataValidation = list(COST_TYPE_CHOICE.codes.map(COST_TYPE_CHOICE.label));
      row.getCell(8).dataValidation = list([...OFFSET_CHOICE.codes.map(OFFSET_CHOICE.label), OFFSET_UNSPECIFIED]);
      this.costRows.push(row.number);
    }

    this.deltaCount = Math.max(1, ...d.input.consequences.map((c) => c.deltaPerSuccess.length));
    const deltaKeys = Array.from({ length: this.deltaCount }, (_, i) => `delta[${i}]`);
    section("consequences", [...CONSEQUENCE_FIXED, ...deltaKeys], "somx.section.consequences");
    for (const c of d.input.consequences) {
      const row = ws.addRow([c.label, c.area, KIND_CHOICE.label(c.kind)]);
      for (let i = 1; i <= 6 + this.deltaCount; i++) row.getCell(i).fill = INPUT_FILL;
      PAYERS.forEach((p, i) => this.decimal(ws, row.getCell(4 + i), c.prices[p], AMOUNT));
      c.deltaPerSuccess.forEach((delta, i) => this.decimal(ws, row.getCell(7 + i), delta, "#,##0.##########"));
      row.getCell(3).dataValidation = list(KIND_CHOICE.codes.map(KIND_CHOICE.label));
      this.consequenceRows.push(row.number);
    }
  }

  checklistSheet() {
    const { t, d } = this;
    const ws = this.wb.addWorksheet(SHEET.checklist);
    ws.columns = [{ width: 22 }, { width: 50 }, { width: 60 }];
    for (const r of CHECKLIST_ROWS) {
      const v = d.checklist ? d.checklist[r.key] : "";
      const shown = d.checklist && (r.key === "targetGroupMatch" || r.key === "effectMeasureMatch") ? MATCH_CHOICE.label(d.checklist[r.key]) : v;
      const row = ws.addRow([r.key, t(r.label), shown === "" ? null : shown]);
      row.getCell(1).font = HELPER_FONT;
      row.getCell(3).fill = INPUT_FILL;
      if (r.key === "targetGroupMatch" || r.key === "effectMeasureMatch") {
        row.getCell(3).dataValidation = list(MATCH_CHOICE.codes.map(MATCH_CHOICE.label));
      }
    }
    ws.getColumn(3).alignment = { wrapText: true, vertical: "top" };
  }

  // -------------------------------------------------------------------------------------------------
  // Schedule: one column per year; every cell a formula over "Input".

  scheduleSheet() {
    const { t, H, plan, sched } = this;
    const ws = this.wb.addWorksheet(SHEET.schedule);
    ws.columns = [{ width: 34 }, { width: 22 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 16 }, { width: 16 }];
    for (let y = 1; y <= H; y++) ws.getColumn(7 + y).width = 15;
    const Y = (y: number) => this.yearCol(y);
    const first = Y(1);
    const last = Y(H);
    const years = Array.from({ length: H }, (_, i) => i + 1);

    this.header(ws, [
      t("somx.sched.line"), t("somx.sched.payerOrArea"),
      ...PAYERS.map((p) => t("somx.sched.signedPrice", { payer: t(`som.payer.${p}`).toLowerCase() })),
      t("somx.sched.total"), t("somx.sched.presentValue"), ...years.map((y) => t("som.result.yearN", { year: y })),
    ]);
    const label = (row: number, text: string, helper = false) => {
      const cell = ws.getCell(row, 1);
      cell.value = text;
      if (helper) cell.font = HELPER_FONT;
    };

    label(sched.year, t("somx.sched.modelYear"));
    years.forEach((y) => (ws.getCell(sched.year, 7 + y).value = y));
    const rate = this.inputRef("C", SCALAR_ROW.discountRate);
    label(sched.discount, t("somx.sched.discount"));
    years.forEach((y) => this.formula(ws.getCell(sched.discount, 7 + y), `1/(1+${rate})^${Y(y)}$${sched.year}`, num(plan.discountFactors[y]), "0.000000"));
    label(sched.successRate, t("som.result.netSuccessRate"));
    this.formula(
      ws.getCell(sched.successRate, 6),
      `${this.inputRef("C", SCALAR_ROW["successRate.intervention"])}-${this.inputRef("C", SCALAR_ROW["successRate.comparison"])}`,
      num(plan.netSuccessRate), PERCENT,
    );
    const s = `$F$${sched.successRate}`;

    const [c1, cN] = [this.cohortRows[0], this.cohortRows[this.cohortRows.length - 1]];
    const starts = `${SHEET.input}!$A$${c1}:$A$${cN}`;
    const citizens = `${SHEET.input}!$B$${c1}:$B$${cN}`;
    const L = this.inputRef("C", SCALAR_ROW.courseLengthYears);
    label(sched.completions, t("somx.sched.completions"));
    years.forEach((y) =>
      this.formula(ws.getCell(sched.completions, 7 + y), `SUMPRODUCT((${starts}+${L}-1=${Y(y)}$${sched.year})*${citizens})`, num(plan.completions[y])),
    );
    this.formula(ws.getCell(sched.completions, 6), `SUM(${first}${sched.completions}:${last}${sched.completions})`, num(sum(plan.completions)));
    label(sched.successful, t("somx.sched.successful"));
    years.forEach((y) =>
      this.formula(ws.getCell(sched.successful, 7 + y), `${s}*${Y(y)}${sched.completions}`, num(plan.completions[y].times(plan.netSuccessRate))),
    );
    this.formula(ws.getCell(sched.successful, 6), `SUM(${first}${sched.successful}:${last}${sched.successful})`, num(sum(plan.completions).times(plan.netSuccessRate)));
    label(sched.reversed, t("somx.sched.reversed"), true);
    years.forEach((k) =>
      this.formula(ws.getCell(sched.reversed, 7 + k), `${Y(H + 1 - k)}${sched.completions}`, num(plan.completions[H + 1 - k])),
    );
    label(sched.pvWeights, t("somx.sched.pvWeights"), true);
    years.forEach((k) => {
      const tau = k - 1;
      this.formula(
        ws.getCell(sched.pvWeights, 7 + k),
        `SUMPRODUCT($${first}$${sched.completions}:$${Y(H - tau)}$${sched.completions},$${Y(1 + tau)}$${sched.discount}:$${last}$${sched.discount})`,
        num(plan.presentValueWeights[tau]),
      );
    });
    for (const r of [sched.reversed, sched.pvWeights]) ws.getRow(r).font = HELPER_FONT;

    // Costs.
    let row = sched.pvWeights + 2;
    ws.getCell(row, 1).value = t("somx.sched.costs");
    ws.getRow(row).font = { bold: true };
    const typeWords = (code: (typeof COST_TYPE_CHOICE.codes)[number]) => choiceWords(COST_TYPE_CHOICE, code);
    this.d.input.costs.forEach((_, i) => {
      row++;
      const r = this.costRows[i];
      const line = plan.costLines[i];
      const inRow = (col: string) => this.inputRef(col, r);
      this.formula(ws.getCell(row, 1), inRow("A"), this.d.input.costs[i].label);
      this.formula(ws.getCell(row, 2), inRow("B"), PAYER_CHOICE.label(this.d.input.costs[i].payer));
      years.forEach((y) => {
        const yr = `${Y(y)}$${sched.year}`;
        const perCitizen = `${inRow("D")}*SUMPRODUCT((${starts}<=${yr})*(${starts}+${L}-1>=${yr})*${citizens})`;
        const f =
          `IF(${isOneOf(inRow("C"), typeWords("oneOff"))},IF(${inRow("E")}=${yr},${inRow("D")},0),` +
          `IF(${isOneOf(inRow("C"), typeWords("annual"))},IF(AND(${yr}>=${inRow("F")},${yr}<=${inRow("G")}),${inRow("D")},0),` +
          `IF(${isOneOf(inRow("C"), typeWords("perCitizenPerCourseYear"))},${perCitizen},0)))`;
        this.formula(ws.getCell(row, 7 + y), f, num(line.years[y]), AMOUNT);
      });
      this.formula(ws.getCell(row, 6), `SUM(${first}${row}:${last}${row})`, num(line.total), AMOUNT);
      this.formula(ws.getCell(row, 7), `SUMPRODUCT(${first}${row}:${last}${row},$${first}$${sched.discount}:$${last}$${sched.discount})`, num(line.presentValue), AMOUNT);
      sched.costs.push(row);
    });
    if (!sched.costs.length) ws.getCell(++row, 1).value = t("somx.sched.none");

    // Consequences.
    row += 2;
    ws.getCell(row, 1).value = t("somx.sched.consequences");
    ws.getRow(row).font = { bold: true };
    const D = this.deltaCount;
    const deltaCol = (tau: number) => columnLetter(7 + tau); // delta[0] in column G of "Input"
    this.d.input.consequences.forEach((c, i) => {
      row++;
      const r = this.consequenceRows[i];
      const q = plan.consequences[i];
      const sign = `IF(${isOneOf(this.inputRef("C", r), choiceWords(KIND_CHOICE, "revenue"))},1,-1)`;
      this.formula(ws.getCell(row, 1), this.inputRef("A", r), c.label);
      this.formula(ws.getCell(row, 2), this.inputRef("B", r), c.area);
      PAYERS.forEach((p, k) => this.formula(ws.getCell(row, 3 + k), `${sign}*${this.inputRef(columnLetter(4 + k), r)}`, num(q.signedPrices[p]), AMOUNT));
      years.forEach((y) => {
        const m = Math.min(y, D);
        const f = `${s}*SUMPRODUCT(${SHEET.input}!$${deltaCol(0)}$${r}:$${deltaCol(m - 1)}$${r},$${Y(H + 1 - y)}$${sched.reversed}:$${Y(H + m - y)}$${sched.reversed})`;
        this.formula(ws.getCell(row, 7 + y), f, num(q.units[y]), "#,##0.00");
      });
      this.formula(ws.getCell(row, 6), `SUM(${first}${row}:${last}${row})`, num(q.totalUnits), "#,##0.00");
      const m = Math.min(D, H);
      this.formula(
        ws.getCell(row, 7),
        `SUMPRODUCT(${SHEET.input}!$${deltaCol(0)}$${r}:$${deltaCol(m - 1)}$${r},$${first}$${sched.pvWeights}:$${Y(m)}$${sched.pvWeights})*(C${row}+D${row}+E${row})`,
        num(q.presentValueAtFullSuccess), AMOUNT,
      );
      sched.consequences.push(row);
    });
    if (!sched.consequences.length) ws.getCell(++row, 1).value = t("somx.sched.none");

    // Helper rows: the unrounded series the result sheets round.
    row += 2;
    ws.getCell(row, 1).value = t("somx.sched.helpers");
    ws.getRow(row).font = { bold: true };
    const exactYears = this.exact.years;
    const helper = (text: string, f: (y: number) => string, value: (y: number) => Decimal) => {
      row++;
      label(row, text, true);
      years.forEach((y) => this.formula(ws.getCell(row, 7 + y), f(y), num(value(y)), AMOUNT));
      this.formula(ws.getCell(row, 6), `SUM(${first}${row}:${last}${row})`, num(sum(years.map(value))), AMOUNT);
      return row;
    };
    const costRange = (col: string) => (sched.costs.length ? `${col}$${sched.costs[0]}:${col}$${sched.costs[sched.costs.length - 1]}` : null);
    const consRange = (col: string) =>
      sched.consequences.length ? `${col}$${sched.consequences[0]}:${col}$${sched.consequences[sched.consequences.length - 1]}` : null;
    for (const [k, p] of PAYERS.entries()) {
      const payerName = t(`som.payer.${p}`);
      sched.payerCosts[p] = helper(
        t("somx.sched.payerCosts", { payer: payerName }),
        (y) => (costRange("$B") ? `SUMIF(${costRange("$B")},${str(PAYER_CHOICE.label(p))},${costRange(Y(y))})` : "0"),
        (y) => exactYears[y - 1].byPayer[p].costs,
      );
      const priceCol = columnLetter(3 + k);
      sched.payerEffects[p] = helper(
        t("somx.sched.payerEffects", { payer: payerName }),
        (y) => (consRange(Y(y)) ? `SUMPRODUCT(${consRange(Y(y))},${consRange(`$${priceCol}`)})` : "0"),
        (y) => exactYears[y - 1].byPayer[p].budgetEffects,
      );
      sched.payerNet[p] = helper(
        t("somx.sched.payerNet", { payer: payerName }),
        (y) => `${Y(y)}${sched.payerEffects[p]}-${Y(y)}${sched.payerCosts[p]}`,
        (y) => exactYears[y - 1].byPayer[p].net,
      );
    }
    const acrossPayers = (rows: Record<Payer, number>) => (y: number) => PAYERS.map((p) => `${Y(y)}${rows[p]}`).join("+");
    sched.totalCosts = helper(t("somx.sched.totalCosts"), acrossPayers(sched.payerCosts), (y) => exactYears[y - 1].costs);
    sched.totalEffects = helper(t("somx.sched.totalEffects"), acrossPayers(sched.payerEffects), (y) => exactYears[y - 1].budgetEffects);
    sched.totalNet = helper(t("somx.sched.totalNet"), (y) => `${Y(y)}${sched.totalEffects}-${Y(y)}${sched.totalCosts}`, (y) => exactYears[y - 1].net);
    const v = (y: number) => plan.discountFactors[y];
    const disc = (r: number) => (y: number) => `${Y(y)}${r}*${Y(y)}$${sched.discount}`;
    sched.discCosts = helper(t("somx.sched.discCosts"), disc(sched.totalCosts), (y) => exactYears[y - 1].costs.times(v(y)));
    sched.discEffects = helper(t("somx.sched.discEffects"), disc(sched.totalEffects), (y) => exactYears[y - 1].budgetEffects.times(v(y)));
    sched.discNet = helper(t("somx.sched.discNet"), disc(sched.totalNet), (y) => exactYears[y - 1].discountedNet);
    ws.views = [{ state: "frozen", xSplit: 2, ySplit: 2 }];
  }

  /**
   * A result cell for year y of a schedule helper row, rounded as a running sum, with its cached value.
   * Returns the rounded series so callers can total it.
   */
  roundedYearCells(ws: ExcelJS.Worksheet, col: number, firstRow: number, helperRow: number, exact: Decimal[], paths: (y: number) => string) {
    const rounded = roundedSeries(exact);
    const first = this.yearCol(1);
    rounded.forEach((value, i) => {
      const y = i + 1;
      const upTo = (n: number) => `ROUND(SUM(${this.schedRef(`$${first}`, helperRow)}:${this.schedRef(this.yearCol(n), helperRow)}),2)`;
      const f = y === 1 ? upTo(1) : `${upTo(y)}-${upTo(y - 1)}`;
      const cell = ws.getCell(firstRow + i, col);
      this.formula(cell, f, num(value), AMOUNT);
      this.cells.push({ sheet: ws.name, cell: cell.address, path: paths(y), kind: "row" });
    });
    return rounded;
  }

  totalCell(ws: ExcelJS.Worksheet, row: number, col: number, fromRow: number, toRow: number, value: Decimal, path: string | null) {
    const L = columnLetter(col);
    const cell = ws.getCell(row, col);
    this.formula(cell, `SUM(${L}${fromRow}:${L}${toRow})`, num(value), AMOUNT);
    if (path) this.cells.push({ sheet: ws.name, cell: cell.address, path, kind: "total" });
    return cell;
  }

  // -------------------------------------------------------------------------------------------------
  // Results

  yearsSheet() {
    const { t, H, sched, exact } = this;
    const ws = this.wb.addWorksheet(SHEET.years);
    const head = [t("somx.res.year")];
    for (const p of [...PAYERS, "total" as const]) {
      const who = t(`som.payer.${p}`);
      head.push(t("somx.res.costs", { who }), t("somx.res.effects", { who }), t("somx.res.net", { who }));
    }
    this.header(ws, head);
    for (let y = 1; y <= H; y++) ws.getCell(1 + y, 1).value = y;
    const totalRow = H + 2;
    ws.getCell(totalRow, 1).value = t("som.payer.total");
    ws.getRow(totalRow).font = { bold: true };
    const series: [Payer | "total", "costs" | "budgetEffects" | "net", number][] = [];
    for (const p of PAYERS) {
      series.push([p, "costs", sched.payerCosts[p]], [p, "budgetEffects", sched.payerEffects[p]], [p, "net", sched.payerNet[p]]);
    }
    series.push(["total", "costs", sched.totalCosts], ["total", "budgetEffects", sched.totalEffects], ["total", "net", sched.totalNet]);
    series.forEach(([who, field, helperRow], i) => {
      const col = 2 + i;
      const exactSeries = exact.years.map((y) => (who === "total" ? y[field] : y.byPayer[who][field]));
      const rounded = this.roundedYearCells(ws, col, 2, helperRow, exactSeries, (y) =>
        who === "total" ? `years[${y - 1}].${field}` : `years[${y - 1}].byPayer.${who}.${field}`,
      );
      this.totalCell(ws, totalRow, col, 2, H + 1, sum(rounded), who === "total" ? `summary.${field}` : `byPayer.${who}.${field}`);
    });
    ws.getCell(totalRow + 2, 1).value = t("somx.res.roundingNote");
    ws.getCell(totalRow + 2, 1).font = HELPER_FONT;
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 8 : 19));
    ws.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  }

  cumulativeSheet() {
    const { t, H, sched, exact } = this;
    const ws = this.wb.addWorksheet(SHEET.cumulative);
    this.header(ws, [
      t("somx.res.year"), t("som.result.net"), t("somx.cum.cumulativeNet"), t("somx.cum.discountedNet"),
      t("somx.cum.cumulativeDiscountedNet"), t("somx.cum.breakEven"),
    ]);
    for (let y = 1; y <= H; y++) ws.getCell(1 + y, 1).value = y;
    const net = this.roundedYearCells(ws, 2, 2, sched.totalNet, exact.years.map((y) => y.net), (y) => `years[${y - 1}].net`);
    const disc = this.roundedYearCells(ws, 4, 2, sched.discNet, exact.years.map((y) => y.discountedNet), (y) => `years[${y - 1}].discountedNet`);
    let cumNet = new Decimal(0);
    let cumDisc = new Decimal(0);
    for (let y = 1; y <= H; y++) {
      const r = 1 + y;
      cumNet = cumNet.plus(net[y - 1]);
      cumDisc = cumDisc.plus(disc[y - 1]);
      this.formula(ws.getCell(r, 3), `SUM($B$2:B${r})`, num(cumNet), AMOUNT);
      this.cells.push({ sheet: ws.name, cell: `C${r}`, path: `years[${y - 1}].cumulativeNet`, kind: "total" });
      this.formula(ws.getCell(r, 5), `SUM($D$2:D${r})`, num(cumDisc), AMOUNT);
      this.cells.push({ sheet: ws.name, cell: `E${r}`, path: `years[${y - 1}].cumulativeDiscountedNet`, kind: "total" });
      // Break-even on the unrounded running sum, as the engine decides it (to a millionth of a krone).
      const reached = exact.years[y - 1].cumulativeDiscountedNet.gte(0);
      this.formula(
        ws.getCell(r, 6),
        `IF(ROUND(SUM(${this.schedRef(`$${this.yearCol(1)}`, sched.discNet)}:${this.schedRef(this.yearCol(y), sched.discNet)}),6)>=0,A${r},"")`,
        reached ? y : "",
      );
    }
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 8 : 24));
  }

  byAreaSheet() {
    const { t, sched, exact } = this;
    const ws = this.wb.addWorksheet(SHEET.byArea);
    this.header(ws, [t("somx.col.area"), t("somx.area.effects"), t("somx.area.exact")]);
    const cons = sched.consequences;
    const range = (col: string) => `${quote(SHEET.schedule)}!$${col}$${cons[0]}:$${col}$${cons[cons.length - 1]}`;
    const rounded = roundedSeries(exact.byArea.map((a) => a.budgetEffects));
    exact.byArea.forEach((a, i) => {
      const r = 2 + i;
      ws.getCell(r, 1).value = a.area;
      this.formula(
        ws.getCell(r, 3),
        `SUMPRODUCT((${range("B")}=A${r})*${range("F")}*(${range("C")}+${range("D")}+${range("E")}))`,
        num(a.budgetEffects), AMOUNT,
      );
      ws.getCell(r, 3).font = HELPER_FONT;
      const upTo = (n: number) => `ROUND(SUM($C$2:C${n}),2)`;
      this.formula(ws.getCell(r, 2), i === 0 ? upTo(r) : `${upTo(r)}-${upTo(r - 1)}`, num(rounded[i]), AMOUNT);
      this.cells.push({ sheet: ws.name, cell: `B${r}`, path: `byArea[${i}].budgetEffects`, kind: "row" });
    });
    const totalRow = 2 + exact.byArea.length;
    ws.getCell(totalRow, 1).value = t("som.payer.total");
    ws.getRow(totalRow).font = { bold: true };
    if (exact.byArea.length) this.totalCell(ws, totalRow, 2, 2, totalRow - 1, sum(rounded), "summary.budgetEffects");
    else this.formula(ws.getCell(totalRow, 2), "0", 0, AMOUNT);
    ws.columns = [{ width: 36 }, { width: 22 }, { width: 26 }];
  }

  summarySheet() {
    const { t, d, meta, H, sched, exact, plan } = this;
    const ws = this.wb.addWorksheet(SHEET.summary);
    ws.columns = [{ width: 46 }, { width: 26 }];
    const title = ws.addRow([d.title]);
    title.font = { bold: true, size: 14 };
    const line = (label: string, value: string | number | null) => ws.addRow([label, value]);
    const f = (label: string, formula: string, result: number | string, numFmt: string | undefined, path: string | null, kind: SomResultCell["kind"] = "total") => {
      const row = ws.addRow([label]);
      this.formula(row.getCell(2), formula, result, numFmt);
      if (path) this.cells.push({ sheet: ws.name, cell: `B${row.number}`, path, kind });
    };
    if (meta.initiativeTitle) line(t("somx.sum.initiative"), meta.initiativeTitle);
    if (meta.versionNumber !== undefined) line(t("somx.sum.version"), meta.versionNumber);
    if (meta.exportedAt) line(t("somx.sum.exported"), meta.exportedAt);
    f(t("somx.check.priceYear"), `IF(${SHEET.checklist}!$C$6="","",${SHEET.checklist}!$C$6)`, d.checklist?.priceYear ?? "", "0", null);
    f(t("somx.input.discountRate"), this.inputRef("C", SCALAR_ROW.discountRate), num(new Decimal(d.input.discountRate)), PERCENT, null);
    f(t("som.result.netSuccessRate"), this.schedRef("$F", sched.successRate), num(plan.netSuccessRate), PERCENT, "netSuccessRate", "rate");
    const yearsTotal = (col: string) => `${quote(SHEET.years)}!$${col}$${H + 2}`;
    const totalCol = (i: number) => columnLetter(2 + 9 + i);
    const shownTotal = (field: "costs" | "budgetEffects" | "net") => sum(roundedSeries(exact.years.map((y) => y[field])));
    f(t("som.result.costs"), yearsTotal(totalCol(0)), num(shownTotal("costs")), AMOUNT, "summary.costs");
    f(t("som.result.effects"), yearsTotal(totalCol(1)), num(shownTotal("budgetEffects")), AMOUNT, "summary.budgetEffects");
    f(t("somx.sum.net"), yearsTotal(totalCol(2)), num(shownTotal("net")), AMOUNT, "summary.net");
    const s = exact.summary;
    const pvC = this.schedRef("$F", sched.discCosts);
    const pvE = this.schedRef("$F", sched.discEffects);
    const round2 = (x: Decimal) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    f(t("somx.sum.pvCosts"), `ROUND(${pvC},2)`, num(round2(s.presentValueCosts)), AMOUNT, "summary.presentValueCosts");
    f(t("somx.sum.pvEffects"), `ROUND(${pvE},2)`, num(round2(s.presentValueBudgetEffects)), AMOUNT, "summary.presentValueBudgetEffects");
    f(t("somx.sum.pvNet"), `${quote(SHEET.cumulative)}!$E$${H + 1}`, num(round2(s.presentValueNet)), AMOUNT, "summary.presentValueNet");
    const na = t("som.result.na");
    f(t("som.result.bcr"), `IF(${pvC}>0,${pvE}/${pvC},${str(na)})`, s.benefitCostRatio ? num(s.benefitCostRatio) : na, RATIO, "summary.benefitCostRatio", "ratio");
    const noYear = t("som.result.noBreakEven", { horizon: H });
    const flags = `${quote(SHEET.cumulative)}!$F$2:$F$${H + 1}`;
    f(t("som.result.breakEvenYear"), `IF(COUNT(${flags})=0,${str(noYear)},MIN(${flags}))`, s.breakEvenYear ?? noYear, "0", "summary.breakEvenYear", "year");
    const noRate = t("som.result.noBreakEvenRate");
    const sumCol = (rows: number[]) => (rows.length ? `SUM(${this.schedRef("$G", rows[0])}:${this.schedRef("$G", rows[rows.length - 1])})` : "0");
    const A = sumCol(sched.consequences);
    const C = sumCol(sched.costs);
    f(
      t("som.result.breakEvenRate"),
      `IF(${A}=0,IF(ROUND(${C},6)=0,0,${str(noRate)}),IF(AND(${C}/${A}>=0,${C}/${A}<=1),${C}/${A},${str(noRate)}))`,
      s.breakEvenSuccessRate ? num(s.breakEvenSuccessRate) : noRate, "0.0000%", "summary.breakEvenSuccessRate", "rate",
    );
    PAYERS.forEach((p, i) => {
      const shown = sum(roundedSeries(exact.years.map((y) => y.byPayer[p].net)));
      f(t("somx.sum.payerNet", { payer: t(`som.payer.${p}`).toLowerCase() }), yearsTotal(columnLetter(4 + 3 * i)), num(shown), AMOUNT, `byPayer.${p}.net`);
    });
    ws.addRow([]);
    ws.addRow([t("somx.sum.how")]).font = { bold: true };
    for (const note of explainCalculation(d.input)) {
      const row = ws.addRow([this.t.lang === "da" ? note.da : note.en]);
      ws.mergeCells(row.number, 1, row.number, 2);
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }

  uncertaintySheet() {
    const { t, d } = this;
    const ws = this.wb.addWorksheet(SHEET.uncertainty);
    ws.columns = [{ width: 52 }, { width: 24 }];
    ws.addRow([t("som.mc.title")]).font = { bold: true, size: 14 };
    const marker = ws.addRow([t("somx.mc.computedByApp")]);
    marker.font = { bold: true, color: { argb: "FF9C0006" } };
    marker.alignment = { wrapText: true };
    ws.mergeCells(marker.number, 1, marker.number, 2);
    const result: SimulationResult | null =
      this.meta.uncertainty !== undefined
        ? this.meta.uncertainty
        : d.spreads
          ? simulate(d.input, d.spreads, { seed: SIMULATION_SEED, draws: SIMULATION_DRAWS })
          : null;
    if (!result) {
      ws.addRow([t("somx.mc.none")]);
      return;
    }
    const pct = (v: string) => {
      const row = ws.lastRow!;
      row.getCell(2).value = Number(v);
      row.getCell(2).numFmt = PERCENT;
    };
    const kr = (label: string, v: string) => {
      const row = ws.addRow([label, Number(v)]);
      row.getCell(2).numFmt = AMOUNT;
    };
    ws.addRow([]);
    ws.addRow([t("somx.mc.settings")]).font = { bold: true };
    ws.addRow([t("somx.mc.draws"), result.draws]);
    ws.addRow([t("somx.mc.seed"), result.seed]);
    ws.addRow([t("somx.mc.distribution"), t("somx.mc.triangular")]);
    ws.addRow([t("somx.input.spreadSuccess")]);
    pct(result.spreads.successRate);
    ws.addRow([t("somx.input.spreadDeltas")]);
    pct(result.spreads.consequenceDeltas);
    ws.addRow([t("somx.input.spreadPrices")]);
    pct(result.spreads.prices);
    ws.addRow([t("somx.input.spreadCosts")]);
    pct(result.spreads.costs);
    ws.addRow([]);
    ws.addRow([t("somx.mc.results")]).font = { bold: true };
    ws.addRow([t("somx.mc.probability")]);
    pct(result.probabilityPositive);
    kr(t("som.mc.pointEstimate"), result.presentValueNetPointEstimate);
    kr(t("som.mc.mean"), result.mean);
    kr(t("som.mc.p5"), result.p5);
    kr(t("som.mc.p50"), result.p50);
    kr(t("som.mc.p95"), result.p95);
    kr(t("somx.mc.min"), result.min);
    kr(t("somx.mc.max"), result.max);
    ws.addRow([]);
    ws.addRow([t("som.mc.method", { draws: result.draws, seed: result.seed })]).alignment = { wrapText: true };
  }

  guideSheet() {
    const ws = this.wb.addWorksheet(SHEET.guide);
    ws.columns = [{ width: 120 }];
    const lines: string[] = [];
    for (let i = 1; ; i++) {
      const line = this.t(`somx.guide.${i}`, {
        format: SOM_XLSX_FORMAT, input: SHEET.input, checklist: SHEET.checklist, schedule: SHEET.schedule,
        uncertainty: SHEET.uncertainty,
      });
      if (line === `somx.guide.${i}`) break;
      lines.push(line === "-" ? "" : line);
    }
    for (const l of lines) ws.addRow([l]).alignment = { wrapText: true };
    ws.getRow(1).font = { bold: true, size: 14 };
  }

  exactSheet() {
    const ws = this.wb.addWorksheet(SHEET.exact, { state: "veryHidden" });
    ws.addRow(["sheet", "cell", "exact", "number"]);
    for (const r of this.exactRows) ws.addRow(r);
  }

  build(): Written {
    this.inputSheet();
    this.checklistSheet();
    this.scheduleSheet();
    this.yearsSheet();
    this.cumulativeSheet();
    this.byAreaSheet();
    this.summarySheet();
    this.uncertaintySheet();
    this.guideSheet();
    this.exactSheet();
    return { workbook: this.wb, cells: this.cells };
  }
}

function sum(values: Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Decimal(0));
}

function list(words: string[]): ExcelJS.DataValidation {
  return { type: "list", allowBlank: true, formulae: [`"${words.join(",")}"`], showErrorMessage: false };
}

/** The workbook for one calculation version, and where its result cells are. */
export function writeSomWorkbook(d: SomWorkbookData, meta: SomWorkbookMeta = {}, lang: Lang = "da"): Written {
  return new Writer(d, meta, lang).build();
}

/** The workbook for one calculation version, as bytes. */
export async function buildSomWorkbook(d: SomWorkbookData, meta: SomWorkbookMeta = {}): Promise<Buffer> {
  const { workbook } = writeSomWorkbook(d, meta);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The engine's figure a result cell shows, as calculate() formats it (for checks of the workbook). */
export function engineFigure(result: unknown, path: string): unknown {
  let value: unknown = result;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    value = (value as Record<string, unknown>)[m[2] !== undefined ? Number(m[2]) : m[1]];
  }
  return value;
}

export { formatAmount };
