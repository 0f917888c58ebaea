// The SUSI 2.0 phase model: phases, gates and their criteria (Tabel 1 of SUSI 2.0, seed 003).
// Pure data and helpers; the Danish and English criterion texts are the source's own.

export const PHASES = ["screening", "maturation", "trial", "dissemination"] as const;
export type Phase = (typeof PHASES)[number];

/** Where an initiative can stand: one of the four phases, or the combined Screening/modning period. */
export const PHASE_PERIODS = ["screening", "screening_maturation", "maturation", "trial", "dissemination"] as const;
export type PhasePeriod = (typeof PHASE_PERIODS)[number];

export type Track = 1 | 2;

export const DIMENSIONS = ["effect", "economy", "implementation", "demand", "operation"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const GATES = ["toMaturation", "toTrial", "toDissemination"] as const;
export type GateKey = (typeof GATES)[number];

export interface Criterion {
  /** Unique across gates, e.g. "toTrial.implemented". */
  id: string;
  gate: GateKey;
  key: string;
  dimension: Dimension;
  da: string;
  en: string;
}

export interface Gate {
  key: GateKey;
  from: Phase;
  to: Phase;
  criteria: Criterion[];
}

function criterion(gate: GateKey, key: string, dimension: Dimension, da: string, en: string): Criterion {
  return { id: `${gate}.${key}`, gate, key, dimension, da, en };
}

// Dimension tags are our reading (DECISIONS.md, ADR 0004): SUSI groups criteria under five dimensions
// outside the seeds; each Tabel 1 criterion is placed under the one it speaks to.
export const GATE_LIST: readonly Gate[] = [
  {
    key: "toMaturation",
    from: "screening",
    to: "maturation",
    criteria: [
      criterion("toMaturation", "well_founded", "effect", "Indsatsen er fagligt velbegrundet", "The intervention is professionally well-founded"),
      criterion("toMaturation", "realistic", "operation", "Indsatsen er realistisk i både afprøvning og drift", "The intervention is realistic both to trial and to run"),
      criterion("toMaturation", "in_demand", "demand", "Indsatsen er efterspurgt", "The intervention is in demand"),
    ],
  },
  {
    key: "toTrial",
    from: "maturation",
    to: "trial",
    criteria: [
      criterion("toTrial", "fully_defined", "implementation", "Indsatsen er færdigudviklet og defineret", "The intervention is fully developed and defined"),
      criterion("toTrial", "implemented", "implementation", "Indsatsen er succesfuldt implementeret", "The intervention has been successfully implemented"),
      criterion("toTrial", "promising_results", "effect", "Indsatsen udviser lovende resultater", "The intervention shows promising results"),
      criterion("toTrial", "not_unrealistically_expensive", "economy", "Indsatsen er ikke urealistisk dyr", "The intervention is not unrealistically expensive"),
    ],
  },
  {
    key: "toDissemination",
    from: "trial",
    to: "dissemination",
    criteria: [
      criterion("toDissemination", "implemented_as_intended", "implementation", "Indsatsen er implementeret som forudsat", "The intervention is implemented as intended"),
      criterion("toDissemination", "positive_effect", "effect", "Indsatsen har en positiv effekt på borgernes problemstilling", "The intervention has a positive effect on the citizens' problem"),
      criterion("toDissemination", "cost_effective", "economy", "Indsatsen er omkostningseffektiv", "The intervention is cost-effective"),
      criterion("toDissemination", "in_demand", "demand", "Indsatsen er efterspurgt", "The intervention is in demand"),
      criterion("toDissemination", "realistic_operation", "operation", "Indsatsen har et realistisk driftsperspektiv", "The intervention has a realistic operating perspective"),
    ],
  },
];

export const ALL_CRITERIA: readonly Criterion[] = GATE_LIST.flatMap((g) => g.criteria);

const criteriaById = new Map(ALL_CRITERIA.map((c) => [c.id, c]));
export function getCriterion(id: string): Criterion | undefined {
  return criteriaById.get(id);
}

export function getGate(key: GateKey): Gate {
  const gate = GATE_LIST.find((g) => g.key === key);
  if (!gate) throw new Error(`Unknown gate ${key}`);
  return gate;
}

/** Position on the phase line; the combined Screening/modning period starts where screening does. */
export function phaseIndex(period: PhasePeriod): number {
  return period === "screening_maturation" ? 0 : PHASES.indexOf(period);
}

export function isPhasePeriod(value: unknown): value is PhasePeriod {
  return typeof value === "string" && (PHASE_PERIODS as readonly string[]).includes(value);
}

export function isPhase(value: unknown): value is Phase {
  return typeof value === "string" && (PHASES as readonly string[]).includes(value);
}

/** The phases an initiative standing in `from` may move to (forwards only; skipping allowed). */
export function targetPhases(from: PhasePeriod): Phase[] {
  const start = from === "screening_maturation" ? 1 : phaseIndex(from);
  return PHASES.filter((p, i) => i > start || (from === "screening_maturation" && p === "maturation"));
}

/**
 * The gates crossed going from `from` to `to`, in order. Empty when `to` is not ahead of `from`.
 * A combined Screening/modning period crosses the screening gate too.
 */
export function gatesBetween(from: PhasePeriod, to: Phase): Gate[] {
  if (!targetPhases(from).includes(to)) return [];
  const fromIdx = phaseIndex(from);
  const toIdx = PHASES.indexOf(to);
  return GATE_LIST.filter((g) => PHASES.indexOf(g.from) >= fromIdx && PHASES.indexOf(g.to) <= toIdx);
}

/** The natural next phase: Screening/modning goes on to Afprøvning, the others one step on. */
export function nextPhase(from: PhasePeriod): Phase | null {
  if (from === "screening_maturation") return "trial";
  const idx = PHASES.indexOf(from);
  return idx < PHASES.length - 1 ? PHASES[idx + 1] : null;
}

/** Leaving screening (alone or combined with maturation) is where SUSI 2.0 fixes the track. */
export function leavesScreening(from: PhasePeriod): boolean {
  return from === "screening" || from === "screening_maturation";
}

export function isTerminal(period: PhasePeriod): boolean {
  return period === "dissemination";
}
