// The accessibility statement and the privacy notice: linked from the footer of every public page, readable
// without JavaScript, in Danish and English, with no serious or critical axe violations; the subscription
// form links the privacy notice where it asks for the address.
import { randomBytes } from "node:crypto";
import { adultsInitiative, expect, expectNoSeriousA11yViolations, publishRelease, test } from "./fixtures";

const PUBLIC_PAGES = ["/viden", "/viden/abonnement", "/viden/abonnement/tak", "/login", "/tilgaengelighed", "/privatliv"];

test("every public page's footer links the accessibility statement and the privacy notice", async ({ page }) => {
  test.setTimeout(120_000);
  const initiative = adultsInitiative();
  const id = await publishRelease(page, initiative.id, `Erfaringer til sidefoden ${randomBytes(3).toString("hex")}`);
  // Besides the fixed pages: a release, the form to follow its initiative, and the readable page of its feed (XSLT).
  const pages = [...PUBLIC_PAGES, `/viden/${id}`, `/viden/abonnement?initiative=${initiative.id}`, `/viden/feed/initiativ/${initiative.id}.atom`];
  for (const path of pages) {
    await page.goto(path);
    const footer = page.locator("footer");
    await expect(footer.getByRole("link", { name: "Tilgængelighedserklæring" }), path).toHaveAttribute("href", "/tilgaengelighed");
    await expect(footer.getByRole("link", { name: "Privatlivspolitik" }), path).toHaveAttribute("href", "/privatliv");
  }
});

test("axe finds no serious or critical violations on either page", async ({ page }) => {
  for (const [path, heading] of [["/tilgaengelighed", "Tilgængelighedserklæring"], ["/privatliv", "Privatlivspolitik for abonnement på ny viden"]]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  }
});

// axe runs as a script in the page, so these check content and the absence of scripts, not axe.
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the accessibility statement says what was tested and how to report a barrier", async ({ page }) => {
    await page.goto("/viden");
    await page.locator("footer").getByRole("link", { name: "Tilgængelighedserklæring" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tilgængelighedserklæring" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sådan har vi testet" })).toBeVisible();
    await expect(page.getByText(/axe-core/)).toBeVisible();
    await expect(page.getByRole("link", { name: "sbst@sbst.dk" }).first()).toHaveAttribute("href", "mailto:sbst@sbst.dk");
    await expect(page.locator("script")).toHaveCount(0);
  });

  test("the privacy notice says who, what, why, for how long, and how to be erased", async ({ page }) => {
    await page.goto("/viden/abonnement");
    await page.getByRole("link", { name: "Læs, hvordan vi behandler din e-mailadresse" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Privatlivspolitik for abonnement på ny viden" })).toBeVisible();
    for (const h of ["Dataansvarlig", "Hvad vi gemmer", "Hvorfor", "Hvor længe", "Sådan bliver du slettet", "Dine rettigheder"]) {
      await expect(page.getByRole("heading", { level: 2, name: h })).toBeVisible();
    }
    await expect(page.getByText(/slettes din e-mailadresse 30 dage efter/)).toBeVisible();
  });

  test("the portal's other controls work as well: the language switch, the filters, a refused subscription's errors, a municipality's subscription", async ({ page }) => {
    await page.goto("/viden");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Knowledge for municipalities" })).toBeVisible();
    await expect(page).toHaveURL(/\/viden$/);
    await page.getByRole("button", { name: "Skift til dansk" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Viden til kommuner" })).toBeVisible();

    await page.getByLabel("Område").selectOption({ label: "Voksne" });
    await page.getByRole("button", { name: "Vis udgivelser" }).click();
    await expect(page).toHaveURL(/[?&]area=adults/);
    await expect(page.getByRole("status").filter({ hasText: /udgivelse/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nulstil filtre" })).toBeVisible();

    // The browser checks the address itself; what only the server can check comes back as the error summary.
    await page.goto("/viden/abonnement");
    const email = `e2e-nojs-${Date.now().toString(36)}@aarhus.dk`;
    await page.getByLabel("Din e-mailadresse").fill(email);
    await page.getByRole("button", { name: "Tilmeld" }).click();
    await expect(page.getByRole("alert", { name: "Der er fejl i formularen" })).toBeVisible();
    await expect(page.getByLabel("Din e-mailadresse")).toHaveValue(email);
    await expect(page.getByText("Vælg din kommune på listen.").first()).toBeVisible();
    await expect(page.getByText("Vælg mindst ét område eller initiativ, eller skriv mindst ét emne.").first()).toBeVisible();

    await page.getByLabel("En kommune").check();
    await page.getByLabel("Kommune", { exact: true }).selectOption({ label: "Aarhus" });
    await page.getByLabel("Voksne (voksenområdet)").check();
    await page.getByRole("button", { name: "Tilmeld" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tjek din indbakke" })).toBeVisible();
  });

  test("both read in English", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "lang", value: "en", domain: new URL(baseURL!).hostname, path: "/" }]);
    await page.goto("/tilgaengelighed");
    await expect(page.getByRole("heading", { level: 1, name: "Accessibility statement" })).toBeVisible();
    await page.goto("/privatliv");
    await expect(page.getByRole("heading", { level: 1, name: "Privacy notice for subscriptions to new knowledge" })).toBeVisible();
    await expect(page.getByText(/erased 30 days later/)).toBeVisible();
  });
});
