// A crawler that checks what users see on every page they can reach, per role and per language. For each of
// anonymous, program manager, steering group, knowledge staff and admin, in Danish and in English (the `lang`
// cookie the header's "English" button sets), it starts at the pages that role lands on plus pages of records
// arranged below, and follows same-origin links breadth-first (GET only, never a form). Every page must:
//   1. answer < 400, save a 403 or login redirect for a start page the role may not open (a link to a page
//      the role cannot open is the bug: users should not be shown links they cannot follow);
//   2. show no raw i18n keys;
//   3. show no ISO dates or timestamps, and (in Danish) no English-formatted amounts;
//   4. in English, show no Danish dictionary string whose English differs (data such as titles is Danish);
//   5. have <html lang> = the language, exactly one h1 and a non-empty title;
//   6. log no console errors and have no failed requests.
// Downloads (.xlsx, .csv, .atom) are fetched with page.request instead and must answer < 400 with their type.
// Each role and language is its own test; its failures are collected into one table before it fails.
import { readdirSync, writeFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { Role } from "../../db/schema";
import { admin } from "../../app/i18n/admin";
import { assessments } from "../../app/i18n/assessments";
import { common } from "../../app/i18n/common";
import { decisions } from "../../app/i18n/decisions";
import { glossary } from "../../app/i18n/glossary";
import { governance } from "../../app/i18n/governance";
import { history } from "../../app/i18n/history";
import { initiativeLists } from "../../app/i18n/initiative-lists";
import { portfolio } from "../../app/i18n/portfolio";
import { mail } from "../../app/i18n/mail";
import { publicInfo } from "../../app/i18n/public-info";
import { account } from "../../app/i18n/account";
import { governanceRules } from "../../app/i18n/governance-rules";
import { meetings } from "../../app/i18n/meetings";
import { initiatives } from "../../app/i18n/initiatives";
import { portal } from "../../app/i18n/portal";
import { releases } from "../../app/i18n/releases";
import { som } from "../../app/i18n/som";
import { somKnowledge } from "../../app/i18n/som-knowledge";
import { somWorkbook } from "../../app/i18n/som-workbook";
import { csvImport } from "../../app/i18n/csv-import";
import { subscriptions } from "../../app/i18n/subscriptions";
import { arrangeHistory, arrangeMeeting, e2eDb, expect, loginAs, test } from "./fixtures";

type Lang = "da" | "en";
type Who = Role | "anonymous";

const ROLES: Who[] = ["anonymous", "program_manager", "steering_group", "knowledge_staff", "admin"];
const LANGS: Lang[] = ["da", "en"];
/** Pages per role and language; pages per route shape (ids replaced, query keys only) once discovered by a link. */
const MAX_PAGES = 150;
const MAX_PER_SHAPE = 2;
/** Pages loaded at once in one role's and language's crawl. */
const TABS = 3;

// ---------------------------------------------------------------------------------------------------
// The dictionaries, as app/i18n/index.ts merges them.

const MODULES = [common, glossary, initiatives, assessments, decisions, admin, som, somKnowledge, releases, portal, subscriptions, governance, initiativeLists, portfolio, mail, publicInfo, history, account, governanceRules, meetings, somWorkbook, csvImport];
const DA: Record<string, string> = Object.assign({}, ...MODULES.map((m) => m.da));
const EN: Record<string, string> = Object.assign({}, ...MODULES.map((m) => m.en));
const KEYS = new Set(Object.keys(DA));
const NAMESPACES = new Set([...KEYS].map((k) => k.split(".")[0]));
const EN_VALUES = new Set(Object.values(EN).map(normalise));

/** Danish strings whose English differs: exact ones, and ones with {params} as patterns. */
const DANISH_ONLY = new Map<string, string>();
const DANISH_PATTERNS: { key: string; re: RegExp }[] = [];
for (const [key, da] of Object.entries(DA)) {
  const value = normalise(da);
  if (value.length < 2 || EN[key] === da || EN_VALUES.has(value) || !/\p{L}/u.test(value)) continue;
  if (/\{\w+\}/.test(value)) {
    const literal = value.replace(/\{\w+\}/g, "");
    if (literal.replace(/[\s\p{P}]/gu, "").length < 4) continue;
    const re = new RegExp(`^${value.split(/\{\w+\}/).map(escapeRegExp).join(".+?")}$`, "su");
    DANISH_PATTERNS.push({ key, re });
  } else if (!DANISH_ONLY.has(value)) {
    DANISH_ONLY.set(value, key);
  }
}

function normalise(s: string) {
  return s.replace(/\s+/g, " ").trim();
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The dictionary key of a Danish UI string shown in English, or null. */
function danishMiss(text: string, opts: { exactOnly?: boolean } = {}): string | null {
  const t = normalise(text);
  if (t.length < 2 || EN_VALUES.has(t)) return null;
  const exact = DANISH_ONLY.get(t);
  if (exact || opts.exactOnly) return exact ?? null;
  for (const { key, re } of DANISH_PATTERNS) if (re.test(t)) return key;
  return null;
}

const FILE_OR_HOST = /\.(xlsx|csv|atom|xml|json|pdf|docx?|html?|js|ts|tsx|css|svg|png|jpe?g|dk|com|org|net|eu|test|io)$/i;
/** Words that look like dotted i18n keys: a known key, or a dotted identifier in one of the key namespaces. */
function rawKeys(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w@/.:-])[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_]+)+/g)) {
    const word = m[0];
    if (FILE_OR_HOST.test(word)) continue;
    if (KEYS.has(word) || NAMESPACES.has(word.split(".")[0])) found.add(word);
  }
  return [...found];
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
/** English number formatting next to an amount or percentage (Danish is 1.234,56 kr. / 12,5 %). */
const ENGLISH_NUMBERS = [
  /\b\d{1,3}(?:,\d{3})+\.\d+\b/g,
  /(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d.,])\s?(?:kr\b|%|DKK)/g,
  /(?<![\d.,])\d+\.\d{1,2}(?![\d.,])\s?(?:kr\b|%|DKK)/g,
];

// ---------------------------------------------------------------------------------------------------
// Records to crawl: the seeded ones, and an initiative arranged here with an assessment, a Conditional Go with
// a condition, a SØM calculation published to the experience database, and a published knowledge release.

interface Arranged {
  initiativeId: number;
  calculationPath: string;
  releasePath: string;
  portalPath: string;
  experiencePath: string;
}

function stamp() {
  return Date.now().toString(36);
}

function arrangeInitiative(title: string): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    const id = Number(db.prepare(
      `insert into initiatives (title, description, area, target_group, agreement_label, framework, track, track_reason,
         prototype_description, phase, status, created_at, updated_at)
       values (?, 'Initiativ til crawl-testen.', 'adults', 'Voksne i hjemløshed', 'UIP 2025', 'susi2', 2, 'Varierer lokalt.',
         'En prototype afprøvet i to kommuner.', 'screening', 'active', ?, ?)`,
    ).run(title, now, now).lastInsertRowid);
    db.prepare("insert into initiative_agreements (initiative_id, year) values (?, 2025)").run(id);
    db.prepare("insert into phase_periods (initiative_id, phase, planned_start, planned_end, actual_start) values (?, 'screening', '2025-01-01', '2025-06-30', '2025-01-15')").run(id);
    arrangeHistory(db, { initiative_id: id, actor_id: null, at: now, action: "initiative.created", entity: "initiative", entity_id: id, after: { title, phase: "screening", status: "active", track: 2 } });
    const pm = db.prepare("select id from users where email = 'programleder@susi.test'").get() as { id: number };
    db.prepare("insert into user_involvements (initiative_id, phase, who, how, what_changed, created_by, created_at) values (?, 'screening', 'Borgere fra to herberger', 'Workshop', 'Forløbet blev kortere.', ?, ?)")
      .run(id, pm.id, now);
    const aid = Number(db.prepare(
      `insert into assessments (initiative_id, from_phase, to_phase, status, overall_assessment, recommendation, created_by, created_at, submitted_by, submitted_at)
       values (?, 'screening', 'maturation', 'submitted', 'Samlet vurdering.', 'Indstilling: betinget go.', ?, ?, ?, ?)`,
    ).run(id, pm.id, now, pm.id, now).lastInsertRowid);
    const insert = db.prepare(
      `insert into assessment_judgements (assessment_id, criterion_id, judgement, evidence, evidence_level, justification, assessed_by, assessed_at)
       values (?, ?, ?, 'Praksiserfaringer.', 'practice', ?, ?, ?)`,
    );
    insert.run(aid, "toMaturation.well_founded", "met", "", pm.id, now);
    insert.run(aid, "toMaturation.realistic", "partly_met", "Driften tilpasses lokalt.", pm.id, now);
    insert.run(aid, "toMaturation.in_demand", "met", "", pm.id, now);
    return id;
  } finally {
    db.close();
  }
}

async function arrange(browser: Browser): Promise<Arranged> {
  const title = `E2E crawl ${stamp()}`;
  const initiativeId = arrangeInitiative(title);
  const context = await browser.newContext({ locale: "da-DK" });
  const page = await context.newPage();
  try {
    // The steering group: a Conditional Go into Modning with one condition.
    await loginAs(page, "steering_group");
    arrangeMeeting(initiativeId);
    await page.goto(`/initiativer/${initiativeId}/beslutning`);
    const form = page.getByRole("region", { name: "Beslutning", exact: true });
    await form.getByRole("group", { name: "Styregruppens beslutning" }).getByRole("radio", { name: "Betinget go", exact: true }).check();
    await form.getByLabel("Gå videre til fase").selectOption({ label: "Modning" });
    await form.getByLabel("Begrundelse", { exact: true }).fill("Kriterierne er opfyldt, men driften skal sikres.");
    const condition = form.getByRole("group", { name: "Betingelse 1", exact: true });
    await condition.getByLabel("Hvad skal være opfyldt").fill("Der foreligger en driftsaftale med kommunerne.");
    await condition.getByLabel("Ansvarlig").fill("Pia Programleder");
    await condition.getByLabel("Frist").fill("2027-06-30");
    await page.getByRole("button", { name: "Registrer beslutning" }).click();
    await page.getByRole("button", { name: "Ja, registrer beslutningen" }).click();
    await expect(page).toHaveURL(new RegExp(`/initiativer/${initiativeId}(#beslutninger)?$`));

    // The program manager: a changed phase date, a draft assessment towards Afprøvning, and a SØM calculation
    // started from a target group of the knowledge database.
    await page.context().clearCookies();
    await loginAs(page, "program_manager");
    await page.goto(`/initiativer/${initiativeId}/perioder`);
    const screening = page.locator("section.app-card").first();
    await screening.getByLabel("Planlagt slut").fill("2025-09-30");
    await screening.getByRole("button", { name: "Gem" }).click();
    await expect(page).toHaveURL(new RegExp(`/initiativer/${initiativeId}(#|$)`));
    await page.goto(`/initiativer/${initiativeId}/vurdering/ny`);
    await page.getByRole("button", { name: "Start vurdering" }).click();
    await expect(page).toHaveURL(/\/vurdering\/\d+(\?|$)/);
    await page.goto("/som/viden");
    await page.getByRole("link", { name: "Udsatte voksne i hjemløshed" }).click();
    const start = page.locator("form#start");
    await start.getByLabel("Initiativ", { exact: true }).selectOption(String(initiativeId));
    await start.getByLabel("Fase", { exact: true }).selectOption("maturation");
    await start.getByLabel("Prisår").selectOption("2024");
    await start.getByLabel("Antal borgere i forløbet").fill("1250");
    await start.getByLabel("Beregningens titel").fill(`${title} SØM`);
    await start.getByRole("button", { name: "Start beregning" }).click();
    await page.waitForURL(new RegExp(`/initiativer/${initiativeId}/som/\\d+$`));
    const calculationPath = new URL(page.url()).pathname;
    const versionId = latestVersionId(Number(calculationPath.split("/").pop()));
    // …published in the experience database.
    await page.goto(`/som/erfaringer/udgiv?version=${versionId}`);
    await page.getByLabel("Kort beskrivelse").fill("Beregning til crawl-testen.");
    await page.getByLabel(/Jeg offentliggør beregningen på eget ansvar/).check();
    await page.getByRole("button", { name: "Offentliggør", exact: true }).click();
    await page.waitForURL(/\/som\/erfaringer\/\d+$/);
    const experiencePath = new URL(page.url()).pathname;

    // Knowledge staff: a release from the initiative, force-published so it is public at once.
    await page.context().clearCookies();
    await loginAs(page, "knowledge_staff");
    await page.goto(`/udgivelser/ny?initiative=${initiativeId}&phase=maturation`);
    await page.getByLabel("Titel", { exact: true }).fill(`${title} viden`);
    await page.getByRole("group", { name: "Vidensniveau", exact: true }).getByRole("radio", { name: /^Foreløbig viden/ }).check();
    await page.getByRole("button", { name: "Opret kladde" }).click();
    await page.waitForURL(/\/udgivelser\/\d+$/);
    const releasePath = new URL(page.url()).pathname;
    await page.getByText("Udgiv uden kvalitetssikring (hastesag)").click();
    await page.getByLabel("Begrundelse for at udgive uden kvalitetssikring").fill("Kommunerne skal bruge det nu.");
    await page.getByRole("button", { name: "Udgiv nu uden kvalitetssikring" }).click();
    await page.getByRole("button", { name: "Ja, udgiv" }).click();
    await expect(page.getByTestId("release-status")).toContainText("Udgivet");
    const slug = releaseSlug(Number(releasePath.split("/").pop()));
    return { initiativeId, calculationPath, releasePath, portalPath: `/viden/${slug}`, experiencePath };
  } finally {
    await context.close();
  }
}

function latestVersionId(calculationId: number): number {
  const db = e2eDb();
  try {
    return (db.prepare("select latest_version_id as id from som_calculations where id = ?").get(calculationId) as { id: number }).id;
  } finally {
    db.close();
  }
}

function releaseSlug(releaseId: number): string {
  const db = e2eDb();
  try {
    return (db.prepare("select slug from releases where id = ?").get(releaseId) as { slug: string }).slug;
  } finally {
    db.close();
  }
}

/** Where anyone lands without logging in, and a protected page that must send them to the login. */
function publicStartPages(a: Arranged): string[] {
  return ["/", "/viden", "/viden/abonnement", "/login", a.portalPath, "/initiativer"];
}

/**
 * Start pages of a logged-in user: where the roles land, an imported initiative with predecessors and successors,
 * and the records arranged above. The rest (assessments, versions, target groups, edit pages …) is found by links.
 */
function startPages(a: Arranged): string[] {
  const db = e2eDb();
  try {
    const adhd = db.prepare("select id from initiatives where title = 'ADHD og misbrug' and import_key is not null").get() as { id: number } | undefined;
    if (!adhd) throw new Error('No imported initiative "ADHD og misbrug"');
    return [
      "/initiativer", "/som", "/som/viden", "/som/erfaringer", "/udgivelser", "/viden", "/import", "/admin/brugere",
      `/initiativer/${adhd.id}`, `/initiativer/${a.initiativeId}`, `/initiativer/${a.initiativeId}/beslutning`,
      a.calculationPath, a.experiencePath, a.releasePath, a.portalPath,
    ];
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// The crawl.

interface Failure {
  role: Who;
  lang: Lang;
  url: string;
  check: string;
  detail: string;
  from: string;
}

interface Snapshot {
  lang: string;
  title: string;
  h1: number;
  /** Visible text nodes and labelling attributes; `ui` ones sit in headings, buttons, labels, links and the like. */
  texts: { text: string; tag: string; kind: "ui" | "text" | "data" }[];
  /** Links (a[href]) and the feeds a page advertises (link[rel=alternate]); `download` marks a[download]. */
  links: { href: string; download: boolean }[];
}

const DOWNLOAD_TYPES: Record<string, RegExp> = {
  xlsx: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet\b/,
  csv: /^text\/csv\b/,
  atom: /^application\/atom\+xml\b/,
};
/** Not pages: logging out and the language switch (POST targets; their GET only redirects). */
const SKIP = [/^\/logout\b/, /^\/sprog\b/];
/** Statuses a page answers by design (DECISIONS.md): a withdrawn release is 410 Gone and shows why. */
const DOCUMENTED_STATUS: { path: RegExp; status: number }[] = [{ path: /^\/viden\/[^/]+$/, status: 410 }];

/** A page's shape: parameter-like path segments (ids, slugs, tokens) as :p, query keys without values. */
function shape(url: URL) {
  const path = url.pathname.split("/").map((s) => (/[\d_%-]/.test(s) ? ":p" : s)).join("/");
  const keys = [...new Set(url.searchParams.keys())].sort().join("&");
  return keys ? `${path}?${keys}` : path;
}

function shortUrl(url: string) {
  const u = new URL(url);
  return u.pathname + u.search;
}

async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    // Closed disclosures are one click away: their text counts as shown.
    for (const d of document.querySelectorAll("details")) d.open = true;
    const UI = "h1,h2,h3,h4,h5,h6,button,label,legend,th,summary,caption,dt,a,option,nav";
    const texts: { text: string; tag: string; kind: "ui" | "text" | "data" }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
      if (!el || !text || el.closest("script,style,template,noscript,textarea")) continue;
      const shown = el.closest("option") ? !!el.closest("select")?.checkVisibility() : el.checkVisibility({ visibilityProperty: true });
      if (!shown) continue;
      // Markdown written by users (a release's body) is data, however it was first drafted; so is anything the
      // page marks as Danish content (lang="da": a release's title and summary) on an English page.
      const danishPart = document.documentElement.lang !== "da" && el.closest("[lang='da']");
      const ui = el.closest(".app-release-body") || danishPart ? "data" : el.closest(UI) ? "ui" : "text";
      texts.push({ text, tag: (el.closest(UI)?.tagName ?? el.tagName).toLowerCase(), kind: ui });
    }
    for (const el of document.body.querySelectorAll("[aria-label],[placeholder],[title],img[alt]")) {
      // What screen readers announce: nothing inside an aria-hidden drawing (the phase model's React Flow).
      if (!(el as HTMLElement).checkVisibility?.({ visibilityProperty: true }) || el.closest("[aria-hidden=true]")) continue;
      for (const attr of ["aria-label", "placeholder", "title", "alt"]) {
        const v = el.getAttribute(attr)?.replace(/\s+/g, " ").trim();
        if (v) texts.push({ text: v, tag: `${el.tagName.toLowerCase()}@${attr}`, kind: "ui" });
      }
    }
    const links = [...document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>("a[href], link[rel=alternate][href]")]
      .map((a) => ({ href: a.href, download: a.hasAttribute("download") }));
    return {
      lang: document.documentElement.lang,
      title: document.title,
      h1: document.querySelectorAll("h1").length,
      texts,
      links,
    };
  });
}

/** Waits for React to hydrate the page and settle, so hydration errors are reported before we move on. */
async function settle(page: Page) {
  // Pages that ship no JavaScript (the public portal) have nothing to hydrate.
  await page.waitForFunction(() => {
    const footer = document.querySelector("footer");
    if (!document.querySelector("script[type=module]")) return !!footer;
    return !!footer && Object.keys(footer).some((k) => k.startsWith("__reactFiber"));
  }, null, { timeout: 30_000 });
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

function checkContent(snap: Snapshot, lang: Lang): { check: string; detail: string }[] {
  const problems: { check: string; detail: string }[] = [];
  const add = (check: string, detail: string) => problems.push({ check, detail });
  const all = snap.texts.map((t) => t.text);
  const joined = all.join("\n");

  const keys = new Set([...rawKeys(joined), ...rawKeys(snap.title)]);
  if (keys.size) add("2 raw i18n key", [...keys].join(", "));

  const iso = new Set([...joined.matchAll(ISO_DATE), ...snap.title.matchAll(ISO_DATE)].map((m) => m[0]));
  if (iso.size) add("3 ISO date", [...iso].join(", "));
  if (lang === "da") {
    const numbers = new Set(ENGLISH_NUMBERS.flatMap((re) => [...joined.matchAll(re)].map((m) => m[0])));
    if (numbers.size) add("3 English number", [...numbers].join(", "));
  }

  if (lang === "en") {
    const misses = new Map<string, string>();
    for (const { text, tag, kind } of snap.texts) {
      // Data (titles, descriptions, stored texts) is Danish: outside headings, buttons, labels and links only a
      // whole sentence of the dictionary counts, never a pattern with parameters or a single word.
      if (kind === "data") continue;
      const key = kind === "ui" ? danishMiss(text) : text.split(" ").length >= 3 ? danishMiss(text, { exactOnly: true }) : null;
      if (key) misses.set(`"${text}" (${tag}, ${key})`, key);
    }
    for (const part of snap.title.split(" · ")) {
      const key = danishMiss(part);
      if (key) misses.set(`"${part}" (title, ${key})`, key);
    }
    if (misses.size) add("4 Danish in English", [...misses.keys()].join("; "));
  }

  if (snap.lang !== lang) add("5 html lang", `lang="${snap.lang}"`);
  if (snap.h1 !== 1) add("5 one h1", `${snap.h1} h1 elements`);
  if (!snap.title.trim()) add("5 title", "empty document.title");
  return problems;
}

interface Job {
  url: string;
  from: string;
  start: boolean;
}

/** At most `n` holders at once. */
function semaphore(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    async acquire() {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

async function crawl(browser: Browser, baseURL: string, who: Who, lang: Lang, starts: string[], slots: ReturnType<typeof semaphore>) {
  const failures: Failure[] = [];
  const visited: string[] = [];
  const context: BrowserContext = await browser.newContext({ baseURL, locale: lang === "da" ? "da-DK" : "en-GB" });
  const page0 = await context.newPage();
  if (who !== "anonymous") await loginAs(page0, who);
  if (lang === "en") await context.addCookies([{ name: "lang", value: "en", domain: new URL(baseURL).hostname, path: "/" }]);
  await page0.close();

  const fail = (url: string, from: string, check: string, detail: string) =>
    failures.push({ role: who, lang, url: shortUrl(url), check, detail, from: from ? shortUrl(from) : "(start)" });

  const seen = new Set<string>();
  /** Pages the role may not open (403 or sent to log in), and the first page showing a link to each page. */
  const refused = new Map<string, string>();
  const linkedFrom = new Map<string, string>();
  const shapes = new Map<string, number>();
  /** Download → the page linking it and the file type expected (null when only the `download` attribute says so). */
  const downloads = new Map<string, { from: string; ext: string | null }>();
  const queue: Job[] = [];
  const enqueue = (raw: string, from: string, start: boolean, download = false) => {
    const url = new URL(raw, baseURL);
    url.hash = "";
    if (url.origin !== new URL(baseURL).origin || SKIP.some((re) => re.test(url.pathname))) return;
    const ext = /\.(\w+)$/.exec(url.pathname)?.[1]?.toLowerCase() ?? "";
    if (ext in DOWNLOAD_TYPES || download) {
      if (!downloads.has(url.href)) downloads.set(url.href, { from, ext: ext in DOWNLOAD_TYPES ? ext : null });
      return;
    }
    if (!start && !linkedFrom.has(url.href)) linkedFrom.set(url.href, from);
    if (seen.has(url.href)) return;
    const s = shape(url);
    if (!start && (shapes.get(s) ?? 0) >= MAX_PER_SHAPE) return;
    seen.add(url.href);
    if (!start) shapes.set(s, (shapes.get(s) ?? 0) + 1);
    queue.push({ url: url.href, from, start });
  };
  for (const s of starts) enqueue(s, "", true);

  async function visit(page: Page, job: Job) {
    const consoleErrors: string[] = [];
    const badRequests: string[] = [];
    const onConsole = (m: import("@playwright/test").ConsoleMessage) => { if (m.type() === "error") consoleErrors.push(m.text()); };
    const onPageError = (e: Error) => consoleErrors.push(`${e.name}: ${e.message}`);
    const onResponse = (r: import("@playwright/test").Response) => {
      if (r.status() >= 400 && !(r.request().isNavigationRequest() && r.request().frame() === page.mainFrame())) badRequests.push(`${r.status()} ${shortUrl(r.url())}`);
    };
    // ERR_ABORTED is the browser dropping what the previous page still had in flight when we moved on.
    const onFailed = (r: import("@playwright/test").Request) => {
      const why = r.failure()?.errorText ?? "failed";
      if (why !== "net::ERR_ABORTED") badRequests.push(`${why} ${shortUrl(r.url())}`);
    };
    page.on("console", onConsole);
    page.on("pageerror", onPageError);
    page.on("response", onResponse);
    page.on("requestfailed", onFailed);
    try {
      const response = await page.goto(job.url, { waitUntil: "load" });
      const status = response?.status() ?? 0;
      const landed = new URL(page.url());
      // "/" sends each visitor to where they start (the login page when anonymous): not a refusal.
      const toLogin = landed.pathname === "/login" && !["/", "/login"].includes(new URL(job.url).pathname);
      const documented = DOCUMENTED_STATUS.some((d) => d.status === status && d.path.test(landed.pathname));
      if (status === 403 || toLogin) refused.set(job.url, toLogin ? "redirected to /login" : "HTTP 403");
      else if (status >= 400 && !documented) fail(job.url, job.from, "1 status", `HTTP ${status}`);
      await settle(page);
      const snap = await snapshot(page);
      for (const p of checkContent(snap, lang)) fail(job.url, job.from, p.check, p.detail);
      // Console errors for the 4xx document itself are expected (the browser logs the failed resource).
      const errors = consoleErrors.filter((e) => !(status >= 400 && /Failed to load resource: the server responded with a status of 4\d\d/.test(e)));
      if (errors.length) fail(job.url, job.from, "6 console error", [...new Set(errors)].join(" | "));
      if (badRequests.length) fail(job.url, job.from, "6 failed request", [...new Set(badRequests)].join(", "));
      // Pages the role was refused or bounced from are not crawled further.
      if (status < 400 && !toLogin) for (const l of snap.links) enqueue(l.href, job.url, false, l.download);
      visited.push(shortUrl(job.url));
    } catch (error) {
      visited.push(shortUrl(job.url));
      fail(job.url, job.from, "0 crawl", String(error).split("\n")[0]);
    } finally {
      page.off("console", onConsole);
      page.off("pageerror", onPageError);
      page.off("response", onResponse);
      page.off("requestfailed", onFailed);
    }
  }

  let active = 0;
  async function worker() {
    const page = await context.newPage();
    for (;;) {
      const job = queue.shift();
      if (!job) {
        if (active === 0) break;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (visited.length + active >= MAX_PAGES) break;
      active++;
      await slots.acquire();
      try {
        await visit(page, job);
      } finally {
        slots.release();
        active--;
      }
    }
    await page.close();
  }
  await Promise.all(Array.from({ length: TABS }, worker));

  // A start page the role may not open is fine; a link to it (from any page, start page or not) is not.
  for (const [url, what] of refused) {
    const from = linkedFrom.get(url);
    if (from) fail(url, from, "1 link the role cannot follow", what);
  }
  // Downloads are fetched, not opened: < 400 (a redirect to the login is not the file either) and the right type.
  for (const [href, { from, ext }] of downloads) {
    const response = await context.request.get(href, { maxRedirects: 0 });
    const type = response.headers()["content-type"] ?? "";
    if (response.status() >= 400) fail(href, from, "1 download status", `HTTP ${response.status()}`);
    else if (ext ? !DOWNLOAD_TYPES[ext].test(type) : response.status() >= 300 || type.startsWith("text/html")) {
      fail(href, from, "1 download type", `${response.status()} ${type}`);
    }
  }
  await context.close();
  return { failures, visited, downloads: downloads.size, left: queue.length };
}

function table(failures: Failure[]) {
  const rows = [...failures].sort((a, b) => a.check.localeCompare(b.check) || a.url.localeCompare(b.url) || a.role.localeCompare(b.role) || a.lang.localeCompare(b.lang));
  const head = ["check", "role", "lang", "page", "detail", "linked from"];
  const cells = rows.map((f) => [f.check, f.role, f.lang, f.url, f.detail.length > 300 ? `${f.detail.slice(0, 300)}…` : f.detail, f.from]);
  return [head, ...cells].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

// One test per role and language, so that no single test's duration depends on how much the others crawl; the
// records they crawl are arranged once per worker (again after a failed test restarts the worker).
let arranged: Arranged | undefined;
let starts: { user: string[]; anonymous: string[] } | undefined;

test.beforeAll(async ({ browser }) => {
  // Arranging logs in three roles and fills six forms: generous for a machine at a quarter of its usual speed.
  test.setTimeout(300_000);
  arranged = await arrange(browser);
  starts = { user: startPages(arranged), anonymous: publicStartPages(arranged) };
});

test("every dictionary module is known to the crawl", () => {
  // A new dictionary module must be added to MODULES above too.
  expect(readdirSync("app/i18n").filter((f) => !["index.ts", "format.ts", "refusals.ts"].includes(f)).length).toBe(MODULES.length);
});

for (const who of ROLES) {
  for (const lang of LANGS) {
    test(`every page ${who} can reach in ${lang === "da" ? "Danish" : "English"} is translated, formatted and error-free`, async ({ browser, baseURL }, testInfo) => {
      // At most MAX_PAGES pages, TABS at a time: a few minutes at a quarter of the usual speed.
      test.setTimeout(600_000);
      const t0 = Date.now();
      const result = await crawl(browser, baseURL!, who, lang, who === "anonymous" ? starts!.anonymous : starts!.user, semaphore(TABS));
      const summary = `${who}/${lang}: ${result.visited.length} pages, ${result.downloads} downloads${result.left ? `, ${result.left} not visited (cap)` : ""}, in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
      writeFileSync(testInfo.outputPath("crawl-pages.txt"), `${summary}\n\n${result.visited.join("\n")}\n`);
      await testInfo.attach("crawl-pages.txt", { path: testInfo.outputPath("crawl-pages.txt"), contentType: "text/plain" });
      console.log(summary);
      if (result.failures.length) {
        writeFileSync(testInfo.outputPath("crawl-failures.md"), `${table(result.failures)}\n`);
        await testInfo.attach("crawl-failures.md", { path: testInfo.outputPath("crawl-failures.md"), contentType: "text/markdown" });
      }
      expect(result.failures.length, `${result.failures.length} problems:\n${table(result.failures)}`).toBe(0);
    });
  }
}
