// The rules around the steering group's gate, as users meet them: the program manager's edit form has no
// status and a forged status is refused; an administrator's correction needs a reason and shows in the
// history and on the page; a condition whose owner and due date are set on the conditions page shows as
// overdue, and its owner gets the reminder through the real outbox (the server's worker) in the SMTP sink.
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
let sink: SmtpSink;

test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});

test.afterAll(async () => {
  await sink?.close();
});

/** A seeded initiative with this status (and, with `offset`, not the first one), as the page shows it. */
function initiative(status: string, offset = 0): { id: number; title: string; status: string; phase: string } {
  const db = e2eDb();
  try {
    return db.prepare("select id, title, status, phase from initiatives where status = ? and phase <> 'dissemination' order by id limit 1 offset ?").get(status, offset) as never;
  } finally {
    db.close();
  }
}

function governed(id: number) {
  const db = e2eDb();
  try {
    return db.prepare("select phase, status, track from initiatives where id = ?").get(id);
  } finally {
    db.close();
  }
}

test("the program manager's edit form has no status field, and a forged POST of status is refused", async ({ page }) => {
  const i = initiative("stopped");
  await loginAs(page, "program_manager");
  await page.goto(`/initiativer/${i.id}/rediger`);
  await expect(page.getByRole("heading", { level: 1, name: "Rediger initiativ" })).toBeVisible();
  await expect(page.locator('form [name="status"], form [name="phase"]')).toHaveCount(0);
  const before = governed(i.id);
  const version = await page.locator('input[name="version"]').inputValue();
  // The same form, with the status the stop is to be undone by, posted as a browser without JavaScript would.
  const forged = await page.request.post(`/initiativer/${i.id}/rediger`, {
    form: { title: i.title, area: "adults", agreementYears: "2024", version, status: "active" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(400);
  expect(await forged.text()).toContain("Feltet status kan ikke ændres her");
  expect(governed(i.id)).toEqual(before);
});

test("an administrator's correction needs a reason and shows as a correction in the history and on the page", async ({ page }) => {
  const i = initiative("stopped", 1);
  await loginAs(page, "admin");
  await page.goto(`/initiativer/${i.id}`);
  await page.getByRole("link", { name: "Korrektion (administrator)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Korrektion af fase, status eller spor" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Aktiv" });
  await page.getByRole("button", { name: "Gem korrektion" }).click();
  await expect(page.getByText("Skriv en begrundelse for korrektionen.").first()).toBeVisible();
  expect(governed(i.id)).toMatchObject({ status: "stopped" });

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Aktiv" });
  await page.getByLabel("Begrundelse").fill("Status blev importeret forkert fra UIP-tabellen 2024");
  await page.getByRole("button", { name: "Gem korrektion" }).click();
  await page.waitForURL(new RegExp(`/initiativer/${i.id}(#korrektioner)?$`));
  await expect(page.getByTestId("flash")).toContainText("Korrektionen er gemt");
  await expect(page.getByTestId("correction-notice")).toContainText("status fra Stoppet til Aktiv");
  await expect(page.getByTestId("correction-notice")).toContainText("Status blev importeret forkert fra UIP-tabellen 2024");
  await expect(page.getByRole("table", { name: "Historik" }).getByRole("row").nth(1)).toContainText("Korrektion (administrator)");
  expect(governed(i.id)).toMatchObject({ status: "active" });
});

test("an overdue condition shows as overdue and its owner receives the reminder", async ({ page }) => {
  const i = initiative("active", 2);
  // A Conditional Go's condition as the decision left it: no owner yet, due in a year.
  const db = e2eDb();
  let conditionId: number;
  try {
    const decision = db.prepare(`insert into decisions (initiative_id, assessment_id, outcome, from_phase, to_phase, resulting_phase, resulting_status,
      rationale, flexibly_passed, decided_by, decided_at) values (?, null, 'conditional_go', ?, null, ?, 'active', 'Betinget go', '[]', null, ?)`)
      .run(i.id, i.phase, i.phase, new Date().toISOString());
    conditionId = Number(db.prepare(`insert into conditions (initiative_id, decision_id, text, owner, due_date, status)
      values (?, ?, 'Implementeringsplan afleveres', 'Programleder', ?, 'open')`)
      .run(i.id, decision.lastInsertRowid, new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)).lastInsertRowid);
  } finally {
    db.close();
  }
  const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

  await loginAs(page, "program_manager");
  await page.goto(`/initiativer/${i.id}/betingelser`);
  await expect(page.getByRole("heading", { level: 1, name: "Betingelser" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const card = page.locator(`#betingelse-${conditionId}`);
  await expect(card.getByTestId("condition-overdue")).toHaveCount(0);
  await card.getByLabel("Ansvarlig").selectOption({ label: "Peter Projektleder" });
  await card.getByLabel("Frist").fill(yesterday);
  await card.getByRole("button", { name: "Gem ansvarlig og frist" }).click();
  await expect(page.getByTestId("flash")).toContainText("Ansvarlig og frist er gemt");
  await expect(page.locator(`#betingelse-${conditionId}`).getByTestId("condition-overdue")).toHaveText("Overskredet");

  await page.goto(`/initiativer/${i.id}`);
  await expect(page.locator("#betingelser").locator("..").getByTestId("condition-overdue")).toBeVisible();

  await expect.poll(() => sink.messages.filter((m) => m.to.includes("projektleder@susi.test")).length, { timeout: 30_000 }).toBe(1);
  const mail = sink.messages.find((m) => m.to.includes("projektleder@susi.test"))!;
  expect(mail.subject).toContain(i.title);
  expect(mail.text).toContain("Implementeringsplan afleveres");
  expect(mail.text).toContain(`/initiativer/${i.id}/betingelser`);

  // Marking it met: no longer overdue, and no further reminders.
  await page.goto(`/initiativer/${i.id}/betingelser`);
  const again = page.locator(`#betingelse-${conditionId}`);
  await again.getByRole("radio", { name: "Opfyldt", exact: true }).check();
  await again.getByRole("button", { name: "Gem stand" }).click();
  await expect(page.getByTestId("flash")).toContainText("Betingelsens stand er gemt");
  await expect(page.locator(`#betingelse-${conditionId}`).getByTestId("condition-overdue")).toHaveCount(0);
});
