// The SØM workbook journey: a program manager downloads a calculation as Excel, changes an input cell in
// the workbook (done here with exceljs, as a user would in Excel), the workbook's formulas are recalculated
// by LibreOffice headless (as Excel would on the user's machine), and the re-imported workbook gives, in
// the app, the result the workbook's own formulas showed.
import ExcelJS from "exceljs";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const example = {
  horizonYears: 10,
  discountRate: "0",
  courseLengthYears: 1,
  cohorts: [{ startYear: 1, citizens: "40" }],
  successRate: { intervention: "0.12", comparison: "0.02" },
  costs: [
    { label: "Opstart: uddannelse", payer: "kommune", type: "oneOff", year: 1, amount: "250000" },
    { label: "Drift pr. borger", payer: "kommune", type: "perCitizenPerCourseYear", amount: "60000" },
  ],
  consequences: [
    { label: "Ophold på herberg", area: "Sociale serviceydelser", kind: "expenditure", deltaPerSuccess: ["-120", "-90", "-60"], prices: { kommune: "1100", region: "0", stat: "0" } },
  ],
};

/** An initiative in Afprøvning with one saved calculation, written straight into the e2e database. */
function arrange(title: string, input: object = example): { initiativeId: number; calculationId: number } {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const initiativeId = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'adults', 'Hjemløse', 'UIP 2025', 'susi2', 1, 'Udføres ensartet.', 'Manual.', 'trial', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(initiativeId);
    db.prepare("insert into phase_periods (initiative_id, phase, actual_start) values (?, 'trial', '2026-01-05')").run(initiativeId);
    const calculationId = Number(db.prepare(
      `insert into som_calculations (initiative_id, phase, scenario, title, latest_version_id, version, created_at, updated_at)
       values (?, 'trial', 'expected', ?, null, 1, ?, ?)`,
    ).run(initiativeId, `${title} – forventet`, now, now).lastInsertRowid);
    const checklist = { targetGroupMatch: "yes", targetGroupNote: "", effectMeasureMatch: "partly", effectMeasureNote: "", effectSource: "Eksempelstudie", priceYear: 2024 };
    const versionId = Number(db.prepare(
      `insert into som_calculation_versions (calculation_id, number, input_json, checklist_json, spreads_json, created_at)
       values (?, 1, ?, ?, null, ?)`,
    ).run(calculationId, JSON.stringify(input), JSON.stringify(checklist), now).lastInsertRowid);
    db.prepare("update som_calculations set latest_version_id = ? where id = ?").run(versionId, calculationId);
    return { initiativeId, calculationId };
  } finally {
    db.close();
  }
}

function rowWithKey(ws: ExcelJS.Worksheet, key: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return r;
  throw new Error(`no row ${key}`);
}

/** The summary sheet's figure beside a label, as the workbook holds it. */
function summaryFigure(wb: ExcelJS.Workbook, label: string): number {
  const ws = wb.getWorksheet("Sammenfatning")!;
  for (let r = 1; r <= ws.rowCount; r++) {
    if (ws.getCell(r, 1).value === label) return Number(ws.getCell(r, 2).result);
  }
  throw new Error(`no summary row ${label}`);
}

/** Whole kroner from the app's "-1.234.567 kr.". */
const kroner = (text: string) => Number(text.replace(/[^\d-−]/g, "").replace("−", "-"));

test("a workbook edited in Excel re-imports to the result its own formulas show", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "som-e2e-"));
  try {
    const { initiativeId, calculationId } = arrange(`E2E SØM Excel ${Date.now().toString(36)}`);
    await loginAs(page, "program_manager");
    await page.goto(`/initiativer/${initiativeId}/som/excel`);
    const row = page.locator(`tr[data-calculation-id="${calculationId}"]`);
    const before = kroner(await row.getByTestId("net").innerText());

    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Hent Excel/ }).click()]);
    const original = join(dir, "original.xlsx");
    await download.saveAs(original);

    // The user's edit: 55 citizens instead of 40 in the cohort (a yellow input cell on "Input").
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(original);
    expect(summaryFigure(wb, "Nettoresultat i alt")).toBeCloseTo(before, -1);
    const input = wb.getWorksheet("Input")!;
    const cohortRow = rowWithKey(input, "#cohorts") + 2;
    expect(input.getCell(cohortRow, 2).value).toBe(40);
    input.getCell(cohortRow, 2).value = 55;
    // Excel recalculates the cells that depend on an edit; exceljs cannot, so the cached results go and
    // LibreOffice must compute every formula.
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((cell) => {
      const v = cell.value;
      if (v && typeof v === "object" && "formula" in v) cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue;
    })));
    const edited = join(dir, "edited.xlsx");
    writeFileSync(edited, Buffer.from(await wb.xlsx.writeBuffer()));

    // Excel would recalculate on the spot; here LibreOffice does, headless, with its own profile.
    await promisify(execFile)(
      "soffice",
      [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", join(dir, "out"), edited],
      { timeout: 180_000 },
    );
    const recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(join(dir, "out", "edited.xlsx"));
    const workbookNet = summaryFigure(recalculated, "Nettoresultat i alt");
    expect(Math.round(workbookNet)).not.toBe(before);

    await page.getByLabel("Excel-fil (.xlsx)").setInputFiles({
      name: "redigeret.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: readFileSync(join(dir, "out", "edited.xlsx")),
    });
    const target = page.getByLabel("Læs ind som");
    const option = target.locator("option", { hasText: "Ny version af" }).first();
    await target.selectOption((await option.getAttribute("value")) ?? "");
    await page.getByRole("button", { name: "Læs ind" }).click();

    await expect(page).toHaveURL(new RegExp(`/initiativer/${initiativeId}/som/${calculationId}`));
    const shown = page.getByTestId("som-net").first();
    await expect(shown).toBeVisible();
    expect(kroner(await shown.innerText())).toBe(Math.round(workbookNet));

    await page.goto(`/initiativer/${initiativeId}/som/excel`);
    expect(kroner(await page.locator(`tr[data-calculation-id="${calculationId}"]`).getByTestId("net").innerText())).toBe(Math.round(workbookNet));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("on a phone, a calculation without costs says so, and its live result is one tap from the top of the form", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // As a calculation started from a target group's knowledge opens: consequences, no costs.
  const { initiativeId, calculationId } = arrange(`E2E SØM mobil ${Date.now().toString(36)}`, { ...example, costs: [] });
  await loginAs(page, "program_manager");
  await page.goto(`/initiativer/${initiativeId}/som/${calculationId}`);
  const jump = page.getByTestId("som-jump");
  await expect(jump).toBeInViewport();
  await expect(jump).toContainText("uden omkostninger");
  await expect(page.getByTestId("som-no-costs").first()).toContainText("Omkostningerne mangler");
  await expectNoSeriousA11yViolations(page);
  // The summary stays at the top while the form scrolls.
  await page.getByRole("group", { name: "Konsekvens 1", exact: true }).scrollIntoViewIfNeeded();
  await expect(jump).toBeInViewport();
  await jump.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 2, name: "Resultat lige nu" })).toBeInViewport();
  await expect(page.locator(".som-live").getByTestId("som-no-costs")).toBeVisible();
});
