// The steering group's work (issue 7): a member logs in and lands on /styregruppe, plans a meeting, puts two
// initiatives on its agenda from the awaiting list, records the members present, decides Go on one and
// Conditional Go on the other (confirming each), a second member records a dissent, the minutes list both,
// and the decision's page shows the frozen dossier with evidence texts and SØM figures. Axe on every new page.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const CRITERIA = ["implemented_as_intended", "positive_effect", "cost_effective", "in_demand", "realistic_operation"].map((c) => `toDissemination.${c}`);

function arrange(title: string, withSpreads: boolean) {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, 'Til styregruppens møde.', 'children', 'Unge', 'UIP 2024', 'susi2', 1, 'Ensartet.', 'Manual.', 'trial', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2024)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase, actual_start) values (?, 'trial', '2025-01-01')").run(id);
    const aid = Number(db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
       values (?, 'trial', 'dissemination', 'submitted', 'Indsatsen virker.', 'Udbredes.', ?, ?, ?, ?)`,
    ).run(id, pm.id, now, pm.id, now).lastInsertRowid);
    const judge = db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, ?, 'met', ?, '2', '', ?, ?)`,
    );
    for (const c of CRITERIA) judge.run(aid, c, `Evidens ${c.split(".")[1]} for ${title}`, pm.id, now);
    db.prepare("insert into user_involvements (initiative_id, phase, who, how, what_changed, created_by, created_at) values (?, 'trial', 'Ungepanel', 'Fire møder', 'Materialet blev omskrevet', ?, ?)").run(id, pm.id, now);
    const input = readFileSync("test/som/fixtures/som-md-example.json", "utf8");
    const cid = Number(db.prepare(`insert into som_calculations (initiative_id, phase, scenario, title, latest_version_id, created_by, created_at, updated_at)
      values (?, 'trial', 'expected', ?, null, ?, ?, ?)`).run(id, `Beregning ${title}`, pm.id, now, now).lastInsertRowid);
    const spreads = withSpreads ? JSON.stringify({ successRate: "0.02", consequenceDeltas: "0.1", prices: "0.1", costs: "0.1" }) : null;
    const vid = Number(db.prepare(`insert into som_calculation_versions (calculation_id, number, input_json, checklist_json, spreads_json, created_by, created_at)
      values (?, 1, ?, '{}', ?, ?, ?)`).run(cid, input, spreads, pm.id, now).lastInsertRowid);
    db.prepare("update som_calculations set latest_version_id = ? where id = ?").run(vid, cid);
    return id;
  } finally {
    db.close();
  }
}

async function scan(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
}

async function decide(page: Page, title: string, fill: (form: ReturnType<Page["getByRole"]>) => Promise<void>) {
  await page.getByRole("link", { name: `Træf beslutning ${title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Styregruppens beslutning" })).toBeVisible();
  const form = page.getByRole("region", { name: "Beslutning", exact: true });
  await expect(form.getByLabel("Møde")).not.toHaveValue("");
  await fill(form);
  await page.getByRole("button", { name: "Registrer beslutning" }).click();
  await expect(page.getByRole("heading", { name: /^Vil du registrere beslutningen/ })).toBeVisible();
  await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
  await expect(page.getByText("Beslutningen er registreret.")).toBeVisible();
}

test("the steering group meets, decides with quorum and dissent, and the minutes and frozen dossier show it", async ({ page }) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const goTitle = `Go-initiativ ${suffix}`;
  const condTitle = `Betinget initiativ ${suffix}`;
  const goId = arrange(goTitle, true);
  const condId = arrange(condTitle, false);

  await page.goto("/login");
  await page.getByLabel("E-mail").fill("styregruppe@susi.test");
  await page.getByLabel("Adgangskode").fill("demo-styregruppe");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page).toHaveURL(/\/styregruppe$/);
  await expect(page.getByRole("table", { name: "Initiativer med en indsendt SUSI-vurdering uden beslutning" })).toContainText(goTitle);
  await scan(page, "Styregruppens arbejde");

  await page.getByRole("link", { name: "Planlæg møde" }).click();
  await scan(page, "Planlæg et styregruppemøde");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen" }).format(new Date());
  await page.getByLabel("Dato").fill(today);
  await page.getByLabel("Titel").fill(`Styregruppemøde ${suffix}`);
  await page.getByRole("button", { name: "Planlæg mødet" }).click();
  await expect(page.getByText("Mødet er planlagt.")).toBeVisible();
  await expect(page).toHaveURL(/\/styregruppe\/moeder\/\d+$/);
  const meetingUrl = new URL(page.url()).pathname;

  for (const title of [goTitle, condTitle]) {
    await page.getByRole("button", { name: `Sæt på dagsordenen: ${title}` }).first().click();
    await expect(page.getByText("Initiativet er sat på dagsordenen.")).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "Dagsorden" })).toContainText(goTitle);
  await expect(page.getByRole("table", { name: "Dagsorden" })).toContainText(condTitle);

  await page.getByLabel("Søren Styregruppe").check();
  await page.getByLabel("Sigrid Sektionschef").check();
  await page.getByRole("button", { name: "Registrer fremmødte" }).click();
  await expect(page.getByText("De fremmødte er registreret.")).toBeVisible();
  await expect(page.getByTestId("quorum")).toHaveText("Beslutningsdygtigt: 2 af 3 medlemmer er til stede (kræver 2).");
  await scan(page, `Styregruppemøde ${suffix}`);

  await decide(page, goTitle, async (form) => {
    await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Go", exact: true }).check();
    await form.getByLabel("Begrundelse", { exact: true }).fill("Alle kriterier er opfyldt.");
  });
  await expect(page).toHaveURL(new RegExp(`/initiativer/${goId}#beslutninger$`));

  await page.goto(meetingUrl);
  await decide(page, condTitle, async (form) => {
    await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Betinget go", exact: true }).check();
    await form.getByLabel("Begrundelse", { exact: true }).fill("Opfyldt, men driften skal sikres.");
    const row = form.getByRole("group", { name: "Betingelse 1", exact: true });
    await row.getByLabel("Hvad skal være opfyldt").fill("Driftsaftale med kommunerne");
    await row.getByLabel("Ansvarlig").fill("Pia Programleder");
    await row.getByLabel("Frist").fill("2027-06-30");
  });

  // A second member present records a dissent on the conditional go.
  await loginAs(page, "steering_group", "styregruppe2@susi.test");
  await page.goto(`${meetingUrl}/referat`);
  await page.getByRole("region", { name: `Punkt 2: ${condTitle}` }).getByRole("link", { name: "Se beslutningen og beslutningsgrundlaget" }).click();
  await page.getByLabel("Begrundelse for din dissens").fill("Driften er ikke sikret endnu.");
  await page.getByRole("button", { name: "Registrer dissens" }).click();
  await expect(page.getByText("Din dissens er registreret.")).toBeVisible();
  await expect(page.getByTestId("dissents")).toContainText("Sigrid Sektionschef: Driften er ikke sikret endnu.");

  await page.goto(`${meetingUrl}/referat`);
  const items = page.getByTestId("minutes-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(goTitle);
  await expect(items.nth(0)).toContainText("Go");
  await expect(items.nth(1)).toContainText("Betinget go");
  await expect(items.nth(1)).toContainText("Driftsaftale med kommunerne");
  await expect(items.nth(1)).toContainText("Driften er ikke sikret endnu.");
  await expect(page.getByTestId("minutes-present")).toHaveText("Sigrid Sektionschef, Søren Styregruppe");
  await scan(page, `Referat: Styregruppemøde ${suffix}`);

  // The Go decision's page: the frozen dossier with evidence texts and SØM figures.
  const goDecision = (() => {
    const db = e2eDb();
    try {
      return (db.prepare("select id from decisions where initiative_id = ?").get(goId) as { id: number }).id;
    } finally {
      db.close();
    }
  })();
  await page.goto(`/initiativer/${goId}/beslutninger/${goDecision}`);
  await expect(page.getByTestId("members-present")).toHaveText("Sigrid Sektionschef, Søren Styregruppe (mødeleder)");
  const criteria = page.getByRole("table", { name: "Kriterier med vurdering, dokumentation og evidensniveau" });
  await expect(criteria).toContainText(`Evidens positive_effect for ${goTitle}`);
  await expect(criteria).toContainText("Niveau 2");
  const som = page.getByRole("table", { name: /^Fasens SØM-beregninger/ });
  await expect(som).toContainText(`Beregning ${goTitle}`);
  await expect(som).toContainText("kr.");
  await expect(som).toContainText("%");
  await expect(page.getByTestId("dossier-involvement")).toContainText("Ungepanel");
  await scan(page, `Go: ${goTitle}`);
  expect(condId).toBeGreaterThan(0);
});
