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
import { somWorkbook } from "./som-workbook";
import { releases } from "./releases";
import { portal } from "./portal";
import { subscriptions } from "./subscriptions";
import { governance } from "./governance";
import { initiativeLists } from "./initiative-lists";
import { portfolio } from "./portfolio";
import { history } from "./history";
import { mail } from "./mail";
import { publicInfo } from "./public-info";
import { account } from "./account";
import { governanceRules } from "./governance-rules";
import { meetings } from "./meetings";
import { csvImport } from "./csv-import";

export const LANGS = ["da", "en"] as const;
export type Lang = (typeof LANGS)[number];

type Module = { da: Record<string, string>; en: Record<string, string> };
const modules: Module[] = [common, glossary, initiatives, assessments, decisions, admin, som, somKnowledge, releases, portal, subscriptions, governance, initiativeLists, portfolio, mail, publicInfo, history, account, governanceRules, meetings, somWorkbook, csvImport];

type Keys<M> = M extends { da: infer D } ? keyof D : never;
export type MessageKey =
  | Keys<typeof common> | Keys<typeof glossary> | Keys<typeof initiatives>
  | Keys<typeof assessments> | Keys<typeof decisions> | Keys<typeof admin>
  | Keys<typeof som> | Keys<typeof somKnowledge> | Keys<typeof somWorkbook> | Keys<typeof releases> | Keys<typeof portal>
  | Keys<typeof subscriptions> | Keys<typeof governance> | Keys<typeof initiativeLists> | Keys<typeof portfolio>
  | Keys<typeof mail> | Keys<typeof publicInfo> | Keys<typeof history> | Keys<typeof account> | Keys<typeof governanceRules> | Keys<typeof meetings>
  | Keys<typeof csvImport>;

const dictionaries: Record<Lang, Record<string, string>> = {
  da: Object.assign({}, ...modules.map((m) => m.da)),
  en: Object.assign({}, ...modules.map((m) => m.en)),
};

/** A translator; it knows its language, so helpers given only `t` (refusal texts, formats) can follow it. */
export type Translate = {
  (key: MessageKey | (string & {}), params?: Record<string, string | number>): string;
  readonly lang: Lang;
};

/** A translator for one language. Unknown keys fall back to Danish, then to the key itself. */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  const t = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => {
    let s = dict[key] ?? dictionaries.da[key] ?? key;
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
