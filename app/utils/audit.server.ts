// The audit trail's shared server side (issue 14): the filters read from the URL (a bad one is 400 naming the
// parameter), used by /admin/revision and its exports, and the CSV and JSON-lines exports, streamed in
// chunks so a long history neither fills memory nor holds the event loop. Its words are written into the
// exports here; /admin/revision's page names its own (scripts/vite-i18n-split.ts):
// i18n-split: server-written
import {
  AGGREGATE_NAMES, aggregateOf, auditHistoryChunk, lastHistoryId, namesInHistory, type AuditRow, type HistoryAggregate, type HistoryFilters,
} from "#db/queries/history";
import type { Executor } from "#db/client";
import type { Translate } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { badParameter } from "~/utils/http.server";
import { historyActionLabel, historyFields, historySideLines, type UserNames } from "~/utils/history-text";

const EXPORT_CHUNK = 500;

/** The filters as typed (for the form and the export links) and as the query reads them. */
export interface AuditQuery {
  raw: { actor: string; aggregate: string; action: string; from: string; to: string };
  filters: HistoryFilters;
  page: number;
}

function isDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The instant a Copenhagen calendar day begins (the offset an hour before UTC midnight: no switch happens then). */
export function copenhagenDayStart(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Copenhagen", timeZoneName: "longOffset" })
    .formatToParts(new Date(utcMidnight - 3_600_000))
    .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const minutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(utcMidnight - minutes * 60_000).toISOString();
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Reads the audit filters; a malformed one is 400 naming the parameter. */
export function parseAuditQuery(request: Request): AuditQuery {
  const searchParams = new URL(request.url).searchParams;
  const bad = (param: string): never => badParameter(request, param, "filter");
  const actor = searchParams.get("actor") ?? "";
  const aggregate = searchParams.get("aggregate") ?? "";
  const action = searchParams.get("action") ?? "";
  const from = searchParams.get("from") ?? "";
  const to = searchParams.get("to") ?? "";
  const pageRaw = searchParams.get("page") ?? "1";
  const filters: HistoryFilters = {};
  if (actor === "system") filters.actor = "system";
  else if (actor !== "") {
    if (!/^[1-9]\d{0,8}$/.test(actor)) bad("actor");
    filters.actor = Number(actor);
  }
  if (aggregate !== "") {
    if (!(AGGREGATE_NAMES as string[]).includes(aggregate)) bad("aggregate");
    filters.aggregate = aggregate as HistoryAggregate;
  }
  if (action !== "") {
    if (action.length > 80 || !/^[a-z_]+(\.[a-z_]+){1,3}$/.test(action)) bad("action");
    filters.action = action;
  }
  if (from !== "") {
    if (!isDay(from)) bad("from");
    filters.fromAt = copenhagenDayStart(from);
  }
  if (to !== "") {
    if (!isDay(to) || (from !== "" && to < from)) bad("to");
    filters.beforeAt = copenhagenDayStart(nextDay(to));
  }
  if (!/^\d{1,6}$/.test(pageRaw) || Number(pageRaw) < 1) bad("page");
  return { raw: { actor, aggregate, action, from, to }, filters, page: Number(pageRaw) };
}

// ---------------------------------------------------------------------------------------------------
// Exports.

/** A field for Danish Excel's CSV: quoted when it holds the separator, a quote or a line break. */
function csvField(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS: { heading: Parameters<Translate>[0]; value: (r: AuditRow, t: Translate, names: UserNames) => string | number | null }[] = [
  { heading: "audit.col.id", value: (r) => r.id },
  { heading: "audit.col.at", value: (r, t) => formatDateTime(r.at, t.lang) },
  { heading: "audit.col.who", value: (r, t) => r.actor_name ?? t("hist.empty") },
  { heading: "audit.col.aggregate", value: (r, t) => { const a = aggregateOf(r.entity); return a ? t(`aggregate.${a}`) : r.entity; } },
  { heading: "audit.col.action", value: (r, t) => historyActionLabel(r.action, t) },
  { heading: "audit.col.initiative", value: (r) => r.initiative_title ?? "" },
  { heading: "audit.col.before", value: (r, t, n) => historySideLines(historyFields(r, t, n), "before", t).join("\n") },
  { heading: "audit.col.after", value: (r, t, n) => historySideLines(historyFields(r, t, n), "after", t).join("\n") },
  // The stored row as hashed, so the chain can be verified from the file.
  { heading: "audit.col.actionCode", value: (r) => r.action },
  { heading: "audit.col.entity", value: (r) => r.entity },
  { heading: "audit.col.entityId", value: (r) => r.entity_id },
  { heading: "audit.col.initiativeId", value: (r) => r.initiative_id },
  { heading: "audit.col.actorId", value: (r) => r.actor_id },
  { heading: "audit.col.atIso", value: (r) => r.at },
  { heading: "audit.col.beforeJson", value: (r) => r.before },
  { heading: "audit.col.afterJson", value: (r) => r.after },
  { heading: "audit.col.prevHash", value: (r) => r.prev_hash },
  { heading: "audit.col.hash", value: (r) => r.hash },
];

/** Rows of the filtered history, oldest first, in chunks, each chunk turned into text by `lines`. */
async function exportStream(
  db: Executor, filters: HistoryFilters, first: string, lines: (rows: AuditRow[], names: UserNames) => string,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const upto = await lastHistoryId(db);
  let after = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (first) return controller.enqueue(encoder.encode(first));
      }
      const rows = await auditHistoryChunk(db, filters, after, upto, EXPORT_CHUNK);
      if (!rows.length) return controller.close();
      after = rows[rows.length - 1]!.id;
      const names = await namesInHistory(db, rows);
      controller.enqueue(encoder.encode(lines(rows, names)));
      if (rows.length < EXPORT_CHUNK) controller.close();
    },
  });
}

const stamp = (now: string) => now.slice(0, 10);

export async function csvExport(db: Executor, q: AuditQuery, t: Translate, now: string): Promise<Response> {
  const header = `\uFEFF${CSV_COLUMNS.map((c) => csvField(t(c.heading))).join(";")}\r\n`;
  const body = await exportStream(db, q.filters, header, (rows, names) =>
    rows.map((r) => `${CSV_COLUMNS.map((c) => csvField(c.value(r, t, names))).join(";")}\r\n`).join(""));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="revisionsspor-${stamp(now)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export async function jsonLinesExport(db: Executor, q: AuditQuery, now: string): Promise<Response> {
  const body = await exportStream(db, q.filters, "", (rows) =>
    rows.map((r) => `${JSON.stringify({
      id: r.id, at: r.at, actor_id: r.actor_id, actor_name: r.actor_name, initiative_id: r.initiative_id, action: r.action,
      entity: r.entity, entity_id: r.entity_id, before: r.before, after: r.after, prev_hash: r.prev_hash, hash: r.hash,
    })}\n`).join(""));
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="revisionsspor-${stamp(now)}.jsonl"`,
      "Cache-Control": "private, no-store",
    },
  });
}
