// The exported workbook's formulas, computed by a real spreadsheet: every fixture calculation is exported,
// its cached values are removed (so the formulas must compute), LibreOffice recalculates it headless, and
// every result cell is compared with the engine's own output. Rows (a year's or an area's figure) may be
// one øre from the engine's figure (each column is rounded as a running sum so the rows add up to the
// total); totals and cumulative figures must equal the engine's to the øre.
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calculate, type SomInput, type SomResult } from "~/som/engine";
import { parseSomInput } from "~/som/schema";
import { engineFigure, parseSomWorkbook, SHEET, writeSomWorkbook, type SomResultCell } from "~/som/xlsx.server";

const FIXTURES = new URL("./fixtures/", import.meta.url);
const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort();
const checklist = { targetGroupMatch: "yes", targetGroupNote: "", effectMeasureMatch: "partly", effectMeasureNote: "", effectSource: "Test", priceYear: 2024 } as const;

function fixture(name: string): SomInput {
  const parsed = parseSomInput(JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

/** Drops every formula's cached result, so only a recalculation can fill the cells. */
function stripCachedValues(wb: ExcelJS.Workbook): number {
  let formulas = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v && typeof v === "object" && "formula" in v) {
          cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue;
          formulas++;
        }
      }),
    ),
  );
  return formulas;
}

const dir = mkdtempSync(join(tmpdir(), "som-lo-"));
/** The edited workbook: the SOM.md example with 55 citizens instead of 40 and a comparison rate of 3 %. */
const EDITED = "edited-in-excel";
const recalculated = new Map<string, ExcelJS.Workbook>();
const expected = new Map<string, { result: SomResult; cells: SomResultCell[] }>();

beforeAll(async () => {
  const files: string[] = [];
  for (const name of names) {
    const input = fixture(name);
    const { workbook, cells } = writeSomWorkbook({ title: name, scenario: "expected", phase: "trial", input, checklist, spreads: null });
    expect(stripCachedValues(workbook)).toBeGreaterThan(50);
    const file = join(dir, name.replace(/\.json$/, ".xlsx"));
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    files.push(file);
    expected.set(name, { result: calculate(input), cells });
  }
  {
    // A user's edit in Excel: two input cells changed, nothing else (cached results left stale).
    const input = fixture("som-md-example.json");
    const { workbook } = writeSomWorkbook({ title: "Redigeret", scenario: "expected", phase: "trial", input, checklist, spreads: null });
    const ws = workbook.getWorksheet(SHEET.input)!;
    let cohortRow = 0;
    ws.eachRow((row, n) => void (row.getCell(1).value === "#cohorts" && (cohortRow = n + 2)));
    ws.getCell(cohortRow, 2).value = 55;
    ws.getCell("C9").value = 0.03; // successRate.comparison
    stripCachedValues(workbook);
    const file = join(dir, `${EDITED}.xlsx`);
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    files.push(file);
  }
  // One soffice call for every file (starting LibreOffice is the slow part), with its own profile so
  // parallel runs never share one.
  const profile = pathToFileURL(join(dir, "profile")).href;
  await promisify(execFile)(
    "soffice",
    [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", join(dir, "out"), ...files],
    { timeout: 240_000 },
  );
  for (const name of [...names, `${EDITED}.json`]) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "out", name.replace(/\.json$/, ".xlsx")));
    recalculated.set(name, wb);
  }
}, 300_000);

afterAll(() => process.env.SOM_KEEP_LO ? undefined : rmSync(dir, { recursive: true, force: true }));

function cellNumber(wb: ExcelJS.Workbook, c: SomResultCell): number | string | null {
  const cell = wb.getWorksheet(c.sheet)!.getCell(c.cell);
  // cell.result, not cell.value: exceljs leaves a falsy result (0, "") out of the value object.
  const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return typeof value === "number" || typeof value === "string" ? value : null;
}

describe("the workbook recalculated by LibreOffice", () => {
  for (const name of names) {
    it(`shows the engine's figures in every result cell: ${name}`, () => {
      const wb = recalculated.get(name)!;
      const { result, cells } = expected.get(name)!;
      expect(cells.length).toBeGreaterThan(20);
      const wrong: string[] = [];
      for (const c of cells) {
        const got = cellNumber(wb, c);
        const want = engineFigure(result, c.path);
        const where = `${c.sheet}!${c.cell} (${c.path})`;
        if (c.kind === "row" || c.kind === "total") {
          const tolerance = c.kind === "row" ? 0.01 + 1e-6 : 0.005;
          if (typeof got !== "number" || Math.abs(got - Number(want)) > tolerance) wrong.push(`${where}: ${got} ≠ ${want}`);
        } else if (c.kind === "ratio") {
          const ok = want === "n/a" ? typeof got === "string" : typeof got === "number" && got.toFixed(2) === want;
          if (!ok) wrong.push(`${where}: ${got} ≠ ${want}`);
        } else if (c.kind === "rate") {
          const ok = want === null ? typeof got === "string" : typeof got === "number" && Math.abs(got - Number(want)) < 5e-7;
          if (!ok) wrong.push(`${where}: ${got} ≠ ${want}`);
        } else {
          const ok = want === null ? typeof got === "string" : got === want;
          if (!ok) wrong.push(`${where}: ${got} ≠ ${want}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe("an input edited in Excel", () => {
  it("re-imports to the result LibreOffice's formulas showed", async () => {
    const wb = recalculated.get(`${EDITED}.json`)!;
    const back = await parseSomWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.value.input.cohorts[0].citizens).toBe("55");
    expect(back.value.input.successRate.comparison).toBe("0.03");
    const result = calculate(back.value.input);
    // Same layout as the original, so the original's cell list applies.
    const { cells } = expected.get("som-md-example.json")!;
    const wrong = cells
      .filter((c) => c.kind === "total" || c.kind === "row")
      .filter((c) => {
        const got = cellNumber(wb, c);
        return typeof got !== "number" || Math.abs(got - Number(engineFigure(result, c.path))) > (c.kind === "row" ? 0.010001 : 0.005);
      })
      .map((c) => `${c.sheet}!${c.cell} (${c.path}): ${cellNumber(wb, c)} ≠ ${String(engineFigure(result, c.path))}`);
    expect(wrong).toEqual([]);
    expect(result.summary.net).not.toBe(expected.get("som-md-example.json")!.result.summary.net);
  });
});
