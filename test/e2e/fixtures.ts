// Playwright fixtures: log in by writing a session row straight into the e2e database (no clicking
// through the login form), and an axe helper that fails on serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { historyRowHash } from "../../db/queries/history";
import type { Role } from "../../db/schema";

const DATABASE = process.env.E2E_DATABASE ?? "test-results/e2e/e2e.db";

export const DEMO_EMAILS: Record<Role, string> = {
  program_manager: "programleder@susi.test",
  steering_group: "styregruppe@susi.test",
  knowledge_staff: "videnskonsulent@susi.test",
  admin: "admin@susi.test",
};

/** Direct access to the e2e database, for arranging state and checking what was written. */
export function e2eDb() {
  const db = new Database(DATABASE);
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * A history row arranged straight into the e2e database, chained as appendHistory chains it (the same hash,
 * the head moved in the same transaction), so the audit trail still verifies after a spec arranged state.
 */
export function arrangeHistory(
  db: Database.Database,
  row: { initiative_id: number | null; actor_id: number | null; at: string; action: string; entity: string; entity_id: number | null; before?: unknown; after?: unknown },
) {
  db.transaction(() => {
    const head = db.prepare("update history_chain set length = length + 1 where id = 1 returning last_hash").get() as { last_hash: string };
    const content = {
      initiative_id: row.initiative_id, actor_id: row.actor_id, at: row.at, action: row.action, entity: row.entity, entity_id: row.entity_id,
      before: row.before === undefined ? null : JSON.stringify(row.before), after: row.after === undefined ? null : JSON.stringify(row.after),
    };
    const hash = historyRowHash(head.last_hash, content);
    const info = db.prepare(
      "insert into history (initiative_id, actor_id, at, action, entity, entity_id, before, after, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(content.initiative_id, content.actor_id, content.at, content.action, content.entity, content.entity_id, content.before, content.after, head.last_hash, hash);
    db.prepare("update history_chain set last_id = ?, last_hash = ? where id = 1").run(Number(info.lastInsertRowid), hash);
  })();
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
