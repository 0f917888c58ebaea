// The outcome of a phase, as UIP records it (seed 004's Bilag 1, DECISIONS 0094): when a phase ends the
// initiative is carried on (to which phase, as which initiative), partly carried on (some of its methods
// passed, some did not), not carried on (for a reason from a fixed list, with a free-text note), or
// recommended for continuation in a later agreement; beside it stands the SUSI assessment's verdict as
// the source words it ("Ja til begge", "Ja og nej", "Ja og delvist", "Nej"). Two ways in: the source
// table's two text columns (`readSourceOutcome`, used by the import) and a steering-group decision
// (`outcomeOfDecision`, used by workflows/decision.ts). Pure: no I/O.
import type { InitiativeStatus } from "./decision";
import type { PhasePeriod } from "./phase-model";

export const OUTCOME_KINDS = ["carried_on", "partly_carried_on", "not_carried_on", "recommended_later", "not_recorded"] as const;
/** What became of the initiative when its phase ended. `not_recorded`: an assessment exists, the source says no more. */
export type PhaseOutcomeKind = (typeof OUTCOME_KINDS)[number];

export const NOT_CARRIED_ON_REASONS = ["criteria_not_met", "not_fully_implemented", "not_an_intervention", "waiting_on_other", "other"] as const;
/** Why an initiative (or some of its methods) was not carried on: a fixed list, so the portfolio can count them. */
export type NotCarriedOnReason = (typeof NOT_CARRIED_ON_REASONS)[number];

export const VERDICTS = ["yes_both", "yes_no", "yes_partly", "no_assessment"] as const;
/**
 * The SUSI assessment's verdict as the source's last column gives it: "Ja til begge" (assessed, suitable
 * for a new phase), "Ja og nej" (assessed, not suitable), "Ja og delvist" (assessed, partly suitable),
 * "Nej" (no assessment made).
 */
export type Verdict = (typeof VERDICTS)[number];

/** One method of an initiative and whether it passed; `name` is null where the source does not name it. */
export interface OutcomeMethod {
  name: string | null;
  passed: boolean;
}

/** Why a row of the source is ambiguous; the import says what it read and marks it "fra kilden". */
export type SourceAmbiguity =
  /** An assessment is recorded but nothing about carrying on; the text's counts of ended initiatives disagree. */
  | "assessed_without_outcome"
  /** Dissemination: "kan ikke videreføres" says nothing about whether the initiative has ended. */
  | "dissemination_end_unknown"
  /** The two columns give different reasons (the outcome's reason is used). */
  | "reasons_differ";

export interface PhaseOutcome {
  kind: PhaseOutcomeKind;
  verdict: Verdict | null;
  reason: NotCarriedOnReason | null;
  note: string;
  methods: OutcomeMethod[];
  /** The initiative it was carried on as, by the source's title (linked by the import when found). */
  successorTitle: string | null;
  /** The agreement year it is carried on in, or recommended for. */
  continuesInYear: number | null;
  /** Recommended for continuation in a later agreement. */
  recommended: boolean;
}

export type OutcomeRefusal =
  | { code: "outcome_reason_missing" }
  | { code: "outcome_reason_not_allowed" }
  | { code: "outcome_methods_missing" }
  | { code: "outcome_method_name_missing"; index: number };

function key(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("da");
}

/** "-" and empty: nothing recorded. */
function blank(value: string | null | undefined): boolean {
  return value == null || value.trim() === "" || value.trim() === "-";
}

/** The verdict the assessment column gives, or null (nothing recorded, or dissemination: no assessment is made). */
export function readVerdict(assessment: string | null): Verdict | null {
  if (blank(assessment)) return null;
  const a = key(assessment!);
  if (a.startsWith("ja til begge")) return "yes_both";
  if (a.startsWith("ja og nej")) return "yes_no";
  if (a.startsWith("ja og delvist")) return "yes_partly";
  if (/^nej\b/u.test(a)) return "no_assessment";
  return null;
}

/** The reason a "not carried on" text gives, from the source's own wording; `other` when it names none of the list. */
export function readReason(text: string): NotCarriedOnReason {
  const t = key(text);
  if (t.includes("covid") || t.includes("ikke fuldt implementeret") || t.includes("delvist færdigudviklet")) return "not_fully_implemented";
  if (t.includes("definitionen af en indsats")) return "not_an_intervention";
  if (t.includes("afventer")) return "waiting_on_other";
  if (t.includes("kriterier")) return "criteria_not_met";
  return "other";
}

const NUMBER_WORDS: Record<string, number> = { en: 1, et: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6 };

/** "En af de fire metoder … har en positiv SUSI-vurdering": one method of four passed, none named. */
function readMethods(assessment: string): OutcomeMethod[] {
  const m = /\b(en|et|to|tre|fire|fem|seks|\d+) af de (to|tre|fire|fem|seks|\d+) metoder\b/u.exec(key(assessment));
  if (!m) return [];
  const passed = NUMBER_WORDS[m[1]] ?? Number(m[1]);
  const total = NUMBER_WORDS[m[2]] ?? Number(m[2]);
  if (!(passed >= 0 && total >= passed)) return [];
  return Array.from({ length: total }, (_, i) => ({ name: null, passed: i < passed }));
}

export interface SourceReading {
  /** The phase ended, by the source's rule: an outcome or an assessment is recorded (dissemination excepted). */
  ended: boolean;
  status: InitiativeStatus;
  /** The outcome of the ended phase; null while it runs. */
  outcome: PhaseOutcome | null;
  ambiguity: SourceAmbiguity | null;
}

/**
 * What the source's two columns say about a row (DECISIONS 0095): whether its phase ended, the status that
 * gives it, and the outcome. A phase ended when the "carried on" column answers (dissemination's "kan ikke
 * videreføres" does not: it says nothing about an end) or when a SUSI assessment is recorded, as the source
 * makes one only when a phase ends. Carried on, recommended later and not recorded complete the initiative;
 * not carried on stops it, as a Stop at the gate would.
 */
export function readSourceOutcome(source: { phase: PhasePeriod; outcome: string | null; assessment: string | null; successorTitle?: string | null; successorYear?: number | null }): SourceReading {
  const verdict = readVerdict(source.assessment);
  const o = blank(source.outcome) ? "" : key(source.outcome!);
  const dissemination = o.includes("kan ikke videreføres");
  if (dissemination) return { ended: false, status: "active", outcome: null, ambiguity: "dissemination_end_unknown" };
  if (o === "" && verdict === null) return { ended: false, status: "active", outcome: null, ambiguity: null };

  const note = [source.outcome, source.assessment].filter((s): s is string => !blank(s)).map((s) => s.trim()).join(" — ");
  const methods = blank(source.assessment) ? [] : readMethods(source.assessment!);
  const base = { verdict, note, methods, successorTitle: null, continuesInYear: null, recommended: false, reason: null };
  if (o === "") return { ended: true, status: "completed", outcome: { ...base, kind: "not_recorded" }, ambiguity: "assessed_without_outcome" };
  if (/^ja\b/u.test(o)) {
    return {
      ended: true, status: "completed", ambiguity: null,
      outcome: { ...base, kind: "carried_on", successorTitle: source.successorTitle ?? null, continuesInYear: source.successorYear ?? null },
    };
  }
  const year = /uip\s*(\d{4})/u.exec(o);
  if (o.includes("indstilles ikke") || /^nej\b/u.test(o)) {
    const reason = readReason(o);
    // "Ja og nej. … lever ikke op til SUSI-kriterierne" beside "Nej. … ikke … en indsats": two reasons given.
    const other = blank(source.assessment) ? null : key(source.assessment!).includes("kriterier") ? "criteria_not_met" : null;
    return {
      ended: true, status: "stopped", ambiguity: other && other !== reason ? "reasons_differ" : null,
      outcome: { ...base, kind: "not_carried_on", reason },
    };
  }
  if (o.includes("indstilles til videreførelse")) {
    return { ended: true, status: "completed", ambiguity: null, outcome: { ...base, kind: "recommended_later", recommended: true, continuesInYear: year ? Number(year[1]) : null } };
  }
  // Any other answer ends the phase only when it says so ("afsluttet") or an assessment is recorded; the words are kept.
  if (o.includes("afsluttet") || verdict !== null) return { ended: true, status: "completed", ambiguity: null, outcome: { ...base, kind: "not_recorded" } };
  return { ended: false, status: "active", outcome: null, ambiguity: null };
}

/** What a decision records as the outcome of the phase it ends, as entered on the decision form. */
export interface OutcomeInput {
  reason: NotCarriedOnReason | null;
  note: string;
  methods: OutcomeMethod[];
  recommended: boolean;
  continuesInYear: number | null;
}

export const NO_OUTCOME_INPUT: OutcomeInput = { reason: null, note: "", methods: [], recommended: false, continuesInYear: null };

/**
 * The rules on an outcome: not carried on needs a reason from the list; carried on takes none; partly
 * carried on needs its methods, each named, at least one passed and one not, and a reason for those that did not.
 */
export function outcomeRefusals(kind: PhaseOutcomeKind, input: OutcomeInput): OutcomeRefusal[] {
  const refusals: OutcomeRefusal[] = [];
  if (kind === "not_carried_on" && input.reason === null) refusals.push({ code: "outcome_reason_missing" });
  if (kind === "carried_on" && input.reason !== null) refusals.push({ code: "outcome_reason_not_allowed" });
  if (kind === "partly_carried_on") {
    if (!input.methods.some((m) => m.passed) || !input.methods.some((m) => !m.passed)) refusals.push({ code: "outcome_methods_missing" });
    input.methods.forEach((m, index) => {
      if (!m.name?.trim()) refusals.push({ code: "outcome_method_name_missing", index });
    });
    if (input.reason === null) refusals.push({ code: "outcome_reason_missing" });
  }
  return refusals;
}

/** Builds the outcome a decision records, once `outcomeRefusals` found nothing. */
export function phaseOutcome(kind: PhaseOutcomeKind, input: OutcomeInput, successorTitle: string | null): PhaseOutcome {
  return {
    kind,
    verdict: null,
    reason: kind === "carried_on" || kind === "recommended_later" ? null : input.reason,
    note: input.note.trim(),
    methods: input.methods.map((m) => ({ name: m.name?.trim() || null, passed: m.passed })),
    successorTitle,
    continuesInYear: input.continuesInYear,
    recommended: kind === "recommended_later" || input.recommended,
  };
}
