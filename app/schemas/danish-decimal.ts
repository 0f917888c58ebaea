// Numbers as a Danish (or English) user types them, and back, for the SØM editor's and the knowledge
// database's forms. Each form decides what it tolerates around the number (som-form.ts: a trailing "kr.";
// som-knowledge.ts: at most 25 digits); the reading of the marks and the normal form are the same.
import Decimal from "decimal.js";

/**
 * The marks of a typed number read, spaces and unit already gone: a comma is the decimal mark and dots then
 * group thousands ("1.234.567,50" → "1234567.50"). Without a comma, dots group thousands when every group
 * after the first has three digits and the first is not 0 ("1.250" → "1250", "1.250.000"), and otherwise a
 * single dot is a decimal point ("0.125", "12.5"). Null if the text is not a number.
 */
export function ungroupDecimal(s: string): string | null {
  if (s.includes(",")) {
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(s) && !/^-?\d+(,\d+)?$/.test(s)) return null;
    return s.replace(/\./g, "").replace(",", ".");
  }
  if (/^-?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) return s.replace(/\./g, "");
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

/** A plain decimal string in normal form: no exponent, no superfluous zeros ("007.50" → "7.5"; "-0" → "0"). */
export function normalDecimal(plain: string): string {
  const d = new Decimal(plain);
  return d.isZero() ? "0" : d.toFixed();
}

/** A decimal string as a form shows it: comma decimal mark, no grouping ("1250.5" → "1250,5"). */
export function decimalToInput(value: string): string {
  return value.replace(".", ",");
}

/** A stored rate ("0.125") as the form's percentage ("12,5"). */
export function rateToPercentInput(rate: string): string {
  return decimalToInput(new Decimal(rate).times(100).toFixed());
}
