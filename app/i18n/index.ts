// Danish-first translations. Each feature keeps its strings in its own module ({ da, en }); they are
// merged here. English must have every Danish key (the type checks it).
import { common } from "./common";
import { glossary } from "./glossary";
import { initiatives } from "./initiatives";
import { assessments } from "./assessments";
import { decisions } from "./decisions";
import { admin } from "./admin";
import { som } from "./som";
import { somKnowledge } from "./som-knowledge";
import { releases } from "./releases";
import { portal } from "./portal";
import { subscriptions } from "./subscriptions";
import { portfolio } from "./portfolio";

export const LANGS = ["da", "en"] as const;
export type Lang = (typeof LANGS)[number];

type Module = { da: Record<string, string>; en: Record<string, string> };
const modules: Module[] = [common, glossary, initiatives, assessments, decisions, admin, som, somKnowledge, releases, portal, subscriptions, portfolio];

type Keys<M> = M extends { da: infer D } ? keyof D : never;
export type MessageKey =
  | Keys<typeof common> | Keys<typeof glossary> | Keys<typeof initiatives>
  | Keys<typeof assessments> | Keys<typeof decisions> | Keys<typeof admin>
  | Keys<typeof som> | Keys<typeof somKnowledge> | Keys<typeof releases> | Keys<typeof portal>
  | Keys<typeof subscriptions> | Keys<typeof portfolio>;

const dictionaries: Record<Lang, Record<string, string>> = {
  da: Object.assign({}, ...modules.map((m) => m.da)),
  en: Object.assign({}, ...modules.map((m) => m.en)),
};

export type Translate = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => string;

/** A translator for one language. Unknown keys fall back to Danish, then to the key itself. */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  return (key, params) => {
    let s = dict[key] ?? dictionaries.da[key] ?? key;
    if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

export function isLang(v: unknown): v is Lang {
  return v === "da" || v === "en";
}

const locales: Record<Lang, string> = { da: "da-DK", en: "en-GB" };

// Intl formatters are costly to create (about 0.05 ms each), so one per language and style is reused.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** Dates as Danish users read them: 23.11.2026 (and 23/11/2026 in English). */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(`date-${lang}`, () => new Intl.DateTimeFormat(locales[lang], {
    day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Copenhagen",
  })).format(d);
}

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return cached(`datetime-${lang}`, () => new Intl.DateTimeFormat(locales[lang], {
    day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen",
  })).format(d);
}

export function formatNumber(n: number | string, lang: Lang, fractionDigits = 0): string {
  return cached(`number-${lang}-${fractionDigits}`, () => new Intl.NumberFormat(locales[lang], {
    minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits,
  })).format(Number(n));
}
