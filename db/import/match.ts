// The UIP CSV import, step 2 of 3: matching. Tolerant title matching for linking an initiative to the
// successor its outcome names ("Ja (Modning af …, UIP 2022)"), and the plan that matches a file's rows with
// the initiatives already in the register: which rows are new, which are already present (skipped), and
// which links to make. Pure: no database, no clock; ./write.ts loads the register and carries the plan out.

/**
 * Below this trigram similarity (Dice, 0..1) a named successor is not linked. Chosen from the real data
 * (seed 004): the spelling variants that must match score 0.94-0.96 against their successor, the best
 * *wrong* candidate with the right agreement year scores at most 0.51, and the two most alike titles of
 * genuinely different initiatives ("Metodeprogrammet … individuel behandling" / "… gruppebehandling")
 * score 0.78. 0.8 links every variant and never links those. A missed link is reported and can be made
 * by hand; a wrong link is silent, so the threshold leans towards missing.
 */
export const MATCH_THRESHOLD = 0.8;

/** Lowercase, unify dashes and quotes, strip punctuation, collapse whitespace. Used for import keys too. */
export function normaliseTitle(title: string): string {
  return title
    .normalize("NFC")
    .toLocaleLowerCase("da")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB\u2018\u2019\u201A`´]/g, '"')
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The set of character trigrams of a normalised title, padded so word edges count. */
export function trigrams(normalised: string): Set<string> {
  const padded = ` ${normalised} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

/** Dice coefficient of two trigram sets: 1 for identical titles, 0 for nothing in common. */
export function diceSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function titleSimilarity(a: string, b: string): number {
  return diceSimilarity(trigrams(normaliseTitle(a)), trigrams(normaliseTitle(b)));
}

export interface SuccessorReference {
  title: string;
  year: number;
}

/**
 * The successor an outcome names, if any: `Ja (<title>, UIP <year>)`. Outcomes that only say the
 * initiative is recommended for a later agreement ("indstilles til videreførelse i UIP 2024") name none.
 */
export function parseSuccessorReference(outcome: string | null | undefined): SuccessorReference | null {
  if (!outcome) return null;
  // Greedy title so a successor title with its own parentheses is kept whole.
  const m = /^\s*ja\b[^(]*\((.+),\s*UIP\s*(\d{4})\s*\)\s*\.?\s*$/isu.exec(outcome);
  if (!m) return null;
  const title = m[1].trim();
  return title ? { title, year: Number(m[2]) } : null;
}

export interface MatchCandidate<K> {
  key: K;
  title: string;
  years: readonly number[];
}

export type MatchResult<K> =
  | { ok: true; candidate: MatchCandidate<K>; score: number }
  | { ok: false; reason: "no_initiative_with_year" | "no_similar_title"; bestScore: number | null };

/**
 * The candidate that best matches a reference: its agreement years must include the named year and its
 * title must score at least `threshold`. Ties keep the first candidate, so callers control precedence.
 */
export function findSuccessor<K>(
  ref: SuccessorReference,
  candidates: Iterable<MatchCandidate<K>>,
  threshold = MATCH_THRESHOLD,
): MatchResult<K> {
  const wanted = trigrams(normaliseTitle(ref.title));
  let best: { candidate: MatchCandidate<K>; score: number } | null = null;
  for (const candidate of candidates) {
    if (!candidate.years.includes(ref.year)) continue;
    const score = diceSimilarity(wanted, trigrams(normaliseTitle(candidate.title)));
    if (!best || score > best.score) best = { candidate, score };
  }
  if (!best) return { ok: false, reason: "no_initiative_with_year", bestScore: null };
  if (best.score < threshold) return { ok: false, reason: "no_similar_title", bestScore: best.score };
  return { ok: true, candidate: best.candidate, score: best.score };
}

/** Normalised title and sorted agreement years: the same initiative imported twice gets the same key. */
export function importKey(title: string, years: readonly number[]): string {
  return `${normaliseTitle(title)}|${[...new Set(years)].sort((a, b) => a - b).join(",")}`;
}

// ---------------------------------------------------------------------------------------------------
// The plan: a file's rows against the register

/** An initiative already in the register, as the plan needs it. */
export interface KnownInitiative {
  id: number;
  title: string;
  years: number[];
  outcome: string | null;
  importKey: string | null;
}

/** What the plan needs of a row of the file. */
export interface PlannableRow {
  title: string;
  agreementYears: number[];
  sourceOutcome: string | null;
  importKey: string;
}

/** `r:<index into newRows>` for an initiative this import creates, `i:<id>` for one in the register. */
export type PlanRef = `r:${number}` | `i:${number}`;

export interface PlannedLink {
  predecessor: PlanRef;
  successor: PlanRef;
  predecessorTitle: string;
  successorTitle: string;
  /** Title similarity, 0..1 (see MATCH_THRESHOLD), rounded to three decimals. */
  score: number;
}

export interface UnlinkedOutcome {
  title: string;
  outcome: string;
  /** no_initiative_with_year: nothing under the named agreement; no_similar_title: nothing close enough. */
  reason: "no_initiative_with_year" | "no_similar_title";
  named: SuccessorReference;
  bestScore: number | null;
}

export interface ImportPlan<R extends PlannableRow> {
  /** Rows to create, in file order (a PlanRef `r:n` is newRows[n]). */
  newRows: R[];
  alreadyPresent: number;
  links: PlannedLink[];
  /** Rows of this file whose outcome names a successor that could not be found. */
  unlinked: UnlinkedOutcome[];
}

interface Node {
  title: string;
  years: readonly number[];
  outcome: string | null;
  grams: Set<string>;
}

/**
 * Matches a file's rows with the register. A row whose key (or the key computed from an initiative's title
 * and years: one entered by hand has none stored) is already present is skipped. Then each initiative whose
 * outcome names a successor is linked to it, searching this file first (so on a tie the file's own
 * spelling wins) and then the register; initiatives already in the register are linked only to rows this
 * import creates, so files can be imported in any order. `existingLinks` holds "predecessorId>successorId".
 */
export function planImport<R extends PlannableRow>(
  rows: readonly R[],
  known: readonly KnownInitiative[],
  existingLinks: ReadonlySet<string>,
): ImportPlan<R> {
  const nodes = new Map<PlanRef, Node>();
  const node = (title: string, years: readonly number[], outcome: string | null): Node =>
    ({ title, years, outcome, grams: trigrams(normaliseTitle(title)) });
  const byKey = new Map<string, PlanRef>();
  for (const k of known) {
    nodes.set(`i:${k.id}`, node(k.title, k.years, k.outcome));
    if (k.importKey) byKey.set(k.importKey, `i:${k.id}`);
    if (k.years.length) {
      const computed = importKey(k.title, k.years);
      if (!byKey.has(computed)) byKey.set(computed, `i:${k.id}`);
    }
  }
  const plan: ImportPlan<R> = { newRows: [], alreadyPresent: 0, links: [], unlinked: [] };
  const fileRefs: PlanRef[] = [];
  for (const row of rows) {
    const existing = byKey.get(row.importKey);
    if (existing !== undefined) {
      plan.alreadyPresent++;
      fileRefs.push(existing);
      continue;
    }
    const ref: PlanRef = `r:${plan.newRows.length}`;
    plan.newRows.push(row);
    nodes.set(ref, node(row.title, row.agreementYears, row.sourceOutcome));
    byKey.set(row.importKey, ref);
    fileRefs.push(ref);
  }

  // Candidates per agreement year, in precedence order: this file's rows, then the register by id.
  const order = [...new Set<PlanRef>([...fileRefs, ...known.map((k): PlanRef => `i:${k.id}`)])];
  const byYear = new Map<number, PlanRef[]>();
  for (const ref of order) {
    for (const y of nodes.get(ref)!.years) {
      const list = byYear.get(y);
      if (list) list.push(ref);
      else byYear.set(y, [ref]);
    }
  }
  const fromFile = new Set(fileRefs);
  for (const predecessor of order) {
    const p = nodes.get(predecessor)!;
    const named = parseSuccessorReference(p.outcome);
    if (!named) continue;
    const inFile = fromFile.has(predecessor);
    const wanted = trigrams(normaliseTitle(named.title));
    let best: { ref: PlanRef; score: number } | null = null;
    for (const ref of byYear.get(named.year) ?? []) {
      if (ref === predecessor) continue;
      const score = diceSimilarity(wanted, nodes.get(ref)!.grams);
      if (!best || score > best.score) best = { ref, score };
    }
    if (!best || best.score < MATCH_THRESHOLD) {
      if (inFile) {
        plan.unlinked.push({
          title: p.title, outcome: p.outcome!, named,
          reason: best ? "no_similar_title" : "no_initiative_with_year", bestScore: best?.score ?? null,
        });
      }
      continue;
    }
    // Older initiatives are only linked to rows this import creates; their other links are not ours to add.
    if (!inFile && !best.ref.startsWith("r:")) continue;
    // Each predecessor is visited once, so only a link already in the register can repeat.
    if (predecessor.startsWith("i:") && best.ref.startsWith("i:") && existingLinks.has(`${predecessor.slice(2)}>${best.ref.slice(2)}`)) continue;
    plan.links.push({
      predecessor, successor: best.ref, predecessorTitle: p.title, successorTitle: nodes.get(best.ref)!.title,
      score: Math.round(best.score * 1000) / 1000,
    });
  }
  return plan;
}
