// Tolerant title matching for linking an initiative to the successor its outcome names
// ("Ja (Modning af …, UIP 2022)"). Pure: no database, no clock; the import core feeds it candidates.

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
