// The bench's bare baseline (test/bench/run.ts): a node:http server on better-sqlite3 that answers each
// benchmarked page by running the very SQL statements the app's loaders ran for it (captured by run.ts
// through Kysely's query log, parameters included) and rendering the rows as HTML with template strings:
// a page head, header and footer like the app's, and one table per statement. No framework, no
// hydration data, no JavaScript; statements are prepared once at start.
//   tsx test/bench/bare.ts <config.json>   config: { databasePath, port, pages: BarePage[] }
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { danishSortKey } from "../../db/dialect";

export interface CapturedStatement {
  sql: string;
  params: readonly unknown[];
}

export interface BarePage {
  /** Path and query string, exactly as requested. */
  path: string;
  title: string;
  statements: CapturedStatement[];
}

export interface BareConfig {
  databasePath: string;
  port: number;
  pages: BarePage[];
}

const escapeHtml = (v: unknown) =>
  v === null || v === undefined ? "" : String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);

function table(rows: Record<string, unknown>[]): string {
  if (!rows.length) return "<p>Ingen rækker.</p>";
  const cols = Object.keys(rows[0]);
  return `<div class="app-table-wrap"><table class="table table--compact"><thead><tr>${cols.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${cols.map((c) => `<td>${escapeHtml(r[c])}</td>`).join("")}</tr>`)
    .join("")}</tbody></table></div>`;
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · SUSI Tracker</title><link rel="stylesheet" href="/assets/app.css"></head><body><header class="header"><div class="portal-header"><div class="container"><a href="/" class="logo">SUSI Tracker</a></div></div><nav class="navigation-menu" aria-label="Hovedmenu"><div class="container"><ul class="mainmenu"><li><a href="/initiativer">Initiativer</a></li><li><a href="/portefolje">Portefølje</a></li><li><a href="/udgivelser">Udgivelser</a></li><li><a href="/viden">Viden</a></li></ul></div></nav></header><main id="main-content" class="container page-container"><h1>${escapeHtml(title)}</h1>${body}</main><footer><div class="footer"><div class="container"><p>Social- og Boligstyrelsen</p></div></div></footer></body></html>`;
}

export function startBareServer(config: BareConfig) {
  const sqlite = new Database(config.databasePath);
  sqlite.function("da_sort_key", { deterministic: true }, (v: unknown) => (v === null ? null : danishSortKey(String(v))));
  const pages = new Map(
    config.pages.map((p) => [p.path, { title: p.title, statements: p.statements.map((s) => ({ stmt: sqlite.prepare(s.sql), params: s.params })) }]),
  );
  const server = createServer((req, res) => {
    const page = pages.get(req.url ?? "");
    if (!page) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Ikke fundet");
      return;
    }
    const body = page.statements
      .map(({ stmt, params }) => (stmt.reader ? table(stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), "")))
      .join("");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(layout(page.title, body));
  });
  server.listen(config.port, "127.0.0.1", () => console.log(`bare baseline on http://127.0.0.1:${config.port}`));
  return server;
}

if (process.argv[2]) startBareServer(JSON.parse(readFileSync(process.argv[2], "utf8")) as BareConfig);
