// Continuation as UIP does it (issue 8): at a meeting the steering group takes a Go under a new agreement; the
// decision creates the successor initiative (prefilled, linked in the lineage) and completes the predecessor,
// whose page shows the phase's outcome and links on to the successor. Works through the real form.
import { arrangeMeeting, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const CRITERIA = ["implemented_as_intended", "positive_effect", "cost_effective", "in_demand", "realistic_operation"].map((c) => `toDissemination.${c}`);

/** An initiative in trial under UIP 2024 with a submitted assessment, every criterion met. */
function arrange(title: string): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, 'Afprøvet i fem kommuner.', 'children', 'Unge', 'UIP 2024', 'susi2', 1, 'Ensartet.', 'Manual.', 'trial', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2024)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase, actual_start) values (?, 'trial', '2025-01-01')").run(id);
    const aid = Number(db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
       values (?, 'trial', 'dissemination', 'submitted', 'Indsatsen virker.', 'Udbredes under ny aftale.', ?, ?, ?, ?)`,
    ).run(id, pm.id, now, pm.id, now).lastInsertRowid);
    const judge = db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, ?, 'met', ?, '2', '', ?, ?)`,
    );
    for (const c of CRITERIA) judge.run(aid, c, `Evidens ${c.split(".")[1]}`, pm.id, now);
    return id;
  } finally {
    db.close();
  }
}

test("a Go under a new agreement creates the linked successor and completes the predecessor", async ({ page }) => {
  test.setTimeout(120_000);
  const title = `Overgangsforløb ${Date.now().toString(36)}`;
  const id = arrange(title);
  const meetingId = arrangeMeeting(id);
  await loginAs(page, "steering_group");

  await page.goto(`/initiativer/${id}/beslutning?moede=${meetingId}`);
  const form = page.getByRole("region", { name: "Beslutning", exact: true });
  await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Go", exact: true }).check();
  await form.getByRole("group", { name: "Hvordan videreføres initiativet?" }).getByRole("radio", { name: "Fortsæt som nyt initiativ under ny aftale" }).check();
  await expect(form.getByLabel("Det nye initiativs titel")).toHaveValue(title);
  await form.getByLabel("Det nye initiativs titel").fill(`${title} — udbredelse`);
  await form.getByLabel("Den nye aftales årstal (UIP)").fill("2026");
  await form.getByLabel("Begrundelse", { exact: true }).fill("Klar til udbredelse under den nye aftale.");
  await page.getByRole("button", { name: "Registrer beslutning" }).click();
  await expect(page.getByRole("heading", { name: /^Vil du registrere beslutningen/ })).toBeVisible();
  await expect(page.getByText(`Et nyt initiativ, '${title} — udbredelse', oprettes under UIP 2026`)).toBeVisible();
  await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
  await expect(page.getByText("Beslutningen er registreret.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/initiativer/${id}#beslutninger$`));

  // The predecessor: completed in trial, the outcome recorded, the successor linked.
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.locator(".app-page-head")).toContainText("Afsluttet");
  const outcomes = page.getByRole("region", { name: "Fasernes udfald" });
  await expect(outcomes).toContainText("Afprøvning: Videreført");
  await expect(outcomes).toContainText("UIP 2026");
  await expectNoSeriousA11yViolations(page);

  await outcomes.getByRole("link", { name: `${title} — udbredelse` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${title} — udbredelse` })).toBeVisible();
  await expect(page.locator(".app-page-head")).toContainText("UIP 2026");
  await expect(page.locator(".app-page-head")).toContainText("Udbredelse");
  await expect(page.getByRole("region", { name: "Forgængere og efterfølgere" })).toContainText(title);
  await page.getByRole("region", { name: "Forgængere og efterfølgere" }).getByRole("link", { name: title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/initiativer/${id}$`));
});
