// Issue 13's layout rules, measured in Chromium: the main navigation starts where the content column starts
// (at a desktop width and on a phone, public and internal pages); content inside a card has the design
// system's inner padding; a wide table in a release body sits in a keyboard-focusable region that says it
// scrolls (at 390 × 844, also without JavaScript), while a table that fits says nothing.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { adultsInitiative, e2eDb, expect, expectNoSeriousA11yViolations, loginAs, publishRelease, test } from "./fixtures";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The left edge of the first navigation link and of the page's h1 (the content column), in CSS pixels. */
async function edges(page: Page) {
  return page.evaluate(() => {
    const link = document.querySelector("nav.app-nav a")!.getBoundingClientRect().left;
    const h1 = document.querySelector("main h1")!.getBoundingClientRect().left;
    const brand = document.querySelector(".app-header__name")!.getBoundingClientRect().left;
    return { link: Math.round(link), h1: Math.round(h1), brand: Math.round(brand) };
  });
}

/** The computed padding of every element matching the selector, as [top, right, bottom, left] in px. */
async function paddings(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((els) => els.map((el) => {
    const s = getComputedStyle(el);
    return [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map((v) => Number.parseFloat(v));
  }));
}

for (const [name, viewport] of [["a desktop", DESKTOP], ["a phone", PHONE]] as const) {
  test(`on ${name} the main navigation lines up with the content column, public and internal`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    try {
      for (const path of ["/viden", "/tilgaengelighed", "/viden/abonnement"]) {
        await page.goto(path);
        const e = await edges(page);
        expect(e.link, `${path}: navigation vs. content`).toBe(e.h1);
        expect(e.brand, `${path}: header vs. content`).toBe(e.h1);
      }
      await loginAs(page, "program_manager");
      for (const path of ["/initiativer", "/portefolje", "/viden"]) {
        await page.goto(path);
        const e = await edges(page);
        expect(e.link, `${path} (logged in): navigation vs. content`).toBe(e.h1);
        expect(e.brand, `${path} (logged in): header vs. content`).toBe(e.h1);
      }
    } finally {
      await context.close();
    }
  });
}

/** A decision with an open condition on a seeded initiative: its page and its conditions page show app cards. */
function arrangeDecisionWithCondition(): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const i = db.prepare("select id, phase from initiatives where status = 'active' order by id limit 1").get() as { id: number; phase: string };
    const sg = db.prepare("select id from users where email = 'styregruppe@susi.test'").get() as { id: number };
    const did = Number(db.prepare(
      `insert into decisions (initiative_id, assessment_id, outcome, from_phase, to_phase, resulting_phase, resulting_status, rationale,
         flexibly_passed, decided_by, decided_at, meeting_id)
       values (?, null, 'hold', ?, null, ?, 'active', 'Afventer driftsaftalen.', '[]', ?, ?, null)`,
    ).run(i.id, i.phase, i.phase, sg.id, now).lastInsertRowid);
    db.prepare(
      `insert into conditions (initiative_id, decision_id, text, owner, due_date, status, carried_from_id, resolved_by_decision_id, resolved_at)
       values (?, ?, 'Der foreligger en driftsaftale.', 'Pia Programleder', '2027-06-30', 'open', null, null, null)`,
    ).run(i.id, did);
    return i.id;
  } finally {
    db.close();
  }
}

test("content inside every card has the design system's inner padding", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await publishWithTables(page, `Kort med luft ${randomBytes(3).toString("hex")}`);
  await page.goto("/viden");
  const dkfds = await paddings(page, ".card .card-content");
  expect(dkfds.length).toBeGreaterThan(0);
  for (const p of dkfds) expect(p).toEqual([24, 24, 24, 24]);
  // The app's own cards (a decision, a condition in a list) take the design system's inner padding too.
  const id = arrangeDecisionWithCondition();
  await loginAs(page, "program_manager");
  for (const path of [`/initiativer/${id}`, `/initiativer/${id}/betingelser`]) {
    await page.goto(path);
    const own = await paddings(page, ".app-card");
    expect(own.length, path).toBeGreaterThan(0);
    for (const p of own) expect(p, path).toEqual([24, 24, 24, 24]);
  }
});

const WIDE_TABLE = [
  "| Kommune | Borgere i forløbet | Gennemført | Afbrudt | Ventetid i dage | Medarbejdere uddannet | Udgift pr. borger |",
  "|---|---|---|---|---|---|---|",
  "| Københavns Kommune | 120 | 96 | 24 | 35 | 14 | 41.000 kr. |",
  "| Aarhus Kommune | 80 | 70 | 10 | 21 | 9 | 38.500 kr. |",
].join("\n");
const NARROW_TABLE = ["| År | Antal |", "|---|---|", "| 2025 | 12 |"].join("\n");

const publishWithTables = (page: Page, title: string) =>
  publishRelease(page, adultsInitiative().id, title, `## Tal fra kommunerne\n\n${WIDE_TABLE}\n\n## Forløb pr. år\n\n${NARROW_TABLE}\n`);

test("a wide table in a release scrolls in a focusable region that says so on a phone, with and without JavaScript", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const title = `Tal fra afprøvningen ${randomBytes(3).toString("hex")}`;
  await publishWithTables(page, title);

  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled });
    const reader = await context.newPage();
    try {
      await reader.goto("/viden");
      await reader.getByRole("link", { name: title }).click();
      await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const regions = reader.locator(".app-release-body .app-table-scroll");
      await expect(regions).toHaveCount(2);
      const wide = reader.getByRole("region", { name: "Tabel 1 i teksten" });
      const narrow = reader.getByRole("region", { name: "Tabel 2 i teksten" });
      await expect(wide).toHaveAttribute("tabindex", "0");
      await expect(wide.locator("table")).toContainText("Udgift pr. borger");
      // The wide one overflows the phone and says so; the narrow one fits and does not.
      expect(await wide.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await expect(wide.getByText("Tabellen kan rulles vandret.")).toBeVisible();
      await expect(narrow.getByText("Tabellen kan rulles vandret.")).toBeHidden();
      // The page itself does not scroll sideways (WCAG 1.4.10): only the table does.
      expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      // Reachable and scrollable by keyboard.
      await wide.focus();
      await expect(wide).toBeFocused();
      await reader.keyboard.press("ArrowRight");
      await reader.keyboard.press("ArrowRight");
      await expect.poll(() => wide.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      // Scrolled away from the start, the hint stays in view at the region's left edge.
      const [hint, box] = [await wide.getByText("Tabellen kan rulles vandret.").boundingBox(), await wide.boundingBox()];
      expect(Math.round(hint!.x)).toBeGreaterThanOrEqual(Math.round(box!.x));
      if (javaScriptEnabled) await expectNoSeriousA11yViolations(reader);
    } finally {
      await context.close();
    }
  }

  // At a desktop width both tables fit: no hint at all.
  await page.setViewportSize(DESKTOP);
  await page.goto("/viden");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("region", { name: "Tabel 1 i teksten" })).toBeVisible();
  await expect(page.getByText("Tabellen kan rulles vandret.")).toHaveCount(2);
  for (const hint of await page.getByText("Tabellen kan rulles vandret.").all()) await expect(hint).toBeHidden();
});
