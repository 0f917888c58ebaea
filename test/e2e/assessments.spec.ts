// SUSI assessments by several assessors in the real (Danish) UI: two assessors judge the same screening
// assessment in two browser contexts, each saving all of their criteria with one button; the lead
// consolidates one criterion differently from her own judgement (the difference stays visible), submits
// after a confirmation and sees the receipt. Leaving the form with unsaved text warns.
import type { Browser, Page } from "@playwright/test";
import { e2eDb, expect, loginAs, test } from "./fixtures";

const CRITERIA = ["Indsatsen er fagligt velbegrundet", "Indsatsen er realistisk i både afprøvning og drift", "Indsatsen er efterspurgt"];
const LEVEL_3 = "Niveau 3: før-/eftermåling uden kontrolgruppe";

/** A screening initiative written straight into the e2e database, as the create form would. */
function arrangeScreeningInitiative(title: string): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const info = db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'adults', '', 'UIP 2025', 'susi2', null, '', '', 'screening', 'active', ?, ?)`,
    ).run(title, now, now);
    const id = Number(info.lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase) values (?, 'screening')").run(id);
    return id;
  } finally {
    db.close();
  }
}

async function asUser(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, "program_manager", email);
  return page;
}

/** Fills one criterion of a form section (own or consolidation). */
async function judge(page: Page, section: string, criterion: string, judgement: string, evidence: string) {
  const group = page.getByRole("region", { name: section }).getByRole("group", { name: criterion, exact: true });
  await group.getByRole("group", { name: "Vurdering" }).getByRole("radio", { name: judgement, exact: true }).check();
  await group.getByLabel("Dokumentation", { exact: true }).fill(evidence);
  await group.getByLabel("Evidensniveau", { exact: true }).selectOption({ label: LEVEL_3 });
}

test.describe("a SUSI assessment by two assessors", () => {
  test("both judge, the lead consolidates one differing criterion and submits", async ({ browser }) => {
    const title = `E2E bedømmere ${Date.now().toString(36)}`;
    const id = arrangeScreeningInitiative(title);
    const pia = await asUser(browser, "programleder@susi.test");
    const peter = await asUser(browser, "projektleder@susi.test");

    // Pia starts the assessment and so leads it; she names Peter as co-assessor.
    await pia.goto(`/initiativer/${id}/vurdering/ny`);
    await pia.getByRole("radio", { name: "Modning (næste fase)" }).check();
    await pia.getByRole("button", { name: "Start vurdering" }).click();
    await expect(pia.getByTestId("flash")).toContainText("Du er ansvarlig bedømmer");
    const url = pia.url();
    await pia.getByLabel("Bedømmer", { exact: true }).selectOption({ label: "Peter Projektleder (Programleder)" });
    await pia.getByRole("radio", { name: "medbedømmer" }).check();
    await pia.getByRole("button", { name: "Tilføj bedømmer" }).click();
    await expect(pia.getByTestId("flash")).toContainText("Peter Projektleder er tilføjet som bedømmer.");
    await expect(pia.getByTestId("assessors")).toContainText("Peter Projektleder (medbedømmer)");

    // Each judges every criterion in their own context and saves once.
    for (const c of CRITERIA) await judge(pia, "Din vurdering", c, "Opfyldt", `Pia: ${c}.`);
    await peter.goto(url);
    await judge(peter, "Din vurdering", CRITERIA[0], "Opfyldt", "Peter: velbegrundet.");
    await judge(peter, "Din vurdering", CRITERIA[1], "Opfyldt", "Peter: realistisk.");
    await judge(peter, "Din vurdering", CRITERIA[2], "Delvist opfyldt", "Peter: kun delvist efterspurgt.");
    await pia.getByRole("button", { name: "Gem din vurdering" }).click();
    await expect(pia.getByTestId("flash")).toContainText("Din vurdering er gemt (3 kriterier vurderet).");
    // Peter's form was loaded before Pia saved: his own version is untouched, so his save goes through.
    await peter.getByRole("button", { name: "Gem din vurdering" }).click();
    await expect(peter.getByTestId("flash")).toContainText("Din vurdering er gemt (3 kriterier vurderet).");
    await expect(peter.getByTestId("assessment-progress")).toHaveText("2 af 2 bedømmere færdige; 0 af 3 kriterier samlet");
    // Peter sees no consolidation form and cannot submit.
    await expect(peter.getByRole("button", { name: "Indsend SUSI-vurdering" })).toHaveCount(0);

    // The lead consolidates: the third criterion as "Delvist opfyldt", unlike her own "Opfyldt".
    await pia.reload();
    const consolidation = "Samlet vurdering (ansvarlig bedømmer)";
    await expect(pia.getByTestId("who-said-what-toMaturation.in_demand")).toContainText("Peter Projektleder: Delvist opfyldt");
    await judge(pia, consolidation, CRITERIA[0], "Opfyldt", "Begge bedømmere: velbegrundet.");
    await judge(pia, consolidation, CRITERIA[1], "Opfyldt", "Begge bedømmere: realistisk.");
    await judge(pia, consolidation, CRITERIA[2], "Delvist opfyldt", "Efterspørgslen er dokumenteret i to af fire kommuner.");
    await pia.getByLabel("Samlet vurdering", { exact: true }).fill("Velbegrundet og realistisk; efterspørgslen er delvis.");
    await pia.getByLabel("Indstilling", { exact: true }).fill("Videreføres til modning.");
    await pia.getByRole("button", { name: "Gem samlet vurdering" }).click();
    await expect(pia.getByTestId("flash")).toContainText("Den samlede vurdering er gemt.");
    await expect(pia.getByTestId("who-said-what-toMaturation.in_demand")).toContainText("Pia Programleder: Opfyldt (afviger fra den samlede vurdering)");
    await expect(pia.getByTestId("assessment-progress")).toHaveText("2 af 2 bedømmere færdige; 3 af 3 kriterier samlet");

    // Submitting asks first, then shows a receipt; the page is read-only and still shows who said what.
    await pia.getByRole("button", { name: "Indsend SUSI-vurdering" }).click();
    await expect(pia.getByRole("heading", { name: "Vil du indsende SUSI-vurderingen?" })).toBeVisible();
    await pia.getByRole("button", { name: "Ja, indsend vurderingen" }).click();
    await expect(pia.getByTestId("flash")).toContainText("SUSI-vurderingen er indsendt.");
    await expect(pia.getByText("Vurderingen er indsendt og kan ikke længere ændres.")).toBeVisible();
    await expect(pia.getByTestId("judgement-differs").first()).toContainText("Den samlede vurdering afviger fra: Pia Programleder");

    await pia.context().close();
    await peter.context().close();
  });

  test("typing in two criteria and saving once keeps both; leaving with unsaved text warns", async ({ page }) => {
    const id = arrangeScreeningInitiative(`E2E ugemt ${Date.now().toString(36)}`);
    await loginAs(page, "program_manager");
    await page.goto(`/initiativer/${id}/vurdering/ny`);
    await page.getByRole("button", { name: "Start vurdering" }).click();
    await expect(page.getByTestId("flash")).toBeVisible();

    await judge(page, "Din vurdering", CRITERIA[0], "Opfyldt", "Første kriterium.");
    await judge(page, "Din vurdering", CRITERIA[2], "Ikke opfyldt", "Tredje kriterium.");
    await page.getByRole("button", { name: "Gem din vurdering" }).click();
    await expect(page.getByTestId("flash")).toContainText("2 kriterier vurderet");
    await page.reload();
    const own = page.getByRole("region", { name: "Din vurdering" });
    await expect(own.getByRole("group", { name: CRITERIA[0], exact: true }).getByLabel("Dokumentation", { exact: true })).toHaveValue("Første kriterium.");
    await expect(own.getByRole("group", { name: CRITERIA[2], exact: true }).getByLabel("Dokumentation", { exact: true })).toHaveValue("Tredje kriterium.");

    // Unsaved text, then a link inside the app: the page asks, and staying keeps the text.
    await own.getByRole("group", { name: CRITERIA[1], exact: true }).getByLabel("Dokumentation", { exact: true }).fill("Ikke gemt endnu.");
    const asked = new Promise<string>((resolve) => page.once("dialog", async (d) => { resolve(d.type()); await d.dismiss(); }));
    await page.getByRole("navigation", { name: "Brødkrummesti" }).getByRole("link").last().click();
    expect(await asked).toBe("confirm");
    await expect(own.getByRole("group", { name: CRITERIA[1], exact: true }).getByLabel("Dokumentation", { exact: true })).toHaveValue("Ikke gemt endnu.");

    // Reloading asks too (the browser's own "leave page?").
    const unload = new Promise<string>((resolve) => page.once("dialog", async (d) => { resolve(d.type()); await d.dismiss(); }));
    void page.reload().catch(() => {});
    expect(await unload).toBe("beforeunload");
  });
});
