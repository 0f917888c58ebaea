// Accessibility: an axe scan (WCAG 2.1 A/AA, failing on serious and critical) of each main page, in the
// state a user meets it, and the keyboard path into the content through the skip link.
import type { Page } from "@playwright/test";
import { arrangeMeeting, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

let counter = 0;
function uniqueTitle(what: string) {
  counter += 1;
  return `E2E a11y ${what} ${Date.now().toString(36)}-${counter}`;
}

/** An active SUSI 2.0 initiative in screening (area Voksne), with a submitted assessment to Modning if asked. */
function arrangeInitiative(title: string, opts: { submittedAssessment?: boolean } = {}) {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, 'Beskrivelse til tilgængelighedstest.', 'adults', 'Voksne', 'UIP 2025', 'susi2', 2, 'Varierer lokalt.',
         'En prototype.', 'screening', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase) values (?, 'screening')").run(id);
    if (opts.submittedAssessment) {
      const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
      const aid = Number(db.prepare(
        `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
         values (?, 'screening', 'maturation', 'submitted', 'Samlet vurdering.', 'Indstilling.', ?, ?, ?, ?)`,
      ).run(id, pm.id, now, pm.id, now).lastInsertRowid);
      const insert = db.prepare(
        `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
         values (?, ?, ?, 'Praksiserfaringer.', 'practice', ?, ?, ?)`,
      );
      insert.run(aid, "toMaturation.well_founded", "met", "", pm.id, now);
      insert.run(aid, "toMaturation.realistic", "partly_met", "Driften tilpasses lokalt.", pm.id, now);
      insert.run(aid, "toMaturation.in_demand", "not_met", "", pm.id, now);
    }
    return id;
  } finally {
    db.close();
  }
}

function importedInitiativeId(title: string) {
  const db = e2eDb();
  try {
    const row = db.prepare("select id from initiatives where title = ? and import_key is not null").get(title) as { id: number } | undefined;
    if (!row) throw new Error(`No imported initiative "${title}"`);
    return row.id;
  } finally {
    db.close();
  }
}

async function scan(page: Page, heading: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
}

test.describe("axe: no serious or critical violations", () => {
  test("login page", async ({ page }) => {
    await page.goto("/login");
    await scan(page, "Log ind");
    // And with the error summary showing.
    await page.getByLabel("E-mail").fill("ingen@susi.test");
    await page.getByLabel("Adgangskode").fill("forkert");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByRole("alert")).toContainText("E-mail eller adgangskode er forkert.");
    await expectNoSeriousA11yViolations(page);
  });

  test("initiative list, in Danish and in English", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto("/initiativer");
    await scan(page, "Initiativer");
    await expect(page.locator("html")).toHaveAttribute("lang", "da");

    await page.getByRole("button", { name: "English" }).click();
    await scan(page, "Initiatives");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("status").filter({ hasText: /initiatives/ })).toHaveText(/^\d+ initiatives$/);
  });

  test("initiative page of an imported initiative with predecessors and successors", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto(`/initiativer/${importedInitiativeId("ADHD og misbrug")}`);
    // The phase drawing renders in the browser only: scan once it is there.
    await expect(page.getByTestId("phase-flow")).toContainText("Udbredelse");
    await scan(page, "ADHD og misbrug");
    await expect(page.getByRole("region", { name: "Forgængere og efterfølgere" }).getByRole("link").first()).toBeVisible();
  });

  test("create form, also with its error summary", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto("/initiativer/ny");
    await scan(page, "Opret initiativ");
    await page.getByRole("button", { name: "Opret initiativ" }).click();
    await expect(page.getByRole("alert")).toContainText("Der er fejl i formularen");
    await expectNoSeriousA11yViolations(page);
  });

  test("edit form", async ({ page }) => {
    const id = arrangeInitiative(uniqueTitle("rediger"));
    await loginAs(page, "program_manager");
    await page.goto(`/initiativer/${id}/rediger`);
    await scan(page, "Rediger initiativ");
  });

  test("assessment start and assessment page", async ({ page }) => {
    const title = uniqueTitle("vurdering");
    const id = arrangeInitiative(title);
    await loginAs(page, "program_manager");
    await page.goto(`/initiativer/${id}/vurdering/ny`);
    await scan(page, "Start SUSI-vurdering");
    await page.getByRole("button", { name: "Start vurdering" }).click();
    await scan(page, `SUSI-vurdering: ${title}`);
    // With a refused submit (the refusal list links to the criteria).
    await page.getByRole("button", { name: "Indsend SUSI-vurdering" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Vurderingen kan ikke indsendes endnu" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("decision page, also with a refusal", async ({ page }) => {
    const id = arrangeInitiative(uniqueTitle("beslutning"), { submittedAssessment: true });
    await loginAs(page, "steering_group");
    // On no meeting's agenda yet: the page guides to one instead of offering the form.
    await page.goto(`/initiativer/${id}/beslutning`);
    await expect(page.getByTestId("meeting-guide")).toBeVisible();
    await scan(page, "Styregruppens beslutning");
    arrangeMeeting(id);
    await page.goto(`/initiativer/${id}/beslutning`);
    await scan(page, "Styregruppens beslutning");
    await page.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Go", exact: true }).check();
    await page.getByLabel("Begrundelse", { exact: true }).fill("Forsøg.");
    await page.getByRole("button", { name: "Registrer beslutning" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Beslutningen kan ikke registreres" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("import page", async ({ page }) => {
    await loginAs(page, "admin");
    await page.goto("/import");
    await scan(page, "Importér initiativer");
  });

  test("admin users page", async ({ page }) => {
    await loginAs(page, "admin");
    await page.goto("/admin/brugere");
    await scan(page, "Brugere");
  });

  test("404 page", async ({ page }) => {
    await loginAs(page, "program_manager");
    const response = await page.goto("/findes-ikke");
    expect(response?.status()).toBe(404);
    await scan(page, "Siden findes ikke");
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first Tab stop and moves focus to the main content", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto("/initiativer");
    await expect(page.getByRole("heading", { level: 1, name: "Initiativer" })).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Gå til indhold" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await expect(page).toHaveURL(/#main-content$/);
    // The next Tab stop is inside the main content, not back in the header.
    await page.keyboard.press("Tab");
    const focusedInMain = await page.getByRole("main").evaluate((main) => main.contains(document.activeElement) && main !== document.activeElement);
    expect(focusedInMain).toBe(true);
  });
});
