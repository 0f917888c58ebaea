// npm run db:generate-bench [-- --size 1k|10k|100k] [--path data/bench/bench-10k.db] [--seed 20261123]: a
// separate SQLite file for benchmarks with the real seed plus `size` generated initiatives and ten
// assessments each (one heavy initiative with 300). Deterministic (seeded PRNG, fixed dates); never the
// app's own database: bench files live in data/bench/ (git-ignored, kept between runs) or test-results/.
// `--path postgres://…/susi_bench` fills a PostgreSQL database instead (its name must contain "bench"; it is
// emptied first) with the very same rows: they are generated into a SQLite file and copied over table by table.
import Database from "better-sqlite3";
import { existsSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { createDb, DEFAULT_DATABASE_PATH, isPostgresUrl, type Db } from "../../db/client";
import { syncIdSequences } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";
import type { Role } from "../../db/schema";
import { historyRowHash } from "../../db/queries/history";
import { seedDatabase } from "../../db/seed";
import type { EvidenceLevel, Judgement } from "../../workflows/assessment";
import type { InitiativeStatus, Outcome } from "../../workflows/decision";
import { gatesBetween, nextPhase, targetPhases, type Phase, type PhasePeriod } from "../../workflows/phase-model";

export const BENCH_SIZES = { "1k": 1_000, "10k": 10_000, "100k": 100_000 } as const;
export type BenchSize = keyof typeof BENCH_SIZES;
/** Where the bench keeps the database of a size; generated once, reused until --fresh or a new generator. */
export const benchDatabasePath = (size: BenchSize) => `data/bench/bench-${size}.db`;
export const DEFAULT_BENCH_DATABASE = benchDatabasePath("10k");
/** Assessments per generated initiative, on average. */
const ASSESSMENTS_PER_INITIATIVE = 10;
/** The one initiative with far more assessments than the rest, for the initiative-page benchmark. */
const HEAVY_ASSESSMENTS = 300;

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness: mulberry32, so the same seed always gives the same database.

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = ReturnType<typeof mulberry32>;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
function weighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of options) {
    if ((r -= w) < 0) return value;
  }
  return options[options.length - 1][0];
}

// ---------------------------------------------------------------------------------------------------
// Word lists. No & < > " ' in them, so a title appears verbatim in the rendered HTML.

const ACTIONS = [
  "Tidlig opsporing af", "Styrket indsats mod", "Samarbejdsmodel om", "Digital støtte ved", "Netværksbaseret indsats mod",
  "Helhedsorienteret forløb ved", "Peer-støtte ved", "Forebyggelse af", "Koordineret indsats mod", "Familiebaseret behandling af",
  "Gruppeforløb om", "Bostøtte ved", "Mentorordning ved", "Brobygning ved", "Tværfaglig udredning af",
  "Kompetenceløft om", "Udgående team ved", "Recovery-orienteret støtte ved", "Rådgivningsforløb om", "Styrket overgang ved",
];
const TOPICS = [
  "ensomhed", "hjemløshed", "misbrug", "psykisk sårbarhed", "skolefravær", "vold i nære relationer", "spiseforstyrrelser",
  "gældsproblemer", "mistrivsel", "selvskade", "kriminalitet", "social isolation", "angst og depression", "ludomani",
  "funktionsnedsættelse", "prostitution", "radikalisering", "omsorgssvigt", "seksuelle overgreb", "ADHD",
  "autisme", "demens", "stress", "traumer", "boligproblemer", "arbejdsløshed", "udsathed", "alkoholproblemer",
  "hashmisbrug", "efterværn",
];
const ADULT_GROUPS = [
  "ældre borgere", "udsatte voksne", "borgere med handicap", "hjemløse kvinder", "pårørende", "forældre med misbrug",
  "veteraner", "borgere på forsorgshjem", "indsatte", "flygtninge", "borgere med senhjerneskade", "udsatte grønlændere",
];
const CHILD_GROUPS = [
  "børn i dagtilbud", "unge 15-25 år", "anbragte børn", "børn i udsatte familier", "skolebørn", "unge på efterskole",
  "børn af psykisk syge", "plejefamilier", "unge i efterværn", "små børn og deres forældre", "unge mødre", "børn med handicap",
];
const QUALIFIERS = ["", "", "", " 2.0", " - videreudvikling", " - afprøvning", " i praksis", " i almen praksis", " på tværs af sektorer"];
const SENTENCES = [
  "Indsatsen bygger på erfaringer fra tidligere satspuljeprojekter.",
  "Kommunerne har efterspurgt en mere ensartet metode.",
  "Målgruppen oplever i dag brudte forløb mellem sektorer.",
  "Der er lovende resultater fra en mindre afprøvning.",
  "Indsatsen kombinerer individuel støtte med gruppeforløb.",
  "Medarbejderne uddannes i en fælles faglig tilgang.",
  "Borgerne inddrages løbende i udviklingen af indsatsen.",
  "Økonomien er vurderet i samarbejde med SØM-modellen.",
  "Indsatsen forankres i den eksisterende kommunale organisation.",
  "Effekten måles med validerede redskaber før og efter forløbet.",
];

function readMunicipalities(): string[] {
  const text = readFileSync(new URL("../../db/seed-data/municipalities.csv", import.meta.url), "utf8");
  return text.trim().split("\n").slice(1).map((line) => line.split(",")[1]).filter(Boolean);
}

function sentences(rng: Rng, min: number, max: number): string {
  return Array.from({ length: int(rng, min, max) }, () => pick(rng, SENTENCES)).join(" ");
}

// ---------------------------------------------------------------------------------------------------
// Dates: fixed, so that the data is deterministic. Stored as ISO strings like the app stores them.

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => iso(ms).slice(0, 10);
const yearStart = (year: number) => Date.UTC(year, 0, 1, 9, 0, 0);

/** The phase periods an initiative has stood in, ending in its current phase. */
function pathTo(rng: Rng, current: PhasePeriod): PhasePeriod[] {
  switch (current) {
    case "screening":
    case "screening_maturation":
      return [current];
    case "maturation":
      return weighted(rng, [[["screening", "maturation"], 1], [["maturation"], 2]] as const).slice();
    case "trial":
      return weighted(rng, [
        [["screening", "maturation", "trial"], 1], [["screening_maturation", "trial"], 1], [["maturation", "trial"], 2], [["trial"], 1],
      ] as const).slice();
    case "dissemination":
      // Dissemination itself is never assessed, so every generated one came through a trial.
      return weighted(rng, [[["maturation", "trial", "dissemination"], 1], [["trial", "dissemination"], 2]] as const).slice();
  }
}

interface Counts {
  initiatives: number;
  agreements: number;
  links: number;
  phasePeriods: number;
  assessments: number;
  judgements: number;
  decisions: number;
  conditions: number;
  history: number;
  releases: number;
}

export interface GenerateResult {
  path: string;
  seed: number;
  generated: Counts;
  /** Rows in the finished database, the real seed included. */
  totals: Record<string, number>;
  ms: number;
}

/** Refuses anything that could be the real database: the bench data must never mix with it. */
function assertBenchPath(path: string) {
  const abs = resolve(path);
  const rel = relative(resolve("data"), abs);
  const inData = !rel.startsWith("..") && rel !== "";
  const inBenchDir = !relative(resolve("data/bench"), abs).startsWith("..");
  if (path === ":memory:" || abs === resolve(DEFAULT_DATABASE_PATH) || (inData && !inBenchDir)) {
    throw new Error(`Refusing to generate benchmark data into ${path}: use data/bench/ or a file outside data/, e.g. ${DEFAULT_BENCH_DATABASE}.`);
  }
  if (process.env.DATABASE_PATH && resolve(process.env.DATABASE_PATH) === abs && !abs.includes(`${sep}test-results${sep}`)) {
    throw new Error(`Refusing to overwrite DATABASE_PATH (${path}); give the bench database its own file.`);
  }
}

/** Deletes and recreates the bench database: migrated, seeded (real initiatives + demo users), then generated data. */
export async function generateBenchDatabase(path = DEFAULT_BENCH_DATABASE, seed = 20261123, initiatives: number = BENCH_SIZES["10k"]): Promise<GenerateResult> {
  if (isPostgresUrl(path)) return generatePostgresBenchDatabase(path, seed, initiatives);
  assertBenchPath(path);
  const started = performance.now();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });

  const kdb = createDb(path);
  try {
    await migrateToLatest(kdb);
    await seedDatabase(kdb, { quiet: true });
  } finally {
    await kdb.destroy();
  }

  const sqlite = new Database(path);
  try {
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = OFF");
    const generated = sqlite.transaction(() => insertGenerated(sqlite, mulberry32(seed), initiatives))();
    const totals: Record<string, number> = {};
    for (const table of ["users", "initiatives", "initiative_agreements", "initiative_links", "phase_periods", "assessments", "assessment_judgements", "decisions", "conditions", "history", "releases"]) {
      totals[table] = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    }
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return { path, seed, generated, totals, ms: performance.now() - started };
  } finally {
    sqlite.close();
  }
}

/** Whether `target` (a SQLite file or a postgres:// URL) already holds a generated bench database. */
export async function benchDatabaseExists(target: string): Promise<boolean> {
  if (!isPostgresUrl(target)) return existsSync(target);
  const db = createDb(target);
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = 'initiatives'`.execute(db);
    if (!Number(rows[0]?.n)) return false;
    const n = await db.selectFrom("initiatives").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    // More than the seed's own 42 initiatives: the generated ones are there.
    return Number(n.n) > 42;
  } finally {
    await db.destroy();
  }
}

/** A PostgreSQL bench database: the SQLite one generated beside the default path, copied row for row. */
async function generatePostgresBenchDatabase(url: string, seed: number, initiatives: number): Promise<GenerateResult> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/bench/i.test(name)) throw new Error(`Refusing to fill ${name} with benchmark data: give the bench database a name containing "bench".`);
  const started = performance.now();
  const source = `${DEFAULT_BENCH_DATABASE.replace(/\.db$/, "")}-postgres-source.db`;
  const generated = await generateBenchDatabase(source, seed, initiatives);
  const from = createDb(source);
  const to = createDb(url);
  try {
    await sql`drop schema public cascade`.execute(to);
    await sql`create schema public`.execute(to);
    await migrateToLatest(to);
    const totals = await copyRows(from, to);
    await sql`analyze`.execute(to);
    return { path: url.replace(/\/\/[^@/]*@/, "//"), seed, generated: generated.generated, totals, ms: performance.now() - started };
  } finally {
    await from.destroy();
    await to.destroy();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(source + suffix, { force: true });
  }
}

/** Copies every application table's rows from SQLite to the freshly migrated PostgreSQL database, parents first. */
async function copyRows(from: Db, to: Db): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'
    and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%_fts%' order by name`.execute(from);
  const { rows: pgTables } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%'`.execute(to);
  const onBoth = new Set(pgTables.map((t) => t.name));
  const names = tables.map((t) => t.name).filter((t) => onBoth.has(t));
  const parents = new Map<string, string[]>();
  for (const t of names) {
    const { rows } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(from);
    parents.set(t, rows.map((r) => r.table).filter((p) => p !== t && names.includes(p)));
  }
  const order: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (order.includes(t) || path.includes(t)) return;
    for (const p of parents.get(t) ?? []) visit(p, [...path, t]);
    order.push(t);
  };
  for (const t of names) visit(t, []);
  const totals: Record<string, number> = {};
  await to.transaction().execute(async (trx) => {
    for (const t of order) {
      const { rows: cols } = await sql<{ name: string }>`select name from pragma_table_info(${t})`.execute(from);
      const { rows: pgCols } = await sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = 'public' and table_name = ${t}`.execute(trx);
      const wanted = new Set(pgCols.map((c) => c.name));
      const columns = cols.map((c) => c.name).filter((c) => wanted.has(c));
      // PostgreSQL takes at most 65,535 parameters per statement.
      const batch = Math.max(1, Math.floor(30_000 / columns.length));
      let copied = 0;
      for (let after = -Infinity; ;) {
        const { rows } = await sql<Record<string, unknown> & { _rowid: number }>`select rowid as _rowid, ${sql.join(columns.map((c) => sql.ref(c)))}
          from ${sql.table(t)} where rowid > ${after === -Infinity ? -1 : after} order by rowid limit ${batch}`.execute(from);
        if (!rows.length) break;
        after = rows[rows.length - 1]._rowid;
        await trx.insertInto(t as never).values(rows.map(({ _rowid, ...row }) => row) as never).execute();
        copied += rows.length;
      }
      totals[t] = copied;
    }
    const { rows: serial } = await sql<{ name: string }>`select table_name as name from information_schema.columns
      where table_schema = 'public' and column_name = 'id' and column_default like 'nextval(%'`.execute(trx);
    await syncIdSequences(trx, serial.map((r) => r.name).filter((t) => order.includes(t)));
  });
  return totals;
}

function insertGenerated(sqlite: Database.Database, rng: Rng, GENERATED_INITIATIVES: number): Counts {
  const GENERATED_ASSESSMENTS = GENERATED_INITIATIVES * ASSESSMENTS_PER_INITIATIVE;
  const municipalities = readMunicipalities();
  const users = sqlite.prepare("select id, role from users order by id").all() as { id: number; role: Role }[];
  const byRole = (roles: Role[]) => users.filter((u) => roles.includes(u.role)).map((u) => u.id);
  const assessors = byRole(["knowledge_staff", "program_manager"]);
  const deciders = byRole(["steering_group", "admin"]);
  const editors = byRole(["program_manager", "admin"]);
  if (!assessors.length || !deciders.length || !editors.length) throw new Error("The seed created no demo users to attribute data to.");

  const maxId = (table: string) => (sqlite.prepare(`select coalesce(max(id), 0) as n from ${table}`).get() as { n: number }).n;
  let initiativeId = maxId("initiatives");
  let assessmentId = maxId("assessments");
  let decisionId = maxId("decisions");
  const firstGeneratedId = initiativeId + 1;

  const insertInitiative = sqlite.prepare(`insert into initiatives
    (id, title, description, area, target_group, agreement_label, framework, track, track_reason, prototype_description,
     phase, status, source_outcome, source_assessment, susi_assessment_made, import_key, created_at, updated_at, version)
    values (@id, @title, @description, @area, @target_group, @agreement_label, @framework, @track, @track_reason, @prototype_description,
     @phase, @status, null, null, null, null, @created_at, @updated_at, @version)`);
  const insertAgreement = sqlite.prepare("insert into initiative_agreements (initiative_id, year) values (?, ?)");
  const insertLink = sqlite.prepare("insert into initiative_links (predecessor_id, successor_id) values (?, ?)");
  const insertPeriod = sqlite.prepare(`insert into phase_periods (initiative_id, phase, planned_start, planned_end, actual_start, actual_end)
    values (?, ?, ?, ?, ?, ?)`);
  const insertAssessment = sqlite.prepare(`insert into assessments
    (id, initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at, version)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertJudgement = sqlite.prepare(`insert into assessment_judgements
    (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
    values (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDecision = sqlite.prepare(`insert into decisions
    (id, initiative_id, assessment_id, outcome, from_phase, to_phase, resulting_phase, resulting_status, rationale, flexibly_passed, decided_by, decided_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertCondition = sqlite.prepare(`insert into conditions
    (initiative_id, decision_id, text, owner, due_date, status, carried_from_id, resolved_by_decision_id, resolved_at)
    values (?, ?, ?, ?, ?, ?, null, ?, ?)`);
  const insertRelease = sqlite.prepare(`insert into releases
    (id, root_id, previous_id, edition, edition_kind, initiative_id, phase, decision_id, slug, title, summary, body_md, area, maturity,
     search_text, status, author_id, requested_by_id, contributor_ids, submitted_at, reviewer_id, reviewed_at, published_at, version, created_at, updated_at)
    values (@id, null, null, 1, null, @initiative_id, @phase, @decision_id, @slug, @title, @summary, @body_md, @area, @maturity,
     @search_text, 'published', @author_id, null, '[]', @at, @reviewer_id, @at, @at, 3, @at, @at)`);
  const insertAudience = sqlite.prepare("insert into release_audiences (release_id, audience) values (?, ?)");
  const insertTopic = sqlite.prepare("insert into release_topics (release_id, topic_key, topic) values (?, ?, ?)");
  const insertArea = sqlite.prepare("insert into release_areas (release_id, area) values (?, ?)");
  let releaseId = maxId("releases");
  const knowledge = byRole(["knowledge_staff"]);
  const insertHistory = sqlite.prepare(`insert into history (initiative_id, actor_id, at, action, entity, entity_id, before, after, prev_hash, hash)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // The bulk load chains its rows as appendHistory does (same hash), and moves the chain's head at the end.
  const moveHead = sqlite.prepare("update history_chain set length = length + 1, last_id = ?, last_hash = ? where id = 1");
  let lastHash = (sqlite.prepare("select last_hash from history_chain where id = 1").get() as { last_hash: string }).last_hash;

  const counts: Counts = { initiatives: 0, agreements: 0, links: 0, phasePeriods: 0, assessments: 0, judgements: 0, decisions: 0, conditions: 0, history: 0, releases: 0 };
  const history = (initiative: number, actor: number | null, at: number, action: string, entity: string, entityId: number, before: unknown, after: unknown) => {
    const row = {
      initiative_id: initiative, actor_id: actor, at: iso(at), action, entity, entity_id: entityId,
      before: before == null ? null : JSON.stringify(before), after: after == null ? null : JSON.stringify(after),
    };
    const hash = historyRowHash(lastHash, row);
    const { lastInsertRowid } = insertHistory.run(row.initiative_id, row.actor_id, row.at, row.action, row.entity, row.entity_id, row.before, row.after, lastHash, hash);
    moveHead.run(Number(lastInsertRowid), hash);
    lastHash = hash;
    counts.history++;
  };

  // How many assessments each initiative gets: one heavy initiative, the rest 4–16, adjusted to the exact total.
  const perInitiative = Array.from({ length: GENERATED_INITIATIVES }, (_, i) => (i === 0 ? HEAVY_ASSESSMENTS : int(rng, 4, 16)));
  let diff = GENERATED_ASSESSMENTS - perInitiative.reduce((s, n) => s + n, 0);
  while (diff !== 0) {
    const i = int(rng, 1, GENERATED_INITIATIVES - 1);
    if (diff > 0 && perInitiative[i] < 30) { perInitiative[i]++; diff--; }
    else if (diff < 0 && perInitiative[i] > 2) { perInitiative[i]--; diff++; }
  }

  const made: { id: number; title: string; startYear: number }[] = [];
  for (let n = 0; n < GENERATED_INITIATIVES; n++) {
    const id = ++initiativeId;
    const area = rng() < 0.5 ? "adults" : "children";
    const group = pick(rng, area === "adults" ? ADULT_GROUPS : CHILD_GROUPS);
    const firstYear = int(rng, 2017, 2026);
    const years = Array.from({ length: Math.min(int(rng, 1, 3), 2026 - firstYear + 1) }, (_, k) => firstYear + k);
    const framework = years[years.length - 1] >= 2022 ? "susi2" : "susi1";
    const phase: PhasePeriod = n === 0 ? "trial" : weighted(rng, [
      ["screening", 15], ["screening_maturation", 10], ["maturation", 30], ["trial", 30], ["dissemination", 15],
    ] as const);
    const status: InitiativeStatus = n === 0 ? "active" : phase === "dissemination"
      ? weighted(rng, [["active", 3], ["completed", 7]] as const)
      : weighted(rng, [["active", 55], ["on_hold", 10], ["completed", 20], ["stopped", 15]] as const);
    const track = framework === "susi2" && phase !== "screening" ? weighted(rng, [[1, 5], [2, 4], [null, 1]] as const) : null;

    // Some initiatives continue an earlier one: the successor is linked and borrows its title.
    const predecessor = made.length > 50 && rng() < 0.08 ? made[int(rng, 0, made.length - 1)] : undefined;
    const linked = predecessor && predecessor.startYear < firstYear ? predecessor : undefined;
    const title = linked
      ? `${linked.title.replace(/ - (videreudvikling|afprøvning|udbredelse)$/u, "")} - ${pick(rng, ["videreudvikling", "afprøvning", "udbredelse"])}`
      : `${pick(rng, ACTIONS)} ${pick(rng, TOPICS)} blandt ${group}${rng() < 0.4 ? ` i ${pick(rng, municipalities)}` : pick(rng, QUALIFIERS)}`;

    const path = pathTo(rng, phase);
    const createdAt = yearStart(firstYear) + int(rng, 0, 150) * DAY;
    const periodLength = 365 * DAY;
    const updatedAt = createdAt + path.length * periodLength;

    insertInitiative.run({
      id, title, description: sentences(rng, 1, 3), area, target_group: group, agreement_label: `UIP ${years.join(", ")}`, framework,
      track, track_reason: track ? sentences(rng, 1, 1) : "", prototype_description: phase === "screening" ? "" : sentences(rng, 0, 2),
      phase, status, created_at: iso(createdAt), updated_at: iso(updatedAt), version: 1 + path.length,
    });
    counts.initiatives++;
    const creator = pick(rng, editors);
    history(id, creator, createdAt, "initiative.created", "initiative", id, null, { title, phase: path[0], status: "active", track });
    for (const y of years) { insertAgreement.run(id, y); counts.agreements++; }
    if (linked) {
      insertLink.run(linked.id, id);
      counts.links++;
      history(linked.id, creator, createdAt, "initiative.linked", "initiative_link", id, null, { predecessor_id: linked.id, successor_id: id });
    }
    made.push({ id, title, startYear: firstYear });

    path.forEach((p, k) => {
      const start = createdAt + k * periodLength;
      const done = k < path.length - 1;
      insertPeriod.run(id, p, isoDay(start), isoDay(start + periodLength), isoDay(start + int(rng, 0, 30) * DAY), done ? isoDay(start + periodLength - DAY) : null);
      counts.phasePeriods++;
    });

    // Assessments: first one submitted assessment per step the initiative actually took (decisions refer
    // to them), then further assessments of spans it could have taken, oldest first.
    const spans: { from: PhasePeriod; to: Phase; step: number | null }[] = [];
    for (let k = 0; k < path.length - 1; k++) spans.push({ from: path[k], to: path[k + 1] as Phase, step: k });
    const assessable = path.filter((p) => p !== "dissemination");
    while (spans.length < perInitiative[n]) {
      const from = pick(rng, assessable);
      const next = nextPhase(from);
      const to = next && rng() < 0.8 ? next : pick(rng, targetPhases(from));
      spans.push({ from, to, step: null });
    }
    spans.length = perInitiative[n];
    const stepAssessment = new Map<number, number>();
    const drafts = new Set<string>();
    const span = updatedAt - createdAt;
    spans.forEach((s, k) => {
      const aid = ++assessmentId;
      const at = createdAt + Math.floor(((k + 1) / (spans.length + 1)) * span);
      // At most one draft per span (the app's rule); mostly for the phase the initiative stands in now.
      const spanKey = `${s.from}>${s.to}`;
      const draft = s.step === null && !drafts.has(spanKey) && rng() < (s.from === phase && status === "active" ? 0.5 : 0.05);
      if (draft) drafts.add(spanKey);
      const author = pick(rng, assessors);
      const criteria = gatesBetween(s.from, s.to).flatMap((g) => g.criteria);
      const judged = draft ? criteria.slice(0, int(rng, 0, criteria.length)) : criteria;
      const submittedAt = draft ? null : at + int(rng, 1, 20) * DAY;
      insertAssessment.run(
        aid, id, s.from, s.to, draft ? "draft" : "submitted", draft ? "" : sentences(rng, 1, 3), draft ? "" : pick(rng, ["Go", "Betinget go", "Gentag fasen", "Stop"]),
        author, iso(at), draft ? null : author, submittedAt === null ? null : iso(submittedAt), 1 + judged.length + (draft ? 0 : 1),
      );
      counts.assessments++;
      history(id, author, at, "assessment.created", "assessment", aid, null, { from_phase: s.from, to_phase: s.to });
      for (const c of judged) {
        const judgement: Judgement = weighted(rng, [["met", 55], ["partly_met", 25], ["not_met", 12], ["not_assessed", 8]] as const);
        const level: EvidenceLevel | null = judgement === "not_assessed" ? null : weighted(rng, [["1", 1], ["2", 2], ["3", 4], ["practice", 3], [null, 1]] as const);
        insertJudgement.run(aid, c.id, judgement, judgement === "not_assessed" ? "" : sentences(rng, 1, 2), level,
          judgement === "partly_met" ? sentences(rng, 1, 1) : "", author, iso(at + DAY));
        counts.judgements++;
      }
      if (submittedAt !== null) {
        history(id, author, submittedAt, "assessment.submitted", "assessment", aid, { status: "draft" }, { status: "submitted" });
        if (s.step !== null) stepAssessment.set(s.step, aid);
      }
    });

    // Decisions: a Go (or Conditional Go) for each step taken, then a Stop or Hold where the status says so.
    const decide = (outcome: Outcome, from: PhasePeriod, to: Phase | null, resultingPhase: PhasePeriod, resultingStatus: InitiativeStatus, assessment: number | null, at: number) => {
      const did = ++decisionId;
      const by = pick(rng, deciders);
      insertDecision.run(did, id, assessment, outcome, from, to, resultingPhase, resultingStatus, sentences(rng, 1, 2), "[]", by, iso(at));
      counts.decisions++;
      history(id, by, at, "decision.made", "decision", did, { phase: from, status: "active" }, { outcome, phase: resultingPhase, status: resultingStatus });
      return did;
    };
    const conditional: { decision: number; at: number }[] = [];
    let lastGo: { id: number; phase: PhasePeriod; at: number } | undefined;
    for (let k = 0; k < path.length - 1; k++) {
      const at = createdAt + (k + 1) * periodLength;
      const outcome: Outcome = rng() < 0.25 ? "conditional_go" : "go";
      const did = decide(outcome, path[k], path[k + 1] as Phase, path[k + 1], "active", stepAssessment.get(k) ?? null, at);
      if (outcome === "conditional_go") conditional.push({ decision: did, at });
      lastGo = { id: did, phase: path[k + 1], at };
    }
    let closing: number | null = null;
    // Completed initiatives outside dissemination were continued by a successor; they get no closing decision.
    if (status === "stopped" || status === "on_hold") {
      const outcome: Outcome = status === "on_hold" ? "hold" : "stop";
      const target = nextPhase(phase);
      closing = decide(outcome, phase, outcome === "stop" ? null : target, phase, status, null, updatedAt);
    }
    // About one in forty initiatives that passed a gate has a published knowledge release from that decision.
    if (lastGo && rng() < 0.025) {
      const rid = ++releaseId;
      const topics = [...new Set([pick(rng, TOPICS), pick(rng, TOPICS)])].sort();
      const summary = sentences(rng, 1, 2);
      const body = [`## Baggrund`, sentences(rng, 3, 6), `## Resultater`, sentences(rng, 3, 6), `- ${sentences(rng, 1, 1)}\n- ${sentences(rng, 1, 1)}`, `## Anbefalinger`, sentences(rng, 2, 4)].join("\n\n");
      const releaseTitle = `Viden fra ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
      insertRelease.run({
        id: rid, initiative_id: id, phase: lastGo.phase, decision_id: lastGo.id, slug: `viden-${rid}`, title: releaseTitle, summary, body_md: body,
        area, maturity: pick(rng, ["preliminary", "tested", "documented"]), search_text: [releaseTitle, summary, body, topics.join(" ")].join("\n").toLocaleLowerCase("da-DK"),
        author_id: pick(rng, knowledge.length ? knowledge : assessors), reviewer_id: pick(rng, knowledge.length ? knowledge : assessors), at: iso(lastGo.at + 30 * DAY),
      });
      for (const a of ["municipalities", "social_services", "civil_society"]) if (rng() < 0.6) insertAudience.run(rid, a);
      for (const t of topics) insertTopic.run(rid, t.toLocaleLowerCase("da-DK"), t);
      insertArea.run(rid, area);
      counts.releases++;
    }
    for (const c of conditional) {
      for (let k = int(rng, 1, 2); k > 0; k--) {
        const resolved = closing !== null && rng() < 0.7;
        insertCondition.run(id, c.decision, sentences(rng, 1, 1), pick(rng, ["Projektleder", "Kommunen", "Socialstyrelsen", "Styregruppen"]),
          isoDay(c.at + int(rng, 60, 365) * DAY), resolved ? "closed" : "open", resolved ? closing : null, resolved ? iso(updatedAt) : null);
        counts.conditions++;
      }
    }
  }
  if (made[0].id !== firstGeneratedId) throw new Error("Generated ids are not contiguous");
  return counts;
}

export function formatGenerateResult(r: GenerateResult): string[] {
  const g = r.generated;
  return [
    `Benchmark database ${r.path} (seed ${r.seed}) generated in ${(r.ms / 1000).toFixed(1)} s`,
    `  generated: ${g.initiatives.toLocaleString("en")} initiatives, ${g.assessments.toLocaleString("en")} assessments, ` +
      `${g.judgements.toLocaleString("en")} judgements, ${g.decisions.toLocaleString("en")} decisions, ${g.conditions.toLocaleString("en")} conditions, ` +
      `${g.agreements.toLocaleString("en")} agreement years, ${g.phasePeriods.toLocaleString("en")} phase periods, ${g.links.toLocaleString("en")} links, ` +
      `${g.history.toLocaleString("en")} history rows, ${g.releases.toLocaleString("en")} published releases`,
    `  totals (with the real seed): ${Object.entries(r.totals).map(([t, n]) => `${t} ${n.toLocaleString("en")}`).join(", ")}`,
  ];
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const { values } = parseArgs({ options: { path: { type: "string" }, seed: { type: "string" }, size: { type: "string", default: "10k" } } });
  try {
    if (!(values.size in BENCH_SIZES)) throw new Error(`--size must be one of ${Object.keys(BENCH_SIZES).join(", ")}`);
    const size = values.size as BenchSize;
    const result = await generateBenchDatabase(values.path ?? benchDatabasePath(size), values.seed ? Number(values.seed) : undefined, BENCH_SIZES[size]);
    for (const line of formatGenerateResult(result)) console.log(line);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  }
}
