// Playwright fixtures: log in by writing a session row straight into the e2e database (no clicking
// through the login form), and an axe helper that fails on serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { historyRowHash } from "../../db/queries/history";
import type { Role } from "../../db/schema";

const DATABASE = process.env.E2E_DATABASE ?? "test-results/e2e/e2e.db";

export const DEMO_EMAILS: Record<Role, string> = {
  program_manager: "programleder@susi.test",
  steering_group: "styregruppe@susi.test",
  knowledge_staff: "videnskonsulent@susi.test",
  admin: "admin@susi.test",
  external: "ekstern@susi.test",
};

/** The part of better-sqlite3's API the specs use; on the PostgreSQL run (E2E_DATABASE_URL) a synchronous stand-in. */
export interface E2eStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
export interface E2eDb {
  prepare(sql: string): E2eStatement;
  /** Runs statements without parameters (DDL). */
  exec(sql: string): unknown;
  close(): void;
}

/** Which database the e2e server runs on (specs that touch DDL say it in each dialect). */
export const E2E_DIALECT: "sqlite" | "postgres" = process.env.E2E_DATABASE_URL ? "postgres" : "sqlite";

/**
 * Direct access to the e2e database, for arranging state and checking what was written: the SQLite file, or
 * with E2E_DATABASE_URL (playwright.postgres.config.ts) the PostgreSQL database the server uses. Write
 * SQL both run (`?` placeholders are numbered for PostgreSQL; an insert's `lastInsertRowid` is its `id`).
 */
export function e2eDb(): E2eDb {
  const url = process.env.E2E_DATABASE_URL;
  if (url) return new PgSync(url);
  const db = new Database(DATABASE);
  db.pragma("busy_timeout = 5000");
  return db;
}

// node-postgres is asynchronous and the specs' arranging code is not: a worker thread runs each query while
// this thread waits on a shared flag (Atomics.wait), then takes the answer off the port synchronously.
const PG_WORKER = `
const { workerData } = require("node:worker_threads");
const pg = require("pg");
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(16, (v) => (v === "t" ? 1 : 0));
const flag = new Int32Array(workerData.shared);
const client = new pg.Client({ connectionString: workerData.url, application_name: "susi-e2e-arrange" });
const ready = client.connect();
workerData.port.on("message", async (m) => {
  let out;
  try {
    await ready;
    if (m.close) { await client.end(); out = { rows: [], rowCount: 0 }; }
    else { const r = await client.query(m.sql, m.params); out = { rows: r.rows, rowCount: r.rowCount ?? 0 }; }
  } catch (e) {
    out = { error: String((e && e.message) || e) };
  }
  workerData.port.postMessage(out);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

class PgSync implements E2eDb {
  readonly #flag = new Int32Array(new SharedArrayBuffer(4));
  readonly #port: MessagePort;
  readonly #worker: Worker;
  constructor(url: string) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(PG_WORKER, { eval: true, workerData: { url, shared: this.#flag.buffer, port: port2 }, transferList: [port2] });
  }

  #call(message: { sql?: string; params?: unknown[]; close?: boolean }): { rows: Record<string, unknown>[]; rowCount: number } {
    Atomics.store(this.#flag, 0, 0);
    this.#port.postMessage(message);
    if (Atomics.wait(this.#flag, 0, 0, 60_000) === "timed-out") throw new Error(`PostgreSQL did not answer: ${message.sql}`);
    const answer = receiveMessageOnPort(this.#port)?.message as { rows: Record<string, unknown>[]; rowCount: number; error?: string };
    if (!answer) throw new Error("No answer from the PostgreSQL worker");
    if (answer.error) throw new Error(`${answer.error}\n${message.sql}`);
    return answer;
  }

  prepare(sql: string): E2eStatement {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const insert = /^\s*insert\b/i.test(text) && !/\breturning\b/i.test(text);
    return {
      get: (...params) => this.#call({ sql: text, params }).rows[0],
      all: (...params) => this.#call({ sql: text, params }).rows,
      run: (...params) => {
        const r = this.#call({ sql: insert ? `${text} returning *` : text, params });
        return { changes: r.rowCount, lastInsertRowid: Number(r.rows[0]?.id ?? 0) };
      },
    };
  }

  exec(sql: string) {
    return this.#call({ sql });
  }

  close() {
    this.#call({ close: true });
    void this.#worker.terminate();
  }
}

/**
 * A history row arranged straight into the e2e database, chained as appendHistory chains it (the same hash,
 * the head moved in the same transaction), so the audit trail still verifies after a spec arranged state.
 */
export function arrangeHistory(
  db: E2eDb,
  row: { initiative_id: number | null; actor_id: number | null; at: string; action: string; entity: string; entity_id: number | null; before?: unknown; after?: unknown },
) {
  db.prepare("begin").run();
  try {
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
    db.prepare("commit").run();
  } catch (error) {
    db.prepare("rollback").run();
    throw error;
  }
}

/**
 * A steering-group meeting held today (Copenhagen) with every active member present (quorate), no chair (any
 * member records the outcome) and these initiatives on its agenda: a decision is taken at a meeting
 * (DECISIONS 0088), and the decision page preselects it. Returns the meeting's id.
 */
export function arrangeMeeting(...initiativeIds: number[]): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen" }).format(new Date());
    const members = db.prepare("select id from users where role = 'steering_group' and active = 1 order by id").all() as { id: number }[];
    const id = Number(db.prepare(
      "insert into meetings (date, title, location, status, chair_id, created_by, created_at, updated_at, version) values (?, '', '', 'held', null, ?, ?, ?, 1)",
    ).run(today, members[0].id, now, now).lastInsertRowid);
    for (const m of members) db.prepare("insert into meeting_members_present (meeting_id, user_id) values (?, ?)").run(id, m.id);
    initiativeIds.forEach((initiativeId, i) => {
      db.prepare("insert into meeting_agenda_items (meeting_id, initiative_id, position, added_by, added_at) values (?, ?, ?, ?, ?)")
        .run(id, initiativeId, i + 1, members[0].id, now);
    });
    return id;
  } finally {
    db.close();
  }
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

/** The newest seeded initiative of area Voksne (the specs' releases go there, so Børn og unge counts stay put). */
export function adultsInitiative(): { id: number; title: string } {
  const db = e2eDb();
  try {
    return db.prepare("select id, title from initiatives where area = 'adults' order by id desc limit 1").get() as { id: number; title: string };
  } finally {
    db.close();
  }
}

/**
 * As knowledge staff, in the real UI: drafts a release on the initiative (area Voksne, Afprøvet, with the body if
 * given) and force-publishes it, then logs out. Returns the release's id.
 */
export async function publishRelease(page: Page, initiativeId: number, title: string, bodyMarkdown?: string): Promise<number> {
  await loginAs(page, "knowledge_staff");
  await page.goto(`/udgivelser/ny?initiative=${initiativeId}`);
  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page.getByLabel("Resumé").fill("Hvad afprøvningen lærte, skrevet til kommuner og tilbud.");
  await page.getByRole("group", { name: "Område" }).getByLabel("Voksne").check();
  await page.getByRole("group", { name: "Vidensniveau" }).getByLabel("Afprøvet").check();
  if (bodyMarkdown !== undefined) await page.getByLabel("Tekst (valgfrit)").fill(bodyMarkdown);
  await page.getByRole("button", { name: "Opret kladde" }).click();
  await expect(page).toHaveURL(/\/udgivelser\/\d+$/);
  const id = Number(/\/udgivelser\/(\d+)$/.exec(page.url())![1]);
  await page.getByText("Udgiv uden kvalitetssikring (hastesag)").click();
  await page.getByLabel("Begrundelse for at udgive uden kvalitetssikring").fill("Kommunerne skal have det nu.");
  await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
  await page.getByRole("button", { name: "Ja, udgiv" }).click();
  await expect(page.getByRole("button", { name: "Start ny udgave" })).toBeVisible();
  await page.context().clearCookies();
  return id;
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export const test = base;
export { expect };
