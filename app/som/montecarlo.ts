// Monte Carlo over a SØM calculation: how sure is the present-value net result, given stated spreads on
// the success rate, the consequence estimates, the prices and the costs? Pure and seeded, and runnable
// in chunks so a Web Worker can report progress (and stop) between them.
//
// Floating point (plain JS numbers) is used inside the simulation on purpose: the draws are themselves
// approximations, 10,000 of them must take well under a second, and binary rounding (~1e-16 relative)
// is far below any spread a user states. The point estimate itself always comes from the decimal engine.
import Decimal from "decimal.js";
import { calculateExact, formatAmount, linearTerms, type SomInput } from "./engine";

/** The app's standard analysis: 10,000 draws with a fixed seed, so anyone can check the figures. */
export const SIMULATION_DRAWS = 10_000;
export const SIMULATION_SEED = 20_261_123;

/**
 * Half-widths of symmetric triangular distributions centred on the point estimate, as decimal strings.
 * successRate: absolute, in rate units ("0.03" = ±3 percentage points on the net success rate).
 * consequenceDeltas, prices, costs: relative ("0.2" = ±20 %).
 */
export interface SomSpreads {
  successRate: string;
  consequenceDeltas: string;
  prices: string;
  costs: string;
}

export interface SimulationOptions {
  /** Number of draws; 10,000 by default. */
  draws?: number;
  /** Any integer; the same seed, input and spreads give the same result, however the work is chunked. */
  seed: number;
  /** Histogram bins; 20 by default. */
  bins?: number;
  /** Called after each chunk of `progressEvery` draws (default 1,000) and at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

export interface HistogramBin {
  /** Lower edge (inclusive) and upper edge (exclusive, except the last bin), kroner with two decimals. */
  from: string;
  to: string;
  count: number;
}

export interface SimulationResult {
  draws: number;
  seed: number;
  distribution: "triangular";
  spreads: SomSpreads;
  /** The decimal engine's PV net at the point estimate, for reference beside the spread. */
  presentValueNetPointEstimate: string;
  /** Share of draws with PV net > 0 (exact: count / draws). */
  probabilityPositive: string;
  mean: string;
  p5: string;
  p50: string;
  p95: string;
  min: string;
  max: string;
  histogram: HistogramBin[];
}

/** The calculation reduced to what PV net is linear in, as floats (see SomLinearTerms in engine.ts). */
export interface SimulationModel {
  netSuccessRate: number;
  comparisonRate: number;
  /** PV of each cost line. */
  costLines: Float64Array;
  /** PV budget effect of each consequence at a net success rate of 1. */
  consequences: Float64Array;
  presentValueNet: Decimal;
}

/** One draw's multipliers: the net success rate itself, and a factor per consequence and cost line. */
export interface DrawFactors {
  netSuccessRate: number;
  deltaFactors: ArrayLike<number>;
  priceFactors: ArrayLike<number>;
  costFactors: ArrayLike<number>;
}

/**
 * PV net is linear in the net success rate, in each consequence's changes and price, and in each cost
 * line, and every spread is one multiplier per line; so one draw is a weighted sum over lines rather
 * than a whole recalculation. A new spread that is not such a multiplier (per year, on the discount
 * rate) would break this and must recalculate instead.
 */
export function prepareSimulationModel(input: SomInput): SimulationModel {
  const terms = linearTerms(input);
  return {
    netSuccessRate: terms.netSuccessRate.toNumber(),
    comparisonRate: terms.comparisonRate.toNumber(),
    costLines: Float64Array.from(terms.costLines, (d) => d.toNumber()),
    consequences: Float64Array.from(terms.consequences, (d) => d.toNumber()),
    // From the decimal engine itself, so the reference figure matches the calculation shown beside it.
    presentValueNet: calculateExact(input).summary.presentValueNet,
  };
}

/** PV net for one set of multipliers. */
export function presentValueNetForDraw(model: SimulationModel, draw: DrawFactors): number {
  let effects = 0;
  for (let j = 0; j < model.consequences.length; j++) {
    effects += draw.deltaFactors[j] * draw.priceFactors[j] * model.consequences[j];
  }
  let costs = 0;
  for (let k = 0; k < model.costLines.length; k++) costs += draw.costFactors[k] * model.costLines[k];
  return draw.netSuccessRate * effects - costs;
}

/**
 * xoshiro128** (Blackman & Vigna), seeded through splitmix32: 128 bits of state, fast with 32-bit
 * integer maths in every JS engine, and statistically far better than Math.random's unspecified
 * generator, which cannot be seeded at all.
 */
export function createRandom(seed: number): () => number {
  let x = seed >>> 0;
  const splitmix32 = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Symmetric triangular on [-1, 1] by inverse CDF: one uniform per variable keeps the stream aligned. */
function triangular(u: number): number {
  return u < 0.5 ? Math.sqrt(2 * u) - 1 : 1 - Math.sqrt(2 * (1 - u));
}

export interface Simulation {
  readonly total: number;
  readonly done: number;
  /** Runs up to `maxDraws` more draws; returns how many have been done in all. */
  step(maxDraws: number): number;
  /** The summary; throws if called before every draw is done. */
  result(): SimulationResult;
}

/** The chunked form, for a Web Worker: call step() between messages, then result(). */
export function createSimulation(input: SomInput, spreads: SomSpreads, options: SimulationOptions): Simulation {
  const total = options.draws ?? 10_000;
  const bins = options.bins ?? 20;
  if (!Number.isInteger(total) || total < 1 || total > 1_000_000) {
    throw new RangeError("draws must be a whole number from 1 to 1,000,000");
  }
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new RangeError("bins must be a whole number from 1 to 1000");
  if (!Number.isInteger(options.seed)) throw new RangeError("seed must be a whole number");

  const model = prepareSimulationModel(input);
  const spreadSuccess = Number(spreads.successRate);
  const spreadDelta = Number(spreads.consequenceDeltas);
  const spreadPrice = Number(spreads.prices);
  const spreadCost = Number(spreads.costs);
  const random = createRandom(options.seed);
  const values = new Float64Array(total);
  // The drawn net success rate is clamped so that the intervention rate stays within [0, 1].
  const lowestRate = -model.comparisonRate;
  const highestRate = 1 - model.comparisonRate;
  const J = model.consequences.length;
  const K = model.costLines.length;
  let done = 0;

  const step = (maxDraws: number): number => {
    const end = Math.min(total, done + Math.max(0, Math.floor(maxDraws)));
    for (let i = done; i < end; i++) {
      let s = model.netSuccessRate + spreadSuccess * triangular(random());
      s = s < lowestRate ? lowestRate : s > highestRate ? highestRate : s;
      let effects = 0;
      for (let j = 0; j < J; j++) {
        const deltaFactor = 1 + spreadDelta * triangular(random());
        const priceFactor = 1 + spreadPrice * triangular(random());
        effects += deltaFactor * priceFactor * model.consequences[j];
      }
      let costs = 0;
      for (let k = 0; k < K; k++) costs += (1 + spreadCost * triangular(random())) * model.costLines[k];
      values[i] = s * effects - costs;
    }
    done = end;
    return done;
  };

  return {
    total,
    get done() {
      return done;
    },
    step,
    result() {
      if (done < total) throw new Error(`simulation not finished: ${done} of ${total} draws`);
      return summarise(values, { ...options, draws: total, bins }, spreads, model);
    },
  };
}

/** Runs every draw at once, reporting progress; for the server, the CLI or a worker that need not stop. */
export function simulate(input: SomInput, spreads: SomSpreads, options: SimulationOptions): SimulationResult {
  const simulation = createSimulation(input, spreads, options);
  const chunk = Math.max(1, options.progressEvery ?? 1000);
  while (simulation.done < simulation.total) {
    simulation.step(chunk);
    options.onProgress?.(simulation.done, simulation.total);
  }
  return simulation.result();
}

function money(value: number): string {
  const text = new Decimal(value).toFixed(2, Decimal.ROUND_HALF_UP);
  return text === "-0.00" ? "0.00" : text;
}

/** Percentile with linear interpolation between closest ranks (Excel PERCENTILE.INC, numpy's default). */
function percentile(sorted: Float64Array, p: number): number {
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.min(sorted.length - 1, lower + 1);
  return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
}

function summarise(
  values: Float64Array,
  options: SimulationOptions & { draws: number; bins: number },
  spreads: SomSpreads,
  model: SimulationModel,
): SimulationResult {
  const sorted = values.slice().sort();
  let positive = 0;
  let sum = 0;
  for (const v of sorted) {
    if (v > 0) positive++;
    sum += v;
  }
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const width = (max - min) / options.bins;
  const counts = new Array<number>(width > 0 ? options.bins : 1).fill(0);
  for (const v of sorted) {
    const bin = width > 0 ? Math.min(options.bins - 1, Math.floor((v - min) / width)) : 0;
    counts[bin]++;
  }
  return {
    draws: options.draws,
    seed: options.seed,
    distribution: "triangular",
    spreads: { ...spreads },
    presentValueNetPointEstimate: formatAmount(model.presentValueNet),
    probabilityPositive: new Decimal(positive).div(options.draws).toFixed(),
    mean: money(sum / sorted.length),
    p5: money(percentile(sorted, 0.05)),
    p50: money(percentile(sorted, 0.5)),
    p95: money(percentile(sorted, 0.95)),
    min: money(min),
    max: money(max),
    histogram: counts.map((count, i) => ({
      from: money(min + i * width),
      to: money(i === counts.length - 1 ? max : min + (i + 1) * width),
      count,
    })),
  };
}

/**
 * The app's standard analysis of one calculation version (fixed seed, 10,000 draws), stored with the
 * version when it is saved; null without spreads (there is nothing to draw within).
 */
export function versionSimulation(input: SomInput, spreads: SomSpreads | null | undefined): SimulationResult | null {
  return spreads ? simulate(input, spreads, { seed: SIMULATION_SEED, draws: SIMULATION_DRAWS }) : null;
}
