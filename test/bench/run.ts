// npm run bench [-- --no-build] [--fresh] [--path test-results/bench/bench.db] [--port 3200] [--runs 50] [--warmup 10]
// Measures the initiative list and an initiative page of the production build against the 10,000-initiative
// bench database (median under 100 ms each), then the SØM engine figures. Exits non-zero on a missed target.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { parseArgs } from "node:util";
import { createDb, isPostgresUrl } from "../../db/client";
import { describeDialect } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";
import { listAssessments } from "../../db/queries/assessments";
import { listInitiatives, type InitiativeFilters } from "../../db/queries/initiatives";
import { createSession, deleteSession, getUserByEmail } from "../../db/queries/users";
import { benchDatabaseExists, DEFAULT_BENCH_DATABASE, formatGenerateResult, generateBenchDatabase } from "./generate";

const TARGET_MS = 100;
const BENCH_USER = "programleder@susi.test";

const { values: opts } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    path: { type: "string", default: DEFAULT_BENCH_DATABASE },
    port: { type: "string", default: "3200" },
    runs: { type: "string", default: "50" },
    warmup: { type: "string", default: "10" },
  },
});
const port = Number(opts.port);
const runs = Math.max(50, Number(opts.runs));
const warmup = Math.max(0, Number(opts.warmup));
const origin = `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------------
// The server child process, stopped whatever happens (error, Ctrl-C, normal end).

let server: ChildProcess | undefined;
const serverLog: string[] = [];

function serverRunning() {
  return !!server && server.exitCode === null && server.signalCode === null;
}

async function stopServer() {
  if (!server || !serverRunning()) return;
  const child = server;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), 5000).unref());
  if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
}

/** The bench session row, removed again at the end so the bench database holds no stray logins. */
let session: { databasePath: string; id: string } | undefined;

async function removeSession() {
  if (!session) return;
  const { databasePath, id } = session;
  session = undefined;
  const db = createDb(databasePath);
  try {
    await deleteSession(db, id);
  } finally {
    await db.destroy();
  }
}

/** Stops the server and removes the session; safe to call more than once. */
async function cleanUp() {
  try {
    await stopServer();
  } finally {
    await removeSession();
  }
}

process.on("exit", () => {
  if (serverRunning()) server?.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the server`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function portInUse(p: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(p, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); done(true); });
    socket.once("error", () => done(false));
  });
}

async function startServer(databasePath: string) {
  // A server already on the port would be measured instead of ours, against who knows which database.
  if (await portInUse(port)) throw new Error(`Port ${port} is already in use; stop that process or pass --port.`);
  server = spawn(process.execPath, ["server.js"], {
    // --path is a SQLite file or a postgres:// URL (a database whose name contains "bench").
    env: { ...process.env, ...(isPostgresUrl(databasePath) ? { DATABASE_URL: databasePath } : { DATABASE_PATH: databasePath, DATABASE_URL: "" }), PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => serverLog.push(chunk));
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!serverRunning()) throw new Error(`The server exited (code ${server.exitCode}):\n${serverLog.join("")}`);
    try {
      const res = await fetch(`${origin}/login`, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server did not answer on ${origin}/login within 30 s:\n${serverLog.join("")}`);
}

// ---------------------------------------------------------------------------------------------------
// Measurement

interface Case {
  name: string;
  path: string;
  /** Throws with a reason when the page is not the one expected; keeps a fast error page from passing. */
  check: (html: string) => void;
}

interface Figures {
  name: string;
  median: number;
  p95: number;
  min: number;
  max: number;
}

function quantile(sorted: number[], q: number) {
  // Nearest rank: the smallest value with at least q of the samples at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function median(sorted: number[]) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measure(c: Case, cookie: string): Promise<Figures> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(origin + c.path, { headers: { Cookie: cookie, Accept: "text/html" }, redirect: "manual" });
    const html = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${c.name}: GET ${c.path} answered ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`);
    c.check(html);
    return ms;
  };
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  samples.sort((a, b) => a - b);
  return { name: c.name, median: median(samples), p95: quantile(samples, 0.95), min: samples[0], max: samples[samples.length - 1] };
}

/** Text as React renders it into HTML. */
function escapeHtml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

function expectIn(html: string, fragment: string, what: string) {
  if (!html.includes(fragment)) throw new Error(`the response does not contain ${what} (${fragment})`);
}

function toQuery(filters: InitiativeFilters, page: number) {
  const params = new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, String(v)]));
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1).padStart(6)} ms`;

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const databasePath = opts.path;

  if (!opts["no-build"]) {
    console.log("Building the production bundle (npm run build; --no-build to reuse build/)…");
    const build = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
  } else if (!existsSync("build/server/index.js")) {
    throw new Error("--no-build given but build/server/index.js is missing; run npm run build first.");
  }

  if (opts.fresh || !(await benchDatabaseExists(databasePath))) {
    console.log(`Generating ${databasePath}…`);
    for (const line of formatGenerateResult(await generateBenchDatabase(databasePath))) console.log(line);
  }

  // The expected content of each page comes from the same query functions the routes call.
  const db = createDb(databasePath);
  const sessionId = randomBytes(32).toString("base64url");
  const cases: Case[] = [];
  try {
    await migrateToLatest(db); // a bench database made before a new migration (an index, say) gets it
    const counts = await db.selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const assessmentCount = await db.selectFrom("assessments").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    console.log(`Bench database (${describeDialect(db)}) ${databasePath.replace(/\/\/[^@/]*@/, "//")}: ${Number(counts.n).toLocaleString("en")} initiatives, ${Number(assessmentCount.n).toLocaleString("en")} assessments`);

    const user = await getUserByEmail(db, BENCH_USER);
    if (!user) throw new Error(`No user ${BENCH_USER} in ${databasePath}; regenerate it with --fresh.`);
    const now = new Date();
    await createSession(db, { id: sessionId, userId: user.id, now: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString() });
    session = { databasePath, id: sessionId };

    const listCase = async (name: string, filters: InitiativeFilters, page: number) => {
      const expected = await listInitiatives(db, filters, page);
      if (!expected.rows.length) throw new Error(`${name}: the bench data has no rows for ${toQuery(filters, page)}; pick other filters.`);
      const first = expected.rows[0].title;
      cases.push({
        name: `${name} (${expected.total.toLocaleString("en")} matches)`,
        path: `/initiativer${toQuery(filters, page)}`,
        check: (html) => {
          expectIn(html, "<h1>Initiativer</h1>", "the list heading");
          expectIn(html, `>${escapeHtml(first)}</a>`, "the first expected row");
        },
      });
    };
    await listCase("initiative list, page 1", {}, 1);
    await listCase("initiative list, area+phase+q", { area: "adults", phase: "trial", q: "ensomhed" }, 1);
    await listCase("initiative list, year+status", { year: 2024, status: "active" }, 1);
    await listCase("initiative list, page 200", {}, 200);

    const heavy = await db
      .selectFrom("assessments").select(["initiative_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("initiative_id").orderBy("n", "desc").limit(1).executeTakeFirstOrThrow();
    const initiative = await db.selectFrom("initiatives").select(["id", "title"]).where("id", "=", heavy.initiative_id).executeTakeFirstOrThrow();
    const assessments = (await listAssessments(db, initiative.id)).length;
    cases.push({
      name: `initiative page (${assessments} assessments)`,
      path: `/initiativer/${initiative.id}`,
      check: (html) => {
        expectIn(html, `<h1>${escapeHtml(initiative.title)}</h1>`, "the initiative's title as heading");
        const links = html.match(new RegExp(`href="/initiativer/${initiative.id}/vurdering/\\d+"`, "g"))?.length ?? 0;
        if (links !== assessments) throw new Error(`expected ${assessments} assessment links, found ${links}`);
      },
    });
    cases.push(...(await (await import("./portfolio")).portfolioBenchCases(db)));
  } finally {
    await db.destroy();
  }

  const results: Figures[] = [];
  try {
    await startServer(databasePath);
    console.log(`Server (production build) on ${origin}; ${warmup} warm-up + ${runs} timed sequential requests per case\n`);
    for (const c of cases) results.push(await measure(c, `susi_session=${sessionId}`));
  } finally {
    await cleanUp();
  }

  const missed: string[] = [];
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const ok = r.median < TARGET_MS;
    if (!ok) missed.push(`${r.name}: median ${r.median.toFixed(1)} ms ≥ ${TARGET_MS} ms`);
    console.log(`${r.name.padEnd(width)}  median ${fmt(r.median)}  p95 ${fmt(r.p95)}  min ${fmt(r.min)}  max ${fmt(r.max)}  target < ${TARGET_MS} ms  ${ok ? "OK" : "MISSED"}`);
  }

  missed.push(...(await runSom()));

  if (missed.length) {
    console.log(`\nTargets missed:\n${missed.map((m) => `  - ${m}`).join("\n")}`);
    return 1;
  }
  console.log("\nAll targets met.");
  return 0;
}

/** The SØM engine figures from test/bench/som.ts, when that benchmark exists. Returns the missed targets. */
async function runSom(): Promise<string[]> {
  const url = new URL("./som.ts", import.meta.url);
  if (!existsSync(url)) {
    console.log("\nSØM engine: test/bench/som.ts not found, skipped.");
    return [];
  }
  // A computed specifier, so that typechecking does not depend on the file existing yet.
  const mod = (await import(url.href)) as { runSomBench?: () => Promise<{ name: string; medianMs: number; target: unknown; ok: boolean }[]> };
  if (typeof mod.runSomBench !== "function") throw new Error("test/bench/som.ts does not export runSomBench()");
  console.log("\nSØM engine");
  const rows = await mod.runSomBench();
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  const missed: string[] = [];
  for (const r of rows) {
    const target = typeof r.target === "number" ? `< ${r.target} ms` : String(r.target);
    console.log(`${r.name.padEnd(width)}  median ${fmt(r.medianMs)}  target ${target}  ${r.ok ? "OK" : "MISSED"}`);
    if (!r.ok) missed.push(`SØM ${r.name}: median ${r.medianMs.toFixed(1)} ms, target ${target}`);
  }
  return missed;
}

main()
  .then((code) => { process.exitCode = code; })
  .catch(async (e) => {
    console.error(`\nBenchmark failed: ${e instanceof Error ? e.message : String(e)}`);
    await cleanUp();
    process.exitCode = 1;
  });
