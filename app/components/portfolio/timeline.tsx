// The Bilag-1 timeline: one SVG row per initiative on a shared year axis. Phase periods are bars (planned
// as an outline above, actual filled below; an actual period still running reaches today), decisions are
// diamonds on them. An initiative with no dated period shows its agreement years as a hatched span,
// marked as such: the source's bars did not survive as text, and no date is invented.
import type { Outcome } from "#workflows/decision";
import type { PhasePeriod } from "#workflows/phase-model";
import { formatDate } from "~/i18n";
import { useLang, useT } from "~/utils/i18n";
import { yearScale } from "~/components/charts/scale";
import { PHASE_COLOURS } from "~/components/portfolio/phase-colours";

export const TIMELINE_WIDTH = 520;
const ROW_HEIGHT = 30;

export interface TimelinePeriod {
  phase: PhasePeriod;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
}

export interface TimelineDecision {
  outcome: Outcome;
  decided_at: string;
}

export function hasDatedPeriod(periods: readonly TimelinePeriod[]) {
  return periods.some((p) => (p.actual_start) || (p.planned_start && p.planned_end));
}

export function TimelineAxis({ firstYear, lastYear }: { firstYear: number; lastYear: number }) {
  const { yearX } = yearScale(firstYear, lastYear, 4, TIMELINE_WIDTH - 4);
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, k) => firstYear + k);
  return (
    <svg className="pf-timeline-axis" viewBox={`0 0 ${TIMELINE_WIDTH} 20`} width={TIMELINE_WIDTH} height={20} aria-hidden="true" focusable="false">
      {years.map((y) => (
        <text key={y} x={(yearX(y) + yearX(y + 1)) / 2} y={14} textAnchor="middle" fontSize={11} fill="#1a1a1a">{String(y).slice(2)}</text>
      ))}
    </svg>
  );
}

export function TimelineRow(props: {
  title: string;
  firstYear: number;
  lastYear: number;
  today: string;
  periods: readonly TimelinePeriod[];
  decisions: readonly TimelineDecision[];
  agreementYears: readonly number[];
}) {
  const t = useT();
  const lang = useLang();
  const { scale, yearX } = yearScale(props.firstYear, props.lastYear, 4, TIMELINE_WIDTH - 4);
  const clampX = (x: number) => Math.max(4, Math.min(TIMELINE_WIDTH - 4, x));
  const years = Array.from({ length: props.lastYear - props.firstYear + 2 }, (_, k) => props.firstYear + k);
  const dated = hasDatedPeriod(props.periods);
  const described: string[] = [];
  const bars: JSX.Element[] = [];
  props.periods.forEach((p, k) => {
    const phase = t(`phase.${p.phase}`);
    if (p.planned_start && p.planned_end) {
      const x0 = clampX(scale(p.planned_start));
      const x1 = clampX(scale(p.planned_end));
      const text = t("portfolio.timeline.planned", { phase, from: formatDate(p.planned_start, lang), to: formatDate(p.planned_end, lang) });
      described.push(text);
      bars.push(
        <rect key={`p${k}`} data-kind="planned" x={x0} y={4} width={Math.max(2, x1 - x0)} height={8} fill="#fff" stroke={PHASE_COLOURS[p.phase]} strokeWidth={1.5}>
          <title>{text}</title>
        </rect>,
      );
    }
    if (p.actual_start) {
      const end = p.actual_end ?? props.today;
      const x0 = clampX(scale(p.actual_start));
      const x1 = clampX(scale(end));
      const text = p.actual_end
        ? t("portfolio.timeline.actual", { phase, from: formatDate(p.actual_start, lang), to: formatDate(p.actual_end, lang) })
        : t("portfolio.timeline.ongoing", { phase, from: formatDate(p.actual_start, lang) });
      described.push(text);
      bars.push(
        <rect key={`a${k}`} data-kind="actual" x={x0} y={15} width={Math.max(2, x1 - x0)} height={10} fill={PHASE_COLOURS[p.phase]}>
          <title>{text}</title>
        </rect>,
      );
    }
  });
  const marks = props.decisions.map((d, k) => {
    const x = clampX(scale(d.decided_at.slice(0, 10)));
    const text = t("portfolio.timeline.decision", { outcome: t(`outcome.${d.outcome}`), date: formatDate(d.decided_at, lang) });
    described.push(text);
    return (
      <path key={`d${k}`} data-kind="decision" d={`M${x},12 L${x + 5},19 L${x},26 L${x - 5},19 Z`} fill="#fff" stroke="#1a1a1a" strokeWidth={1.5}>
        <title>{text}</title>
      </path>
    );
  });
  let span: JSX.Element | null = null;
  if (!dated && props.agreementYears.length) {
    const first = Math.min(...props.agreementYears);
    const last = Math.max(...props.agreementYears);
    const x0 = clampX(yearX(first));
    const x1 = clampX(yearX(last + 1));
    const text = t("portfolio.timeline.agreementSpan", { from: first, to: last });
    described.push(text);
    span = (
      <g data-kind="agreement-span">
        <rect x={x0} y={8} width={Math.max(2, x1 - x0)} height={14} fill="url(#pf-hatch)" stroke="#595959" strokeWidth={1} strokeDasharray="4 2">
          <title>{text}</title>
        </rect>
      </g>
    );
  }
  return (
    <svg className="pf-timeline" viewBox={`0 0 ${TIMELINE_WIDTH} ${ROW_HEIGHT}`} width={TIMELINE_WIDTH} height={ROW_HEIGHT} role="img"
      aria-label={`${props.title}: ${described.length ? described.join("; ") : t("portfolio.timeline.nothing")}`}>
      {years.map((y) => <line key={y} x1={yearX(y)} x2={yearX(y)} y1={0} y2={ROW_HEIGHT} stroke="#d9d9d9" strokeWidth={1} />)}
      {span}
      {bars}
      {marks}
      <line x1={clampX(scale(props.today))} x2={clampX(scale(props.today))} y1={0} y2={ROW_HEIGHT} stroke="#b0140e" strokeWidth={1} strokeDasharray="2 2" />
    </svg>
  );
}

/** The hatch pattern of the agreement-year spans, once per page (an id must be unique in the document). */
export function TimelineDefs() {
  return (
    <svg width={0} height={0} className="pf-defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="pf-hatch" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} fill="#f0f0f0" />
          <line x1={0} y1={0} x2={0} y2={6} stroke="#8c8c8c" strokeWidth={2} />
        </pattern>
      </defs>
    </svg>
  );
}

export function TimelineLegend() {
  const t = useT();
  const phases = Object.keys(PHASE_COLOURS) as PhasePeriod[];
  return (
    <ul className="pf-legend" aria-label={t("portfolio.legend")}>
      {phases.map((p) => (
        <li key={p}><svg width={18} height={10} aria-hidden="true" focusable="false"><rect width={18} height={10} fill={PHASE_COLOURS[p]} /></svg> {t(`phase.${p}`)}</li>
      ))}
      <li><svg width={18} height={10} aria-hidden="true" focusable="false"><rect x={1} y={1} width={16} height={8} fill="#fff" stroke="#1a1a1a" /></svg> {t("portfolio.legend.planned")}</li>
      <li><svg width={18} height={10} aria-hidden="true" focusable="false"><rect width={18} height={10} fill="#595959" /></svg> {t("portfolio.legend.actual")}</li>
      <li><svg width={14} height={14} aria-hidden="true" focusable="false"><path d="M7,1 L13,7 L7,13 L1,7 Z" fill="#fff" stroke="#1a1a1a" strokeWidth={1.5} /></svg> {t("portfolio.legend.decision")}</li>
      <li><svg width={18} height={10} aria-hidden="true" focusable="false"><rect x={1} y={1} width={16} height={8} fill="#f0f0f0" stroke="#595959" strokeDasharray="4 2" /></svg> {t("portfolio.legend.agreementSpan")}</li>
      <li><svg width={10} height={14} aria-hidden="true" focusable="false"><line x1={5} x2={5} y1={0} y2={14} stroke="#b0140e" strokeDasharray="2 2" /></svg> {t("portfolio.legend.today")}</li>
    </ul>
  );
}
