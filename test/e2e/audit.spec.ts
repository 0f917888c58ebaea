// The admin's audit trail in Chromium (issue 14): the admin opens Revisionsspor from the menu, verifies the
// chain, filters the history and exports it as CSV and JSON Lines (both parse, honour the filter and carry
// hashes that re-verify); a row edited behind the app's back (triggers dropped) is named on the next check.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { GENESIS_HASH, historyRowHash } from "../../db/queries/history";
import { E2E_DIALECT, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

function count(where = ""): number {
  const db = e2eDb();
  try {
    return (db.prepare(`select count(*) as n from history ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test("the admin verifies the chain, filters the history and exports it", async ({ page }) => {
  await loginAs(page, "admin");
  await page.goto("/admin/brugere");
  await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Revisionsspor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Revisionsspor" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const state = page.getByTestId("chain-state");
  await expect(state).toContainText("Kæden kontrolleres, når du beder om det");
  await page.getByRole("button", { name: "Kontrollér kæden" }).click();
  await expect(state).toContainText(/Kæden er intakt: [\d.]+ rækker kontrolleret/);

  // Filter: only initiatives created.
  await page.getByLabel("Handling").selectOption({ label: "Initiativ oprettet" });
  await page.getByRole("button", { name: "Vis", exact: true }).click();
  await expect(page).toHaveURL(/action=initiative\.created/);
  const table = page.getByRole("table", { name: "Revisionsspor" });
  await expect(table.getByRole("row").nth(1)).toContainText("Initiativ oprettet");
  await expect(table).not.toContainText("Kriterium vurderet");
  const created = count("where action = 'initiative.created'");
  await expect(page.getByRole("heading", { name: `${created.toLocaleString("da-DK")} rækker` })).toBeVisible();

  // CSV for Danish Excel, with the filter.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Hent som CSV (Excel)" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^revisionsspor-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvBytes = readFileSync(await csvDownload.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(csvBytes.toString("utf8"), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
  expect(records.length).toBe(created);
  expect(records.every((r) => r["Handling"] === "Initiativ oprettet" && /^[0-9a-f]{64}$/.test(r["Hash"]!))).toBe(true);
  expect(records[0]!["Efter"]).toContain("Fase: ");

  // JSON Lines of the whole history (filter reset): every line re-verifies against the one before.
  await page.getByRole("link", { name: "Nulstil" }).click();
  await expect(page).not.toHaveURL(/action=/);
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Hent som JSON Lines" }).click()]);
  const lines = readFileSync(await jsonDownload.path(), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  const total = count();
  expect(lines.length).toBe(total);
  let prev = GENESIS_HASH;
  for (const l of lines) {
    expect(l.prev_hash).toBe(prev);
    expect(historyRowHash(l.prev_hash, l)).toBe(l.hash);
    prev = l.hash;
  }
});

test("a row edited behind the app's back is named on the next check", async ({ page }) => {
  const db = e2eDb();
  const victim = db.prepare("select id, action from history order by id limit 1 offset 3").get() as { id: number; action: string };
  try {
    // With the append-only trigger out of the way, as someone with database access could do.
    if (E2E_DIALECT === "postgres") db.exec("alter table history disable trigger history_no_update_delete");
    else db.exec("drop trigger history_no_update");
    db.prepare("update history set action = 'decision.made' where id = ?").run(victim.id);
    await loginAs(page, "admin");
    await page.goto("/admin/revision");
    await page.getByRole("button", { name: "Kontrollér kæden" }).click();
    await expect(page.getByTestId("chain-state")).toContainText(`Kæden er brudt ved række ${victim.id}: rækkens indhold passer ikke med dens hash`);
  } finally {
    // Put the row back as it was and the trigger with it, so the later journeys share an intact chain.
    db.prepare("update history set action = ? where id = ?").run(victim.action, victim.id);
    if (E2E_DIALECT === "postgres") {
      db.exec("alter table history enable trigger history_no_update_delete");
    } else {
      db.exec(`create trigger history_no_update before update on history begin
        select raise(abort, 'history is append-only: UPDATE refused on history');
      end`);
    }
    db.close();
  }
  await page.getByRole("button", { name: "Kontrollér kæden" }).click();
  await expect(page.getByTestId("chain-state")).toContainText("Kæden er intakt");
});

test("the initiative page and its whole history read in words, in both languages", async ({ page }) => {
  await loginAs(page, "program_manager");
  await page.goto("/initiativer/1");
  const history = page.getByRole("table", { name: "Historik" });
  await expect(history).toContainText("Initiativ oprettet");
  await expect(history).toContainText(/Fase: (Screening|Modning|Afprøvning|Udbredelse|Screening\/modning)/);
  await expect(history).toContainText(/Status: (Aktiv|Afsluttet|Stoppet|Sat i bero)/);
  await expect(history).not.toContainText(/\b(phase|status|track): /);
  await page.goto("/initiativer/1/alle/historik");
  await expect(page.getByRole("table", { name: "Historik" })).toContainText("Spor: Intet spor");
  await page.getByRole("button", { name: "Switch to English" }).click();
  const english = page.getByRole("table", { name: "History" });
  await expect(english).toContainText("Initiative created");
  await expect(english).toContainText(/Phase: (Screening|Maturation|Trial|Dissemination)/);
});
