// The one-time password link (issue 14): an admin sends it from /admin/brugere (asked first), the mail goes
// through the real outbox worker in the server to an SMTP sink here, the user opens the link, sets a new
// password and logs in with it; the old password no longer works, and the link cannot be used twice.
import { randomBytes } from "node:crypto";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "../support/smtp-sink";
import { expect, loginAs, test } from "./fixtures";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
let sink: SmtpSink;

test.beforeAll(async () => {
  sink = await startSmtpSink({ port: SMTP_PORT });
});

test.afterAll(async () => {
  await sink?.close();
});

async function mailTo(address: string): Promise<ReceivedMail> {
  await expect.poll(() => sink.messages.filter((m) => m.to.includes(address)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  return sink.messages.filter((m) => m.to.includes(address)).at(-1)!;
}

test("an admin sends a one-time link; the user sets a new password with it and logs in; the link works once", async ({ page, browser }) => {
  const suffix = randomBytes(4).toString("hex");
  const name = `Nulstil Testesen ${suffix}`;
  const email = `nulstil-${suffix}@kommune.dk`;

  // The admin creates the user (with a first password) and sends the link, confirming first.
  await loginAs(page, "admin");
  await page.goto("/admin/brugere");
  await page.getByLabel("Navn").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Rolle", { exact: true }).selectOption({ label: "Programleder" });
  await page.getByLabel("Første adgangskode").fill("den-foerste-kode");
  await page.getByRole("button", { name: "Opret bruger" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Send link til ny adgangskode for ${name}` }).click();
  await expect(page.getByText(`Vil du sende ${name} et link til en ny adgangskode?`)).toBeVisible();
  await page.getByRole("button", { name: `Ja, send linket til ${name}` }).click();
  await expect(page.getByText(`Et link til en ny adgangskode er sendt til ${name}.`)).toBeVisible();

  // The mail arrives with the link.
  const mail = await mailTo(email);
  const link = /http:\/\/127\.0\.0\.1:\d+\/nulstil\/[\w-]{43}/.exec(mail.text)?.[0];
  expect(link, `a reset link in "${mail.subject}"`).toBeTruthy();

  // The user, in a browser of their own, sets the new password (a mismatch is named first).
  const context = await browser.newContext();
  const user = await context.newPage();
  await user.goto(link!);
  await expect(user.getByRole("heading", { level: 1, name: "Sæt ny adgangskode" })).toBeVisible();
  await expect(user.getByText(email)).toBeVisible();
  await user.getByLabel("Ny adgangskode", { exact: true }).fill("en-helt-ny-kode-123");
  await user.getByLabel("Gentag ny adgangskode").fill("noget-andet-123");
  await user.getByRole("button", { name: "Sæt ny adgangskode" }).click();
  await expect(user.getByText("Gentag ny adgangskode: de to nye adgangskoder er ikke ens.").first()).toBeVisible();
  await user.getByLabel("Ny adgangskode", { exact: true }).fill("en-helt-ny-kode-123");
  await user.getByLabel("Gentag ny adgangskode").fill("en-helt-ny-kode-123");
  await user.getByRole("button", { name: "Sæt ny adgangskode" }).click();
  await expect(user.getByText("Din nye adgangskode er sat. Log ind med den.")).toBeVisible();
  await expect(user.getByRole("heading", { level: 1, name: "Log ind" })).toBeVisible();

  // The first password no longer works; the new one does.
  await user.getByLabel("E-mail").fill(email);
  await user.getByLabel("Adgangskode").fill("den-foerste-kode");
  await user.getByRole("button", { name: "Log ind" }).click();
  await expect(user.getByText("E-mail eller adgangskode er forkert.").first()).toBeVisible();
  await user.getByLabel("Adgangskode").fill("en-helt-ny-kode-123");
  await user.getByRole("button", { name: "Log ind" }).click();
  await expect(user.getByRole("link", { name: "Min konto" })).toBeVisible();

  // The link cannot be used again.
  const again = await user.goto(link!);
  expect(again?.status()).toBe(410);
  await expect(user.getByText("Linket er allerede brugt. Et link til ny adgangskode virker kun én gang.")).toBeVisible();
  await expect(user.getByLabel("Ny adgangskode", { exact: true })).toHaveCount(0);
  await context.close();
});
