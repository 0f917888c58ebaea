// Translations split per feature in the browser (issue 11; DECISIONS 0113). The server holds every dictionary.
// The client build drops app/i18n/index.ts's import of the whole catalog and instead gives every module an
// import of the features whose words it names: a string literal that is a key ("decision.form.title") or a
// key's prefix (`phase.${p}`, "refusal."). Words that only server code names (flash messages, form errors a
// `*.server.ts` step returns) are collected once and loaded with the root. A page thus loads the words of its
// own modules and nothing else; a word the browser lacks is logged as a console error by the translator,
// which the Playwright crawl fails on.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Plugin } from "vite";

type Dictionary = { da: Record<string, string>; en: Record<string, string> };

export interface KeyIndex {
  /** key → the feature (file name in app/i18n) that defines it */
  featureOf: Map<string, string>;
  keys: string[];
}

export function indexCatalog(catalog: Record<string, Dictionary>): KeyIndex {
  const featureOf = new Map<string, string>();
  for (const [feature, d] of Object.entries(catalog)) for (const key of Object.keys(d.da)) featureOf.set(key, feature);
  return { featureOf, keys: [...featureOf.keys()].sort() };
}

// A quote or backtick, then something shaped like a key or a key's prefix, then a closing quote or `${`.
const CANDIDATE = /["'`]([a-zA-Z][\w-]*(?:\.[\w-]+)*\.?)(?=["'`]|\$\{)/g;

/** The keys a piece of code names, exactly or by prefix. */
export function keysNamedIn(code: string, index: KeyIndex): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(CANDIDATE)) {
    const word = m[1];
    const followedByInterpolation = code.startsWith("${", m.index + 1 + word.length);
    if (index.featureOf.has(word)) found.add(word);
    if (word.endsWith(".") || (followedByInterpolation && word.includes("."))) {
      const prefix = word.endsWith(".") ? word : `${word}`;
      for (const key of prefixRange(index.keys, prefix)) found.add(key);
    }
  }
  return found;
}

function prefixRange(sorted: string[], prefix: string): string[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

// `t("…")`, `t(\`…${` or `getT(request)("…")` in server code is translated there; any other mention of a key
// may travel to the page.
const TRANSLATED_HERE = /(?:\bt|\bgetT\([^()]*\))\(\s*$/;

/**
 * A server module that writes its words into what it answers itself (a CSV or JSON-lines export, a file)
 * says so with this line; none of its words travel to a page. app/utils/audit.server.ts's export headings
 * were loaded with the root on every page before.
 */
export const SERVER_WRITTEN = "// i18n-split: server-written";

/** The keys a server module hands on untranslated (a flash message, a field error its step returns). */
export function keysHandedOn(code: string, index: KeyIndex): Set<string> {
  const keys = new Set<string>();
  for (const m of code.matchAll(CANDIDATE)) {
    if (TRANSLATED_HERE.test(code.slice(Math.max(0, m.index - 20), m.index))) continue;
    const end = m.index + m[0].length;
    for (const k of keysNamedIn(m[0] + code.slice(end, end + 2), index)) keys.add(k);
  }
  return keys;
}

/**
 * Where the browser needs words that only server code names: a folder route's `*.server.ts` steps answer its
 * own page ("routes/<folder>"); the request helpers in app/utils/ answer every page ("root"). Mails, workbooks
 * and CSV exports (app/mail, app/som, db/, and modules marked SERVER_WRITTEN) are written on the server and
 * need nothing in the browser.
 */
export function serverKeysByScope(root: string, index: KeyIndex): Map<string, Set<string>> {
  const scopes = new Map<string, Set<string>>();
  const add = (scope: string, keys: Set<string>) => {
    const set = scopes.get(scope) ?? new Set<string>();
    for (const k of keys) set.add(k);
    scopes.set(scope, set);
  };
  const routesDir = join(root, "app", "routes");
  for (const f of walk(join(root, "app")).filter((f) => /\.server\.tsx?$/.test(f))) {
    const rel = relative(routesDir, f).split(sep);
    const code = readFileSync(f, "utf8");
    if (code.split("\n").some((line) => line.trim() === SERVER_WRITTEN)) continue;
    const keys = keysHandedOn(code, index);
    if (rel.length === 2 && !rel[0].startsWith("..")) add(`routes/${rel[0]}`, keys);
    else if (f.startsWith(join(root, "app", "utils") + sep) || f.startsWith(routesDir + sep)) add("root", keys);
  }
  return scopes;
}

const VIRTUAL = "virtual:i18n/";
const CATALOG_IMPORT = /import\s*\{\s*CATALOG\b[^}]*\}\s*from\s*["']\.\/catalog(?:\.ts)?["'];?/;

export function i18nSplit(options: { root: string; catalog: Record<string, Dictionary> }): Plugin {
  const index = indexCatalog(options.catalog);
  const i18nDir = join(options.root, "app", "i18n") + sep;
  const routesDir = join(options.root, "app", "routes") + sep;
  const indexFile = join(i18nDir, "index.ts");
  // The words each module asked for, kept from its transform until its virtual module is loaded.
  const wanted = new Map<string, Set<string>>();
  let serverScopes: Map<string, Set<string>> | undefined;
  return {
    name: "susi-i18n-split",
    enforce: "post",
    buildStart() {
      serverScopes = undefined;
      wanted.clear();
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const keys = wanted.get(id.slice(VIRTUAL.length + 1));
      if (!keys) throw new Error(`i18n split: nothing was asked for by ${id}`);
      const da: Record<string, string> = {};
      const en: Record<string, string> = {};
      for (const key of [...keys].sort()) {
        const d = options.catalog[index.featureOf.get(key)!];
        da[key] = d.da[key];
        en[key] = d.en[key];
      }
      return `import { register } from ${JSON.stringify(indexFile)};\nregister({ da: ${JSON.stringify(da)}, en: ${JSON.stringify(en)} });\n`;
    },
    transform(code, id, opts) {
      if (opts?.ssr) return null;
      const file = id.split("?")[0];
      if (id.startsWith("\0") || file.includes(`${sep}node_modules${sep}`) || !file.startsWith(options.root + sep)) return null;
      if (!/\.(ts|tsx|js|jsx|mjs)$/.test(file)) return null;
      if (file === indexFile) {
        if (!CATALOG_IMPORT.test(code)) throw new Error("i18n split: app/i18n/index.ts no longer imports the catalog the way the split expects");
        return { code: code.replace(CATALOG_IMPORT, "const CATALOG = {};"), map: null };
      }
      // A dictionary module is read like any other: a page that imports it for its helpers (import/ui.tsx takes
      // csv-import.ts's problem texts, which build keys from codes) gets the dictionary's words with it.
      if (file === join(i18nDir, "catalog.ts")) return null;
      // The file as written, too: by now the Remix plugin has taken a route's loader and action out of the
      // browser's copy, and the words they return (a field error, a receipt) must still reach the page.
      const keys = keysNamedIn(code, index);
      for (const k of keysNamedIn(readFileSync(file, "utf8"), index)) keys.add(k);
      serverScopes ??= serverKeysByScope(options.root, index);
      const rel = relative(options.root, file).split(sep).join("/");
      if (rel === "app/root.tsx") for (const k of serverScopes.get("root") ?? []) keys.add(k);
      const folder = file.startsWith(routesDir) ? relative(routesDir, file).split(sep) : [];
      if (folder.length === 2 && /^route\.(tsx|ts)$/.test(folder[1])) for (const k of serverScopes.get(`routes/${folder[0]}`) ?? []) keys.add(k);
      if (!keys.size) return null;
      wanted.set(rel, keys);
      return { code: `import "${VIRTUAL}${rel}";\n${code}`, map: null };
    },
  };
}
