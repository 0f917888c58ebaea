// A municipality contact follows new knowledge by mail: subscribe on /viden/abonnement, confirm from the
// mail, get a notice when knowledge staff publish (and a major edition, but not a correction), and leave
// with the link in the mail. Mail goes through the real outbox worker in the server to an SMTP sink here.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink";
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
let sink: SmtpSink;

test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});

test.afterAll(async () => {
  await sink?.close();
});

/** The mails to one address, waiting until there are `count`. */
async function mailsTo(address: string, count: number): Promise<ReceivedMail[]> {
  await expect.poll(() => sink.messages.filter((m) => m.to.includes(address)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return sink.messages.filter((m) => m.to.includes(address));
}

function link(mail: ReceivedMail, kind: "bekraeft" | "afmeld"): string {
  const m = new RegExp(`http://127\\.0\\.0\\.1:\\d+/viden/abonnement/${kind}/[\\w-]{43}`).exec(mail.text);
  expect(m, `a ${kind} link in "${mail.subject}"`).not.toBeNull();
  return m![0];
}

/** As knowledge staff: force-publish the draft on the current release page (the urgent path, no reviewer needed). */
async function forcePublish(page: Page) {
  await page.getByText("Udgiv uden kvalitetssikring (hastesag)").click();
  await page.getByLabel("Begrundelse for at udgive uden kvalitetssikring").fill("Kommunerne skal have det før budgetforhandlingerne.");
  await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
  await page.getByRole("button", { name: "Ja, udgiv" }).click();
  await expect(page.getByRole("button", { name: "Start ny udgave" })).toBeVisible();
}

/** On a published edition's page: start the next edition, which opens its draft for editing; save it unchanged. */
async function startEdition(page: Page, kind: "Væsentlig ny udgave" | "Rettelse") {
  await page.getByLabel(kind).check();
  await page.getByRole("button", { name: "Start ny udgave" }).click();
  await expect(page).toHaveURL(/\/udgivelser\/\d+\/rediger$/);
  // A major edition says what changed (issue 13).
  if (kind === "Væsentlig ny udgave") await page.getByLabel("Hvad er ændret").fill("Nye erfaringer fra tre kommuner.");
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page).toHaveURL(/\/udgivelser\/\d+$/);
}

const releaseIdOf = (page: Page) => Number(/\/udgivelser\/(\d+)/.exec(page.url())![1]);

test("subscribe, confirm, get notices of a release and its major edition but not a correction, then unsubscribe", async ({ page, request }) => {
  test.setTimeout(180_000); // a whole journey: subscribe, three publications, unsubscribe
  const email = `e2e-${randomBytes(4).toString("hex")}@aarhus.dk`;
  const title = `Recovery i praksis ${randomBytes(3).toString("hex")}`;

  // Subscribe: nothing but the confirmation mail before the link is used.
  await page.goto("/viden/abonnement");
  await expect(page.getByRole("heading", { level: 1, name: "Få besked om ny viden" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Tilmeld" }).click();
  // The error summary names each field it refers to (issue 8).
  await expect(page.getByRole("alert")).toContainText("Din e-mailadresse: feltet skal udfyldes");
  await expect(page.getByRole("alert")).toContainText("Områder, du vil følge: vælg mindst ét område eller initiativ, eller skriv mindst ét emne");
  await page.getByLabel("Din e-mailadresse").fill(email);
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: "Aarhus" });
  await page.getByLabel("Voksne (voksenområdet)").check();
  await page.getByLabel("Emner, du vil følge").fill("recovery");
  await page.getByRole("button", { name: "Tilmeld" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tjek din indbakke" })).toBeVisible();

  const [confirmation] = await mailsTo(email, 1);
  expect(confirmation.subject).toBe("Bekræft dit abonnement på ny viden");
  expect(confirmation.text).toContain("Kommune: Aarhus");
  await page.goto(link(confirmation, "bekraeft"));
  await expect(page.getByRole("heading", { level: 1, name: "Bekræft dit abonnement" })).toBeVisible();
  await page.getByRole("button", { name: "Bekræft abonnement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dit abonnement er bekræftet" })).toBeVisible();

  // Knowledge staff publish a release for the adults area.
  await loginAs(page, "knowledge_staff");
  const db = e2eDb();
  const initiative = (() => {
    try {
      return db.prepare("select id from initiatives where area = 'adults' order by id limit 1").get() as { id: number };
    } finally {
      db.close();
    }
  })();
  await page.goto(`/udgivelser/ny?initiative=${initiative.id}`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Resumé").fill("Hvad afprøvningen lærte om recovery-orienteret rehabilitering.");
  await page.getByRole("group", { name: "Område" }).getByLabel("Voksne").check();
  await page.getByRole("group", { name: "Vidensniveau" }).getByLabel("Afprøvet").check();
  await page.getByRole("button", { name: "Opret kladde" }).click();
  await expect(page).toHaveURL(/\/udgivelser\/\d+$/);
  const firstId = releaseIdOf(page);
  await forcePublish(page);

  const [, notice] = await mailsTo(email, 2);
  expect(notice.subject).toBe(`Ny viden: ${title}`);
  expect(notice.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/viden\/\S+/);
  expect(notice.headers["list-unsubscribe"]).toBe(`<${link(notice, "afmeld")}>`);
  expect(notice.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  // The staff page shows the reach.
  await page.reload();
  await expect(page.getByText(/Nåede \d+ abonnenter/)).toBeVisible();

  // A major edition notifies again.
  await startEdition(page, "Væsentlig ny udgave");
  await forcePublish(page);
  const [, , major] = await mailsTo(email, 3);
  expect(major.subject).toBe(`Ny udgave af viden: ${title}`);

  // A correction does not.
  await startEdition(page, "Rettelse");
  const minorId = releaseIdOf(page);
  await forcePublish(page);
  await page.waitForTimeout(2_000); // four worker passes
  expect(sink.messages.filter((m) => m.to.includes(email))).toHaveLength(3);
  const check = e2eDb();
  try {
    expect(check.prepare("select count(*) n from release_notices where release_id = ?").get(minorId)).toEqual({ n: 0 });
    expect(check.prepare("select count(*) n from release_notices where release_id = ?").get(firstId)).toEqual({ n: 1 });
  } finally {
    check.close();
  }

  // The knowledge staff overview counts the reach.
  await page.goto("/viden/abonnement/oversigt");
  await expect(page.getByRole("row", { name: new RegExp(title) }).first()).toBeVisible();

  // Unsubscribe with the link in the latest mail: GET shows a button, the button unsubscribes.
  await page.goto(link(major, "afmeld"));
  await expect(page.getByRole("heading", { level: 1, name: "Afmeld abonnement" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByRole("button", { name: "Afmeld" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Du er afmeldt" })).toBeVisible();

  // A mail program's RFC 8058 one-click POST with an older mail's link answers 200 too.
  const oneClick = await request.post(link(notice, "afmeld"), {
    headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click",
  });
  expect(oneClick.status()).toBe(200);
  const after = e2eDb();
  try {
    expect(after.prepare("select status from subscribers where email = ?").get(email)).toEqual({ status: "unsubscribed" });
  } finally {
    after.close();
  }
});

test("a confirmation link that does not work says so with a 404 page", async ({ page }) => {
  const response = await page.goto(`/viden/abonnement/bekraeft/${randomBytes(32).toString("base64url")}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Linket virker ikke" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Tilmeld dig igen" })).toBeVisible();
});
