// SØM engine benchmark, called by test/bench/run.ts (`npm run bench`): one 10-year, 20-consequence,
// 3-payer calculation (median < 1 ms) and 10,000 Monte Carlo draws of it (median < 100 ms), issue 11.
import { readFileSync } from "node:fs";
import { calculate, PAYERS, type SomInput } from "../../app/som/engine";
import { simulate, type SomSpreads } from "../../app/som/montecarlo";
import { parseSomInput } from "../../app/som/schema";

export interface SomBenchRow {
  name: string;
  medianMs: number;
  target: string;
  ok: boolean;
}

const FIXTURE = new URL("../som/fixtures/ten-years-twenty-consequences.json", import.meta.url);
const SPREADS: SomSpreads = { successRate: "0.05", consequenceDeltas: "0.2", prices: "0.1", costs: "0.15" };

function loadCalculation(): SomInput {
  const parsed = parseSomInput(JSON.parse(readFileSync(FIXTURE, "utf8")));
  if (!parsed.ok) throw new Error(`bench fixture invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  const input = parsed.value;
  // Guard the claim in the row names: the figures mean nothing if the fixture shrinks.
  const payersWithPrices = PAYERS.filter((p) => input.consequences.some((c) => Number(c.prices[p]) !== 0));
  if (input.horizonYears !== 10 || input.consequences.length !== 20 || payersWithPrices.length !== 3) {
    throw new Error("bench fixture is no longer a 10-year, 20-consequence, 3-payer calculation");
  }
  return input;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(run: () => void, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function runSomBench(): Promise<SomBenchRow[]> {
  const input = loadCalculation();
  // Warm-up lets the JIT settle, as it will have in a long-running server or worker.
  const calculationMs = time(() => calculate(input), 300, 2000);
  const monteCarloMs = time(() => simulate(input, SPREADS, { draws: 10_000, seed: 2026 }), 2, 9);
  const rows: SomBenchRow[] = [
    {
      name: "SØM calculation, 10 years × 20 consequences × 3 payers",
      medianMs: calculationMs,
      target: "< 1 ms",
      ok: calculationMs < 1,
    },
    {
      name: "SØM Monte Carlo, 10,000 draws of it",
      medianMs: monteCarloMs,
      target: "< 100 ms",
      ok: monteCarloMs < 100,
    },
  ];
  // The caller (test/bench/run.ts) prints the rows beside the page figures.
  return rows;
}
