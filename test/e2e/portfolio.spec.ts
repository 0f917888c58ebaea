// The portfolio and the role homes in Chromium: each role logs in through the form and lands on its home;
// the overview's phase counts are the list's; the Bilag-1 timeline draws a bar for every initiative with
// dated phase periods and prints on A4 landscape; bubbles open their initiative by click and by keyboard;
// axe finds nothing serious on the views.
import { readFileSync } from "node:fs";
import { e2eDb, expect, expectNoSeriousA11yViolations, loginAs, test } from "./fixtures";

const PASSWORDS: Record<string, string> = {
  "styregruppe@susi.test": "demo-styregruppe",
  "programleder@susi.test": "demo-programleder",
  "videnskonsulent@susi.test": "demo-videnskonsulent",
  "admin@susi.test": "demo-admin",
};

/** Dated periods for three seeded initiatives (one with a decision mark) and a bubble for a trial initiative. */
function arrange() {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const ids = (db.prepare("select id from initiatives where import_key is not null order by id limit 3").all() as { id: number }[]).map((r) => r.id);
    db.prepare("update phase_periods set actual_start = '2019-02-01', actual_end = '2020-06-30' where initiative_id = ?").run(ids[0]);
    db.prepare("update phase_periods set planned_start = '2021-01-01', planned_end = '2023-12-31' where initiative_id = ?").run(ids[1]);
    db.prepare("update phase_periods set actual_start = '2022-03-01' where initiative_id = ?").run(ids[2]);
    const sg = db.prepare("select id from users where email = 'styregruppe@susi.test'").get() as { id: number };
    const first = db.prepare("select phase from initiatives where id = ?").get(ids[0]) as { phase: string };
    db.prepare(`insert into decisions (initiative_id, outcome, from_phase, to_phase, resulting_phase, resulting_status, rationale, decided_by, decided_at)
      values (?, 'hold', ?, null, ?, 'on_hold', 'E2E', ?, '2020-07-01T10:00:00.000Z')`).run(ids[0], first.phase, first.phase, sg.id);
    db.prepare("update initiatives set status = 'on_hold' where id = ?").run(ids[0]);

    const trial = db.prepare("select id, title from initiatives where phase = 'trial' and import_key is not null order by id limit 1").get() as { id: number; title: string };
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    const aid = Number(db.prepare(`insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
      values (?, 'trial', 'dissemination', 'submitted', 'Samlet.', 'Go.', ?, ?, ?, ?)`).run(trial.id, pm.id, now, pm.id, now).lastInsertRowid);
    db.prepare(`insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
      values (?, 'toDissemination.positive_effect', 'met', 'Effektmåling.', '2', '', ?, ?)`).run(aid, pm.id, now);
    const input = readFileSync("test/som/fixtures/two-cohorts-discounted.json", "utf8");
    const cid = Number(db.prepare(`insert into som_calculations (initiative_id, phase, scenario, title, latest_version_id, created_by, created_at, updated_at)
      values (?, 'trial', 'expected', 'E2E-beregning', null, ?, ?, ?)`).run(trial.id, pm.id, now, now).lastInsertRowid);
    const vid = Number(db.prepare(`insert into som_calculation_versions (calculation_id, number, input_json, checklist_json, spreads_json, created_by, created_at)
      values (?, 1, ?, '{}', null, ?, ?)`).run(cid, input, pm.id, now).lastInsertRowid);
    db.prepare("update som_calculations set latest_version_id = ? where id = ?").run(vid, cid);
    db.prepare("update initiative_agreements set budget_kr = 2500000 where initiative_id = ?").run(trial.id);
    return { trial };
  } finally {
    db.close();
  }
}

let bubble: { id: number; title: string };

test.beforeAll(() => {
  bubble = arrange().trial;
});

test.describe("role homes", () => {
  const homes = [
    ["styregruppe@susi.test", /\/styregruppe$/],
    ["programleder@susi.test", /\/mine-initiativer$/],
    ["videnskonsulent@susi.test", /\/udgivelser$/],
    ["admin@susi.test", /\/admin\/brugere$/],
  ] as const;
  for (const [email, home] of homes) {
    test(`${email} logs in and lands on its home`, async ({ page }) => {
      await page.goto("/login");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Adgangskode").fill(PASSWORDS[email]);
      await page.getByRole("button", { name: "Log ind" }).click();
      await expect(page).toHaveURL(home);
    });
  }

  test("the program manager's home lists the initiatives the seed gave them", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto("/mine-initiativer");
    await expect(page.getByRole("heading", { level: 1, name: "Mine initiativer" })).toBeVisible();
    const db = e2eDb();
    // The 21 the seed gave them, plus any that other journeys had them create or assess.
    const mine = (db.prepare(`select count(*) as n from initiatives i, users u where u.email = 'programleder@susi.test'
      and (i.owner_id = u.id or exists (select 1 from assessments a where a.initiative_id = i.id and (a.created_by = u.id or a.submitted_by = u.id)))`).get() as { n: number }).n;
    const seeded = (db.prepare("select count(*) as n from initiatives i join users u on u.id = i.owner_id where u.email = 'programleder@susi.test' and i.import_key is not null").get() as { n: number }).n;
    db.close();
    expect(seeded).toBe(21);
    await expect(page.getByTestId("mine-table").locator("tbody tr")).toHaveCount(mine);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("portfolio", () => {
  test("the overview's phase counts equal the list's filtered counts", async ({ page }) => {
    await loginAs(page, "steering_group");
    await page.goto("/portefolje?area=adults");
    await expect(page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Portefølje" })).toBeVisible();
    for (const phase of ["screening", "maturation", "trial", "dissemination", "screening_maturation"]) {
      const count = Number(await page.getByTestId(`phase-count-${phase}`).innerText());
      await page.goto(`/initiativer?area=adults&phase=${phase}`);
      const text = (await page.getByRole("status").filter({ hasText: /\binitiativ(er)?$/ }).innerText()).trim();
      const listed = text === "1 initiativ" ? 1 : Number(/(\d+) initiativer/.exec(text)?.[1] ?? NaN);
      expect(listed, phase).toBe(count);
      await page.goto("/portefolje?area=adults");
    }
    await expectNoSeriousA11yViolations(page);
  });

  test("the filters are kept in the URL across views", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto("/portefolje");
    await page.getByLabel("Område").selectOption("children");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(page).toHaveURL(/\/portefolje\?.*area=children/);
    await page.getByRole("link", { name: "Tidslinje (Bilag 1)" }).click();
    await expect(page).toHaveURL(/\/portefolje\/bilag1\?area=children$/);
    await expect(page.getByRole("heading", { name: "Voksne" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Børn og unge" })).toBeVisible();
  });

  test("the timeline shows a bar for every initiative with dated phase periods, and prints on A4 landscape", async ({ page }) => {
    await loginAs(page, "steering_group");
    await page.goto("/portefolje/bilag1");
    const db = e2eDb();
    const dated = (db.prepare(`select count(distinct initiative_id) as n from phase_periods
      where actual_start is not null or (planned_start is not null and planned_end is not null)`).get() as { n: number }).n;
    const total = (db.prepare("select count(*) as n from initiatives").get() as { n: number }).n;
    db.close();
    expect(dated).toBeGreaterThanOrEqual(3);
    const rows = page.getByTestId("bilag1-row");
    await expect(rows).toHaveCount(Math.min(total, 100));
    const datedRows = page.locator('[data-testid="bilag1-row"][data-dated="yes"]');
    await expect(datedRows).toHaveCount(dated);
    for (const row of await datedRows.all()) {
      expect(await row.locator('[data-kind="actual"], [data-kind="planned"]').count()).toBeGreaterThan(0);
    }
    // The others show their agreement years as a marked span, never invented phase bars.
    for (const row of await page.locator('[data-testid="bilag1-row"][data-dated="no"]').all()) {
      await expect(row.locator('[data-kind="agreement-span"]')).toHaveCount(1);
      await expect(row.locator('[data-kind="actual"], [data-kind="planned"]')).toHaveCount(0);
    }
    await expect(page.locator('[data-kind="decision"]')).not.toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    // The first page's MediaBox: A4 landscape is 842 x 595 points.
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
    expect(box).not.toBeNull();
    expect(Math.round(Number(box![1]))).toBe(842);
    expect(Math.round(Number(box![2]))).toBe(595);
  });

  test("a bubble opens its initiative by click and by keyboard", async ({ page }) => {
    await loginAs(page, "program_manager");
    await page.goto("/portefolje/boble");
    const node = page.locator(`[data-testid="bubble"][data-initiative-id="${bubble.id}"]`);
    await expect(node).toHaveCount(1);
    await node.hover();
    await expect(node.locator(".pf-bubble__tip")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await node.click();
    await expect(page).toHaveURL(new RegExp(`/initiativer/${bubble.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(bubble.title);

    await page.goto("/portefolje/boble?y=bcr");
    await node.focus();
    await expect(node).toBeFocused();
    await expect(node.locator(".pf-bubble__tip")).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/initiativer/${bubble.id}$`));
  });

  test("lineage draws the portfolio's links with React Flow, each node a link, and lists them as text", async ({ page }) => {
    await loginAs(page, "knowledge_staff");
    await page.goto("/portefolje/slaegt");
    const db = e2eDb();
    const links = (db.prepare("select count(*) as n from initiative_links").get() as { n: number }).n;
    db.close();
    await expect(page.getByTestId("lineage-list").locator("li")).toHaveCount(links);
    await expect(page.getByTestId("lineage-flow").locator(".pf-flow-node a").first()).toBeVisible();
    const nodes = await page.getByTestId("lineage-flow").locator(".pf-flow-node").count();
    expect(nodes).toBeGreaterThan(links);
    await expectNoSeriousA11yViolations(page);
    await page.goto("/portefolje");
    await expectNoSeriousA11yViolations(page);
  });

  test("axe finds nothing serious on Bilag 1 and the bubble chart either", async ({ page }) => {
    await loginAs(page, "program_manager");
    for (const path of ["/portefolje/bilag1", "/portefolje/boble"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });
});
