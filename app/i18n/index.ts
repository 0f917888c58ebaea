// Danish-first translations. Each feature keeps its strings in its own module ({ da, en }); they are
// merged here. English must have every Danish key (the type checks it).
import { CATALOG, type Catalog } from "./catalog"; // i18n:catalog (the client build drops this import)

export const LANGS = ["da", "en"] as const;
export type Lang = (typeof LANGS)[number];

type Module = { da: Record<string, string>; en: Record<string, string> };

type Keys<M> = M extends { da: infer D } ? keyof D : never;
export type MessageKey = { [F in keyof Catalog]: Keys<Catalog[F]> }[keyof Catalog];

// The dictionaries a translator reads. On the server every feature is in them from the start. In the browser each
// module that uses a feature's words imports it (the build adds the import, scripts/vite-i18n-split.ts), so a
// page loads only the translations its own modules use.
const dictionaries: Record<Lang, Record<string, string>> = { da: {}, en: {} };

function isModule(v: unknown): v is Module {
  return typeof v === "object" && v !== null && "da" in v && "en" in v;
}

/** Adds a feature module's dictionaries (or every dictionary a module namespace exports). */
export function register(...mods: unknown[]): void {
  for (const m of mods) {
    const list = isModule(m) ? [m] : typeof m === "object" && m !== null ? Object.values(m).filter(isModule) : [];
    for (const d of list) {
      Object.assign(dictionaries.da, d.da);
      Object.assign(dictionaries.en, d.en);
    }
  }
}

register(...Object.values(CATALOG));

/** A translator; it knows its language, so helpers given only `t` (refusal texts, formats) can follow it. */
export type Translate = {
  (key: MessageKey | (string & {}), params?: Record<string, string | number>): string;
  readonly lang: Lang;
};

const KEY_SHAPE = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;
const warned = new Set<string>();

/**
 * Whether a word exists, for code that shows a stored code as itself when it has no word (history fields and
 * values). Asked this way, a missing word is an answer, not the console error the translator gives in the browser.
 */
export function knows(key: string): boolean {
  return key in dictionaries.da;
}

/** A translator for one language. Unknown keys fall back to Danish, then to the key itself. */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  const t = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => {
    let s = dict[key] ?? dictionaries.da[key];
    if (s === undefined) {
      s = key;
      if (typeof document !== "undefined" && KEY_SHAPE.test(key) && !warned.has(key)) {
        // A word the browser has not loaded would differ from the server's page: say which, loudly.
        warned.add(key);
        console.error(`i18n: no translation loaded for "${key}" (is its feature imported by the module using it?)`);
      }
    }
    if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
  return Object.assign(t, { lang });
}

export function isLang(v: unknown): v is Lang {
  return v === "da" || v === "en";
}

// Formatting lives in ./format (the one home); re-exported here because many pages import it from "~/i18n".
export { formatDate, formatDateTime, formatNumber } from "./format";
