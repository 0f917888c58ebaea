// The steering group's work (issue 7): a member logs in and lands on /styregruppe, plans a meeting, puts two
// initiatives on its agenda from the awaiting list, records the members present, decides Go on one and
// Conditional Go on the other (confirming each), a second member records a dissent, the minutes list both,
// and the decision's page shows the frozen dossier with evidence texts and SØM figures. Axe on every new page.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const CRITERIA = ["implemented_as_intended", "positive_effect", "cost_effective", "in_demand", "realistic_operation"].map((c) => `toDissemination.${c}`);

/**
 * An initiative in trial with a submitted assessment (every criterion met, evidence naming it), a user
 * involvement entry and one SØM calculation (the SOM.md example; `expensive` multiplies its costs so the
 * present value turns negative). `coAssessor`: Peter Projektleder assessed alongside and judged the effect
 * only partly met, where the lead's consolidation says met.
 */
function arrange(title: string, withSpreads: boolean, opts: { expensive?: boolean; coAssessor?: boolean } = {}) {
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
    if (opts.coAssessor) {
      const peter = db.prepare("select id from users where email = 'projektleder@susi.test'").get() as { id: number };
      const assessor = db.prepare("insert into assessment_assessors (assessment_id, user_id, role, version, added_by, added_at) values (?, ?, ?, 1, ?, ?)");
      assessor.run(aid, pm.id, "lead", pm.id, now);
      assessor.run(aid, peter.id, "co_assessor", pm.id, now);
      db.prepare(`insert into assessor_judgements (assessment_id, user_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_at)
        values (?, ?, 'toDissemination.positive_effect', 'partly_met', 'Peters egen vurdering', '3', 'Kun i to af tre kommuner', ?)`).run(aid, peter.id, now);
    }
    db.prepare("insert into user_involvements (initiative_id, phase, who, how, what_changed, created_by, created_at) values (?, 'trial', 'Ungepanel', 'Fire møder', 'Materialet blev omskrevet', ?, ?)").run(id, pm.id, now);
    const example = JSON.parse(readFileSync("test/som/fixtures/som-md-example.json", "utf8")) as { costs: { amount: string }[] };
    if (opts.expensive) for (const c of example.costs) c.amount = `${c.amount}00`;
    const input = JSON.stringify(example);
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
  const goId = arrange(goTitle, true, { coAssessor: true });
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
  // Printed (or saved as PDF from the print dialogue) it is a document: no navigation or buttons, a serif body.
  const print = page.getByRole("button", { name: "Udskriv / gem som PDF" });
  await expect(print).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(print).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeHidden();
  await expect(page.locator("header.app-header")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: `Referat: Styregruppemøde ${suffix}` })).toBeVisible();
  expect(await page.locator("article.app-document").evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/Georgia|serif/);
  await expect(items.nth(1)).toContainText("Driften er ikke sikret endnu.");
  await page.emulateMedia({ media: "screen" });

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
  // Who said what, frozen with the decision: the co-assessor's own judgement where it differs.
  const assessors = page.getByTestId("dossier-assessors");
  await expect(assessors).toContainText("Peter Projektleder");
  await expect(assessors).toContainText("Peters egen vurdering");
  await expect(assessors.getByTestId("judgement-differs")).toContainText("Peter Projektleder");
  await scan(page, `Go: ${goTitle}`);
  expect(condId).toBeGreaterThan(0);
});

test("outside any agenda the decision page guides to a meeting; the assessment page warns about the SØM figures", async ({ page }) => {
  test.setTimeout(120_000);
  const title = `Dyrt initiativ ${Date.now().toString(36)}`;
  const id = arrange(title, false, { expensive: true });
  await loginAs(page, "steering_group");

  // A decision is taken at a meeting: no form to be refused, but the way to one.
  await page.goto(`/initiativer/${id}/beslutning`);
  await expect(page.getByRole("heading", { name: "Beslutningen træffes på et styregruppemøde" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Registrer beslutning" })).toHaveCount(0);
  await expect(page.getByTestId("som-warning")).toContainText("Indsatsen er omkostningseffektiv");
  await scan(page, "Styregruppens beslutning");
  await page.getByRole("link", { name: "Planlæg et møde med initiativet på dagsordenen" }).click();
  await expect(page.getByTestId("plan-initiative")).toHaveText(`${title} sættes på mødets dagsorden.`);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen" }).format(new Date());
  await page.getByLabel("Dato").fill(today);
  await page.getByRole("button", { name: "Planlæg mødet" }).click();
  await expect(page.getByText("Mødet er planlagt.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Dagsorden" })).toContainText(title);

  // The assessment page: cost-effective judged met against a negative present value is a visible warning.
  const aid = (() => {
    const db = e2eDb();
    try {
      return (db.prepare("select id from assessments where initiative_id = ?").get(id) as { id: number }).id;
    } finally {
      db.close();
    }
  })();
  await page.goto(`/initiativer/${id}/vurdering/${aid}`);
  const warning = page.getByTestId("som-warning");
  await expect(warning).toContainText("Indsatsen er omkostningseffektiv");
  await expect(warning).toContainText(`Beregning ${title}`);
  await expect(warning).toContainText("kr.");
  await scan(page, `SUSI-vurdering: ${title}`);
});
