// Numbers on SØM screens: whole kroner with Danish grouping ("1.234.567 kr."), rates as percentages.
// Amounts arrive as the engine's decimal strings and are rounded here, for display only.
import Decimal from "decimal.js";
import type { Lang } from "~/i18n";

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  da: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A decimal string to `fractionDigits` decimals (half away from zero) in the reader's notation. */
export function formatDecimal(value: string | number, lang: Lang, fractionDigits = 0): string {
  const text = new Decimal(value).toFixed(fractionDigits, Decimal.ROUND_HALF_UP);
  const negative = text.startsWith("-");
  const [whole, fraction] = (negative ? text.slice(1) : text).split(".");
  const { group: g, decimal } = SEPARATORS[lang];
  const body = group(whole, g) + (fraction ? decimal + fraction : "");
  // "-0" after rounding is zero.
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Whole kroner: "1.234.567 kr." (Danish) or "DKK 1,234,567" (English). */
export function formatKroner(value: string | number, lang: Lang): string {
  const n = formatDecimal(value, lang, 0);
  return lang === "da" ? `${n} kr.` : `DKK ${n}`;
}

/** A rate ("0.105") as a percentage: "10,5 %". */
export function formatPercent(rate: string | number, lang: Lang, fractionDigits = 1): string {
  return `${formatDecimal(new Decimal(rate).times(100).toString(), lang, fractionDigits)} %`;
}

/** Short axis labels: millions as "1,5 mio." ("1.5m"), smaller amounts in full ("500.000"). */
export function formatCompact(value: number, lang: Lang): string {
  if (Math.abs(value) >= 1e6) {
    const millions = value / 1e6;
    const text = formatDecimal(millions, lang, Number.isInteger(Math.round(millions * 10) / 10) ? 0 : 1);
    return lang === "da" ? `${text} mio.` : `${text}m`;
  }
  return formatDecimal(value, lang, 0);
}
