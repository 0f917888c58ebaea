// SØM knowledge database journeys against the production build: a program manager starts a calculation
// from a target group, downloads it as a workbook, reads the workbook back in and finds an identical
// calculation; and the knowledge database pages pass an axe scan.
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const INITIATIVE = 1;

function latestInput(calculationId: number): string {
  const db = e2eDb();
  try {
    const row = db
      .prepare("select v.input_json from som_calculations c join som_calculation_versions v on v.id = c.latest_version_id where c.id = ?")
      .get(calculationId) as { input_json: string } | undefined;
    if (!row) throw new Error(`no calculation ${calculationId}`);
    return row.input_json;
  } finally {
    db.close();
  }
}

test("a program manager starts a calculation from a target group, exports it and re-imports an identical one", async ({ page }) => {
  const title = `E2E Housing First ${Date.now()}`;
  await loginAs(page, "program_manager");

  await page.goto("/som/viden");
  await expect(page.getByRole("heading", { level: 1, name: "SØM-vidensdatabase" })).toBeVisible();
  await expect(page.getByTestId("example-notice")).toContainText("ikke SØM's tal");
  await page.getByRole("link", { name: "Udsatte voksne i hjemløshed" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Udsatte voksne i hjemløshed");
  await expect(page.getByRole("heading", { level: 1 }).getByTestId("example-tag")).toHaveText("Eksempeldata");

  const start = page.locator("form#start");
  await start.getByLabel("Initiativ", { exact: true }).selectOption(String(INITIATIVE));
  await start.getByLabel("Fase", { exact: true }).selectOption("trial");
  await start.getByLabel("Prisår").selectOption("2024");
  await start.getByLabel("Antal borgere i forløbet").fill("40");
  await start.getByLabel("Beregningens titel").fill(title);
  await start.getByRole("button", { name: "Start beregning" }).click();
  await page.waitForURL(new RegExp(`/initiativer/${INITIATIVE}/som/\\d+$`));
  const started = Number(/\/som\/(\d+)$/.exec(page.url())![1]);

  await page.goto(`/initiativer/${INITIATIVE}/som/excel`);
  const row = page.locator(`tr[data-calculation-id="${started}"]`);
  await expect(row).toContainText(title);
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Hent Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^som-beregning-\d+-v1\.xlsx$/);
  const file = await download.path();

  await page.getByLabel("Excel-fil (.xlsx)").setInputFiles(file);
  await page.getByLabel("Læs ind som").selectOption("new");
  await page.getByRole("button", { name: "Læs ind" }).click();
  await page.waitForURL((url) => new RegExp(`/initiativer/${INITIATIVE}/som/\\d+$`).test(url.pathname) && !url.pathname.endsWith(`/${started}`));
  const imported = Number(/\/som\/(\d+)$/.exec(page.url())![1]);

  // The same inputs, to the character, and so the same result on the page.
  expect(latestInput(imported)).toBe(latestInput(started));
  await page.goto(`/initiativer/${INITIATIVE}/som/excel`);
  const importedRow = page.locator(`tr[data-calculation-id="${imported}"]`);
  await expect(importedRow).toContainText(title);
  const net = await row.getByTestId("net").textContent();
  expect(net).toMatch(/kr\./);
  await expect(importedRow.getByTestId("net")).toHaveText(net!);
});

test("a malformed workbook is refused with its sheet and cell, and nothing is saved", async ({ page }) => {
  await loginAs(page, "program_manager");
  await page.goto(`/initiativer/${INITIATIVE}/som/excel`);
  const before = await page.locator("tr[data-calculation-id]").count();
  await page.getByLabel("Excel-fil (.xlsx)").setInputFiles({ name: "beregning.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("ikke en projektmappe") });
  await page.getByRole("button", { name: "Læs ind" }).click();
  await expect(page.getByTestId("workbook-issues")).toContainText("Filen kan ikke læses som en Excel-projektmappe");
  await page.goto(`/initiativer/${INITIATIVE}/som/excel`);
  await expect(page.locator("tr[data-calculation-id]")).toHaveCount(before);
});

test("the knowledge database pages have no serious accessibility violations", async ({ page }) => {
  await loginAs(page, "program_manager");
  await page.goto("/som/viden");
  await expect(page.getByRole("heading", { level: 1, name: "SØM-vidensdatabase" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Unge 14-17 år med svag skolegang" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Start en SØM-beregning fra målgruppen" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/som/viden/npi");
  await expectNoSeriousA11yViolations(page);
});
