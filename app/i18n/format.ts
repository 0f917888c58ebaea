// The one home for how numbers, money, percentages, dates and timestamps read in Danish and English.
// Display only: stored values stay exact (amounts arrive as decimal strings and are rounded here).
// Danish: 1.234.567,5 · 1.234.567 kr. · 10,5 % · 23.11.2026 · 23.11.2026 14.05
// English: 1,234,567.5 · DKK 1,234,567 · 10.5 % · 23/11/2026 · 23/11/2026, 14:05
// Exact without decimal.js: rounding works on the digits themselves, so every page can format numbers without
// loading an arbitrary-precision library (issue 11; the SØM engine still computes with decimal.js).
import type { Lang } from "./index";

/** What the formatters accept: a number, a decimal string, or a decimal.js value (anything whose toFixed() is exact). */
type Numeric = string | number | { toFixed(): string };

const locales: Record<Lang, string> = { da: "da-DK", en: "en-GB" };

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  da: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

// Intl formatters are costly to create (about 0.05 ms each), so one per language and style is reused.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export type DecimalOptions = {
  /** Drop trailing zeros of the fraction ("1,50" → "1,5", "2,00" → "2"): for measured values, not money. */
  trim?: boolean;
};

/** A finite value as sign and plain digits ("-1.5e3" → { negative: true, whole: "1500", fraction: "" }); null otherwise. */
interface Digits { negative: boolean; whole: string; fraction: string }

function toDigits(value: Numeric): Digits | null {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === "string") text = value;
  else if (value && typeof value.toFixed === "function") text = value.toFixed();
  else return null;
  const m = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  let whole = m[2] ?? "";
  let fraction = m[3] ?? "";
  const exponent = Number(m[4] ?? 0);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return null;
  if (exponent > 0) {
    fraction = fraction.padEnd(exponent, "0");
    whole += fraction.slice(0, exponent);
    fraction = fraction.slice(exponent);
  } else if (exponent < 0) {
    whole = whole.padStart(-exponent, "0");
    fraction = whole.slice(whole.length + exponent) + fraction;
    whole = whole.slice(0, whole.length + exponent);
  }
  return { negative: m[1] === "-", whole: whole.replace(/^0+(?=\d)/, "") || "0", fraction };
}

/** Adds one to a string of digits ("199" → "200"). */
function increment(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== "9") {
      out[i] = String(Number(out[i]) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return `1${out.join("")}`;
}

/** Rounded half away from zero to `places` decimals, as "-1234.50" (plain, no separators). */
function toFixedHalfUp(d: Digits, places: number): string {
  let whole = d.whole;
  let fraction = d.fraction.padEnd(places, "0");
  if (fraction.length > places) {
    const roundUp = fraction[places] >= "5";
    fraction = fraction.slice(0, places);
    if (roundUp) {
      const bumped = increment(whole + fraction);
      whole = bumped.slice(0, bumped.length - places) || "0";
      fraction = bumped.slice(bumped.length - places);
    }
  }
  return `${d.negative ? "-" : ""}${whole}${places > 0 ? `.${fraction}` : ""}`;
}

/** The value times 100, exactly (a rate as a percentage). */
function timesHundred(d: Digits): Digits {
  const fraction = d.fraction.padEnd(2, "0");
  return { negative: d.negative, whole: (d.whole + fraction.slice(0, 2)).replace(/^0+(?=\d)/, ""), fraction: fraction.slice(2) };
}

/**
 * A number or decimal string to `fractionDigits` decimals (half away from zero) in the reader's notation:
 * "1234567.5" → "1.234.567,5" (da) / "1,234,567.5" (en). Something that is not a number is shown as it is.
 */
export function formatDecimal(value: Numeric, lang: Lang, fractionDigits = 0, options: DecimalOptions = {}): string {
  const d = toDigits(value);
  if (!d) return String(value);
  return notation(d, lang, fractionDigits, options);
}

function notation(d: Digits, lang: Lang, fractionDigits: number, options: DecimalOptions): string {
  let text = toFixedHalfUp(d, fractionDigits);
  if (options.trim && text.includes(".")) text = text.replace(/\.?0+$/, "");
  const negative = text.startsWith("-");
  const [whole, fraction] = (negative ? text.slice(1) : text).split(".");
  const { group, decimal } = SEPARATORS[lang];
  const body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (fraction ? decimal + fraction : "");
  // "-0" after rounding is zero.
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A count or measure with fixed decimals: 12.345 (da), 12,345 (en). */
export function formatNumber(n: number | string, lang: Lang, fractionDigits = 0): string {
  return formatDecimal(n, lang, fractionDigits);
}

/** Whole kroner: "1.234.567 kr." (Danish) or "DKK 1,234,567" (English). */
export function formatKroner(value: Numeric, lang: Lang): string {
  const n = formatDecimal(value, lang, 0);
  return lang === "da" ? `${n} kr.` : `DKK ${n}`;
}

/** A rate ("0.105") as a percentage: "10,5 %" (da) / "10.5 %" (en). */
export function formatPercent(rate: Numeric, lang: Lang, fractionDigits = 1, options: DecimalOptions = {}): string {
  const d = toDigits(rate);
  if (!d) return String(rate);
  return `${notation(timesHundred(d), lang, fractionDigits, options)} %`;
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

/** Dates as Danish users read them: 23.11.2026 (and 23/11/2026 in English), on the Copenhagen calendar. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  // A bare day ("2026-11-23") is that day wherever the reader is: noon UTC is the same day in Copenhagen.
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(`date-${lang}`, () => new Intl.DateTimeFormat(locales[lang], {
    day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Copenhagen",
  })).format(d);
}

/** A moment with the Copenhagen wall-clock time: 23.11.2026 14.05 (da), 23/11/2026, 14:05 (en). */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(`datetime-${lang}`, () => new Intl.DateTimeFormat(locales[lang], {
    day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen",
  })).format(d);
}

/** Items joined as a sentence: "a, b og c" (da) / "a, b and c" (en). */
export function formatList(items: string[], lang: Lang): string {
  return cached(`list-${lang}`, () => new Intl.ListFormat(locales[lang], { type: "conjunction" })).format(items);
}

/** A measured value (a price, an index, a delta) with up to `maxFractionDigits` decimals: "1.100,5". */
export function formatMeasure(value: string | number, lang: Lang, maxFractionDigits = 2): string {
  return formatDecimal(value, lang, maxFractionDigits, { trim: true });
}

// Wall-clock times in Copenhagen, as a datetime-local field shows and sends them ("2026-12-24T09:00").

function copenhagenOffsetMinutes(at: Date): number {
  const name = cached("offset-cph", () => new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Copenhagen", timeZoneName: "longOffset" }))
    .formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * "2026-12-24T09:00" read as Danish time → the instant (ISO, UTC), summer or winter time; null when unreadable.
 * A time skipped by the spring change (02:30 on the last Sunday of March) reads as the hour after.
 */
export function copenhagenLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  let instant = wall - copenhagenOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - copenhagenOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}

/** An instant as the datetime-local value that shows it in Danish time. */
export function isoToCopenhagenLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  return new Date(at.getTime() + copenhagenOffsetMinutes(at) * 60_000).toISOString().slice(0, 16);
}
