// The UIP CSV import core: parses and validates a file shaped like seed 004's table (one zod check per
// row, errors by line and column in Danish and English), then imports it in one transaction and links
// each initiative to the successor its outcome names. Used by the seed, the import CLI and the app.
// Optional columns: owner (the e-mail of an active program manager) and budget_kr (budget per agreement
// year in whole kroner, "2022: 1.500.000; 2023: 2.000.000"); a bad value refuses the file naming the row
// and column, and nothing is written.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Db, Executor } from "../client";
import type { Area, AssessmentMade } from "../schema";
import { agreementLabel, createInitiative, linkInitiatives } from "../queries/initiatives";
import { appendHistory } from "../queries/history";
import { setOwnerAndBudgets } from "../queries/portfolio";
import type { PhasePeriod } from "../../workflows/phase-model";
import type { Framework, InitiativeStatus } from "../../workflows/decision";
import { findSuccessor, normaliseTitle, parseSuccessorReference, type MatchCandidate } from "./match";

/** The columns every file has (some may be left empty per row). */
export const UIP_COLUMNS = [
  "area", "title", "phase", "agreement", "agreement_years", "continued_to_next_phase", "susi_assessment",
] as const;
/** Columns a file may leave out altogether. */
export const UIP_OPTIONAL_COLUMNS = ["owner", "budget_kr"] as const;
export const UIP_ALL_COLUMNS = [...UIP_COLUMNS, ...UIP_OPTIONAL_COLUMNS] as const;
export type UipColumn = (typeof UIP_ALL_COLUMNS)[number];
/** The largest budget accepted for one agreement year, as in the initiative form. */
export const MAX_BUDGET_KR = 2_000_000_000;

export const MAX_TITLE_LENGTH = 300;
/** SUSI 2.0 is from 2022 (seed 003): initiatives under an agreement from that year on follow it. */
export const SUSI2_FIRST_YEAR = 2022;

export type UipErrorCode =
  | "empty_file"
  | "no_rows"
  | "csv_malformed"
  | "header_missing_column"
  | "header_unknown_column"
  | "header_duplicate_column"
  | "field_count"
  | "required"
  | "too_long"
  | "unknown_area"
  | "unknown_phase"
  | "invalid_year"
  | "duplicate_row"
  | "invalid_owner"
  | "unknown_owner"
  | "invalid_budget"
  | "budget_year";

/**
 * One problem in a file. `line` is the 1-based line in the file where the record starts (the header is
 * line 1); `column` is null for problems with the file or the whole row. `message` is Danish (shown as
 * is), `messageEn` the English translation; `code` is stable for a UI that translates itself.
 */
export interface UipImportError {
  line: number;
  column: UipColumn | null;
  code: UipErrorCode;
  message: string;
  messageEn: string;
}

/** One valid row, mapped to the domain and ready to insert. */
export interface UipRow {
  line: number;
  area: Area;
  title: string;
  phase: PhasePeriod;
  agreementLabel: string;
  agreementYears: number[];
  sourceOutcome: string | null;
  sourceAssessment: string | null;
  susiAssessmentMade: AssessmentMade | null;
  status: InitiativeStatus;
  framework: Framework;
  importKey: string;
  /** The owner's e-mail (lower case), checked against the users at import; null for none. */
  ownerEmail: string | null;
  /** [year, whole kroner] for agreement years with a budget. */
  budgets: [number, number][];
}

export type UipParseResult = { ok: true; rows: UipRow[] } | { ok: false; errors: UipImportError[] };

/** `Linje 5, kolonne "phase": ukendt fase "Modnig"` (or the English variant). */
export function formatImportError(e: UipImportError, lang: "da" | "en" = "da"): string {
  const where =
    lang === "da"
      ? `Linje ${e.line}${e.column ? `, kolonne "${e.column}"` : ""}`
      : `Line ${e.line}${e.column ? `, column "${e.column}"` : ""}`;
  return `${where}: ${lang === "da" ? e.message : e.messageEn}`;
}

// ---------------------------------------------------------------------------------------------------
// Mapping rules (pure, exported for tests and for the UI's help text)

const AREAS: Record<string, Area> = {
  adults: "adults",
  children: "children",
  voksne: "adults",
  "børn og unge": "children",
};

const PHASES: Record<string, PhasePeriod> = {
  screening: "screening",
  modning: "maturation",
  "afprøvning": "trial",
  udbredelse: "dissemination",
  "screening/modning": "screening_maturation",
};

function key(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

/** "-" and empty mean "nothing recorded" in the source table. */
function blankToNull(value: string): string | null {
  const v = value.trim();
  return v === "" || v === "-" ? null : v;
}

/**
 * The initiative's status from the source's "continued to next phase" text (our reading, DECISIONS.md):
 * "Nej…" stopped; "Ja (…)", "…indstilles til videreførelse…", "…kan ikke videreføres" (dissemination)
 * or "…afsluttet…" completed; nothing recorded means still running. Any other text keeps it active.
 */
export function deriveStatus(outcome: string | null): InitiativeStatus {
  if (!outcome) return "active";
  const o = key(outcome);
  if (/^nej\b/u.test(o)) return "stopped";
  if (/^ja\b/u.test(o)) return "completed";
  if (o.includes("indstilles til videreførelse") || o.includes("kan ikke videreføres") || o.includes("afsluttet")) {
    return "completed";
  }
  return "active";
}

/** Whether a SUSI assessment was made, from the source's free text. */
export function deriveAssessmentMade(assessment: string | null): AssessmentMade | null {
  if (!assessment) return null;
  const a = key(assessment);
  if (a.startsWith("ja og delvist")) return "partly";
  if (/^ja\b/u.test(a)) return "yes";
  if (/^nej\b/u.test(a)) return "no";
  if (a.startsWith("der foretages ikke")) return "not_applicable";
  return null;
}

export function deriveFramework(years: readonly number[]): Framework {
  return Math.max(...years) >= SUSI2_FIRST_YEAR ? "susi2" : "susi1";
}

/** Normalised title and sorted agreement years: the same initiative imported twice gets the same key. */
export function importKey(title: string, years: readonly number[]): string {
  return `${normaliseTitle(title)}|${[...new Set(years)].sort((a, b) => a - b).join(",")}`;
}

// ---------------------------------------------------------------------------------------------------
// Row validation with zod. Every failure is a custom issue carrying its code and English text.

type Ctx = z.core.$RefinementCtx<string> | z.core.$RefinementCtx<string | undefined>;

function fail(ctx: Ctx, code: UipErrorCode, message: string, messageEn: string): never {
  ctx.addIssue({ code: "custom", message, params: { code, messageEn } });
  return z.NEVER;
}

const required = (ctx: Ctx) => fail(ctx, "required", "skal udfyldes", "is required");

const rowSchema = z.object({
  area: z.string().transform((v, ctx): Area => {
    if (!v.trim()) return required(ctx);
    const area = AREAS[key(v)];
    return area ?? fail(ctx, "unknown_area",
      `ukendt område "${v.trim()}" (brug adults, children, voksne eller børn og unge)`,
      `unknown area "${v.trim()}" (use adults, children, voksne or børn og unge)`);
  }),
  title: z.string().transform((v, ctx) => {
    const title = v.trim().replace(/\s+/g, " ");
    if (!title) return required(ctx);
    if (title.length > MAX_TITLE_LENGTH) {
      return fail(ctx, "too_long", `må højst være ${MAX_TITLE_LENGTH} tegn`, `must be at most ${MAX_TITLE_LENGTH} characters`);
    }
    return title;
  }),
  phase: z.string().transform((v, ctx): PhasePeriod => {
    if (!v.trim()) return required(ctx);
    const phase = PHASES[key(v).replace(/\s*\/\s*/g, "/")];
    return phase ?? fail(ctx, "unknown_phase",
      `ukendt fase "${v.trim()}" (brug Screening, Modning, Afprøvning, Udbredelse eller Screening/modning)`,
      `unknown phase "${v.trim()}" (use Screening, Modning, Afprøvning, Udbredelse or Screening/modning)`);
  }),
  agreement: z.string().transform((v) => v.trim().replace(/\s+/g, " ")),
  agreement_years: z.string().transform((v, ctx) => {
    const parts = v.split(";").map((p) => p.trim());
    if (parts.every((p) => p === "")) return required(ctx);
    const years: number[] = [];
    for (const p of parts) {
      const year = /^\d{4}$/.test(p) ? Number(p) : NaN;
      if (!(year >= 2000 && year <= 2100)) {
        return fail(ctx, "invalid_year",
          `ugyldigt år "${p}" (forventet firecifrede år mellem 2000 og 2100 adskilt med semikolon, fx 2017;2018)`,
          `invalid year "${p}" (expected four-digit years between 2000 and 2100 separated by semicolons, e.g. 2017;2018)`);
      }
      years.push(year);
    }
    return [...new Set(years)].sort((a, b) => a - b);
  }),
  continued_to_next_phase: z.string().transform(blankToNull),
  susi_assessment: z.string().transform(blankToNull),
  owner: z.string().optional().transform((v, ctx) => {
    const email = (v ?? "").trim().toLowerCase();
    if (email === "" || email === "-") return null;
    if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return fail(ctx, "invalid_owner",
        `"${v!.trim()}" er ikke en e-mailadresse (ejeren angives med sin e-mail, fx programleder@sbst.dk)`,
        `"${v!.trim()}" is not an e-mail address (give the owner's e-mail, e.g. programleder@sbst.dk)`);
    }
    return email;
  }),
  budget_kr: z.string().optional().transform((v, ctx) => {
    const pairs: [number, number][] = [];
    for (const part of (v ?? "").split(";").map((p) => p.trim()).filter((p) => p !== "" && p !== "-")) {
      const m = /^(?:UIP\s*)?(\d{4})\s*:\s*([\d. ]+?)\s*(?:kr\.?)?$/i.exec(part);
      const amount = m ? Number(m[2].replace(/[. ]/g, "")) : NaN;
      if (!m || !Number.isSafeInteger(amount) || amount < 0 || amount > MAX_BUDGET_KR) {
        return fail(ctx, "invalid_budget",
          `ugyldigt budget "${part}" (forventet år og hele kroner adskilt med semikolon, fx 2022: 1.500.000; 2023: 2.000.000)`,
          `invalid budget "${part}" (expected year and whole kroner separated by semicolons, e.g. 2022: 1.500.000; 2023: 2.000.000)`);
      }
      if (pairs.some(([y]) => y === Number(m[1]))) {
        return fail(ctx, "invalid_budget", `året ${m[1]} har mere end ét budget`, `the year ${m[1]} has more than one budget`);
      }
      pairs.push([Number(m[1]), amount]);
    }
    return pairs;
  }),
}).superRefine((v, ctx) => {
  // zod 4 runs object refinements even when a field failed; then there is nothing to compare.
  if (!Array.isArray(v.budget_kr) || !Array.isArray(v.agreement_years)) return;
  const stray = v.budget_kr.find(([y]) => !v.agreement_years.includes(y));
  if (stray) {
    ctx.addIssue({
      code: "custom", path: ["budget_kr"],
      message: `budget for ${stray[0]}, som ikke er et af initiativets aftaleår (${v.agreement_years.join(", ")})`,
      params: { code: "budget_year", messageEn: `budget for ${stray[0]}, which is not one of the initiative's agreement years (${v.agreement_years.join(", ")})` },
    });
  }
});

function toRow(line: number, v: z.output<typeof rowSchema>): UipRow {
  return {
    line,
    area: v.area,
    title: v.title,
    phase: v.phase,
    agreementLabel: v.agreement || agreementLabel(v.agreement_years),
    agreementYears: v.agreement_years,
    sourceOutcome: v.continued_to_next_phase,
    sourceAssessment: v.susi_assessment,
    susiAssessmentMade: deriveAssessmentMade(v.susi_assessment),
    status: deriveStatus(v.continued_to_next_phase),
    framework: deriveFramework(v.agreement_years),
    importKey: importKey(v.title, v.agreement_years),
    ownerEmail: v.owner,
    budgets: v.budget_kr,
  };
}

function issueToError(line: number, issue: z.core.$ZodIssue): UipImportError {
  const column = (UIP_ALL_COLUMNS as readonly unknown[]).includes(issue.path[0]) ? (issue.path[0] as UipColumn) : null;
  const params = issue.code === "custom" ? issue.params : undefined;
  if (params?.code) return { line, column, code: params.code, message: issue.message, messageEn: params.messageEn };
  // Only strings reach the schema, so this is a safety net rather than an expected path.
  return { line, column, code: "required", message: "ugyldig værdi", messageEn: "invalid value" };
}

/** The line a record starts on: csv-parse reports the line it ends on, and a quoted field may span lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function fileError(line: number, code: UipErrorCode, message: string, messageEn: string): UipImportError {
  return { line, column: null, code, message, messageEn };
}

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Parses and validates a whole file; any problem anywhere makes the whole file invalid. */
export function parseUipCsv(text: string): UipParseResult {
  let records: CsvRecord[];
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines; with LF only its line numbers are exact.
    records = parse(text.replace(/\r\n?/g, "\n"), {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as CsvRecord[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return {
      ok: false,
      errors: [fileError(e.lines ?? 1, "csv_malformed",
        "filen kan ikke læses som CSV (fx et citationstegn, der ikke er lukket)",
        `the file cannot be read as CSV: ${e.message ?? String(err)}`)],
    };
  }
  // Lines holding only spaces are as good as empty.
  records = records.filter((r) => r.record.some((f) => f.trim() !== ""));
  if (records.length === 0) {
    return { ok: false, errors: [fileError(1, "empty_file", "filen er tom", "the file is empty")] };
  }

  const [header, ...body] = records;
  const headerLine = startLine(header.info.lines, header.raw);
  const names = header.record.map((h) => key(h));
  const errors: UipImportError[] = [];
  for (const col of UIP_COLUMNS) {
    if (!names.includes(col)) {
      errors.push(fileError(headerLine, "header_missing_column",
        `kolonnen "${col}" mangler i overskriftslinjen`, `column "${col}" is missing from the header row`));
    }
  }
  names.forEach((name, i) => {
    if (!(UIP_ALL_COLUMNS as readonly string[]).includes(name)) {
      errors.push(fileError(headerLine, "header_unknown_column",
        `ukendt kolonne "${header.record[i].trim()}" i overskriftslinjen`,
        `unknown column "${header.record[i].trim()}" in the header row`));
    } else if (names.indexOf(name) !== i) {
      errors.push(fileError(headerLine, "header_duplicate_column",
        `kolonnen "${name}" står flere gange i overskriftslinjen`, `column "${name}" appears more than once in the header row`));
    }
  });
  if (errors.length) return { ok: false, errors };
  if (body.length === 0) {
    return { ok: false, errors: [fileError(headerLine, "no_rows", "filen indeholder ingen initiativer", "the file contains no initiatives")] };
  }

  const rows: UipRow[] = [];
  const firstLineByKey = new Map<string, number>();
  for (const rec of body) {
    const line = startLine(rec.info.lines, rec.raw);
    if (rec.record.length !== names.length) {
      errors.push(fileError(line, "field_count",
        `forventede ${names.length} felter, men fandt ${rec.record.length}`,
        `expected ${names.length} fields but found ${rec.record.length}`));
      continue;
    }
    const input = Object.fromEntries(names.map((n, i) => [n, rec.record[i]]));
    const result = rowSchema.safeParse(input);
    if (!result.success) {
      errors.push(...result.error.issues.map((issue) => issueToError(line, issue)));
      continue;
    }
    const row = toRow(line, result.data);
    const first = firstLineByKey.get(row.importKey);
    if (first !== undefined) {
      errors.push({ line, column: "title", code: "duplicate_row",
        message: `samme titel og aftaleår som linje ${first}`,
        messageEn: `same title and agreement years as line ${first}` });
      continue;
    }
    firstLineByKey.set(row.importKey, line);
    rows.push(row);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

// ---------------------------------------------------------------------------------------------------
// Import

export interface ImportLink {
  predecessor: string;
  successor: string;
  predecessorId: number;
  successorId: number;
  /** Title similarity, 0..1 (see MATCH_THRESHOLD). */
  score: number;
}

export interface UnlinkedOutcome {
  title: string;
  outcome: string;
  /** no_initiative_with_year: nothing under the named agreement; no_similar_title: nothing close enough. */
  reason: "no_initiative_with_year" | "no_similar_title";
  named: { title: string; year: number };
  bestScore: number | null;
  message: string;
  messageEn: string;
}

export interface ImportReport {
  created: number;
  createdByArea: Record<Area, number>;
  alreadyPresent: number;
  /** Links made by this import (links that already existed are not repeated). */
  links: ImportLink[];
  /** Rows of this file whose outcome names a successor that could not be found. */
  unlinked: UnlinkedOutcome[];
}

interface Known {
  id: number;
  title: string;
  years: number[];
  outcome: string | null;
}

async function loadInitiatives(trx: Executor): Promise<{ known: Map<number, Known>; byKey: Map<string, number> }> {
  const initiatives = await trx.selectFrom("initiatives").select(["id", "title", "import_key", "source_outcome"]).orderBy("id").execute();
  const agreements = await trx.selectFrom("initiative_agreements").select(["initiative_id", "year"]).orderBy("year").execute();
  const years = new Map<number, number[]>();
  for (const a of agreements) {
    const list = years.get(a.initiative_id);
    if (list) list.push(a.year);
    else years.set(a.initiative_id, [a.year]);
  }
  const known = new Map<number, Known>();
  const byKey = new Map<string, number>();
  for (const i of initiatives) {
    const ys = years.get(i.id) ?? [];
    known.set(i.id, { id: i.id, title: i.title, years: ys, outcome: i.source_outcome });
    // An initiative entered by hand has no import key; its title and years still identify it.
    if (i.import_key) byKey.set(i.import_key, i.id);
    if (ys.length) {
      const computed = importKey(i.title, ys);
      if (!byKey.has(computed)) byKey.set(computed, i.id);
    }
  }
  return { known, byKey };
}

function unlinkedMessage(reason: UnlinkedOutcome["reason"], named: { title: string; year: number }) {
  return reason === "no_initiative_with_year"
    ? {
        message: `intet initiativ under UIP ${named.year} at knytte "${named.title}" til`,
        messageEn: `no initiative under UIP ${named.year} to link "${named.title}" to`,
      }
    : {
        message: `intet initiativ under UIP ${named.year} har en titel, der ligner "${named.title}" nok`,
        messageEn: `no initiative under UIP ${named.year} has a title close enough to "${named.title}"`,
      };
}

/** Refuses the import: rows that passed parsing but not the database's checks (an unknown owner). */
export class UipRowsRefused extends Error {
  constructor(readonly errors: UipImportError[]) {
    super(errors.map((e) => formatImportError(e)).join("; "));
  }
}

/**
 * The owner e-mails of the rows as user ids. Each must be an active program manager (the owners the
 * initiative form offers); otherwise an error naming the row and the owner column.
 */
export async function resolveOwners(trx: Executor, rows: readonly UipRow[]): Promise<{ owners: Map<string, number>; errors: UipImportError[] }> {
  const emails = [...new Set(rows.map((r) => r.ownerEmail).filter((e): e is string => e !== null))];
  const owners = new Map<string, number>();
  if (emails.length) {
    const users = await trx.selectFrom("users").select(["id", "email"])
      .where("role", "=", "program_manager").where("active", "=", 1).execute();
    for (const u of users) if (emails.includes(u.email.toLowerCase())) owners.set(u.email.toLowerCase(), u.id);
  }
  const errors = rows
    .filter((r) => r.ownerEmail !== null && !owners.has(r.ownerEmail))
    .map((r): UipImportError => ({
      line: r.line, column: "owner", code: "unknown_owner",
      message: `ingen aktiv programleder har e-mailen "${r.ownerEmail}"`,
      messageEn: `no active program manager has the e-mail "${r.ownerEmail}"`,
    }));
  return { owners, errors };
}

/**
 * The import inside a transaction the caller owns (the seed adds its users to the same one). Rows whose
 * key is already in the database are skipped; then each row whose outcome names a successor is linked
 * to it, searching this file and the database. Initiatives already in the database whose outcome names
 * one of the new rows get their link too, so files can be imported in any order.
 */
export async function importUipRowsInTransaction(
  trx: Executor,
  rows: readonly UipRow[],
  actorId: number | null,
  now: string,
): Promise<ImportReport> {
  const { owners, errors } = await resolveOwners(trx, rows);
  if (errors.length) throw new UipRowsRefused(errors);
  const { known, byKey } = await loadInitiatives(trx);
  const report: ImportReport = { created: 0, createdByArea: { adults: 0, children: 0 }, alreadyPresent: 0, links: [], unlinked: [] };

  const fileIds: number[] = [];
  const newIds = new Set<number>();
  for (const row of rows) {
    const existing = byKey.get(row.importKey);
    if (existing !== undefined) {
      report.alreadyPresent++;
      fileIds.push(existing);
      continue;
    }
    const id = await createInitiative(trx, {
      title: row.title,
      description: "",
      area: row.area,
      targetGroup: "",
      agreementYears: row.agreementYears,
      track: null,
      trackReason: "",
      prototypeDescription: "",
      phase: row.phase,
      status: row.status,
      framework: row.framework,
      sourceOutcome: row.sourceOutcome,
      sourceAssessment: row.sourceAssessment,
      susiAssessmentMade: row.susiAssessmentMade,
      importKey: row.importKey,
    }, actorId, now);
    // createInitiative writes the canonical "UIP 2017, 2018" label; keep the file's own wording.
    if (row.agreementLabel !== agreementLabel(row.agreementYears)) {
      await trx.updateTable("initiatives").set({ agreement_label: row.agreementLabel }).where("id", "=", id).execute();
    }
    // Owner and budgets of a new initiative; an initiative already present keeps its own (it is skipped).
    if (row.ownerEmail !== null || row.budgets.length) {
      await setOwnerAndBudgets(trx, id, { ownerId: row.ownerEmail === null ? null : owners.get(row.ownerEmail)!, budgets: new Map(row.budgets) }, actorId, now);
    }
    byKey.set(row.importKey, id);
    known.set(id, { id, title: row.title, years: row.agreementYears, outcome: row.sourceOutcome });
    fileIds.push(id);
    newIds.add(id);
    report.created++;
    report.createdByArea[row.area]++;
  }

  // This file's rows are searched first, so on a tie the file's own spelling wins.
  const candidates: MatchCandidate<number>[] = [];
  const seen = new Set<number>();
  for (const id of [...fileIds, ...known.keys()]) {
    if (seen.has(id)) continue;
    seen.add(id);
    const k = known.get(id)!;
    candidates.push({ key: id, title: k.title, years: k.years });
  }
  const existingLinks = new Set(
    (await trx.selectFrom("initiative_links").select(["predecessor_id", "successor_id"]).execute())
      .map((l) => `${l.predecessor_id}>${l.successor_id}`),
  );
  const fromFile = new Set(fileIds);
  const predecessors = new Set([...fileIds, ...known.keys()]);

  for (const predecessorId of predecessors) {
    const p = known.get(predecessorId)!;
    const named = parseSuccessorReference(p.outcome);
    if (!named) continue;
    const inFile = fromFile.has(predecessorId);
    const match = findSuccessor(named, candidates.filter((c) => c.key !== predecessorId));
    if (!match.ok) {
      if (inFile) {
        report.unlinked.push({
          title: p.title, outcome: p.outcome!, reason: match.reason, named, bestScore: match.bestScore,
          ...unlinkedMessage(match.reason, named),
        });
      }
      continue;
    }
    const successorId = match.candidate.key;
    // Older initiatives are only linked to rows this import created; their other links are not ours to add.
    if (!inFile && !newIds.has(successorId)) continue;
    const linkKey = `${predecessorId}>${successorId}`;
    if (existingLinks.has(linkKey)) continue;
    existingLinks.add(linkKey);
    await linkInitiatives(trx, predecessorId, successorId);
    await appendHistory(trx, {
      initiativeId: predecessorId, actorId, at: now, action: "initiative.linked", entity: "initiative_link",
      entityId: successorId, after: { predecessor_id: predecessorId, successor_id: successorId, successor_title: match.candidate.title },
    });
    report.links.push({
      predecessor: p.title, successor: match.candidate.title, predecessorId, successorId,
      score: Math.round(match.score * 1000) / 1000,
    });
  }
  return report;
}

/** Imports validated rows in one transaction: everything or nothing (an unknown owner refuses the whole file). */
export async function importUipRows(db: Db, rows: readonly UipRow[], actorId: number | null, now: string): Promise<UipImportResult> {
  try {
    return { ok: true, report: await db.transaction().execute((trx) => importUipRowsInTransaction(trx, rows, actorId, now)) };
  } catch (e) {
    if (e instanceof UipRowsRefused) return { ok: false, errors: e.errors };
    throw e;
  }
}

/** Human-readable summary of an import, in Danish, for the CLI and the seed. */
export function formatImportReport(r: ImportReport): string[] {
  const lines = [
    `Initiativer oprettet: ${r.created} (${r.createdByArea.adults} voksne, ${r.createdByArea.children} børn og unge)`,
  ];
  if (r.alreadyPresent) lines.push(`Allerede til stede (sprunget over): ${r.alreadyPresent}`);
  lines.push(`Forbindelser til efterfølgende initiativ: ${r.links.length}`);
  for (const l of r.links) lines.push(`  ${l.predecessor} → ${l.successor} (lighed ${l.score.toFixed(2)})`);
  lines.push(`Udfald der nævner et efterfølgende initiativ, som ikke kunne findes: ${r.unlinked.length}`);
  for (const u of r.unlinked) lines.push(`  ${u.title}: ${u.message}`);
  return lines;
}

export type UipImportResult = { ok: true; report: ImportReport } | { ok: false; errors: UipImportError[] };

/** Parse, validate and import a whole file: nothing is written unless every row is valid. */
export async function importUipCsv(db: Db, text: string, actorId: number | null, now: string): Promise<UipImportResult> {
  const parsed = parseUipCsv(text);
  if (!parsed.ok) return parsed;
  return importUipRows(db, parsed.rows, actorId, now);
}
