// The overview's charts: initiatives per phase, the funnel (entered each phase, passed each gate) and
// time in phase as box plots. Server-drawn SVG with a text alternative; the tables beside them hold the
// same figures.
import type { PhaseDuration } from "#db/queries/portfolio";
import type { Phase } from "#workflows/phase-model";
import { formatNumber } from "~/i18n";
import { linearScale } from "~/components/charts/scale";
import { PHASE_COLOURS } from "~/components/portfolio/phase-colours";
import { useLang, useT } from "~/utils/i18n";

const W = 640;

interface Bar {
  key: string;
  label: string;
  value: number;
  colour: string;
  /** Drawn as an outline: a gate passed rather than a phase entered. */
  outline?: boolean;
}

export function HorizontalBars({ bars, label, testId }: { bars: readonly Bar[]; label: string; testId?: string }) {
  const lang = useLang();
  const rowH = 26;
  const left = 200;
  const H = bars.length * rowH + 28;
  const xs = linearScale(bars.map((b) => b.value), left, W - 48, { withZero: true, count: 4 });
  return (
    <svg className="pf-bars" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" data-testid={testId}
      aria-label={`${label}: ${bars.map((b) => `${b.label} ${formatNumber(b.value, lang)}`).join(", ")}`}>
      {xs.ticks.map((v) => (
        <g key={v}>
          <line x1={xs(v)} x2={xs(v)} y1={0} y2={H - 22} stroke="#e0e0e0" />
          <text x={xs(v)} y={H - 8} textAnchor="middle" fontSize={11} fill="#1a1a1a">{formatNumber(v, lang)}</text>
        </g>
      ))}
      {bars.map((b, k) => {
        const y = k * rowH + 4;
        const width = Math.max(0, xs(b.value) - xs(0));
        return (
          <g key={b.key}>
            <text x={left - 8} y={y + 14} textAnchor="end" fontSize={12} fill="#1a1a1a">{b.label}</text>
            <rect x={xs(0)} y={y} width={width} height={18} fill={b.outline ? "#fff" : b.colour} stroke={b.colour} strokeWidth={b.outline ? 2 : 0}
              strokeDasharray={b.outline ? "5 3" : undefined} />
            <text x={xs(0) + width + 6} y={y + 14} fontSize={12} fill="#1a1a1a">{formatNumber(b.value, lang)}</text>
          </g>
        );
      })}
    </svg>
  );
}

export function FunnelChart({ entered, passed }: { entered: Record<Phase, number>; passed: readonly number[] }) {
  const t = useT();
  const phases: Phase[] = ["screening", "maturation", "trial", "dissemination"];
  const bars: Bar[] = [];
  phases.forEach((p, k) => {
    if (k > 0) bars.push({ key: `g${k}`, label: t(`portfolio.gate.${k}`), value: passed[k - 1], colour: "#1a1a1a", outline: true });
    bars.push({ key: p, label: t("portfolio.funnel.entered", { phase: t(`phase.${p}`) }), value: entered[p], colour: PHASE_COLOURS[p] });
  });
  return <HorizontalBars bars={bars} label={t("portfolio.funnel.title")} testId="funnel-chart" />;
}

export function DurationChart({ rows }: { rows: readonly PhaseDuration[] }) {
  const t = useT();
  const lang = useLang();
  const shown = rows.filter((r) => r.median !== null);
  if (!shown.length) return null;
  const rowH = 34;
  const left = 160;
  const H = shown.length * rowH + 30;
  const xs = linearScale(shown.flatMap((r) => [r.min ?? 0, r.max ?? 0]), left, W - 24, { withZero: true, count: 5 });
  return (
    <svg className="pf-bars" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" data-testid="duration-chart"
      aria-label={`${t("portfolio.duration.title")}: ${shown.map((r) => t("portfolio.duration.summary", {
        phase: t(`phase.${r.phase}`), median: formatNumber(r.median!, lang), p25: formatNumber(r.p25!, lang), p75: formatNumber(r.p75!, lang), n: r.n,
      })).join("; ")}`}>
      {xs.ticks.map((v) => (
        <g key={v}>
          <line x1={xs(v)} x2={xs(v)} y1={0} y2={H - 24} stroke="#e0e0e0" />
          <text x={xs(v)} y={H - 8} textAnchor="middle" fontSize={11} fill="#1a1a1a">{formatNumber(v, lang)}</text>
        </g>
      ))}
      {shown.map((r, k) => {
        const y = k * rowH + 8;
        const c = PHASE_COLOURS[r.phase];
        return (
          <g key={r.phase}>
            <text x={left - 8} y={y + 14} textAnchor="end" fontSize={12} fill="#1a1a1a">{t(`phase.${r.phase}`)}</text>
            <line x1={xs(r.min!)} x2={xs(r.max!)} y1={y + 10} y2={y + 10} stroke={c} strokeWidth={1.5} />
            <rect x={xs(r.p25!)} y={y} width={Math.max(2, xs(r.p75!) - xs(r.p25!))} height={20} fill="#fff" stroke={c} strokeWidth={2} />
            <line x1={xs(r.median!)} x2={xs(r.median!)} y1={y - 2} y2={y + 22} stroke="#1a1a1a" strokeWidth={3} />
          </g>
        );
      })}
    </svg>
  );
}
