// The SØM workbook: export → import gives the identical calculation, and a malformed workbook is refused
// with every problem named by sheet and cell.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculate, type SomInput } from "~/som/engine";
import { simulate, SIMULATION_DRAWS, SIMULATION_SEED } from "~/som/montecarlo";
import { parseSomInput } from "~/som/schema";
import {
  buildSomWorkbook, formatXlsxIssue, parseSomWorkbook, SHEET, SOM_XLSX_FORMAT, type SomWorkbookData, type XlsxIssue,
} from "~/som/xlsx.server";

function fixture(name: string): SomInput {
  const parsed = parseSomInput(JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")));
  if (!parsed.ok) throw new Error(`fixture ${name}: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

function parsed(json: unknown): SomInput {
  const r = parseSomInput(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const checklist = {
  targetGroupMatch: "partly" as const,
  targetGroupNote: "Studiet så på 18-30-årige; vores målgruppe er 18+.",
  effectMeasureMatch: "yes" as const,
  effectMeasureNote: "",
  effectSource: "Eksempelstudie, evidensniveau 1",
  priceYear: 2024,
};

function data(input: SomInput, overrides: Partial<SomWorkbookData> = {}): SomWorkbookData {
  return { title: "Housing First – forventet", scenario: "expected", phase: "trial", input, checklist, spreads: null, ...overrides };
}

/** Decimal strings that a JS number would not keep as written, offsets, every cost type, ragged deltas. */
const tricky = parsed({
  horizonYears: 7,
  discountRate: "0.035",
  courseLengthYears: 2,
  cohorts: [{ startYear: 1, citizens: "40" }, { startYear: 3, citizens: "12.50" }],
  successRate: { intervention: "0.120", comparison: "0.02" },
  costs: [
    { label: "Opstart", payer: "kommune", type: "oneOff", year: 1, amount: "250000.00" },
    { label: "Drift pr. borger", payer: "region", type: "perCitizenPerCourseYear", amount: "60000" },
    { label: "Koordinator", payer: "stat", type: "annual", fromYear: 1, toYear: 3, amount: "550000.5" },
    { label: "Puljetilskud", payer: "kommune", type: "oneOff", year: 2, amount: "-100000", offsetKind: "grant" },
    { label: "2026", payer: "kommune", type: "annual", fromYear: 2, toYear: 2, amount: "12345678901234567890.12" },
  ],
  consequences: [
    { label: "Herberg", area: "Sociale serviceydelser", kind: "expenditure", deltaPerSuccess: ["-120", "-90.0", "-60"], prices: { kommune: "1100", region: "0", stat: "0" } },
    { label: "Skat", area: "Skat", kind: "revenue", deltaPerSuccess: ["0", "0.05", "0.1", "0.1", "0.1", "0.1", "0.1"], prices: { kommune: "62000", region: "0", stat: "41000.10" } },
    { label: "Skadestue", area: "Sundhed", kind: "expenditure", deltaPerSuccess: ["-0"], prices: { kommune: "0", region: "2400", stat: "0" } },
  ],
});

async function roundTrip(d: SomWorkbookData) {
  const result = await parseSomWorkbook(await buildSomWorkbook(d, { initiativeTitle: "Et initiativ", versionNumber: 3 }));
  if (!result.ok) throw new Error(result.errors.map((e) => formatXlsxIssue(e, "da")).join("\n"));
  return result.value;
}

describe("round trip", () => {
  for (const [name, input] of [
    ["SOM.md example", fixture("som-md-example.json")],
    ["two cohorts, discounted", fixture("two-cohorts-discounted.json")],
    ["ten years, twenty consequences", fixture("ten-years-twenty-consequences.json")],
    ["tricky decimals and every cost type", tricky],
  ] as const) {
    it(`gives the identical input JSON and results: ${name}`, async () => {
      const back = await roundTrip(data(input));
      expect(JSON.stringify(back.input)).toBe(JSON.stringify(input));
      expect(back.input).toEqual(input);
      expect(calculate(back.input)).toEqual(calculate(input));
    });
  }

  it("keeps title, scenario, phase, the checklist and spreads", async () => {
    const spreads = { successRate: "0.03", consequenceDeltas: "0.2", prices: "0.1", costs: "0.15" };
    const d = data(tricky, { title: "Forsigtigt skøn", scenario: "cautious", phase: "screening_maturation", spreads });
    expect(await roundTrip(d)).toEqual(d);
  });

  it("re-exporting the imported workbook gives the same result sheets", async () => {
    const first = await buildSomWorkbook(data(tricky));
    const back = await parseSomWorkbook(first);
    if (!back.ok) throw new Error("import failed");
    const second = await buildSomWorkbook(back.value);
    const cells = async (bytes: Buffer, sheet: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as any);
      const out: unknown[][] = [];
      wb.getWorksheet(sheet)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    for (const sheet of [SHEET.years, SHEET.cumulative, SHEET.byArea]) {
      expect(await cells(second, sheet)).toEqual(await cells(first, sheet));
    }
    const years = await cells(first, SHEET.years);
    expect(years).toHaveLength(tricky.horizonYears + 3); // header, one row per year, totals, the rounding note
  });

  it("reads values edited in Excel: numbers typed as numbers, text with a decimal comma, formulas with results", async () => {
    const wb = await load(await buildSomWorkbook(data(fixture("som-md-example.json"))));
    const ws = wb.getWorksheet(SHEET.input)!;
    ws.getCell(rowOf(ws, "successRate.intervention"), 3).value = "0,15";
    ws.getCell(rowOf(ws, "horizonYears"), 3).value = { formula: "5*2", result: 10 };
    const back = await parseSomWorkbook(await save(wb));
    expect(back.ok && back.value.input.successRate.intervention).toBe("0.15");
    expect(back.ok && back.value.input.horizonYears).toBe(10);
  });
});

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as any);
  return wb;
}

async function save(wb: ExcelJS.Workbook) {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function rowOf(ws: ExcelJS.Worksheet, key: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return r;
  throw new Error(`no row ${key}`);
}

async function refusal(edit: (wb: ExcelJS.Workbook) => void, input: SomInput = tricky): Promise<string[]> {
  const wb = await load(await buildSomWorkbook(data(input)));
  edit(wb);
  const result = await parseSomWorkbook(await save(wb));
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e: XlsxIssue) => formatXlsxIssue(e, "da"));
}

describe("malformed workbooks", () => {
  it("the layout puts courseLengthYears in C7, and a word there is not a number", async () => {
    const messages = await refusal((wb) => {
      const ws = wb.getWorksheet(SHEET.input)!;
      expect(ws.getCell("A7").value).toBe("courseLengthYears");
      ws.getCell("C7").value = "abc";
    });
    expect(messages).toEqual(['Ark "Input", celle C7: "abc" er ikke et tal']);
  });

  it("refuses a missing sheet", async () => {
    const messages = await refusal((wb) => wb.removeWorksheet(wb.getWorksheet(SHEET.checklist)!.id));
    expect(messages).toEqual(['Ark "Tjekliste": arket mangler i projektmappen']);
  });

  it("refuses a missing required cell, naming the cell and the field", async () => {
    const messages = await refusal((wb) => {
      const ws = wb.getWorksheet(SHEET.input)!;
      ws.getCell(rowOf(ws, "successRate.intervention"), 3).value = null;
    });
    expect(messages).toEqual(['Ark "Input", celle C8: mangler en værdi (successRate.intervention)']);
  });

  it("refuses an unknown payer in a cost row and in a price column", async () => {
    const messages = await refusal((wb) => {
      const ws = wb.getWorksheet(SHEET.input)!;
      const costsHeader = rowOf(ws, "#costs") + 1;
      ws.getCell(costsHeader + 1, 2).value = "kommunen";
      const consHeader = rowOf(ws, "#consequences") + 1;
      expect(ws.getCell(consHeader, 5).value).toBe("Pris, region");
      ws.getCell(consHeader, 5).value = "Pris, amt";
    });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^Ark "Input", celle B\d+: ukendt betaler "kommunen"; brug Kommune, Region eller Stat$/);
    expect(messages[1]).toMatch(/^Ark "Input", celle E\d+: ukendt betaler "amt"; brug Kommune, Region eller Stat$/);
  });

  it("lists every problem at once and names the cell of the engine's own rules", async () => {
    const messages = await refusal((wb) => {
      const ws = wb.getWorksheet(SHEET.input)!;
      const cohortsHeader = rowOf(ws, "#cohorts") + 1;
      ws.getCell(cohortsHeader + 1, 1).value = 99; // beyond the 7-year horizon
    });
    const cohortsHeader = 16; // 13 settings, a blank row, the marker, then the header
    expect(messages).toEqual([
      `Ark "Input", celle A${cohortsHeader + 1}: cohorts[0].startYear: must be a year between 1 and 7 (the horizon)`,
    ]);
  });

  it("refuses a gap in the consequence years, a filled year for a type that takes none, and a date", async () => {
    const messages = await refusal((wb) => {
      const ws = wb.getWorksheet(SHEET.input)!;
      const consHeader = rowOf(ws, "#consequences") + 1;
      ws.getCell(consHeader + 2, 8).value = null; // "Skat": delta[1] emptied between filled years
      const costsHeader = rowOf(ws, "#costs") + 1;
      ws.getCell(costsHeader + 2, 5).value = 2; // perCitizenPerCourseYear with a year
      // A date where a year goes (an amount cell is formatted as a number, so a date there is its serial number).
      ws.getCell(costsHeader + 1, 5).value = new Date("2024-01-01");
      // As Excel formats a typed date (a fresh style: exceljs shares one style object between loaded cells).
      ws.getCell(costsHeader + 1, 5).style = { ...ws.getCell(costsHeader + 1, 5).style, numFmt: "yyyy-mm-dd" };
    });
    expect(messages).toHaveLength(3);
    expect(messages.some((m) => /celle H\d+: et år mellem to udfyldte år mangler en værdi/.test(m))).toBe(true);
    expect(messages.some((m) => /celle E\d+: skal være tom for denne type \(costs\[1\]\.year\)/.test(m))).toBe(true);
    expect(messages.some((m) => /celle E\d+: "2024-01-01" er ikke et tal/.test(m))).toBe(true);
  });

  it("refuses another workbook's format and a file that is not a workbook", async () => {
    expect(await refusal((wb) => (wb.getWorksheet(SHEET.input)!.getCell("C1").value = "noget-andet/2"))).toEqual([
      `Ark "Input", celle C1: filformatet "noget-andet/2" kendes ikke; forventet "${SOM_XLSX_FORMAT}"`,
    ]);
    const notXlsx = await parseSomWorkbook(Buffer.from("label,amount\nx,1\n"));
    expect(notXlsx.ok).toBe(false);
    expect(!notXlsx.ok && formatXlsxIssue(notXlsx.errors[0], "en")).toBe("The file cannot be read as an Excel workbook (.xlsx).");
  });

  it("refuses a checklist answer outside yes/partly/no, in English too", async () => {
    const wb = await load(await buildSomWorkbook(data(tricky)));
    const ws = wb.getWorksheet(SHEET.checklist)!;
    ws.getCell(rowOf(ws, "targetGroupMatch"), 3).value = "måske";
    const result = await parseSomWorkbook(await save(wb));
    expect(!result.ok && result.errors.map((e) => formatXlsxIssue(e, "en"))).toEqual([
      'Sheet "Tjekliste", cell C1: unknown value "måske" (checklist.targetGroupMatch); use Ja, Delvist or Nej',
    ]);
  });
});

describe("the workbook's figures", () => {
  it("rows add up to the totals shown, to the øre, and the totals are the engine's", async () => {
    const input = fixture("every-shape.json");
    const wb = await load(await buildSomWorkbook(data(input)));
    const ws = wb.getWorksheet(SHEET.years)!;
    const H = input.horizonYears;
    const cents = (v: unknown) => Math.round(Number(v) * 100);
    const shown = (r: number, c: number) => ws.getCell(r, c).result;
    const result = calculate(input);
    for (let c = 2; c <= 13; c++) {
      let sum = 0;
      for (let r = 2; r <= H + 1; r++) sum += cents(shown(r, c));
      expect(sum).toBe(cents(shown(H + 2, c)));
    }
    expect(shown(H + 2, 11)).toBe(Number(result.summary.costs));
    expect(shown(H + 2, 12)).toBe(Number(result.summary.budgetEffects));
    expect(shown(H + 2, 13)).toBe(Number(result.summary.net));
    // Each year within one øre of the engine's own rounding of that year.
    result.years.forEach((y, i) => expect(Math.abs(cents(shown(2 + i, 13)) - cents(y.net))).toBeLessThanOrEqual(1));
  });

  it("writes the inputs in Danish, as numbers with number formats and rates as percentages", async () => {
    const wb = await load(await buildSomWorkbook(data(fixture("every-shape.json"))));
    const ws = wb.getWorksheet(SHEET.input)!;
    expect(ws.getCell("C6").value).toBe(0.035);
    expect(ws.getCell("C6").numFmt).toMatch(/%$/);
    const costsHeader = rowOf(ws, "#costs") + 1;
    expect(ws.getRow(costsHeader).values).toEqual(expect.arrayContaining(["Tekst", "Betaler", "Type", "Beløb (kr.)"]));
    expect([2, 3, 4, 8].map((c) => ws.getCell(costsHeader + 4, c).value)).toEqual(["Kommune", "Engangsbeløb", -50000.01, "modregning"]);
    expect(ws.getCell(costsHeader + 5, 8).value).toBe("Sparet udgift");
    expect(ws.getCell(costsHeader + 1, 4).numFmt).toBe("#,##0.00");
    const consHeader = rowOf(ws, "#consequences") + 1;
    expect(ws.getCell(consHeader + 2, 3).value).toBe("Indtægt (fx skat)");
    // Result cells are formulas carrying the engine's value.
    const summary = wb.getWorksheet(SHEET.summary)!;
    let found = false;
    summary.eachRow((row) => {
      const v = row.getCell(2).value;
      if (row.getCell(1).value === "Cost-benefit-forhold") {
        found = true;
        expect(v && typeof v === "object" && "formula" in v).toBe(true);
        expect(row.getCell(2).result).toBeCloseTo(Number(calculate(fixture("every-shape.json")).summary.benefitCostRatio), 2);
      }
    });
    expect(found).toBe(true);
  });
});

describe("the uncertainty sheet", () => {
  it("holds the Monte Carlo settings and results, marked as computed by the app; says so when there are no spreads", async () => {
    const spreads = { successRate: "0.03", consequenceDeltas: "0.2", prices: "0.1", costs: "0.15" };
    const input = fixture("som-md-example.json");
    const wb = await load(await buildSomWorkbook(data(input, { spreads })));
    const ws = wb.getWorksheet(SHEET.uncertainty)!;
    const rows = new Map<string, unknown>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect([...rows.keys()].some((k) => k.startsWith("Beregnet af SUSI Tracker"))).toBe(true);
    const expected = simulate(input, spreads, { seed: SIMULATION_SEED, draws: SIMULATION_DRAWS });
    expect(rows.get("Trækninger")).toBe(10_000);
    expect(rows.get("Frø (seed)")).toBe(SIMULATION_SEED);
    expect(rows.get("Sandsynlighed for positivt nettoresultat")).toBe(Number(expected.probabilityPositive));
    expect(rows.get("5 %-fraktil")).toBe(Number(expected.p5));
    expect(rows.get("95 %-fraktil")).toBe(Number(expected.p95));
    const none = (await load(await buildSomWorkbook(data(input)))).getWorksheet(SHEET.uncertainty)!;
    expect(none.getCell("A3").value).toMatch(/ingen usikkerhedsberegning/);
  });
});
