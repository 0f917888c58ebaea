// The bubble chart: initiatives in trial or later by evidence level (x, weakest to strongest), a SØM
// figure (y) and budget (area of the bubble). Server-drawn SVG; each bubble is a link, so a click or Enter
// opens the initiative, and hover or keyboard focus shows its name (CSS only). The table beside it holds
// the same data for screen readers and print.
import type { EvidenceLevel } from "#workflows/assessment";
import type { PhasePeriod } from "#workflows/phase-model";
import { formatNumber } from "~/i18n";
import { formatKroner } from "~/i18n/format";
import { bandCentre, linearScale } from "~/components/charts/scale";
import { PHASE_COLOURS } from "~/components/portfolio/phase-colours";
import { useLang, useT } from "~/utils/i18n";

export type BubbleY = "npv" | "bcr";

/** Evidence levels from weakest to strongest: the x axis. */
export const EVIDENCE_ORDER: readonly EvidenceLevel[] = ["practice", "3", "2", "1"];

export interface BubblePoint {
  id: number;
  title: string;
  phase: PhasePeriod;
  evidenceLevel: EvidenceLevel | null;
  budgetKr: number | null;
  /** Present value of the net result divided by the citizens of all cohorts, kr.; null when not computable. */
  npvPerCitizen: number | null;
  benefitCostRatio: number | null;
  scenario: string | null;
}

const W = 680;
const H = 420;
const PAD = { top: 20, right: 24, bottom: 56, left: 88 };
const R_MIN = 6;
const R_MAX = 26;

export function yValue(p: BubblePoint, y: BubbleY) {
  return y === "npv" ? p.npvPerCitizen : p.benefitCostRatio;
}

/** Whether a point can be placed: an evidence level and the chosen SØM figure. */
export function isPlaced(p: BubblePoint, y: BubbleY) {
  return p.evidenceLevel !== null && yValue(p, y) !== null;
}

function shorten(s: string, n = 42) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function BubbleChart({ points, y }: { points: readonly BubblePoint[]; y: BubbleY }) {
  const t = useT();
  const lang = useLang();
  const placed = points.filter((p) => isPlaced(p, y));
  const values = placed.map((p) => yValue(p, y)!);
  const ys = linearScale(values, H - PAD.bottom, PAD.top, { withZero: true });
  const maxBudget = Math.max(1, ...placed.map((p) => p.budgetKr ?? 0));
  const radius = (p: BubblePoint) => (p.budgetKr === null ? R_MIN : R_MIN + (R_MAX - R_MIN) * Math.sqrt(p.budgetKr / maxBudget));
  const yText = (v: number) => (y === "npv" ? formatKroner(v, lang) : formatNumber(v, lang, 2));
  // Within an evidence band, bubbles spread sideways in order of their value so equal levels stay apart.
  const bandWidth = (W - PAD.left - PAD.right) / EVIDENCE_ORDER.length;
  const offsets = new Map<number, number>();
  for (const level of EVIDENCE_ORDER) {
    const inBand = placed.filter((p) => p.evidenceLevel === level).sort((a, b) => yValue(a, y)! - yValue(b, y)! || a.id - b.id);
    inBand.forEach((p, k) => {
      const spread = inBand.length > 1 ? (k / (inBand.length - 1) - 0.5) * bandWidth * 0.6 : 0;
      offsets.set(p.id, spread);
    });
  }
  const bubbles = placed
    .map((p) => ({
      p,
      cx: bandCentre(EVIDENCE_ORDER.indexOf(p.evidenceLevel!), EVIDENCE_ORDER.length, PAD.left, W - PAD.right) + (offsets.get(p.id) ?? 0),
      cy: ys(yValue(p, y)!),
      r: radius(p),
    }))
    // Largest first, so a small bubble is never hidden under a large one.
    .sort((a, b) => b.r - a.r || a.p.id - b.p.id);
  const yLabel = y === "npv" ? t("portfolio.bubble.yNpv") : t("portfolio.bubble.yBcr");
  return (
    <figure className="pf-figure">
      <svg className="pf-bubble-chart" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="group"
        aria-label={t("portfolio.bubble.chartLabel", { y: yLabel, count: placed.length })} data-testid="bubble-chart">
        {ys.ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={ys(v)} y2={ys(v)} stroke={v === 0 ? "#595959" : "#e0e0e0"} />
            <text x={PAD.left - 8} y={ys(v) + 4} textAnchor="end" fontSize={12} fill="#1a1a1a">{yText(v)}</text>
          </g>
        ))}
        {EVIDENCE_ORDER.map((level, k) => (
          <text key={level} x={bandCentre(k, EVIDENCE_ORDER.length, PAD.left, W - PAD.right)} y={H - PAD.bottom + 20} textAnchor="middle" fontSize={12} fill="#1a1a1a">
            {t(`portfolio.evidence.short.${level}`)}
          </text>
        ))}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 10} textAnchor="middle" fontSize={13} fontWeight={600} fill="#1a1a1a">{t("portfolio.bubble.x")}</text>
        <text x={16} y={(PAD.top + H - PAD.bottom) / 2} textAnchor="middle" fontSize={13} fontWeight={600} fill="#1a1a1a"
          transform={`rotate(-90 16 ${(PAD.top + H - PAD.bottom) / 2})`}>{yLabel}</text>
        {bubbles.map(({ p, cx, cy, r }) => {
          const label = t("portfolio.bubble.pointLabel", {
            title: p.title, evidence: t(`evidence.${p.evidenceLevel}`), y: yText(yValue(p, y)!),
            budget: p.budgetKr === null ? t("portfolio.budgetUnknown") : formatKroner(p.budgetKr, lang),
          });
          const tipW = Math.min(300, 16 + shorten(p.title).length * 6.6);
          const tipX = Math.min(W - PAD.right - tipW, Math.max(PAD.left, cx - tipW / 2));
          const tipY = cy - r - 30 < PAD.top ? cy + r + 6 : cy - r - 30;
          return (
            <a key={p.id} href={`/initiativer/${p.id}`} className="pf-bubble" data-testid="bubble" data-initiative-id={p.id} aria-label={label}>
              <circle cx={cx} cy={cy} r={r} fill={PHASE_COLOURS[p.phase]} fillOpacity={0.55} stroke={PHASE_COLOURS[p.phase]} strokeWidth={2}
                strokeDasharray={p.budgetKr === null ? "3 2" : undefined} />
              <g className="pf-bubble__tip" aria-hidden="true">
                <rect x={tipX} y={tipY} width={tipW} height={24} rx={3} fill="#1a1a1a" />
                <text x={tipX + 8} y={tipY + 16} fontSize={12} fill="#fff">{shorten(p.title)}</text>
              </g>
            </a>
          );
        })}
      </svg>
      <figcaption className="app-meta">{t("portfolio.bubble.caption")}</figcaption>
    </figure>
  );
}
