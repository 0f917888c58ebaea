// Fast track for knowledge in the real (Danish) UI: a steering group's Stop with "release now = yes" creates a
// draft; one knowledge consultant completes and submits it, another reviews and publishes it; municipalities
// find it on the portal and in the Atom feed without logging in; force-publishing needs a written reason.
// Axe scans the portal listing and the release page. Initiatives are arranged straight in the e2e database.
import type { Page } from "@playwright/test";
import { arrangeMeeting, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

let counter = 0;
function uniqueTitle(what: string) {
  counter += 1;
  return `E2E viden ${what} ${Date.now().toString(36)}-${counter}`;
}

/** An active initiative in Afprøvning with a submitted assessment to Udbredelse, so the draft has findings to start from. */
function arrangeInitiative(title: string) {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'children', 'Unge med angst', 'UIP 2024', 'susi2', 1, 'Ensartet.', 'Manual.', 'trial', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2024)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase) values (?, 'trial')").run(id);
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const aid = Number(db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
       values (?, 'trial', 'dissemination', 'submitted', 'Indsatsen blev ikke implementeret som forudsat.', 'Stop.', ?, ?, ?, ?)`,
    ).run(id, pm.id, now, pm.id, now).lastInsertRowid);
    db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, 'toDissemination.implemented_as_intended', 'not_met', 'Evaluering.', '3', 'Kun to af fem kommuner nåede i gang.', ?, ?)`,
    ).run(aid, pm.id, now);
    return id;
  } finally {
    db.close();
  }
}

function releaseForInitiative(initiativeId: number) {
  const db = e2eDb();
  try {
    return db.prepare("select id, status, title, author_id, decision_id from releases where initiative_id = ? order by id desc").get(initiativeId) as
      | { id: number; status: string; title: string; author_id: number | null; decision_id: number | null }
      | undefined;
  } finally {
    db.close();
  }
}

async function switchUser(page: Page, email?: string) {
  await page.context().clearCookies();
  if (email) await loginAs(page, "knowledge_staff", email);
}

test("a Stop with fast track becomes a reviewed release that municipalities can read and follow without logging in", async ({ page }) => {
  const initiativeTitle = uniqueTitle("initiativ");
  const initiativeId = arrangeInitiative(initiativeTitle);
  const releaseTitle = uniqueTitle("udgivelse");

  // The steering group stops the initiative and asks for the knowledge to be released now.
  await loginAs(page, "steering_group");
  arrangeMeeting(initiativeId);
  await page.goto(`/initiativer/${initiativeId}/beslutning`);
  const form = page.getByRole("region", { name: "Beslutning", exact: true });
  await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Stop", exact: true }).check();
  await form.getByLabel("Begrundelse", { exact: true }).fill("Indsatsen kunne ikke implementeres i kommunerne.");
  const fastTrack = form.getByRole("group", { name: "Skal den opnåede viden udgives nu? (fast track)" });
  await expect(fastTrack.getByRole("radio", { name: "Nej, ikke nu" })).toBeChecked();
  await fastTrack.getByRole("radio", { name: "Ja, udgiv viden nu" }).check();
  await page.getByRole("button", { name: "Registrer beslutning" }).click();
  await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
  // Back on the initiative page (the decision page's own URL also contains /initiativer/ID, so match the end).
  await expect(page).toHaveURL(new RegExp(`/initiativer/${initiativeId}#beslutninger$`));
  const draft = releaseForInitiative(initiativeId);
  expect(draft).toMatchObject({ status: "draft", author_id: null });
  expect(draft?.decision_id).not.toBeNull();

  // The first knowledge consultant finds it among the requested drafts, completes it and submits it.
  await switchUser(page, "videnskonsulent@susi.test");
  await page.goto("/udgivelser?view=requested");
  await page.getByRole("link", { name: draft!.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: draft!.title })).toBeVisible();
  await page.getByRole("link", { name: "Rediger kladde" }).click();
  // The draft holds the public facts; the assessment's findings are beside it as internal reference (issue 13).
  await expect(page.getByLabel("Tekst (valgfrit)")).toHaveValue(/\*\*Styregruppens beslutning:\*\* Stop/);
  await expect(page.getByLabel("Tekst (valgfrit)")).not.toHaveValue(/Kun to af fem kommuner nåede i gang/);
  await expect(page.getByTestId("internal-reference")).toContainText("Kun to af fem kommuner nåede i gang");
  await page.getByLabel("Titel", { exact: true }).fill(releaseTitle);
  await page.getByLabel("Resumé", { exact: true }).fill("Hvad vi lærte, da indsatsen ikke kunne implementeres, og hvorfor den stoppede.");
  await page.getByRole("group", { name: "Målgrupper" }).getByRole("checkbox", { name: "Sociale tilbud" }).check();
  await page.getByLabel("Nye emner (valgfrit)").fill("angst, implementering");
  await page.getByRole("group", { name: "Vidensniveau", exact: true }).getByRole("radio", { name: /^Afprøvet/ }).check();
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page.getByRole("heading", { level: 1, name: releaseTitle })).toBeVisible();
  await page.getByRole("button", { name: "Send til kvalitetssikring" }).click();
  await expect(page.getByTestId("release-status")).toContainText("Til kvalitetssikring");
  // The author may not approve: the page says so instead of offering the button.
  await expect(page.getByRole("button", { name: "Godkend og udgiv" })).toHaveCount(0);
  await expect(page.getByText("En anden videnskonsulent skal kvalitetssikre og udgive den.")).toBeVisible();

  // Another knowledge consultant reviews and publishes it.
  await switchUser(page, "redaktoer@susi.test");
  await page.goto("/udgivelser?view=to_review");
  await page.getByRole("link", { name: releaseTitle }).click();
  await page.getByRole("button", { name: "Godkend og udgiv" }).click();
  // Publishing asks first; nothing is public until the answer is yes.
  await expect(page.getByTestId("confirm-step")).toContainText("Vil du udgive");
  await expect(page.getByTestId("release-status")).toContainText("Til kvalitetssikring");
  await page.getByRole("button", { name: "Ja, udgiv" }).click();
  await expect(page.getByTestId("flash")).toContainText("Udgivelsen er udgivet.");
  await expect(page.getByTestId("release-status")).toContainText("Udgivet");
  await expect(page.getByTestId("release-reach")).toContainText(/Nåede \d+ abonnenter/);

  // Without login: the portal lists it, the page shows it with its maturity, and the feed carries it.
  await switchUser(page);
  await page.goto("/viden");
  await expect(page.getByRole("heading", { level: 1, name: "Viden til kommuner" })).toBeVisible();
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]').first()).toHaveAttribute("href", "/viden/feed.atom");
  await page.getByLabel("Søg").fill(releaseTitle);
  await page.getByRole("button", { name: "Vis udgivelser" }).click();
  await expect(page.getByText("1 udgivelse", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: releaseTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: releaseTitle })).toBeVisible();
  await expect(page.getByText("Vidensniveau: Afprøvet")).toBeVisible();
  await expect(page.getByText("Initiativet blev stoppet.")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: initiativeTitle })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const feed = await page.request.get("/viden/feed.atom");
  expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  const xml = await feed.text();
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(xml).toContain(releaseTitle);
  const childrenFeed = await page.request.get("/viden/feed/omraade/children.atom");
  expect(await childrenFeed.text()).toContain(releaseTitle);
});

test("force-publishing needs a written reason and shows the release as not yet reviewed", async ({ page }) => {
  const initiativeId = arrangeInitiative(uniqueTitle("hastesag"));
  const title = uniqueTitle("hasteudgivelse");
  await loginAs(page, "knowledge_staff");
  await page.goto(`/initiativer/${initiativeId}`);
  await page.getByRole("link", { name: "Start vidensudgivelse" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny vidensudgivelse" })).toBeVisible();
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByRole("group", { name: "Vidensniveau", exact: true }).getByRole("radio", { name: /^Foreløbig viden/ }).check();
  await page.getByRole("button", { name: "Opret kladde" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByText("Udgiv uden kvalitetssikring (hastesag)").click();
  await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
  await expect(page.getByText("Skriv en begrundelse for at udgive uden kvalitetssikring.").first()).toBeVisible();
  await expect(page.getByTestId("release-status")).toContainText("Kladde");

  await page.getByLabel("Begrundelse for at udgive uden kvalitetssikring").fill("Kommunerne skal bruge det før budgetforhandlingerne.");
  await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
  await page.getByRole("button", { name: "Ja, udgiv" }).click();
  await expect(page.getByTestId("release-status")).toContainText("Udgivet");
  await expect(page.getByTestId("not-reviewed")).toContainText("Ikke kvalitetssikret endnu");

  await switchUser(page);
  await page.goto("/viden");
  await page.getByLabel("Søg").fill(title);
  await page.getByRole("button", { name: "Vis udgivelser" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("not-reviewed")).toContainText("Ikke kvalitetssikret endnu");
  await expect(page.getByText("Vidensniveau: Foreløbig viden")).toBeVisible();
});
