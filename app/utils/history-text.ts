// The one renderer of history rows for people (issue 14): the action's label, and each snapshot field as
// "Label: value" in the reader's language — "Udfald: Betinget go", the criterion's own text, dates in the
// reader's format, "—" for empty. Used by the history table (initiative page, "vis alle", releases) and the
// audit page and its CSV export. Pure: the translator and the names of users the rows mention come in.
import { knows, type Translate } from "~/i18n";
import { formatDate, formatDateTime, formatKroner, formatList, formatMeasure } from "~/i18n/format";
import { getCriterion } from "#workflows/phase-model";

export interface HistoryRowData {
  action: string;
  entity?: string | null;
  before: string | null;
  after: string | null;
}

export interface HistoryField {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** Names of users that snapshots refer to by id (an initiative's owner). */
export type UserNames = Readonly<Record<number, string>>;

/** The action's label; an action without one yet shows its code rather than a bare key. */
export function historyActionLabel(action: string, t: Translate): string {
  return knows(`history.${action}`) ? t(`history.${action}`) : action;
}

function labelOf(key: string, t: Translate): string {
  return knows(`hist.field.${key}`) ? t(`hist.field.${key}`) : key;
}

/**
 * `prefix` + value translated ("phase." names every phase key), or the value itself when there is no such key.
 * Prefixes end in a dot so the client build's translation split sees which words this module needs.
 */
function word(t: Translate, prefix: string, v: unknown): string {
  const key = `${prefix}${String(v)}`;
  return knows(key) ? t(key) : String(v);
}

const STATUS_PREFIX: Record<string, string> = {
  initiative: "status.",
  decision: "status.",
  assessment: "assessmentStatus.",
  condition: "conditionStatus.",
  release: "releaseStatus.",
  subscriber: "hist.subscriberStatus.",
};

const ID_FIELDS = new Set(["decision", "decision_id", "carried_to", "predecessor_id", "successor_id", "target_group_id", "calculation_id", "calculation_version_id"]);
const DECIMAL_FIELDS = new Set(["price_kommune", "price_region", "price_stat", "rate_with", "rate_without", "value"]);
const PLAIN_INTEGER_FIELDS = new Set(["year", "price_year", "version", "edition", "version_number", "municipalityCode"]);
const YES_NO_FIELDS = new Set(["active", "is_example"]);

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

/** One snapshot value as the reader reads it. */
export function historyValue(key: string, v: unknown, entity: string | null | undefined, t: Translate, names: UserNames = {}): string {
  const lang = t.lang;
  if (key === "track") return v === null || v === undefined ? t("track.none") : word(t, "track.", v);
  if (isEmpty(v)) return t("hist.empty");
  switch (key) {
    case "phase":
    case "from_phase":
    case "to_phase":
      return word(t, "phase.", v);
    case "status":
      return word(t, STATUS_PREFIX[entity ?? ""] ?? "status.", v);
    case "outcome":
      return word(t, "outcome.", v);
    case "criterion_id": {
      const c = getCriterion(String(v));
      return c ? c[lang] : String(v);
    }
    case "judgement":
      return word(t, "judgement.", v);
    case "evidence_level":
      return word(t, "evidence.", v);
    case "area":
      return word(t, entity === "som_target_group" ? "somk.area." : "area.", v);
    case "areas":
      return Array.isArray(v) ? formatList(v.map((a) => word(t, "area.", a)), lang) : String(v);
    case "topics":
      return Array.isArray(v) ? v.map(String).join(", ") : String(v);
    case "scenario":
      return word(t, "som.scenario.", v);
    case "kind":
      // A decision's kind is the outcome of the phase it ended (outcome.recorded); elsewhere a SØM line's kind.
      return word(t, entity === "decision" ? "phaseOutcome.kind." : "som.kind.", v);
    case "reason":
      // The phase outcome's reason is a code from a fixed list; a dissent's or a correction's reason is free text,
      // shown as written (word() gives back what is not a key).
      if (entity === "decision") return word(t, "phaseOutcome.reason.", v);
      break;
    case "frequency":
      return word(t, "hist.frequency.", v);
    case "role":
      return word(t, "role.", v);
    case "roles":
      return Array.isArray(v) ? formatList(v.map((r) => word(t, "role.", r)), lang) : word(t, "role.", v);
    case "owner_id":
      return names[Number(v)] ?? t("hist.number", { n: String(v) });
    case "budgets":
      if (!Array.isArray(v)) return String(v);
      return v
        .map((b: { year?: unknown; budget_kr?: unknown }) => `${String(b.year)}: ${b.budget_kr === null || b.budget_kr === undefined ? t("hist.empty") : formatKroner(Number(b.budget_kr), lang)}`)
        .join("; ");
    case "deltas_json": {
      try {
        const deltas = JSON.parse(String(v)) as unknown;
        if (Array.isArray(deltas)) return deltas.map((d) => formatMeasure(String(d), lang)).join("; ");
      } catch {
        // shown as stored below
      }
      return String(v);
    }
  }
  if (ID_FIELDS.has(key)) return t("hist.number", { n: String(v) });
  if (DECIMAL_FIELDS.has(key)) return formatMeasure(String(v), lang, 4);
  if (PLAIN_INTEGER_FIELDS.has(key)) return String(v);
  if (YES_NO_FIELDS.has(key) || typeof v === "boolean") return v === true || v === 1 || v === "1" ? t("common.yes") : t("common.no");
  if (typeof v === "number") return formatMeasure(v, lang, 4);
  if (typeof v === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v, lang);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(", ");
  return JSON.stringify(v);
}

function parseSnapshot(json: string | null): Record<string, unknown> | null | "unreadable" {
  if (json === null || json === "null") return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return "unreadable";
  }
}

/** The fields a row's snapshots hold, in the order the after snapshot lists them, each before and after. */
export function historyFields(row: HistoryRowData, t: Translate, names: UserNames = {}): HistoryField[] {
  const before = parseSnapshot(row.before);
  const after = parseSnapshot(row.after);
  if (before === "unreadable" || after === "unreadable") {
    return [{ key: "", label: "", before: row.before, after: row.after }];
  }
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return keys.map((key) => ({
    key,
    label: labelOf(key, t),
    before: before ? historyValue(key, before[key], row.entity, t, names) : null,
    after: after ? historyValue(key, after[key], row.entity, t, names) : null,
  }));
}

/** "Label: value" lines of one side of a row (for a table cell or a CSV field). */
export function historySideLines(fields: HistoryField[], side: "before" | "after", t: Translate): string[] {
  return fields
    .filter((f) => f[side] !== null)
    .map((f) => (f.label ? t("hist.change", { label: f.label, value: f[side]! }) : f[side]!));
}
