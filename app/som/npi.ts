// Moving prices between years with the net price index (nettoprisindeks), as SØM does:
// price_in_target_year = price × NPI(target year) / NPI(price's own year). Pure (decimal.js only), so
// the knowledge pages, the server and the browser agree on every moved price.
import Decimal from "decimal.js";

// Private constructor: the app's global decimal.js settings cannot change these figures.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });

/** Moved prices keep öre: two decimals, halves away from zero (the export convention of SOM.md). */
export const MOVED_PRICE_DECIMALS = 2;

/** One row of the index table: a calendar year and its index value as a decimal string ("100", "104.3"). */
export interface NpiRow {
  year: number;
  value: string;
}

/** Index values by year. */
export type NpiTable = ReadonlyMap<number, string>;

export function npiTable(rows: readonly NpiRow[]): NpiTable {
  return new Map(rows.map((r) => [r.year, r.value]));
}

/** A year the table does not hold (or holds a non-positive value for): the price cannot be moved. */
export class NpiMissingYearError extends Error {
  constructor(readonly year: number) {
    super(`The net price index has no usable value for ${year}`);
    this.name = "NpiMissingYearError";
  }
}

function indexFor(table: NpiTable, year: number): Decimal {
  const raw = table.get(year);
  if (raw === undefined) throw new NpiMissingYearError(year);
  const value = new D(raw);
  if (!value.isFinite() || value.lte(0)) throw new NpiMissingYearError(year);
  return value;
}

/** NPI(to) / NPI(from), unrounded. */
export function npiFactor(table: NpiTable, fromYear: number, toYear: number): Decimal {
  if (fromYear === toYear) return new D(1);
  return indexFor(table, toYear).div(indexFor(table, fromYear));
}

/**
 * A price from its own year moved to the target year, as a decimal string with two decimals.
 * A price already in the target year is returned as written (nothing to move, nothing to round).
 * Throws NpiMissingYearError naming a year the table lacks.
 */
export function movePrice(table: NpiTable, price: string, fromYear: number, toYear: number): string {
  if (fromYear === toYear) return new D(price).toString();
  return new D(price)
    .times(npiFactor(table, fromYear, toYear))
    .toDecimalPlaces(MOVED_PRICE_DECIMALS, Decimal.ROUND_HALF_UP)
    .toFixed(MOVED_PRICE_DECIMALS);
}

/** Years the table covers, ascending: the price years a calculation may choose. */
export function npiYears(table: NpiTable): number[] {
  return [...table.keys()].sort((a, b) => a - b);
}
