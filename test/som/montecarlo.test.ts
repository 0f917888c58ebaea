// Monte Carlo: reproducible with a seed, consistent with the decimal engine, chunkable, and fast enough.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculate, calculateExact, type SomInput } from "~/som/engine";
import {
  createRandom,
  createSimulation,
  prepareSimulationModel,
  presentValueNetForDraw,
  simulate,
  type SomSpreads,
} from "~/som/montecarlo";
import { parseSomInput } from "~/som/schema";

function fixture(name: string): SomInput {
  const parsed = parseSomInput(JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")));
  if (!parsed.ok) throw new Error(`fixture ${name}: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

const large = fixture("ten-years-twenty-consequences.json");
const spreads: SomSpreads = { successRate: "0.05", consequenceDeltas: "0.2", prices: "0.1", costs: "0.15" };
const noSpread: SomSpreads = { successRate: "0", consequenceDeltas: "0", prices: "0", costs: "0" };

describe("simulate", () => {
  it("gives the same result for the same seed and a different one for another seed", () => {
    const a = simulate(large, spreads, { draws: 2000, seed: 7 });
    const b = simulate(large, spreads, { draws: 2000, seed: 7 });
    const c = simulate(large, spreads, { draws: 2000, seed: 8 });
    expect(a).toEqual(b);
    expect(c.p50).not.toBe(a.p50);
  });

  it("gives every draw the point estimate when no spread is stated", () => {
    const result = simulate(large, noSpread, { draws: 500, seed: 1 });
    const pvNet = calculate(large).summary.presentValueNet; // "10193957.94"
    expect(result.presentValueNetPointEstimate).toBe(pvNet);
    for (const value of [result.p5, result.p50, result.p95, result.min, result.max, result.mean]) {
      expect(Math.abs(Number(value) - Number(pvNet))).toBeLessThanOrEqual(0.01);
    }
    expect(result.probabilityPositive).toBe("1");
    expect(result.histogram).toEqual([{ from: result.min, to: result.max, count: 500 }]);
  });

  it("reports the chance of a positive net result, ordered percentiles and a histogram of every draw", () => {
    const result = simulate(large, spreads, { draws: 10_000, seed: 2026 });
    const p = Number(result.probabilityPositive);
    expect(p).toBeGreaterThan(0.5);
    expect(p).toBeLessThanOrEqual(1);
    const [min, p5, p50, p95, max] = [result.min, result.p5, result.p50, result.p95, result.max].map(Number);
    expect(min).toBeLessThan(p5);
    expect(p5).toBeLessThan(p50);
    expect(p50).toBeLessThan(p95);
    expect(p95).toBeLessThan(max);
    // Symmetric spreads around the point estimate: the median lands near it.
    expect(Math.abs(p50 - Number(result.presentValueNetPointEstimate)) / Number(result.presentValueNetPointEstimate)).toBeLessThan(0.05);
    expect(result.histogram).toHaveLength(20);
    expect(result.histogram.reduce((n, bin) => n + bin.count, 0)).toBe(10_000);
    expect(result.histogram[0].from).toBe(result.min);
    expect(result.histogram[19].to).toBe(result.max);
  });

  it("gives a loss-making calculation a low chance of a positive result", () => {
    const result = simulate(fixture("som-md-example.json"), spreads, { draws: 2000, seed: 3 });
    expect(result.probabilityPositive).toBe("0");
    expect(Number(result.p95)).toBeLessThan(0);
  });

  it("keeps the drawn intervention rate within 0..1", () => {
    // s = 1 − 0.9 = 0.1 can go no higher, so no draw beats the point estimate; it can fall to −0.4 at most.
    const input: SomInput = {
      horizonYears: 1,
      discountRate: "0",
      courseLengthYears: 1,
      cohorts: [{ startYear: 1, citizens: "100" }],
      successRate: { intervention: "1", comparison: "0.9" },
      costs: [],
      consequences: [
        { label: "skat", area: "Skat", kind: "revenue", deltaPerSuccess: ["1"], prices: { kommune: "10", region: "0", stat: "0" } },
      ],
    };
    const result = simulate(input, { ...noSpread, successRate: "0.5" }, { draws: 5000, seed: 11 });
    expect(result.presentValueNetPointEstimate).toBe("100.00");
    expect(Number(result.max)).toBeLessThanOrEqual(100);
    expect(Number(result.min)).toBeGreaterThanOrEqual(-400);
    expect(Number(result.min)).toBeLessThan(0);
  });

  it("reports progress in chunks and ends at the total", () => {
    const seen: [number, number][] = [];
    simulate(large, spreads, { draws: 2500, seed: 1, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it("runs 10,000 draws of a 10-year, 20-consequence, 3-payer calculation in under a second", () => {
    const started = performance.now();
    simulate(large, spreads, { draws: 10_000, seed: 5 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses an impossible number of draws", () => {
    expect(() => simulate(large, spreads, { draws: 0, seed: 1 })).toThrow(RangeError);
    expect(() => simulate(large, spreads, { draws: 1.5, seed: 1 })).toThrow(RangeError);
  });
});

describe("createSimulation (the chunked form for a Web Worker)", () => {
  it("gives the same result however the draws are chunked", () => {
    const whole = simulate(large, spreads, { draws: 3000, seed: 99 });
    const chunked = createSimulation(large, spreads, { draws: 3000, seed: 99 });
    for (const size of [1, 7, 500, 10_000]) chunked.step(size);
    while (chunked.done < chunked.total) chunked.step(333);
    expect(chunked.result()).toEqual(whole);
  });

  it("refuses to summarise before every draw is done", () => {
    const simulation = createSimulation(large, spreads, { draws: 100, seed: 1 });
    simulation.step(50);
    expect(simulation.done).toBe(50);
    expect(() => simulation.result()).toThrow(/50 of 100/);
  });
});

describe("one draw against the decimal engine", () => {
  it("equals the engine's PV net for the same input scaled by the draw's factors", () => {
    const input = fixture("two-cohorts-discounted.json");
    const draw = { netSuccessRate: 0.3, deltaFactors: [1.2, 0.5], priceFactors: [0.9, 1.5], costFactors: [1.1, 0.8, 2] };
    const scaled: SomInput = {
      ...input,
      successRate: { intervention: "0.4", comparison: "0.1" },
      costs: input.costs.map((c, k) => ({ ...c, amount: String(Number(c.amount) * draw.costFactors[k]) })),
      consequences: input.consequences.map((c, j) => ({
        ...c,
        deltaPerSuccess: c.deltaPerSuccess.map((d) => String(Number(d) * draw.deltaFactors[j])),
        prices: {
          kommune: String(Number(c.prices.kommune) * draw.priceFactors[j]),
          region: String(Number(c.prices.region) * draw.priceFactors[j]),
          stat: String(Number(c.prices.stat) * draw.priceFactors[j]),
        },
      })),
    };
    const fromDraw = presentValueNetForDraw(prepareSimulationModel(input), draw);
    expect(fromDraw).toBeCloseTo(calculateExact(scaled).summary.presentValueNet.toNumber(), 6);
  });
});

describe("createRandom", () => {
  it("is reproducible and roughly uniform on [0, 1)", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const values = Array.from({ length: 100_000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((x, y) => x + y, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    const lowTenth = values.filter((v) => v < 0.1).length / values.length;
    expect(Math.abs(lowTenth - 0.1)).toBeLessThan(0.005);
  });
});
