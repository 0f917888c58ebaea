// The portfolio as files: an Excel workbook with one sheet per view (numbers and dates as Excel types,
// Danish headings, autofilter, frozen header row) and a CSV of the Bilag-1 rows for Danish Excel
// (UTF-8 with BOM, semicolons). Both take the list's filters. Headings are Danish whatever the UI language:
// the files go to people who fund and steer UIP, and Danish Excel is what they open them in.
import ExcelJS from "exceljs";
import type { Executor } from "#db/client";
import {
  bubbleRows, funnel, headlineFigures, lineage, listPortfolioRows, timeInPhase, timelineData, type PortfolioFilters, type PortfolioRow,
} from "#db/queries/portfolio";
import { PHASES } from "#workflows/phase-model";
import { STATUSES } from "#workflows/decision";
import { translator } from "~/i18n";
import { bubblePoints } from "~/utils/portfolio.server";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

const t = translator("da");

/** The Bilag-1 columns, shared by the workbook's first sheet and the CSV. */
const ROW_COLUMNS: { header: string; width: number; value: (r: PortfolioRow) => string | number | Date | null; kind?: "int" | "kr" | "date" }[] = [
  { header: "ID", width: 8, value: (r) => r.id, kind: "int" },
  { header: "Titel", width: 60, value: (r) => r.title },
  { header: "Område", width: 16, value: (r) => t(`area.${r.area}`) },
  { header: "Aftale", width: 22, value: (r) => r.agreement_label },
  { header: "Første aftaleår", width: 14, value: (r) => r.first_year, kind: "int" },
  { header: "Sidste aftaleår", width: 14, value: (r) => r.last_year, kind: "int" },
  { header: "Fase", width: 18, value: (r) => t(`phase.${r.phase}`) },
  { header: "Status", width: 12, value: (r) => t(`status.${r.status}`) },
  { header: "Spor", width: 10, value: (r) => (r.track ? t(`track.${r.track}`) : t("track.none")) },
  { header: "Udfald", width: 34, value: (r) => t(`portfolio.outcome.${r.outcome}`) },
  { header: "Videreført til næste fase (kilde)", width: 50, value: (r) => r.source_outcome },
  { header: "SUSI-vurdering (kilde)", width: 40, value: (r) => r.source_assessment },
  { header: "Ejer", width: 22, value: (r) => r.owner_name },
  { header: "Budget (kr.)", width: 16, value: (r) => r.budget_kr, kind: "kr" },
  { header: "Senest ændret", width: 14, value: (r) => r.updated_at.slice(0, 10), kind: "date" },
];

/** A date string as an Excel date (midnight UTC, so the day is the same in every time zone). */
function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width: number; kind?: "int" | "kr" | "date" | "decimal" }[],
  rows: (string | number | Date | null)[][],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header, width: c.width,
    style: c.kind === "date" ? { numFmt: "dd-mm-yyyy" } : c.kind === "kr" ? { numFmt: "#,##0" } : c.kind === "decimal" ? { numFmt: "#,##0.00" } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  return ws;
}

export async function buildPortfolioWorkbook(db: Executor, filters: PortfolioFilters, today: string): Promise<Buffer> {
  const rows = await listPortfolioRows(db, filters);
  const [headline, funnelRows, durations, timeline, bubbles, graph] = await Promise.all([
    headlineFigures(db, filters), funnel(db, filters), timeInPhase(db, filters), timelineData(db, rows.map((r) => r.id)),
    bubbleRows(db, filters), lineage(db, filters),
  ]);
  const wb = new ExcelJS.Workbook();
  wb.creator = "SUSI Tracker";
  wb.created = new Date(`${today}T00:00:00Z`);

  addSheet(wb, "Bilag 1", ROW_COLUMNS, rows.map((r) => ROW_COLUMNS.map((c) => (c.kind === "date" ? excelDate(c.value(r) as string) : c.value(r)))));

  const titles = new Map(rows.map((r) => [r.id, r.title]));
  addSheet(wb, "Faseperioder", [
    { header: "Initiativ-ID", width: 12, kind: "int" }, { header: "Titel", width: 60 }, { header: "Fase", width: 18 },
    { header: "Planlagt start", width: 14, kind: "date" }, { header: "Planlagt slut", width: 14, kind: "date" },
    { header: "Faktisk start", width: 14, kind: "date" }, { header: "Faktisk slut", width: 14, kind: "date" },
  ], timeline.periods.map((p) => [
    p.initiative_id, titles.get(p.initiative_id) ?? "", t(`phase.${p.phase}`),
    excelDate(p.planned_start), excelDate(p.planned_end), excelDate(p.actual_start), excelDate(p.actual_end),
  ]));

  addSheet(wb, "Beslutninger", [
    { header: "Initiativ-ID", width: 12, kind: "int" }, { header: "Titel", width: 60 }, { header: "Dato", width: 14, kind: "date" },
    { header: "Beslutning", width: 16 }, { header: "Fra fase", width: 18 }, { header: "Resulterende fase", width: 18 },
  ], timeline.decisions.map((d) => [
    d.initiative_id, titles.get(d.initiative_id) ?? "", excelDate(d.decided_at), t(`outcome.${d.outcome}`),
    t(`phase.${d.from_phase}`), t(`phase.${d.resulting_phase}`),
  ]));

  addSheet(wb, "Overblik", [
    { header: "Fase", width: 20 }, ...STATUSES.map((s) => ({ header: t(`status.${s}`), width: 12, kind: "int" as const })),
    { header: "I alt", width: 10, kind: "int" },
  ], (["screening", "screening_maturation", "maturation", "trial", "dissemination"] as const).map((p) => {
    const counts = STATUSES.map((s) => headline.byPhaseStatus.find((r) => r.phase === p && r.status === s)?.n ?? 0);
    return [t(`phase.${p}`), ...counts, counts.reduce((a, b) => a + b, 0)];
  }));

  addSheet(wb, "Udfald", [{ header: "Udfald", width: 40 }, { header: "Antal", width: 10, kind: "int" }],
    headline.byOutcome.map((o) => [t(`portfolio.outcome.${o.outcome}`), o.n]));

  addSheet(wb, "Aftaleår", [{ header: "Aftaleår", width: 12, kind: "int" }, { header: "Antal initiativer", width: 18, kind: "int" }],
    headline.byYear.map((y) => [y.year, y.n]));

  addSheet(wb, "Tragt", [
    { header: "Område", width: 18 }, { header: "Kohorte (første aftaleår)", width: 24, kind: "int" },
    ...PHASES.flatMap((p, k) => [
      ...(k > 0 ? [{ header: t(`portfolio.gate.${k}`), width: 24, kind: "int" as const }] : []),
      { header: `Gået ind i ${t(`phase.${p}`)}`, width: 20, kind: "int" as const },
    ]),
  ], funnelRows.map((r) => [
    t(`area.${r.area}`), r.cohort, ...PHASES.flatMap((p, k) => [...(k > 0 ? [r.passed[k - 1]] : []), r.entered[p]]),
  ]));

  addSheet(wb, "Tid i fase", [
    { header: "Fase", width: 20 }, { header: "Afsluttede perioder", width: 18, kind: "int" }, { header: "Median (dage)", width: 14, kind: "decimal" },
    { header: "Nedre kvartil (dage)", width: 18, kind: "decimal" }, { header: "Øvre kvartil (dage)", width: 18, kind: "decimal" },
    { header: "Korteste (dage)", width: 14, kind: "int" }, { header: "Længste (dage)", width: 14, kind: "int" }, { header: "Igangværende", width: 14, kind: "int" },
  ], durations.map((d) => [t(`phase.${d.phase}`), d.n, d.median, d.p25, d.p75, d.min, d.max, d.ongoing]));

  addSheet(wb, "Bobler", [
    { header: "Initiativ-ID", width: 12, kind: "int" }, { header: "Titel", width: 60 }, { header: "Fase", width: 16 },
    { header: "Evidensniveau (seneste vurdering)", width: 30 }, { header: "SØM nutidsværdi pr. borger (kr.)", width: 28, kind: "kr" },
    { header: "Cost-benefit-ratio", width: 18, kind: "decimal" }, { header: "Budget (kr.)", width: 16, kind: "kr" },
  ], bubblePoints(bubbles).map((p) => [
    p.id, p.title, t(`phase.${p.phase}`), p.evidenceLevel ? t(`evidence.${p.evidenceLevel}`) : null, p.npvPerCitizen, p.benefitCostRatio, p.budgetKr,
  ]));

  const nodeTitle = new Map(graph.nodes.map((n) => [n.id, n]));
  addSheet(wb, "Slægtskab", [
    { header: "Forgænger-ID", width: 14, kind: "int" }, { header: "Forgænger", width: 60 }, { header: "Forgængers første aftaleår", width: 24, kind: "int" },
    { header: "Efterfølger-ID", width: 14, kind: "int" }, { header: "Efterfølger", width: 60 }, { header: "Efterfølgers første aftaleår", width: 24, kind: "int" },
  ], graph.edges.map((e) => [
    e.predecessor_id, nodeTitle.get(e.predecessor_id)?.title ?? "", nodeTitle.get(e.predecessor_id)?.first_year ?? null,
    e.successor_id, nodeTitle.get(e.successor_id)?.title ?? "", nodeTitle.get(e.successor_id)?.first_year ?? null,
  ]));

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A field for Danish Excel's CSV: quoted when it holds the separator, a quote or a line break. */
function csvField(v: string | number | Date | null): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? String(v).replace(".", ",") : v instanceof Date ? v.toISOString().slice(0, 10) : v;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function buildPortfolioCsv(db: Executor, filters: PortfolioFilters): Promise<string> {
  const rows = await listPortfolioRows(db, filters);
  const lines = [ROW_COLUMNS.map((c) => csvField(c.header)).join(";"), ...rows.map((r) => ROW_COLUMNS.map((c) => csvField(c.value(r))).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
