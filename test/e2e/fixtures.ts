// Playwright fixtures: log in by writing a session row straight into the e2e database (no clicking
// through the login form), and an axe helper that fails on serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import type { Role } from "../../db/schema";

const DATABASE = process.env.E2E_DATABASE ?? "test-results/e2e/e2e.db";

export const DEMO_EMAILS: Record<Role, string> = {
  program_manager: "programleder@susi.test",
  steering_group: "styregruppe@susi.test",
  knowledge_staff: "videnskonsulent@susi.test",
  admin: "admin@susi.test",
  external: "ekstern@susi.test",
};

/** Direct access to the e2e database, for arranging state and checking what was written. */
export function e2eDb() {
  const db = new Database(DATABASE);
  db.pragma("busy_timeout = 5000");
  return db;
}

export async function loginAs(page: Page, role: Role, email = DEMO_EMAILS[role]) {
  const db = e2eDb();
  try {
    const user = db.prepare("select id from users where email = ?").get(email) as { id: number } | undefined;
    if (!user) throw new Error(`No seeded user ${email}`);
    const id = randomBytes(32).toString("base64url");
    const now = new Date();
    db.prepare("insert into sessions (id, user_id, created_at, expires_at) values (?, ?, ?, ?)").run(
      id, user.id, now.toISOString(), new Date(now.getTime() + 86_400_000).toISOString(),
    );
    await page.context().addCookies([{ name: "susi_session", value: id, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  } finally {
    db.close();
  }
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export const test = base;
export { expect };
