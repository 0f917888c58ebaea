// SØM journeys in the real (Danish) UI: a program manager builds a calculation from scratch and sees the
// result change as they type, saves it, saves a second version and runs the uncertainty analysis; the
// steering group decides and the decision links the frozen version. The editor passes an axe scan.
import type { Page } from "@playwright/test";
import { arrangeMeeting, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

function uniqueTitle(what: string) {
  return `E2E SØM ${what} ${Date.now().toString(36)}`;
}

/** An active initiative in Afprøvning, written straight into the e2e database as the create form would. */
function arrangeInitiative(title: string): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const info = db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'adults', 'Hjemløse', 'UIP 2025', 'susi2', 1, 'Udføres ensartet.', 'Manual.', 'trial', 'active', ?, ?)`,
    ).run(title, now, now);
    const id = Number(info.lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase, actual_start) values (?, 'trial', '2026-01-05')").run(id);
    return id;
  } finally {
    db.close();
  }
}

/** The key figures in the live panel beside the form. */
const liveNet = (page: Page) => page.locator(".som-live").getByTestId("som-net");

test.describe.configure({ mode: "serial" });

let initiativeId = 0;
let calculationTitle = "";

test("a program manager builds a calculation from scratch, sees it recalculate live, saves two versions and runs the uncertainty analysis", async ({ page }) => {
  initiativeId = arrangeInitiative(uniqueTitle("initiativ"));
  calculationTitle = uniqueTitle("forventet");
  await loginAs(page, "program_manager");
  await page.goto(`/initiativer/${initiativeId}`);
  await page.getByRole("link", { name: "Ny SØM-beregning" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny SØM-beregning" })).toBeVisible();
  // The amount's label follows the cost type once the page is hydrated: only then does typing recalculate.
  await expect(page.getByRole("group", { name: "Omkostning 1" }).getByLabel("Beløb pr. borger pr. år (kr.)")).toBeVisible();

  await page.getByLabel("Titel").fill(calculationTitle);
  await page.getByLabel("Succesrate med indsatsen (%)").fill("12");
  await page.getByLabel("Succesrate uden indsatsen (%)").fill("2");
  await page.getByLabel("Antal borgere").fill("40");
  const cost = page.getByRole("group", { name: "Omkostning 1" });
  await cost.getByLabel("Betegnelse").fill("Drift pr. borger");
  await cost.getByLabel("Beløb pr. borger pr. år (kr.)").fill("60.000");
  const consequence = page.getByRole("group", { name: "Konsekvens 1" });
  await consequence.getByLabel("Betegnelse").fill("Ophold på herberg");
  await consequence.getByLabel("Område").fill("Sociale serviceydelser");
  await consequence.getByLabel(/Ændring pr. borger med succes/).fill("-120; -90; -60");
  await consequence.getByLabel("Pris for Kommune (kr.)").fill("1100");

  // 40 × 60.000 in costs against 4 successful citizens × (120 + 90 + 60) × 1.100 kr. saved.
  await expect(liveNet(page)).toHaveText("-1.212.000 kr.");
  const url = page.url();
  // A half-typed number is an error at its field, not a crash; the last good result stays, marked.
  await page.getByLabel("Succesrate med indsatsen (%)").fill("2,");
  await expect(page.getByTestId("som-live-invalid")).toBeVisible();
  await page.getByLabel("Succesrate med indsatsen (%)").fill("22");
  await expect(liveNet(page)).toHaveText("-24.000 kr.");
  expect(page.url()).toBe(url);

  // A second cost row via the button, then removed again; focus lands in the new row.
  await page.getByRole("button", { name: "Tilføj omkostning" }).click();
  await expect(page.getByRole("group", { name: "Omkostning 2" }).getByLabel("Betegnelse")).toBeFocused();
  await page.getByRole("button", { name: "Fjern omkostning 2" }).click();
  await expect(page.getByRole("group", { name: "Omkostning 2" })).toHaveCount(0);

  await page.getByLabel("Succesrate ± procentpoint").fill("3");
  await page.getByLabel("Priser ± %").fill("20");
  await page.getByRole("group", { name: "Passer målgruppen?" }).getByLabel("Ja").check();
  await page.getByRole("group", { name: "Passer effektmålet?" }).getByLabel("Delvist").check();
  await page.getByLabel("Kilde til effekten").fill("Egen før-/eftermåling, 2025 (niveau 3)");
  await page.getByLabel("Prisår").fill("2026");
  await page.getByRole("button", { name: "Opret beregning" }).click();

  await expect(page).toHaveURL(/\/som\/\d+\?gemt=1$/);
  await expect(page.getByText("Version 1 er gemt.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: calculationTitle })).toBeVisible();
  await expect(liveNet(page)).toHaveText("-24.000 kr.");

  // Edit: discount at 4 %; the label and the present value follow as you type.
  await page.getByLabel("Diskonteringsrente (%)").fill("4");
  await expect(page.locator(".som-live").getByText("Nutidsværdi af nettoresultat (4,00 %)")).toBeVisible();
  await page.getByRole("button", { name: "Gem som version 2" }).click();
  await expect(page.getByText("Version 2 er gemt.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Version 1", exact: true })).toBeVisible();

  // The uncertainty analysis runs in a Web Worker and reports the chance and the percentiles.
  await page.getByRole("button", { name: /Kør usikkerhedsanalyse/ }).click();
  const result = page.getByTestId("som-mc-result");
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result.getByText(/^Sandsynlighed for positivt nettoresultat \(nutidsværdi\): \d+,\d %$/)).toBeVisible();
  for (const id of ["som-mc-p5", "som-mc-p50", "som-mc-p95"]) await expect(result.getByTestId(id)).toHaveText(/^-?[\d.]+ kr\.$/);
  await expect(result.getByRole("img", { name: "Fordeling af nutidsværdien af nettoresultatet" })).toBeVisible();
});

test("the editor has no serious accessibility violations", async ({ page }) => {
  expect(initiativeId, "needs the calculation from the first journey").toBeTruthy();
  await loginAs(page, "program_manager");
  await page.goto(`/initiativer/${initiativeId}/som/ny`);
  await page.getByLabel("Antal borgere").fill("abc");
  await page.getByLabel("Antal borgere").blur();
  await expect(page.getByText("Angiv et tal, fx 1250")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/initiativer/${initiativeId}`);
  await page.getByRole("link", { name: calculationTitle }).click();
  await expectNoSeriousA11yViolations(page);
});

test("the steering group decides and the decision links the calculation version it was taken on", async ({ page }) => {
  expect(initiativeId, "needs the calculation from the first journey").toBeTruthy();
  await loginAs(page, "steering_group");
  arrangeMeeting(initiativeId);
  await page.goto(`/initiativer/${initiativeId}/beslutning`);
  const section = page.getByRole("region", { name: "SØM-beregninger, beslutningen træffes på" });
  await expect(section.getByRole("link", { name: calculationTitle })).toBeVisible();
  await page.getByLabel("Sæt i bero").check();
  await page.getByLabel("Begrundelse").fill("Vi afventer en forsigtig beregning.");
  await page.getByRole("button", { name: "Registrer beslutning" }).click();
  await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();

  await expect(page).toHaveURL(new RegExp(`/initiativer/${initiativeId}(#beslutninger)?$`));
  const frozen = page.getByRole("link", { name: `${calculationTitle}, version 2` });
  await expect(frozen).toBeVisible();
  await frozen.click();
  await expect(page.getByRole("heading", { level: 1, name: `${calculationTitle}, version 2` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Beslutninger truffet på denne version" })).toBeVisible();
  await expect(page.getByTestId("som-net")).toHaveText("-24.000 kr.");
});
