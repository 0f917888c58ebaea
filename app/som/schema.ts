// Validation of a SØM calculation (and of Monte Carlo spreads) arriving as JSON: one zod schema for the
// CLI, the server and the browser, with messages that name the field ("cohorts[0].citizens: ...").
import Decimal from "decimal.js";
import { z } from "zod";
import {
  CONSEQUENCE_KINDS,
  COST_TYPES,
  OFFSET_KINDS,
  PAYERS,
  type SomInput,
} from "./engine";

export const MAX_HORIZON_YEARS = 50;
const MAX_DECIMAL_LENGTH = 30;
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

export interface SomFieldIssue {
  path: string;
  message: string;
}

export type ParseResult<T> =
  | { ok: true; value: T; warnings: SomFieldIssue[] }
  | { ok: false; errors: SomFieldIssue[] };

const list = (values: readonly string[]) =>
  values.length === 1 ? values[0] : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;

const required = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${what}`;

interface DecimalOptions {
  min?: "0";
  /** Inclusive range 0..1, for rates and shares. */
  unit?: boolean;
  /** Message when below min; lets callers explain why negatives are refused. */
  negativeMessage?: string;
}

/** A decimal number written as a string. JSON numbers are refused: binary floats never enter the arithmetic. */
function decimalString(options: DecimalOptions = {}) {
  let schema = z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? "is required"
          : typeof issue.input === "number"
            ? `must be a decimal number written as a string, e.g. "${issue.input}"`
            : 'must be a decimal number written as a string, e.g. "1250.50"',
    })
    .max(MAX_DECIMAL_LENGTH, { error: `must have at most ${MAX_DECIMAL_LENGTH} characters`, abort: true })
    .regex(DECIMAL_PATTERN, {
      error: 'must be a decimal number such as "1250.50" (digits, optional "-", "." as the decimal point)',
      abort: true,
    });
  if (options.unit) {
    schema = schema.refine((v) => new Decimal(v).gte(0) && new Decimal(v).lte(1), {
      error: "must be between 0 and 1 (e.g. \"0.12\" for 12 %)",
    });
  } else if (options.min === "0") {
    schema = schema.refine((v) => new Decimal(v).gte(0), { error: options.negativeMessage ?? "must not be negative" });
  }
  return schema;
}

const wholeNumber = (what: string) =>
  z
    .number({ error: required(`a whole number (${what})`) })
    .int({ error: `must be a whole number (${what})` });

const label = z
  .string({ error: required("a text") })
  .trim()
  .min(1, { error: "must not be empty" })
  .max(200, { error: "must have at most 200 characters" });

const payer = z.enum(PAYERS, {
  error: (issue) =>
    issue.input === undefined ? "is required" : `unknown payer ${JSON.stringify(issue.input)}; expected ${list(PAYERS)}`,
});

const cohortSchema = z.strictObject({
  startYear: wholeNumber("a model year"),
  citizens: decimalString({ min: "0" }),
});

const costBase = {
  label,
  payer,
  amount: decimalString(),
  offsetKind: z
    .enum(OFFSET_KINDS, { error: `must be ${list(OFFSET_KINDS.map((k) => `"${k}"`))}` })
    .optional(),
};

const costSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...costBase, type: z.literal("oneOff"), year: wholeNumber("a model year") }),
    z.strictObject({ ...costBase, type: z.literal("perCitizenPerCourseYear") }),
    z.strictObject({
      ...costBase,
      type: z.literal("annual"),
      fromYear: wholeNumber("a model year"),
      toYear: wholeNumber("a model year"),
    }),
  ],
  {
    error: (issue) =>
      issue.input === undefined ? "is required" : `must be ${list(COST_TYPES.map((t) => `"${t}"`))}`,
  },
);

// A price per payer; a payer left out pays nothing. Negative prices are refused: the direction of an
// effect is set by `kind` and the sign of the change, and a second sign would invite double negatives.
const priceSchema = decimalString({
  min: "0",
  negativeMessage: 'must not be negative; use kind "revenue" or a negative change for the other direction',
}).default("0");

const consequenceSchema = z.strictObject({
  label,
  area: label,
  kind: z.enum(CONSEQUENCE_KINDS, {
    error: (issue) => (issue.input === undefined ? "is required" : `must be ${list(CONSEQUENCE_KINDS.map((k) => `"${k}"`))}`),
  }),
  deltaPerSuccess: z
    .array(decimalString(), { error: required("a list of decimal strings, one per year after success") })
    .min(1, { error: "must have at least one year" })
    .max(MAX_HORIZON_YEARS, { error: `must have at most ${MAX_HORIZON_YEARS} years` }),
  prices: z.strictObject(
    { kommune: priceSchema, region: priceSchema, stat: priceSchema },
    { error: required("an object with a price for kommune, region and stat") },
  ),
});

const inputShape = z.strictObject(
  {
    horizonYears: wholeNumber(`1 to ${MAX_HORIZON_YEARS}`)
      .min(1, { error: `must be between 1 and ${MAX_HORIZON_YEARS}` })
      .max(MAX_HORIZON_YEARS, { error: `must be between 1 and ${MAX_HORIZON_YEARS}` })
      .default(10),
    discountRate: decimalString({ unit: true }).default("0"),
    courseLengthYears: wholeNumber("years")
      .min(1, { error: "must be at least 1" })
      .max(MAX_HORIZON_YEARS, { error: `must be at most ${MAX_HORIZON_YEARS}` }),
    cohorts: z
      .array(cohortSchema, { error: required("a list of cohorts") })
      .min(1, { error: "must have at least one cohort" })
      .max(100, { error: "must have at most 100 cohorts" }),
    successRate: z.strictObject(
      { intervention: decimalString({ unit: true }), comparison: decimalString({ unit: true }) },
      { error: required("an object with intervention and comparison rates") },
    ),
    costs: z.array(costSchema, { error: required("a list of costs") }).max(500).default([]),
    consequences: z.array(consequenceSchema, { error: required("a list of consequences") }).max(500).default([]),
  },
  { error: required("a JSON object") },
);

/** Checks that need the horizon or more than one field. */
export const somInputSchema = inputShape.superRefine((input, ctx) => {
  const H = input.horizonYears;
  const inHorizon = (year: number, path: (string | number)[]) => {
    if (year < 1 || year > H) {
      ctx.addIssue({ code: "custom", path, message: `must be a year between 1 and ${H} (the horizon)` });
    }
  };
  input.cohorts.forEach((cohort, i) => inHorizon(cohort.startYear, ["cohorts", i, "startYear"]));
  input.costs.forEach((cost, i) => {
    if (cost.type === "oneOff") inHorizon(cost.year, ["costs", i, "year"]);
    if (cost.type === "annual") {
      // toYear may run past the horizon (the contract allows it); only the years inside it count.
      inHorizon(cost.fromYear, ["costs", i, "fromYear"]);
      if (cost.toYear < cost.fromYear) {
        ctx.addIssue({ code: "custom", path: ["costs", i, "toYear"], message: "must not be before fromYear" });
      }
    }
    // A negative cost without offsetKind is an offset of unspecified kind (the contract has no such
    // field); the kind is an optional refinement, asked for by a warning below.
    const negative = new Decimal(cost.amount).lt(0);
    if (!negative && cost.offsetKind) {
      ctx.addIssue({
        code: "custom",
        path: ["costs", i, "offsetKind"],
        message: "is only for offsets; an offset is entered as a negative amount",
      });
    }
  });
});

/** `cohorts[0].citizens` from ["cohorts", 0, "citizens"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(input)";
}

function issuesOf(error: z.ZodError): SomFieldIssue[] {
  const issues: SomFieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // Name the unknown key itself: a typo such as "horizon" would otherwise silently take the default.
      const isPrices = issue.path[issue.path.length - 1] === "prices";
      for (const key of issue.keys) {
        issues.push({
          path: formatPath([...issue.path, key]),
          message: isPrices ? `unknown payer; expected ${list(PAYERS)}` : "unknown field",
        });
      }
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

/** Advice that does not stop the calculation but that the user should see. */
function warningsFor(input: SomInput): SomFieldIssue[] {
  const warnings: SomFieldIssue[] = [];
  const { intervention, comparison } = input.successRate;
  if (new Decimal(intervention).lt(comparison)) {
    warnings.push({
      path: "successRate.intervention",
      message:
        "is below the comparison rate: the net success rate is negative, so the consequences count against the intervention",
    });
  }
  input.costs.forEach((cost, i) => {
    if (new Decimal(cost.amount).lt(0) && !cost.offsetKind) {
      warnings.push({
        path: `costs[${i}].offsetKind`,
        message: 'this negative cost is an offset of unspecified kind; say whether it is a "grant" or a "savedExpenditure"',
      });
    }
    if (cost.type === "annual" && cost.toYear > input.horizonYears) {
      warnings.push({
        path: `costs[${i}].toYear`,
        message: `runs to year ${cost.toYear}, past the horizon (year ${input.horizonYears}); only the years inside it are counted`,
      });
    }
  });
  input.cohorts.forEach((cohort, i) => {
    const completion = cohort.startYear + input.courseLengthYears - 1;
    if (completion > input.horizonYears) {
      warnings.push({
        path: `cohorts[${i}].startYear`,
        message: `this cohort completes in year ${completion}, after the horizon; its effects are not counted`,
      });
    }
  });
  return warnings;
}

/** Parses a calculation from JSON (already JSON.parse'd) into the engine's input, or field-path errors. */
export function parseSomInput(json: unknown): ParseResult<SomInput> {
  const result = somInputSchema.safeParse(json);
  if (!result.success) return { ok: false, errors: issuesOf(result.error) };
  return { ok: true, value: result.data, warnings: warningsFor(result.data) };
}

/**
 * Monte Carlo spreads: half-widths of symmetric triangular distributions around the point estimate.
 * successRate is absolute (in rate units: "0.03" = ±3 percentage points on the net success rate);
 * the others are relative ("0.2" = ±20 % of each consequence's changes, prices, cost line).
 */
export const somSpreadsSchema = z.strictObject(
  {
    successRate: decimalString({ unit: true }).default("0"),
    consequenceDeltas: decimalString({ unit: true }).default("0"),
    prices: decimalString({ unit: true }).default("0"),
    costs: decimalString({ unit: true }).default("0"),
  },
  { error: required("a JSON object") },
);

export type SomSpreadsInput = z.output<typeof somSpreadsSchema>;

export function parseSomSpreads(json: unknown): ParseResult<SomSpreadsInput> {
  const result = somSpreadsSchema.safeParse(json);
  if (!result.success) return { ok: false, errors: issuesOf(result.error) };
  return { ok: true, value: result.data, warnings: [] };
}

// Compile-time check that the schema produces exactly what the engine takes.
type Assert<T extends true> = T;
export type _SchemaMatchesEngine = Assert<z.output<typeof somInputSchema> extends SomInput ? true : false>;
