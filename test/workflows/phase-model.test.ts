// The SUSI 2.0 phase model against Tabel 1 (shared/data/susi-criteria.json, embedded here because CI runs
// on a checkout of this repository alone) and the phase paths, including skips and Screening/modning.
import { describe, expect, it } from "vitest";
import {
  ALL_CRITERIA,
  DIMENSIONS,
  GATE_LIST,
  GATES,
  PHASE_PERIODS,
  PHASES,
  gatesBetween,
  getCriterion,
  getGate,
  isPhase,
  isPhasePeriod,
  isTerminal,
  leavesScreening,
  nextPhase,
  targetPhases,
  type GateKey,
  type Phase,
  type PhasePeriod,
} from "../../workflows/phase-model";

// Tabel 1, copied verbatim from susi-criteria.json: gate, from, to, then [key, Danish, English] per criterion.
const TABEL_1: { gate: GateKey; from: Phase; to: Phase; criteria: [string, string, string][] }[] = [
  {
    gate: "toMaturation",
    from: "screening",
    to: "maturation",
    criteria: [
      ["well_founded", "Indsatsen er fagligt velbegrundet", "The intervention is professionally well-founded"],
      ["realistic", "Indsatsen er realistisk i både afprøvning og drift", "The intervention is realistic both to trial and to run"],
      ["in_demand", "Indsatsen er efterspurgt", "The intervention is in demand"],
    ],
  },
  {
    gate: "toTrial",
    from: "maturation",
    to: "trial",
    criteria: [
      ["fully_defined", "Indsatsen er færdigudviklet og defineret", "The intervention is fully developed and defined"],
      ["implemented", "Indsatsen er succesfuldt implementeret", "The intervention has been successfully implemented"],
      ["promising_results", "Indsatsen udviser lovende resultater", "The intervention shows promising results"],
      ["not_unrealistically_expensive", "Indsatsen er ikke urealistisk dyr", "The intervention is not unrealistically expensive"],
    ],
  },
  {
    gate: "toDissemination",
    from: "trial",
    to: "dissemination",
    criteria: [
      ["implemented_as_intended", "Indsatsen er implementeret som forudsat", "The intervention is implemented as intended"],
      ["positive_effect", "Indsatsen har en positiv effekt på borgernes problemstilling", "The intervention has a positive effect on the citizens' problem"],
      ["cost_effective", "Indsatsen er omkostningseffektiv", "The intervention is cost-effective"],
      ["in_demand", "Indsatsen er efterspurgt", "The intervention is in demand"],
      ["realistic_operation", "Indsatsen har et realistisk driftsperspektiv", "The intervention has a realistic operating perspective"],
    ],
  },
];

describe("phases", () => {
  it("are screening, maturation, trial and dissemination, in that order, plus the combined Screening/modning period", () => {
    expect(PHASES).toEqual(["screening", "maturation", "trial", "dissemination"]);
    expect([...PHASE_PERIODS].sort()).toEqual(["dissemination", "maturation", "screening", "screening_maturation", "trial"]);
  });

  it("tells phases from periods", () => {
    expect(isPhase("screening_maturation")).toBe(false);
    expect(isPhasePeriod("screening_maturation")).toBe(true);
    expect(isPhase("trial")).toBe(true);
    expect(isPhasePeriod("afprøvning")).toBe(false);
    expect(isPhase(undefined)).toBe(false);
  });
});

describe("gates and criteria (Tabel 1)", () => {
  it("has exactly three gates with 3, 4 and 5 criteria", () => {
    expect(GATE_LIST.map((g) => [g.key, g.criteria.length])).toEqual([
      ["toMaturation", 3],
      ["toTrial", 4],
      ["toDissemination", 5],
    ]);
    expect(GATES).toEqual(["toMaturation", "toTrial", "toDissemination"]);
    expect(ALL_CRITERIA).toHaveLength(12);
  });

  describe.each(TABEL_1)("gate $gate ($from → $to)", ({ gate, from, to, criteria }) => {
    it("goes between the phases of the source", () => {
      expect(getGate(gate)).toMatchObject({ key: gate, from, to });
    });

    it("has exactly the source's criteria, in order, with the Danish and English text unchanged", () => {
      expect(getGate(gate).criteria.map((c) => [c.key, c.da, c.en])).toEqual(criteria);
    });

    it.each(criteria)("criterion %s has the id gate.key, belongs to its gate and is tagged with a dimension", (key) => {
      const c = getCriterion(`${gate}.${key}`);
      expect(c).toBeDefined();
      expect(c).toMatchObject({ id: `${gate}.${key}`, gate, key });
      expect(DIMENSIONS).toContain(c!.dimension);
    });
  });

  it("criterion ids are unique across gates (in_demand appears at two gates)", () => {
    const ids = ALL_CRITERIA.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(getCriterion("toMaturation.in_demand")?.gate).toBe("toMaturation");
    expect(getCriterion("toDissemination.in_demand")?.gate).toBe("toDissemination");
  });

  it("uses every one of the five dimensions", () => {
    expect(new Set(ALL_CRITERIA.map((c) => c.dimension))).toEqual(new Set(DIMENSIONS));
    expect([...DIMENSIONS].sort()).toEqual(["demand", "economy", "effect", "implementation", "operation"]);
  });

  it("knows no other criteria", () => {
    expect(getCriterion("in_demand")).toBeUndefined();
    expect(getCriterion("toTrial.in_demand")).toBeUndefined();
  });
});

describe("paths through the phases", () => {
  const table: {
    from: PhasePeriod;
    next: Phase | null;
    targets: Phase[];
    leavesScreening: boolean;
    terminal: boolean;
  }[] = [
    { from: "screening", next: "maturation", targets: ["maturation", "trial", "dissemination"], leavesScreening: true, terminal: false },
    { from: "screening_maturation", next: "trial", targets: ["maturation", "trial", "dissemination"], leavesScreening: true, terminal: false },
    { from: "maturation", next: "trial", targets: ["trial", "dissemination"], leavesScreening: false, terminal: false },
    { from: "trial", next: "dissemination", targets: ["dissemination"], leavesScreening: false, terminal: false },
    { from: "dissemination", next: null, targets: [], leavesScreening: false, terminal: true },
  ];

  it("covers every phase period", () => {
    expect(table.map((r) => r.from).sort()).toEqual([...PHASE_PERIODS].sort());
  });

  it.each(table)("from $from: next $next, targets $targets", (row) => {
    expect(nextPhase(row.from)).toBe(row.next);
    expect(targetPhases(row.from)).toEqual(row.targets);
    expect(leavesScreening(row.from)).toBe(row.leavesScreening);
    expect(isTerminal(row.from)).toBe(row.terminal);
  });

  // Every (period, phase) pair: the gates crossed, in order; [] where the phase is not ahead.
  const crossed: [PhasePeriod, Phase, GateKey[]][] = [
    ["screening", "screening", []],
    ["screening", "maturation", ["toMaturation"]],
    ["screening", "trial", ["toMaturation", "toTrial"]],
    ["screening", "dissemination", ["toMaturation", "toTrial", "toDissemination"]],
    ["screening_maturation", "screening", []],
    ["screening_maturation", "maturation", ["toMaturation"]],
    ["screening_maturation", "trial", ["toMaturation", "toTrial"]],
    ["screening_maturation", "dissemination", ["toMaturation", "toTrial", "toDissemination"]],
    ["maturation", "screening", []],
    ["maturation", "maturation", []],
    ["maturation", "trial", ["toTrial"]],
    ["maturation", "dissemination", ["toTrial", "toDissemination"]],
    ["trial", "screening", []],
    ["trial", "maturation", []],
    ["trial", "trial", []],
    ["trial", "dissemination", ["toDissemination"]],
    ["dissemination", "screening", []],
    ["dissemination", "maturation", []],
    ["dissemination", "trial", []],
    ["dissemination", "dissemination", []],
  ];

  it("the gate table covers every period and phase", () => {
    expect(crossed).toHaveLength(PHASE_PERIODS.length * PHASES.length);
  });

  it.each(crossed)("gatesBetween(%s, %s) crosses %j", (from, to, gates) => {
    expect(gatesBetween(from, to).map((g) => g.key)).toEqual(gates);
  });

  it.each(PHASE_PERIODS.filter((p) => p !== "dissemination"))("the natural next phase from %s is a target whose gates chain without gaps", (from) => {
    const next = nextPhase(from)!;
    expect(targetPhases(from)).toContain(next);
    const gates = gatesBetween(from, next);
    expect(gates.length).toBeGreaterThan(0);
    expect(gates[gates.length - 1].to).toBe(next);
    gates.slice(1).forEach((g, i) => expect(g.from).toBe(gates[i].to));
  });

  it("a skip from screening to dissemination asks for all twelve criteria", () => {
    expect(gatesBetween("screening", "dissemination").flatMap((g) => g.criteria)).toHaveLength(12);
  });
});
