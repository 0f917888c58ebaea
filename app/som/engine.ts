// The SØM calculation engine: turns one calculation (costs, success rate, consequence estimates) into
// the net result for the public purse per year and per payer, exactly as /work/shared/SOM.md describes.
// Pure on purpose (only decimal.js): the same module runs on the server, in the browser and in a Web Worker.
import Decimal from "decimal.js";

// A private Decimal constructor so that the app's global decimal.js settings cannot change our figures.
// 40 significant digits leaves ample headroom over kroner amounts with öre and long discount factors;
// normal notation always, so a rate never comes out as "1e-7".
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
const ZERO = new D(0);

export const PAYERS = ["kommune", "region", "stat"] as const;
export type Payer = (typeof PAYERS)[number];

/**
 * Negative costs are offsets; offsetKind optionally says which kind (without it, an offset of unspecified
 * kind, computed the same and shown as "modregning"). Positive costs carry no offsetKind.
 */
export const OFFSET_KINDS = ["grant", "savedExpenditure"] as const;
export type OffsetKind = (typeof OFFSET_KINDS)[number];

export const COST_TYPES = ["oneOff", "perCitizenPerCourseYear", "annual"] as const;
export const CONSEQUENCE_KINDS = ["expenditure", "revenue"] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];

/** A decimal number written as a string ("1250.50", "-0.02"); never a binary float on the way in. */
export type DecimalString = string;

export interface SomCohort {
  startYear: number;
  citizens: DecimalString;
}

interface SomCostBase {
  label: string;
  payer: Payer;
  amount: DecimalString;
  offsetKind?: OffsetKind;
}
export interface SomOneOffCost extends SomCostBase {
  type: "oneOff";
  year: number;
}
export interface SomPerCitizenCost extends SomCostBase {
  type: "perCitizenPerCourseYear";
}
export interface SomAnnualCost extends SomCostBase {
  type: "annual";
  fromYear: number;
  toYear: number;
}
export type SomCost = SomOneOffCost | SomPerCitizenCost | SomAnnualCost;

export interface SomConsequence {
  label: string;
  area: string;
  kind: ConsequenceKind;
  /** Change in units used (or earned) per successful citizen; index 0 is the completion year. */
  deltaPerSuccess: DecimalString[];
  /** Price per unit for each payer, after reimbursement (refusion), in the calculation's price year. */
  prices: Record<Payer, DecimalString>;
}

export interface SomInput {
  horizonYears: number;
  discountRate: DecimalString;
  courseLengthYears: number;
  cohorts: SomCohort[];
  successRate: { intervention: DecimalString; comparison: DecimalString };
  costs: SomCost[];
  consequences: SomConsequence[];
}

export interface SomPayerAmounts {
  costs: string;
  budgetEffects: string;
  net: string;
}

export interface SomYearResult extends SomPayerAmounts {
  year: number;
  cumulativeNet: string;
  discountedNet: string;
  cumulativeDiscountedNet: string;
  byPayer: Record<Payer, SomPayerAmounts>;
}

export interface SomResult {
  netSuccessRate: string;
  summary: {
    costs: string;
    budgetEffects: string;
    net: string;
    presentValueCosts: string;
    presentValueBudgetEffects: string;
    presentValueNet: string;
    benefitCostRatio: string;
    breakEvenYear: number | null;
    breakEvenSuccessRate: string | null;
  };
  byPayer: Record<Payer, SomPayerAmounts>;
  years: SomYearResult[];
  byArea: { area: string; budgetEffects: string }[];
}

/** The same figures as SomResult, unrounded, for callers (and tests) that need exact arithmetic. */
export interface SomExactPayerAmounts {
  costs: Decimal;
  budgetEffects: Decimal;
  net: Decimal;
}
export interface SomExactYear extends SomExactPayerAmounts {
  year: number;
  cumulativeNet: Decimal;
  discountedNet: Decimal;
  cumulativeDiscountedNet: Decimal;
  byPayer: Record<Payer, SomExactPayerAmounts>;
}
export interface SomExactResult {
  netSuccessRate: Decimal;
  summary: {
    costs: Decimal;
    budgetEffects: Decimal;
    net: Decimal;
    presentValueCosts: Decimal;
    presentValueBudgetEffects: Decimal;
    presentValueNet: Decimal;
    /** null where present-value costs are zero or negative ("n/a"). */
    benefitCostRatio: Decimal | null;
    breakEvenYear: number | null;
    /** Unrounded; null where no net success rate in [0, 1] breaks even. */
    breakEvenSuccessRate: Decimal | null;
  };
  byPayer: Record<Payer, SomExactPayerAmounts>;
  years: SomExactYear[];
  byArea: { area: string; budgetEffects: Decimal }[];
}

/** Thrown by the engine for input that would give a meaningless figure; `path` names the field. */
export class SomInputError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = "SomInputError";
  }
}

/**
 * The parts of the calculation that the present-value net result is linear in: each cost line's
 * present value, and each consequence's present-value budget effect at a net success rate of 1.
 * PV net = s × Σ consequences − Σ costLines. Monte Carlo and the break-even rate build on this.
 */
export interface SomLinearTerms {
  netSuccessRate: Decimal;
  comparisonRate: Decimal;
  costLines: Decimal[];
  consequences: Decimal[];
}

/** Years (1..H) in which a cost line falls, each with its amount; years beyond the horizon are dropped. */
function costLineByYear(input: SomInput, cost: SomCost): [number, Decimal][] {
  const H = input.horizonYears;
  const amount = new D(cost.amount);
  const out: [number, Decimal][] = [];
  if (cost.type === "oneOff") {
    if (cost.year >= 1 && cost.year <= H) out.push([cost.year, amount]);
  } else if (cost.type === "annual") {
    for (let y = Math.max(1, cost.fromYear); y <= Math.min(H, cost.toYear); y++) out.push([y, amount]);
  } else {
    // Incurred for every citizen in each of the L course years of each cohort.
    for (const cohort of input.cohorts) {
      const perYear = amount.times(cohort.citizens);
      const last = Math.min(H, cohort.startYear + input.courseLengthYears - 1);
      for (let y = Math.max(1, cohort.startYear); y <= last; y++) out.push([y, perYear]);
    }
  }
  return out;
}

interface ParsedCohort {
  citizens: Decimal;
  completion: number;
}

function parseCohorts(input: SomInput): ParsedCohort[] {
  return input.cohorts.map((c) => ({
    citizens: new D(c.citizens),
    completion: c.startYear + input.courseLengthYears - 1,
  }));
}

/** Parsed changes per successful citizen, null where zero; only the indices that can fall in the horizon. */
function parseDeltas(consequence: SomConsequence, horizonYears: number): (Decimal | null)[] {
  return consequence.deltaPerSuccess
    .slice(0, horizonYears)
    .map((d) => (Number(d) === 0 ? null : new D(d)));
}

/**
 * Citizens whose τ-th year after completion falls inside the horizon, per τ: W[τ] = Σ_c N_c [c_done + τ ≤ H],
 * optionally each weighted by that year's discount factor. Every consequence shares these weights.
 */
function cohortWeights(input: SomInput, cohorts: ParsedCohort[], factors: Decimal[] | null): Decimal[] {
  const H = input.horizonYears;
  const weights = new Array<Decimal>(H).fill(ZERO);
  for (const cohort of cohorts) {
    for (let y = Math.max(1, cohort.completion); y <= H; y++) {
      const tau = y - cohort.completion;
      weights[tau] = weights[tau].plus(factors ? cohort.citizens.times(factors[y]) : cohort.citizens);
    }
  }
  return weights;
}

function signedPrices(consequence: SomConsequence): Record<Payer, Decimal> {
  // An expenditure saved is a gain (less use, negative Δq, positive effect); a revenue gained is a gain.
  const negate = consequence.kind === "expenditure";
  const signed = (price: DecimalString) => {
    if (Number(price) === 0) return ZERO;
    const d = new D(price);
    return negate ? d.neg() : d;
  };
  return { kommune: signed(consequence.prices.kommune), region: signed(consequence.prices.region), stat: signed(consequence.prices.stat) };
}

/** Discount factors v_y = 1 / (1 + r)^y for y = 1..H (end-of-year, as Excel's NPV()); null when r = 0. */
function discountFactors(input: SomInput): Decimal[] | null {
  const r = new D(input.discountRate);
  if (r.isZero()) return null;
  const factors: Decimal[] = [ZERO];
  const base = r.plus(1);
  let power = new D(1);
  for (let y = 1; y <= input.horizonYears; y++) {
    power = power.times(base);
    factors.push(new D(1).div(power));
  }
  return factors;
}

function netSuccessRateOf(input: SomInput): Decimal {
  return new D(input.successRate.intervention).minus(input.successRate.comparison);
}

// Exact integer arithmetic for the effects. A decimal string (schema.ts: "-?digits(.digits)?") is held as
// the integer it is times 10^scale, with one scale for each kind of input (the most decimals any of them
// has), so sums need no alignment and a product's scale is the sum of its factors'. Integers are exact at
// any size, where decimal.js rounds past its 40 digits; the same figures as decimal.js, at a fraction of
// the cost.
function maxScale(values: readonly DecimalString[]): number {
  let scale = 0;
  for (const v of values) {
    const point = v.indexOf(".");
    if (point >= 0) scale = Math.max(scale, v.length - point - 1);
  }
  return scale;
}

function toScaled(value: DecimalString, scale: number): bigint {
  const negative = value.startsWith("-");
  const digits = negative ? value.slice(1) : value;
  const point = digits.indexOf(".");
  const whole = point < 0 ? digits : digits.slice(0, point);
  const fraction = point < 0 ? "" : digits.slice(point + 1);
  const n = BigInt(whole + fraction.padEnd(scale, "0"));
  return negative ? -n : n;
}

function fromScaled(n: bigint, scale: number): Decimal {
  return n === 0n ? ZERO : new D(scale === 0 ? n.toString() : `${n}e-${scale}`);
}

/** The exact, unrounded calculation. `calculate` formats this for display and export. */
export function calculateExact(input: SomInput): SomExactResult {
  const H = input.horizonYears;
  const s = netSuccessRateOf(input);
  const v = discountFactors(input);

  const zeros = () => new Array<Decimal>(H + 1).fill(ZERO);
  const costs: Record<Payer, Decimal[]> = { kommune: zeros(), region: zeros(), stat: zeros() };
  // Budget effects at a net success rate of 1: effects are linear in s, and the break-even rate needs this.
  const unitEffects: Record<Payer, Decimal[]> = { kommune: zeros(), region: zeros(), stat: zeros() };

  for (const cost of input.costs) {
    const series = costs[cost.payer];
    for (const [y, amount] of costLineByYear(input, cost)) series[y] = series[y].plus(amount);
  }

  // Effects are built per payer as a profile by years since completion, P_a[τ] = Σ_j Δq_j[τ] × price_j,a,
  // and then laid over the cohorts: E_a[y] = Σ_c N_c × P_a[y − c_done]. Same sums as cohort by cohort,
  // in far fewer operations. These sums and products are most of the engine's work, so they are done
  // exactly in integers (each input scaled by a power of ten, see `toScaled`) and turned into decimals once.
  const deltaScale = maxScale(input.consequences.flatMap((c) => c.deltaPerSuccess.slice(0, H)));
  const priceScale = maxScale(input.consequences.flatMap((c) => PAYERS.map((payer) => c.prices[payer])));
  const citizenScale = maxScale(input.cohorts.map((c) => c.citizens));
  const completions = input.cohorts.map((c) => c.startYear + input.courseLengthYears - 1);
  const citizens = input.cohorts.map((c) => toScaled(c.citizens, citizenScale));
  // W[τ]: citizens whose τ-th year after completion falls inside the horizon.
  const weights = new Array<bigint>(H).fill(0n);
  completions.forEach((done, c) => {
    for (let y = Math.max(1, done); y <= H; y++) weights[y - done] += citizens[c];
  });
  const profile: Record<Payer, bigint[]> = {
    kommune: new Array<bigint>(H).fill(0n),
    region: new Array<bigint>(H).fill(0n),
    stat: new Array<bigint>(H).fill(0n),
  };
  const areaUnitTotals = new Map<string, bigint>();
  for (const consequence of input.consequences) {
    // An expenditure saved is a gain (less use, negative Δq, positive effect); a revenue gained is a gain.
    const sign = consequence.kind === "expenditure" ? -1n : 1n;
    const prices = PAYERS.map((payer) => sign * toScaled(consequence.prices[payer], priceScale));
    const deltas = consequence.deltaPerSuccess.slice(0, H).map((d) => toScaled(d, deltaScale));
    let weightedUnits = 0n;
    for (let tau = 0; tau < deltas.length; tau++) {
      const delta = deltas[tau];
      if (delta === 0n) continue;
      weightedUnits += delta * weights[tau];
      for (let a = 0; a < PAYERS.length; a++) if (prices[a] !== 0n) profile[PAYERS[a]][tau] += delta * prices[a];
    }
    const areaEffect = weightedUnits * (prices[0] + prices[1] + prices[2]);
    areaUnitTotals.set(consequence.area, (areaUnitTotals.get(consequence.area) ?? 0n) + areaEffect);
  }
  const effectScale = citizenScale + deltaScale + priceScale;
  for (const payer of PAYERS) {
    const byYear = new Array<bigint>(H + 1).fill(0n);
    completions.forEach((done, c) => {
      if (citizens[c] === 0n) return;
      for (let y = Math.max(1, done); y <= H; y++) byYear[y] += citizens[c] * profile[payer][y - done];
    });
    for (let y = 1; y <= H; y++) if (byYear[y] !== 0n) unitEffects[payer][y] = fromScaled(byYear[y], effectScale);
  }

  const payerTotals = () => ({ costs: ZERO, budgetEffects: ZERO, net: ZERO });
  const byPayer: Record<Payer, SomExactPayerAmounts> = {
    kommune: payerTotals(),
    region: payerTotals(),
    stat: payerTotals(),
  };
  const years: SomExactYear[] = [];
  let totalCosts = ZERO;
  let totalEffects = ZERO;
  let cumulativeNet = ZERO;
  let cumulativeDiscountedNet = ZERO;
  let pvCosts = ZERO;
  let pvEffects = ZERO;
  let pvUnitEffects = ZERO;
  let breakEvenYear: number | null = null;

  for (let y = 1; y <= H; y++) {
    let yearCosts = ZERO;
    let yearEffects = ZERO;
    let yearUnitEffects = ZERO;
    const yearByPayer = {} as Record<Payer, SomExactPayerAmounts>;
    for (const payer of PAYERS) {
      const c = costs[payer][y];
      const unit = unitEffects[payer][y];
      const e = unit.isZero() ? ZERO : unit.times(s);
      const n = e.minus(c);
      yearByPayer[payer] = { costs: c, budgetEffects: e, net: n };
      const t = byPayer[payer];
      byPayer[payer] = { costs: t.costs.plus(c), budgetEffects: t.budgetEffects.plus(e), net: t.net.plus(n) };
      yearCosts = yearCosts.plus(c);
      yearEffects = yearEffects.plus(e);
      yearUnitEffects = yearUnitEffects.plus(unit);
    }
    const yearNet = yearEffects.minus(yearCosts);
    const discountedNet = v ? yearNet.times(v[y]) : yearNet;
    totalCosts = totalCosts.plus(yearCosts);
    totalEffects = totalEffects.plus(yearEffects);
    cumulativeNet = cumulativeNet.plus(yearNet);
    cumulativeDiscountedNet = cumulativeDiscountedNet.plus(discountedNet);
    pvCosts = pvCosts.plus(v ? yearCosts.times(v[y]) : yearCosts);
    pvEffects = pvEffects.plus(v ? yearEffects.times(v[y]) : yearEffects);
    pvUnitEffects = pvUnitEffects.plus(v ? yearUnitEffects.times(v[y]) : yearUnitEffects);
    if (breakEvenYear === null && cumulativeDiscountedNet.gte(0)) breakEvenYear = y;
    years.push({
      year: y,
      costs: yearCosts,
      budgetEffects: yearEffects,
      net: yearNet,
      cumulativeNet,
      discountedNet,
      cumulativeDiscountedNet,
      byPayer: yearByPayer,
    });
  }

  return {
    netSuccessRate: s,
    summary: {
      costs: totalCosts,
      budgetEffects: totalEffects,
      net: cumulativeNet,
      presentValueCosts: pvCosts,
      presentValueBudgetEffects: pvEffects,
      // Defined as the sum of the discounted yearly net results, so it equals the last cumulative figure.
      presentValueNet: cumulativeDiscountedNet,
      benefitCostRatio: pvCosts.gt(0) ? pvEffects.div(pvCosts) : null,
      breakEvenYear,
      breakEvenSuccessRate: breakEvenRate(pvUnitEffects, pvCosts),
    },
    byPayer,
    years,
    byArea: [...areaUnitTotals].map(([area, unit]) => ({ area, budgetEffects: fromScaled(unit, effectScale).times(s) })),
  };
}

/** PV net(s) = s × A − C is linear in s, so the break-even rate is C / A when that lies in [0, 1]. */
function breakEvenRate(pvUnitEffects: Decimal, pvCosts: Decimal): Decimal | null {
  if (pvUnitEffects.isZero()) {
    // The net result does not depend on s; with nothing to recover every s breaks even, so report the least.
    return pvCosts.isZero() ? ZERO : null;
  }
  const rate = pvCosts.div(pvUnitEffects);
  return rate.gte(0) && rate.lte(1) ? rate : null;
}

/** Two decimals, half away from zero; never "-0.00". */
export function formatAmount(value: Decimal): string {
  const text = value.toFixed(2, Decimal.ROUND_HALF_UP);
  return text === "-0.00" ? "0.00" : text;
}

/** Unrounded, in normal notation. */
function formatRate(value: Decimal): string {
  return value.isZero() ? "0" : value.toFixed();
}

function formatPayer(amounts: SomExactPayerAmounts): SomPayerAmounts {
  return {
    costs: formatAmount(amounts.costs),
    budgetEffects: formatAmount(amounts.budgetEffects),
    net: formatAmount(amounts.net),
  };
}

function formatByPayer(byPayer: Record<Payer, SomExactPayerAmounts>): Record<Payer, SomPayerAmounts> {
  return { kommune: formatPayer(byPayer.kommune), region: formatPayer(byPayer.region), stat: formatPayer(byPayer.stat) };
}

/** The rounding the contract asks for: amounts two decimals; rates unrounded; break-even rate six decimals. */
export function formatResult(exact: SomExactResult): SomResult {
  const { summary } = exact;
  return {
    netSuccessRate: formatRate(exact.netSuccessRate),
    summary: {
      costs: formatAmount(summary.costs),
      budgetEffects: formatAmount(summary.budgetEffects),
      net: formatAmount(summary.net),
      presentValueCosts: formatAmount(summary.presentValueCosts),
      presentValueBudgetEffects: formatAmount(summary.presentValueBudgetEffects),
      presentValueNet: formatAmount(summary.presentValueNet),
      // A ratio, shown to two decimals as SOM.md's example does.
      benefitCostRatio: summary.benefitCostRatio ? formatAmount(summary.benefitCostRatio) : "n/a",
      breakEvenYear: summary.breakEvenYear,
      breakEvenSuccessRate: summary.breakEvenSuccessRate
        ? summary.breakEvenSuccessRate.toFixed(6, Decimal.ROUND_HALF_UP)
        : null,
    },
    byPayer: formatByPayer(exact.byPayer),
    years: exact.years.map((y) => ({
      year: y.year,
      costs: formatAmount(y.costs),
      budgetEffects: formatAmount(y.budgetEffects),
      net: formatAmount(y.net),
      cumulativeNet: formatAmount(y.cumulativeNet),
      discountedNet: formatAmount(y.discountedNet),
      cumulativeDiscountedNet: formatAmount(y.cumulativeDiscountedNet),
      byPayer: formatByPayer(y.byPayer),
    })),
    byArea: exact.byArea.map((a) => ({ area: a.area, budgetEffects: formatAmount(a.budgetEffects) })),
  };
}

/** Computes one SØM calculation. Expects input that passed `parseSomInput` (app/som/schema.ts). */
export function calculate(input: SomInput): SomResult {
  return formatResult(calculateExact(input));
}

/** The per-line present values the net result is linear in (see SomLinearTerms). */
export function linearTerms(input: SomInput): SomLinearTerms {
  const v = discountFactors(input);
  const pv = (y: number, amount: Decimal) => (v ? amount.times(v[y]) : amount);
  const costLines = input.costs.map((cost) =>
    costLineByYear(input, cost).reduce((sum, [y, amount]) => sum.plus(pv(y, amount)), ZERO),
  );
  // PV of consequence j at s = 1 is price_j × Σ_τ Δq_j[τ] × Σ_c N_c v(c_done + τ).
  const weights = cohortWeights(input, parseCohorts(input), v);
  const consequences = input.consequences.map((consequence) => {
    const p = signedPrices(consequence);
    let weightedUnits = ZERO;
    parseDeltas(consequence, input.horizonYears).forEach((delta, tau) => {
      if (delta !== null) weightedUnits = weightedUnits.plus(delta.times(weights[tau]));
    });
    return weightedUnits.times(p.kommune.plus(p.region).plus(p.stat));
  });
  return {
    netSuccessRate: netSuccessRateOf(input),
    comparisonRate: new D(input.successRate.comparison),
    costLines,
    consequences,
  };
}

export interface CalculationNote {
  /** Stable key, so the UI can place or style a note. */
  id: string;
  da: string;
  en: string;
}

function percent(rate: Decimal, locale: "da" | "en"): string {
  const text = formatRate(rate.times(100));
  return `${locale === "da" ? text.replace(".", ",") : text} %`;
}

/** "2 tilskud og 1 sparede udgifter": the non-zero counts, joined. */
function offsetCounts(parts: [number, string][], and: string): string {
  const shown = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} ${and} ${shown[shown.length - 1]}`;
}

/**
 * The plain-language "how this was calculated" notes to show beside a result, in Danish and English:
 * the conventions SOM.md chose where SØM's own documents are silent, with this calculation's figures.
 */
export function explainCalculation(input: SomInput): CalculationNote[] {
  const s = netSuccessRateOf(input);
  const r = new D(input.discountRate);
  const H = input.horizonYears;
  const L = input.courseLengthYears;
  const iv = new D(input.successRate.intervention);
  const cmp = new D(input.successRate.comparison);
  const offsets = input.costs.filter((c) => new D(c.amount).lt(0));
  const grants = offsets.filter((c) => c.offsetKind === "grant").length;
  const saved = offsets.filter((c) => c.offsetKind === "savedExpenditure").length;
  const unspecified = offsets.length - grants - saved;

  const notes: CalculationNote[] = [
    {
      id: "successRate",
      da:
        `Nettosuccesraten er ${percent(s, "da")}: indsatsens succesrate ${percent(iv, "da")} minus ` +
        `sammenligningsgruppens ${percent(cmp, "da")}. Antal borgere med succes = borgere i forløbet × ` +
        `nettosuccesraten; antallet afrundes ikke.`,
      en:
        `The net success rate is ${percent(s, "en")}: the intervention's rate ${percent(iv, "en")} minus ` +
        `the comparison group's ${percent(cmp, "en")}. Successful citizens = citizens in the course × ` +
        `the net success rate; the count is not rounded.`,
    },
    ...(s.lt(0)
      ? [
          {
            id: "negativeSuccessRate",
            da:
              "Indsatsens succesrate er lavere end sammenligningsgruppens. Nettosuccesraten er derfor negativ, " +
              "og konsekvenserne tæller imod indsatsen.",
            en:
              "The intervention's success rate is below the comparison group's. The net success rate is " +
              "therefore negative, and the consequences count against the intervention.",
          },
        ]
      : []),
    {
      id: "timing",
      da:
        `Effekten falder i det år, borgeren afslutter forløbet (startår + ${L} − 1), ens for alle hold og ` +
        `uden indfasning. Konsekvensestimaternes år 0 er afslutningsåret. Tilbagefald ligger i estimaterne.`,
      en:
        `The effect falls in the year the citizen completes the course (start year + ${L} − 1), the same for ` +
        `every cohort, with no phase-in. Year 0 of a consequence estimate is the completion year. Relapse is ` +
        `built into the estimates.`,
    },
    {
      id: "sign",
      da:
        "Budgeteffekt = borgere med succes × ændring pr. borger × pris pr. betaler (efter refusion). " +
        "Mindre forbrug af en udgift er en besparelse; flere indtægter (fx skat) er en gevinst.",
      en:
        "Budget effect = successful citizens × change per citizen × price per payer (after reimbursement). " +
        "Less use of an expenditure is a saving; more revenue (e.g. tax) is a gain.",
    },
    {
      id: "costs",
      da:
        `Omkostninger tælles som engangsbeløb i et år, pr. borger i hvert af forløbets ${L} år, eller som et ` +
        "fast beløb pr. år. Negative omkostninger er modregninger" +
        (offsets.length > 0 ? ` (her ${offsetCounts([[grants, "tilskud"], [saved, "sparede udgifter"], [unspecified, "modregninger af uoplyst art"]], "og")}).` : "."),
      en:
        `Costs count as one-off amounts in a year, per citizen in each of the course's ${L} years, or as a ` +
        "fixed amount per year. Negative costs are offsets" +
        (offsets.length > 0 ? ` (here ${offsetCounts([[grants, "grant(s)"], [saved, "saved expenditure(s)"], [unspecified, "offset(s) of unspecified kind"]], "and")}).` : "."),
    },
    {
      id: "horizon",
      da: `Nettoresultat = budgeteffekter − omkostninger, år 1 til ${H}. Det, der falder efter år ${H}, tælles ikke med.`,
      en: `Net result = budget effects − costs, years 1 to ${H}. Anything falling after year ${H} is not counted.`,
    },
    r.isZero()
      ? {
          id: "discounting",
          da: "Diskonteringsrente 0 %: tallene er udiskonterede budgettal, sådan som SØM viser budgetkonsekvenser.",
          en: "Discount rate 0 %: the figures are undiscounted budget figures, as SØM presents budget consequences.",
        }
      : {
          id: "discounting",
          da:
            `Diskonteringsrente ${percent(r, "da")}: hvert års beløb divideres med (1 + ${percent(r, "da")})^år, ` +
            "også år 1 (ultimo-konvention som Excels NPV()). Nutidsværdier er summen af de diskonterede år.",
          en:
            `Discount rate ${percent(r, "en")}: each year's amounts are divided by (1 + ${percent(r, "en")})^year, ` +
            "year 1 included (end-of-year convention, as Excel's NPV()). Present values sum the discounted years.",
        },
    {
      id: "measures",
      da:
        "Cost-benefit-forhold = nutidsværdi af budgeteffekter / nutidsværdi af omkostninger (\"n/a\" når " +
        "omkostningerne er 0 eller negative). Break-even-år = første år, hvor det akkumulerede (diskonterede) " +
        "nettoresultat er ≥ 0. Break-even-succesrate = den nettosuccesrate mellem 0 og 1, hvor nutidsværdien " +
        "af nettoresultatet er præcis 0.",
      en:
        "Benefit-cost ratio = present value of budget effects / present value of costs (\"n/a\" when costs " +
        "are zero or negative). Break-even year = the first year in which the cumulative (discounted) net " +
        "result is ≥ 0. Break-even success rate = the net success rate between 0 and 1 at which the present " +
        "value of the net result is exactly 0.",
    },
    {
      id: "rounding",
      da: "Der regnes med decimaltal uden afrunding; kun visningen afrundes (eksport: 2 decimaler, 0,5 rundes væk fra 0).",
      en: "Arithmetic is decimal and unrounded; only display is rounded (exports: 2 decimals, halves away from zero).",
    },
    {
      id: "assumption",
      da: "SØM viser, hvad der følger, hvis den antagne effekt holder; modellen kan ikke afgøre, om effekten er reel.",
      en: "SØM shows what follows if the assumed effect holds; it cannot tell whether the effect is real.",
    },
  ];
  return notes;
}

/** One cost line or consequence laid out by model year (index 1..H; index 0 unused), unrounded. */
export interface SomScheduleCostLine {
  years: Decimal[];
  total: Decimal;
  presentValue: Decimal;
}
export interface SomScheduleConsequence {
  /** Change in units among the successful citizens in each year (net success rate included). */
  units: Decimal[];
  totalUnits: Decimal;
  /** Price per payer with the sign of the effect (+ gain, − expenditure). */
  signedPrices: Record<Payer, Decimal>;
  /** Present-value budget effect at a net success rate of 1 (what the break-even rate divides by). */
  presentValueAtFullSuccess: Decimal;
}
export interface SomSchedule {
  netSuccessRate: Decimal;
  /** 1 / (1 + r)^y, index 1..H (1 throughout when r = 0). */
  discountFactors: Decimal[];
  /** Citizens completing the course in each year, index 1..H. */
  completions: Decimal[];
  /** Σ_c N_c × v(completion_c + τ) over cohorts whose year τ after completion is in the horizon, τ = 0..H−1. */
  presentValueWeights: Decimal[];
  costLines: SomScheduleCostLine[];
  consequences: SomScheduleConsequence[];
}

/**
 * The calculation line by line and year by year, as the exported workbook lays it out (its schedule
 * sheet): the same sums as calculateExact, kept apart per line so each of the workbook's cells can carry
 * the engine's own value.
 */
export function schedule(input: SomInput): SomSchedule {
  const H = input.horizonYears;
  const s = netSuccessRateOf(input);
  const factors = discountFactors(input);
  const v = (y: number) => (factors ? factors[y] : new D(1));
  const zeros = () => new Array<Decimal>(H + 1).fill(ZERO);
  const cohorts = parseCohorts(input);
  const completions = zeros();
  for (const c of cohorts) if (c.completion <= H) completions[c.completion] = completions[c.completion].plus(c.citizens);
  const presentValueWeights = cohortWeights(input, cohorts, factors);
  const costLines = input.costs.map((cost) => {
    const years = zeros();
    for (const [y, amount] of costLineByYear(input, cost)) years[y] = years[y].plus(amount);
    let total = ZERO;
    let presentValue = ZERO;
    for (let y = 1; y <= H; y++) {
      total = total.plus(years[y]);
      presentValue = presentValue.plus(years[y].times(v(y)));
    }
    return { years, total, presentValue };
  });
  const consequences = input.consequences.map((consequence) => {
    const deltas = parseDeltas(consequence, H);
    const units = zeros();
    let totalUnits = ZERO;
    let weighted = ZERO;
    for (let y = 1; y <= H; y++) {
      let u = ZERO;
      for (let tau = 0; tau < Math.min(y, deltas.length); tau++) {
        const d = deltas[tau];
        if (d !== null && !completions[y - tau].isZero()) u = u.plus(d.times(completions[y - tau]));
      }
      units[y] = u.times(s);
      totalUnits = totalUnits.plus(units[y]);
    }
    deltas.forEach((d, tau) => {
      if (d !== null) weighted = weighted.plus(d.times(presentValueWeights[tau]));
    });
    const prices = signedPrices(consequence);
    return {
      units,
      totalUnits,
      signedPrices: prices,
      presentValueAtFullSuccess: weighted.times(prices.kommune.plus(prices.region).plus(prices.stat)),
    };
  });
  const discount = [ZERO];
  for (let y = 1; y <= H; y++) discount.push(v(y));
  return { netSuccessRate: s, discountFactors: discount, completions, presentValueWeights, costLines, consequences };
}
