// The user's own account and the pages under the Content-Security-Policy: a user changes their password and
// logs in with the new one; every main page (per role) and the SØM editor with its Web Worker run with no CSP
// violation (console messages and securitypolicyviolation events).
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

test("a user changes their password, and logs in with the new one only", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("projektleder@susi.test");
  await page.getByLabel("Adgangskode").fill("demo-projektleder");
  await page.getByRole("button", { name: "Log ind" }).click();
  await page.getByRole("link", { name: "Min konto" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Min konto" })).toBeVisible();

  // A wrong current password is named beside its field; nothing changes.
  await page.getByLabel("Nuværende adgangskode").fill("forkert");
  await page.getByLabel("Ny adgangskode", { exact: true }).fill("et-helt-nyt-kodeord");
  await page.getByLabel("Gentag ny adgangskode").fill("et-helt-nyt-kodeord");
  await page.getByRole("button", { name: "Skift adgangskode" }).click();
  await expect(page.getByText("Nuværende adgangskode: adgangskoden er forkert.").first()).toBeVisible();

  await page.getByLabel("Nuværende adgangskode").fill("demo-projektleder");
  await page.getByLabel("Ny adgangskode", { exact: true }).fill("et-helt-nyt-kodeord");
  await page.getByLabel("Gentag ny adgangskode").fill("et-helt-nyt-kodeord");
  await page.getByRole("button", { name: "Skift adgangskode" }).click();
  await expect(page.getByText("Din adgangskode er skiftet. Du er logget ud alle andre steder.")).toBeVisible();

  await page.getByRole("button", { name: "Log ud" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Log ind" })).toBeVisible();
  await page.getByLabel("E-mail").fill("projektleder@susi.test");
  await page.getByLabel("Adgangskode").fill("demo-projektleder");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByText("E-mail eller adgangskode er forkert.").first()).toBeVisible();
  await page.getByLabel("Adgangskode").fill("et-helt-nyt-kodeord");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByRole("link", { name: "Min konto" })).toBeVisible();
});

/** Records every CSP violation the page reports, in the console or as an event. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  await page.exposeFunction("__reportCsp", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

const PAGES = {
  program_manager: ["/mine-initiativer", "/initiativer", "/initiativer/1", "/som", "/som/viden", "/portefolje", "/portefolje/boble", "/portefolje/slaegt", "/konto"],
  steering_group: ["/initiativer", "/initiativer/1", "/initiativer/1/beslutning", "/portefolje"],
  knowledge_staff: ["/udgivelser", "/som/viden", "/viden"],
  admin: ["/admin/brugere", "/import", "/som/viden"],
} as const;

for (const [role, paths] of Object.entries(PAGES)) {
  test(`the ${role}'s main pages run under the CSP with no violation`, async ({ page }) => {
    const violations = await watchCsp(page);
    await loginAs(page, role as keyof typeof PAGES);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      expect(response?.headers()["content-security-policy"], path).toContain("'nonce-");
      await page.waitForLoadState("networkidle");
    }
    // A client-side navigation (Remix fetches the route's modules and data) after hydration.
    await page.goto(paths[0]);
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
}

test("anonymous pages run under the CSP with no violation", async ({ page }) => {
  const violations = await watchCsp(page);
  for (const path of ["/login", "/viden", "/viden/abonnement"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("the SØM editor and its uncertainty worker run under the CSP with no violation", async ({ page }) => {
  const violations = await watchCsp(page);
  await loginAs(page, "program_manager");
  // The editor recalculates live as one types (hydrated React), then the saved calculation's analysis runs in the Worker.
  await page.goto("/initiativer/1/som/ny");
  await expect(page.getByRole("group", { name: "Omkostning 1" }).getByLabel("Beløb pr. borger pr. år (kr.)")).toBeVisible();
  await page.getByLabel("Titel").fill(`CSP-beregning ${Date.now()}`);
  await page.getByLabel("Succesrate med indsatsen (%)").fill("22");
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
  await page.getByLabel("Succesrate ± procentpoint").fill("3");
  await page.getByLabel("Priser ± %").fill("20");
  await page.getByRole("group", { name: "Passer målgruppen?" }).getByLabel("Ja").check();
  await page.getByRole("group", { name: "Passer effektmålet?" }).getByLabel("Delvist").check();
  await page.getByLabel("Kilde til effekten").fill("Egen før-/eftermåling, 2025 (niveau 3)");
  await page.getByLabel("Prisår").fill("2026");
  await page.getByRole("button", { name: "Opret beregning" }).click();
  await expect(page.getByText("Version 1 er gemt.")).toBeVisible();
  await page.getByRole("button", { name: /Kør usikkerhedsanalyse/ }).click();
  await expect(page.getByTestId("som-mc-result")).toBeVisible({ timeout: 30_000 });
  expect(violations).toEqual([]);
});
