// Issue 13's portal journeys: on a phone (390 × 844) and without JavaScript, a civil-society organisation finds
// a release, follows its initiative without naming a municipality, confirms, gets the notice of the initiative's
// next release in the SMTP sink, then the notice of its withdrawal, and unsubscribes; the header stays within a
// fifth of the screen, the filters are folded and the releases come first; the initiative's feed opens as a
// readable page. And a follower who asked for a weekly digest hears at once when the steering group moves the
// initiative to its next phase at a meeting: the notice names the initiative and the new phase.
import { randomBytes } from "node:crypto";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink";
import { adultsInitiative, arrangeMeeting, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, publishRelease, test } from "./fixtures";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
let sink: SmtpSink;

test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});

test.afterAll(async () => {
  await sink?.close();
});

async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  await expect.poll(() => sink.messages.filter((m) => m.to.includes(address)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return sink.messages.filter((m) => m.to.includes(address));
}

function link(mail: ReceivedMail, kind: "bekraeft" | "afmeld"): string {
  const m = new RegExp(`http://127\\.0\\.0\\.1:\\d+/viden/abonnement/${kind}/[\\w-]{43}`).exec(mail.text);
  expect(m, `a ${kind} link in "${mail.subject}"`).not.toBeNull();
  return m![0];
}

test("a civil-society organisation follows one initiative on a phone without JavaScript and gets its next release", async ({ browser, page }) => {
  test.setTimeout(240_000);
  const initiative = adultsInitiative();
  const first = `Bostøtte i praksis ${randomBytes(3).toString("hex")}`;
  await publishRelease(page, initiative.id, first);

  const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
  const reader = await phone.newPage();
  // axe runs as a script in the page, so its scans use a phone context with JavaScript on the same addresses.
  const scanner = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const scan = async (url: string) => {
    const p = await scanner.newPage();
    await p.goto(url);
    await expectNoSeriousA11yViolations(p);
    await p.close();
  };
  try {
    // The portal on a phone: a small header, the releases first, the filters folded behind their button.
    await reader.goto("/viden");
    const header = await reader.locator("header.app-header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(844 / 5);
    await expect(reader.getByLabel("Søg")).toBeHidden();
    const order = await reader.evaluate(() => {
      const card = document.querySelector(".app-release-card");
      const filters = document.querySelector(".app-portal__filters");
      return !!card && !!filters && !!(card.compareDocumentPosition(filters) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    // Above the fold: the first release's title is whole on the first screen, without scrolling.
    const firstTitle = await reader.locator(".app-release-card").first().getByRole("heading", { level: 2 }).boundingBox();
    expect(firstTitle!.y + firstTitle!.height).toBeLessThanOrEqual(844);
    await scan("/viden");
    // The filters open with their button and filter, without JavaScript.
    await reader.getByText("Filtrér og søg").click();
    await reader.getByLabel("Søg").fill(first);
    await reader.getByRole("button", { name: "Vis udgivelser" }).click();
    await reader.getByRole("link", { name: first }).click();
    await expect(reader.getByRole("heading", { level: 1, name: first })).toBeVisible();
    await scan(reader.url());

    // The initiative's feed opens as a readable page, not raw XML.
    const feedHref = await reader.getByRole("link", { name: /Udgivelser om initiativet/ }).getAttribute("href");
    const feedPage = await browser.newPage();
    await feedPage.goto(feedHref!);
    await expect(feedPage.getByRole("heading", { level: 1 })).toContainText(initiative.title);
    await expect(feedPage.getByText("Dette er et nyhedsfeed (Atom).")).toBeVisible();
    await expect(feedPage.getByRole("link", { name: first })).toBeVisible();
    await feedPage.close();

    // Follow the initiative: a civil-society organisation names no municipality.
    await reader.getByRole("link", { name: "Følg dette initiativ" }).click();
    await expect(reader.getByLabel(/Følg dette initiativ: /)).toBeChecked();
    await scan(reader.url());
    const email = `e2e-${randomBytes(4).toString("hex")}@forening.dk`;
    await reader.getByLabel("Din e-mailadresse").fill(email);
    await reader.getByLabel("En civilsamfundsorganisation").check();
    await expect(reader.getByLabel("Kommune", { exact: true })).toBeHidden();
    await reader.getByRole("button", { name: "Tilmeld" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Tjek din indbakke" })).toBeVisible();

    const [confirmation] = await mailsTo(email, 1);
    expect(confirmation.text).toContain("Abonnerer som: En civilsamfundsorganisation");
    expect(confirmation.text).toContain(`initiativet ${initiative.title}`);
    await reader.goto(link(confirmation, "bekraeft"));
    await reader.getByRole("button", { name: "Bekræft abonnement" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Dit abonnement er bekræftet" })).toBeVisible();

    // The initiative's next release reaches the follower, who follows no area or topic.
    const second = `Bostøtte, næste skridt ${randomBytes(3).toString("hex")}`;
    const secondId = await publishRelease(page, initiative.id, second);
    const [, notice] = await mailsTo(email, 2);
    expect(notice.subject).toBe(`Ny viden: ${second}`);

    // The release is withdrawn: the follower, who was told of it, is told of the withdrawal and why.
    await loginAs(page, "knowledge_staff", "redaktoer@susi.test");
    await page.goto(`/udgivelser/${secondId}`);
    await page.getByLabel("Begrundelse for tilbagetrækning").fill("Tallene fra én kommune var talt dobbelt.");
    await page.getByRole("button", { name: "Træk udgivelsen tilbage" }).click();
    await page.getByRole("button", { name: "Ja, træk tilbage" }).click();
    await expect(page.getByTestId("release-status")).toContainText("Trukket tilbage");
    await page.context().clearCookies();
    const [, , withdrawal] = await mailsTo(email, 3);
    expect(withdrawal.subject).toBe(`Trukket tilbage: ${second}`);
    expect(withdrawal.text).toContain("Begrundelse:\nTallene fra én kommune var talt dobbelt.");
    await reader.goto(/http:\/\/127\.0\.0\.1:\d+\/viden\/\S+/.exec(withdrawal.text.split("Begrundelse:")[1])![0]);
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Udgivelsen er trukket tilbage");

    // And leaves, without JavaScript, from the withdrawal mail's own link.
    await reader.goto(link(withdrawal, "afmeld"));
    await reader.getByRole("button", { name: "Afmeld" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Du er afmeldt" })).toBeVisible();
  } finally {
    await scanner.close();
    await phone.close();
  }
});

const TO_TRIAL = ["toTrial.fully_defined", "toTrial.implemented", "toTrial.promising_results", "toTrial.not_unrealistically_expensive"];

/** An active initiative in Modning with a submitted assessment that meets every criterion for Go til Afprøvning. */
function arrangeReadyForTrial(title: string): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'adults', 'Borgere i egen bolig', 'UIP 2025', 'susi2', 2, 'Varierer med den lokale kontekst.', 'Et forløb i to kommuner.',
         'maturation', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase, actual_start) values (?, 'maturation', '2026-01-01')").run(id);
    const aid = Number(db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
       values (?, 'maturation', 'trial', 'submitted', 'Klar til afprøvning.', 'Go til afprøvning.', ?, ?, ?, ?)`,
    ).run(id, pm.id, now, pm.id, now).lastInsertRowid);
    const judge = db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, ?, 'met', 'Erfaringer fra praksis.', 'practice', '', ?, ?)`,
    );
    for (const c of TO_TRIAL) judge.run(aid, c, pm.id, now);
    return id;
  } finally {
    db.close();
  }
}

test("a follower of one initiative hears at once when the steering group moves it to its next phase at a meeting", async ({ browser, page }) => {
  test.setTimeout(240_000);
  const title = `Bostøtte i egen bolig ${randomBytes(3).toString("hex")}`;
  const initiativeId = arrangeReadyForTrial(title);
  const release = `Hvad modningen lærte ${randomBytes(3).toString("hex")}`;
  await publishRelease(page, initiativeId, release);

  // The follower, on a phone without JavaScript, follows the initiative from its release and asks for a weekly digest.
  const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
  const reader = await phone.newPage();
  const email = `e2e-${randomBytes(4).toString("hex")}@tilbud.dk`;
  try {
    await reader.goto("/viden");
    await reader.getByRole("link", { name: release }).click();
    await reader.getByRole("link", { name: "Følg dette initiativ" }).click();
    await expect(reader.getByLabel(`Følg dette initiativ: ${title}`)).toBeChecked();
    await reader.getByLabel("Din e-mailadresse").fill(email);
    await reader.getByLabel("Et socialt tilbud").check();
    await reader.getByLabel("Én samlet mail om ugen (mandag morgen)").check();
    await reader.getByRole("button", { name: "Tilmeld" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Tjek din indbakke" })).toBeVisible();
    const [confirmation] = await mailsTo(email, 1);
    expect(confirmation.text).toContain(`initiativet ${title}`);
    await reader.goto(link(confirmation, "bekraeft"));
    await reader.getByRole("button", { name: "Bekræft abonnement" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Dit abonnement er bekræftet" })).toBeVisible();

    // The steering group decides Go til Afprøvning at a quorate meeting.
    arrangeMeeting(initiativeId);
    await loginAs(page, "steering_group");
    await page.goto(`/initiativer/${initiativeId}/beslutning`);
    const form = page.getByRole("region", { name: "Beslutning", exact: true });
    await expect(form.getByLabel("Møde")).not.toHaveValue("");
    await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Go", exact: true }).check();
    await form.getByLabel("Gå videre til fase").selectOption({ label: "Afprøvning" });
    await form.getByLabel("Begrundelse", { exact: true }).fill("Alle kriterier for afprøvning er opfyldt.");
    await page.getByRole("button", { name: "Registrer beslutning" }).click();
    await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
    await expect(page.getByText("Beslutningen er registreret.")).toBeVisible();

    // The outbox delivers the notice at once (a phase change is not held for the digest), naming initiative and phase.
    const [, notice] = await mailsTo(email, 2);
    expect(notice.subject).toBe(`Ny fase for ${title}: Afprøvning`);
    expect(notice.text).toContain("Styregruppen har truffet en beslutning om et initiativ, du følger:");
    expect(notice.text).toContain(title);
    expect(notice.text).toContain("Fase: Modning → Afprøvning");
    expect(notice.text).toMatch(/Beslutning: Go, \d{2}\.\d{2}\.\d{4}/);
    expect(notice.text).not.toContain("Alle kriterier for afprøvning er opfyldt."); // the internal rationale stays internal
    const readMore = /Læs om initiativet: (\S+)/.exec(notice.text)![1];
    await reader.goto(readMore);
    await expect(reader.getByRole("heading", { level: 1, name: release })).toBeVisible();

    // Its unsubscribe link works like any notice's.
    await reader.goto(link(notice, "afmeld"));
    await reader.getByRole("button", { name: "Afmeld" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Du er afmeldt" })).toBeVisible();
  } finally {
    await phone.close();
  }
});
