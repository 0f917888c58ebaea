// Releases written for municipalities (issue 13), in the real Danish UI: a draft from a steering-group decision
// holds only public facts while the internal assessment sits beside the editor; the preview of the public page
// follows typing, and without JavaScript a button shows it; a reviewer schedules a release that the outbox
// worker's due check then publishes; a major edition's change note reaches the page and the mail; a withdrawal
// reaches the subscriber who was told, in the SMTP sink.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink";
import { arrangeMeeting, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
let sink: SmtpSink;
test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});
test.afterAll(async () => {
  await sink?.close();
});

const unique = (what: string) => `E2E ${what} ${randomBytes(3).toString("hex")}`;
const INTERNAL_OVERALL = "Intern vurdering: kun to af fem kommuner fik implementeret forløbet.";
const INTERNAL_RECOMMENDATION = "Intern indstilling: stop indsatsen.";
const INTERNAL_JUSTIFICATION = "Evalueringen viser lav implementering.";

function arrangeInitiative(title: string) {
  const db = e2eDb();
  let id: number;
  try {
    const now = new Date().toISOString();
    id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, '', 'children', 'Unge med angst', 'UIP 2024', 'susi2', 1, 'Ensartet.', 'Manual.', 'trial', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2024)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase) values (?, 'trial')").run(id);
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const aid = Number(db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
       values (?, 'trial', 'dissemination', 'submitted', ?, ?, ?, ?, ?, ?)`,
    ).run(id, INTERNAL_OVERALL, INTERNAL_RECOMMENDATION, pm.id, now, pm.id, now).lastInsertRowid);
    db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, 'toDissemination.implemented_as_intended', 'not_met', 'Evaluering.', '3', ?, ?, ?)`,
    ).run(aid, INTERNAL_JUSTIFICATION, pm.id, now);
  } finally {
    db.close();
  }
  arrangeMeeting(id); // a decision is taken at a meeting (DECISIONS 0088)
  return id;
}

function query<T>(sql: string, ...params: unknown[]): T {
  const db = e2eDb();
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

function arrangeSubscriber(email: string) {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    db.prepare(
      `insert into subscribers (email, municipality_code, follows_adults, follows_children, frequency, status, confirm_token_hash, created_at, confirmed_at)
       values (?, '751', 0, 1, 'immediate', 'confirmed', ?, ?, ?)`,
    ).run(email, randomBytes(16).toString("hex"), now, now);
  } finally {
    db.close();
  }
}

async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  await expect.poll(() => sink.messages.filter((m) => m.to.includes(address)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
  return sink.messages.filter((m) => m.to.includes(address));
}

async function switchUser(page: Page, email?: string) {
  await page.context().clearCookies();
  if (email) await loginAs(page, "knowledge_staff", email);
}

/** The steering group stops the initiative and asks for the knowledge to be released now; returns the draft's id. */
async function draftFromDecision(page: Page, initiativeId: number): Promise<number> {
  await loginAs(page, "steering_group");
  await page.goto(`/initiativer/${initiativeId}/beslutning`);
  const form = page.getByRole("region", { name: "Beslutning", exact: true });
  await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Stop", exact: true }).check();
  await form.getByLabel("Begrundelse", { exact: true }).fill("Intern begrundelse: kommunerne kunne ikke bemande forløbet.");
  await form.getByRole("group", { name: "Skal den opnåede viden udgives nu? (fast track)" }).getByRole("radio", { name: "Ja, udgiv viden nu" }).check();
  await page.getByRole("button", { name: "Registrer beslutning" }).click();
  await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
  await expect(page).toHaveURL(new RegExp(`/initiativer/${initiativeId}#beslutninger$`));
  return query<{ id: number }>("select id from releases where initiative_id = ? order by id desc", initiativeId).id;
}

test("a draft from a decision holds only public facts, the internal text sits beside it, and the preview follows typing", async ({ page }) => {
  test.setTimeout(120_000);
  const initiativeId = arrangeInitiative(unique("initiativ"));
  const id = await draftFromDecision(page, initiativeId);

  await switchUser(page, "videnskonsulent@susi.test");
  await page.goto(`/udgivelser/${id}/rediger`);
  const body = page.getByLabel("Tekst (valgfrit)");
  await expect(body).toHaveValue(/\*\*Styregruppens beslutning:\*\* Stop/);
  for (const internal of [INTERNAL_OVERALL, INTERNAL_RECOMMENDATION, INTERNAL_JUSTIFICATION, "Intern begrundelse"]) {
    await expect(body).not.toHaveValue(new RegExp(internal.slice(0, 20)));
    await expect(page.getByLabel("Resumé", { exact: true })).not.toHaveValue(new RegExp(internal.slice(0, 20)));
  }
  // Beside the editor, read-only, and outside the preview of the public page.
  const internal = page.getByTestId("internal-reference");
  await expect(internal).toContainText(INTERNAL_OVERALL);
  await expect(internal).toContainText(INTERNAL_RECOMMENDATION);
  await expect(internal).toContainText(INTERNAL_JUSTIFICATION);
  await expect(internal).toContainText("Intern begrundelse: kommunerne kunne ikke bemande forløbet.");
  await expect(internal.locator("textarea, input")).toHaveCount(0);
  const preview = page.getByTestId("live-preview");
  await expect(preview).toContainText("Om initiativet");
  await expect(preview).not.toContainText(INTERNAL_OVERALL);
  // The prompt-only heading never reaches the public page, so not the preview either.
  await expect(preview).not.toContainText("Det kan kommuner og tilbud bruge");
  await expect(preview.getByText("Vidensniveau: Afprøvet")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Typing updates the preview without saving.
  const before = query<{ version: number; body_md: string }>("select version, body_md from releases where id = ?", id);
  await body.fill(`${before.body_md}\n\nUngepanelet mødtes **fire gange** i hver kommune.`);
  await expect(preview.locator("strong", { hasText: "fire gange" })).toBeVisible();
  await expect(preview).toContainText("Det kan kommuner og tilbud bruge");
  await page.getByLabel("Titel", { exact: true }).fill("Hvad kommunerne kan lære af et stop");
  await expect(preview.getByTestId("release-title")).toHaveText("Hvad kommunerne kan lære af et stop");
  expect(query<{ version: number }>("select version from releases where id = ?", id).version).toBe(before.version);

  // Saved and published, the public page shows what the preview showed.
  await page.getByRole("group", { name: "Målgrupper" }).getByRole("checkbox", { name: "Kommuner" }).check();
  await page.getByLabel("Nye emner (valgfrit)").fill("MOVE, implementering");
  const previewHtml = await preview.locator(".app-release-body").innerHTML();
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hvad kommunerne kan lære af et stop" })).toBeVisible();
  await page.getByText("Udgiv uden kvalitetssikring (hastesag)").click();
  await page.getByLabel("Begrundelse for at udgive uden kvalitetssikring").fill("Kommunerne planlægger nu.");
  await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
  await page.getByRole("button", { name: "Ja, udgiv" }).click();
  await expect(page.getByTestId("release-status")).toContainText("Udgivet");
  const slug = query<{ slug: string }>("select slug from releases where id = ?", id).slug;
  await switchUser(page);
  await page.goto(`/viden/${slug}`);
  expect(await page.locator(".app-release-body").innerHTML()).toBe(previewHtml);
  // None of the internal text reached the public page: not the assessment's, not the decision's rationale.
  const publicText = await page.locator("main").innerText();
  for (const internal of [INTERNAL_OVERALL, INTERNAL_RECOMMENDATION, INTERNAL_JUSTIFICATION, "Intern begrundelse"]) {
    expect(publicText).not.toContain(internal);
  }
  // The topic keeps the case it was typed in.
  await expect(page.getByRole("definition").filter({ hasText: "implementering, MOVE" })).toBeVisible();
});

test("without JavaScript the preview button shows the preview and writes nothing", async ({ browser }: { browser: Browser }) => {
  const initiativeId = arrangeInitiative(unique("uden-js"));
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await loginAs(page, "knowledge_staff");
  await page.goto(`/udgivelser/ny?initiative=${initiativeId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Ny vidensudgivelse" })).toBeVisible();
  await expect(page.getByTestId("internal-reference")).toContainText(INTERNAL_OVERALL);
  await expect(page.getByLabel("Tekst (valgfrit)")).not.toHaveValue(/Intern vurdering/);
  const releases = query<{ n: number }>("select count(*) as n from releases where initiative_id = ?", initiativeId).n;
  await page.getByLabel("Titel", { exact: true }).fill("");
  await page.getByLabel("Tekst (valgfrit)").fill("## Erfaringer\n\nForhåndsvist **uden JavaScript**.\n\n## Tom overskrift\n");
  await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
  const preview = page.getByTestId("live-preview");
  await expect(preview.locator("strong", { hasText: "uden JavaScript" })).toBeVisible();
  await expect(preview).not.toContainText("Tom overskrift");
  // What was typed is still in the form, with no error for the empty title: a preview is not a save.
  await expect(page.getByLabel("Tekst (valgfrit)")).toHaveValue(/Forhåndsvist \*\*uden JavaScript\*\*/);
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(query<{ n: number }>("select count(*) as n from releases where initiative_id = ?", initiativeId).n).toBe(releases);
  // (axe needs JavaScript in the page; the editor is scanned with it in the journey above.)
  await context.close();
});

/** The next whole minute in Copenhagen at least `leadSeconds` away, as a datetime-local value, and its instant. */
function nextCopenhagenMinute(leadSeconds: number) {
  const at = new Date(Math.ceil((Date.now() + leadSeconds * 1000) / 60_000) * 60_000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(at).map((p) => [p.type, p.value]));
  return { local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`, at };
}

test("a reviewer schedules a release, the list says when, and it publishes itself then", async ({ page }) => {
  test.setTimeout(180_000);
  const initiativeId = arrangeInitiative(unique("planlagt"));
  const title = unique("planlagt udgivelse");
  await loginAs(page, "knowledge_staff");
  await page.goto(`/udgivelser/ny?initiative=${initiativeId}`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Opret kladde" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("button", { name: "Send til kvalitetssikring" }).click();
  await expect(page.getByTestId("release-status")).toContainText("Til kvalitetssikring");
  const id = Number(/\/udgivelser\/(\d+)/.exec(page.url())![1]);

  await switchUser(page, "redaktoer@susi.test");
  await page.goto(`/udgivelser/${id}`);
  const { local, at } = nextCopenhagenMinute(25);
  await page.getByLabel("Udgiv den (dansk tid)").fill(local);
  await page.getByRole("button", { name: "Godkend og planlæg udgivelse" }).click();
  await page.getByRole("button", { name: "Ja, godkend og planlæg" }).click();
  await expect(page.getByTestId("flash")).toContainText("Udgivelsen er godkendt og planlagt.");
  const shown = `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)}`;
  await expect(page.getByTestId("scheduled")).toContainText("Planlagt til");
  await expect(page.getByTestId("scheduled")).toContainText(shown);
  await expect(page.getByTestId("release-status")).toContainText("Til kvalitetssikring");
  expect(query<{ scheduled_at: string }>("select scheduled_at from releases where id = ?", id).scheduled_at).toBe(at.toISOString());
  await page.goto("/udgivelser");
  await expect(page.getByRole("row").filter({ hasText: title }).getByTestId("scheduled-for")).toContainText("Planlagt til");
  // Not public before its time.
  expect((await page.request.get(`/viden/${id}`)).status()).toBe(404);

  // The outbox worker's due check publishes it once the time has come.
  await expect.poll(() => query<{ status: string }>("select status from releases where id = ?", id).status, {
    timeout: 120_000, intervals: [2_000],
  }).toBe("published");
  await page.goto(`/udgivelser/${id}`);
  await expect(page.getByTestId("release-status")).toContainText("Udgivet");
  await switchUser(page);
  await page.goto(`/viden/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("a major edition's change note reaches the page and the mail; a withdrawal reaches the subscriber who was told", async ({ page }) => {
  test.setTimeout(180_000);
  const email = `e2e-${randomBytes(4).toString("hex")}@frivillig.dk`;
  arrangeSubscriber(email);
  const initiativeId = arrangeInitiative(unique("udgaver"));
  const title = unique("udgave");
  await loginAs(page, "knowledge_staff");
  await page.goto(`/udgivelser/ny?initiative=${initiativeId}`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Opret kladde" }).click();
  const forcePublish = async () => {
    await page.getByText("Udgiv uden kvalitetssikring (hastesag)").click();
    await page.getByLabel("Begrundelse for at udgive uden kvalitetssikring").fill("Kommunerne skal have det nu.");
    await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
    await page.getByRole("button", { name: "Ja, udgiv" }).click();
    await expect(page.getByRole("button", { name: "Start ny udgave" })).toBeVisible();
  };
  await forcePublish();
  const [first] = await mailsTo(email, 1);
  expect(first.subject).toBe(`Ny viden: ${title}`);

  await page.getByLabel("Væsentlig ny udgave").check();
  await page.getByRole("button", { name: "Start ny udgave" }).click();
  await expect(page).toHaveURL(/\/udgivelser\/\d+\/rediger$/);
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page.getByRole("alert")).toContainText("Hvad er ændret");
  await expect(page).toHaveURL(/\/rediger$/);
  const note = "Tallene fra 2026 er kommet med, og anbefalingen om ungepaneler er skærpet.";
  await page.getByLabel("Hvad er ændret").fill(note);
  await expect(page.getByTestId("live-preview").getByTestId("change-note")).toContainText(note);
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page).toHaveURL(/\/udgivelser\/\d+$/);
  await forcePublish();
  const editionId = Number(/\/udgivelser\/(\d+)/.exec(page.url())![1]);

  const [, second] = await mailsTo(email, 2);
  expect(second.subject).toBe(`Ny udgave af viden: ${title}`);
  expect(second.text).toContain(`Hvad er ændret:\n${note}`);
  const slug = query<{ slug: string }>("select slug from releases where id = ?", editionId).slug;
  await switchUser(page);
  await page.goto(`/viden/${slug}`);
  await expect(page.getByTestId("change-note")).toContainText("Hvad er ændret");
  await expect(page.getByTestId("change-note")).toContainText(note);
  await expectNoSeriousA11yViolations(page);

  await switchUser(page, "redaktoer@susi.test");
  await page.goto(`/udgivelser/${editionId}`);
  await page.getByLabel("Begrundelse for tilbagetrækning").fill("Tallene fra én kommune var talt dobbelt.");
  await page.getByRole("button", { name: "Træk udgivelsen tilbage" }).click();
  await page.getByRole("button", { name: "Ja, træk tilbage" }).click();
  await expect(page.getByTestId("release-status")).toContainText("Trukket tilbage");
  const [, , withdrawal] = await mailsTo(email, 3);
  expect(withdrawal.subject).toBe(`Trukket tilbage: ${title}`);
  expect(withdrawal.text).toContain("Begrundelse:\nTallene fra én kommune var talt dobbelt.");
  expect(withdrawal.text).toMatch(/\/viden\/abonnement\/afmeld\/[\w-]{43}/);
});
