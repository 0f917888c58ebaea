// Inline SVG charts for SØM results (no chart library): cumulative net result per payer, budget effects
// by area, and the Monte Carlo histogram. Each is a <figure> with a text alternative (title, desc and a
// caption); series differ by line pattern and marker shape as well as colour, and the same figures are
// always in a table beside the chart.
import { useId } from "react";
import { PAYERS, type Payer, type SomResult } from "~/som/engine";
import type { HistogramBin } from "~/som/montecarlo";
import { useLang, useT } from "~/utils/i18n";
import { formatCompact, formatDecimal, formatKroner } from "~/i18n/format";
import { niceTicks } from "~/components/charts/scale";

// One tick rule for every chart in the app (DECISIONS 0044); re-exported for the SØM chart tests.
export { niceTicks };

const SERIES: Record<Payer | "total", { color: string; dash?: string; marker: "circle" | "square" | "triangle" | "diamond" }> = {
  total: { color: "#1a1a1a", marker: "diamond" },
  kommune: { color: "#0059b3", marker: "circle" },
  region: { color: "#1a7a3c", dash: "8 4", marker: "square" },
  stat: { color: "#8a5a00", dash: "2 3", marker: "triangle" },
};

function Marker({ kind, x, y, color }: { kind: (typeof SERIES)["total"]["marker"]; x: number; y: number; color: string }) {
  if (kind === "circle") return <circle cx={x} cy={y} r={3.5} fill={color} />;
  if (kind === "square") return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={color} />;
  if (kind === "triangle") return <path d={`M${x},${y - 4.5} L${x + 4.5},${y + 3.5} L${x - 4.5},${y + 3.5} Z`} fill={color} />;
  return <path d={`M${x},${y - 5} L${x + 5},${y} L${x},${y + 5} L${x - 5},${y} Z`} fill={color} />;
}

const W = 640;
const PAD = { top: 16, right: 24, bottom: 40, left: 72 };

/** Cumulative net result over the years, one line per payer and one for the total. */
export function CumulativeNetChart({ result, width = W, height = 300 }: { result: SomResult; width?: number; height?: number }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const years = result.years;
  if (!years.length) return null;
  // Cumulative per payer is the running sum of that payer's yearly net.
  const cumulative: Record<Payer | "total", number[]> = { total: [], kommune: [], region: [], stat: [] };
  const running: Record<Payer, number> = { kommune: 0, region: 0, stat: 0 };
  for (const y of years) {
    for (const p of PAYERS) {
      running[p] += Number(y.byPayer[p].net);
      cumulative[p].push(running[p]);
    }
    cumulative.total.push(Number(y.cumulativeNet));
  }
  const shown = (["total", ...PAYERS] as const).filter((s) => s === "total" || cumulative[s].some((v) => v !== 0));
  const all = shown.flatMap((s) => cumulative[s]);
  const ticks = niceTicks(Math.min(...all), Math.max(...all));
  const [lo, hi] = [ticks[0], ticks[ticks.length - 1]];
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (years.length === 1 ? plotW / 2 : (i / (years.length - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const label = (s: Payer | "total") => (s === "total" ? t("som.payer.total") : t(`som.payer.${s}`));
  const last = years[years.length - 1];
  const desc = t("som.chart.cumulative.desc", {
    years: years.length,
    total: formatKroner(last.cumulativeNet, lang),
    breakEven: result.summary.breakEvenYear ? t("som.chart.breakEvenIn", { year: result.summary.breakEvenYear }) : t("som.chart.noBreakEven"),
  });
  return (
    <figure className="som-figure">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="som-chart">
        <title id={`${id}-t`}>{t("som.chart.cumulative.title")}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(v)} y2={y(v)} stroke={v === 0 ? "#1a1a1a" : "#d9d9d9"} strokeWidth={v === 0 ? 1.5 : 1} />
            <text x={PAD.left - 8} y={y(v)} dy="0.32em" textAnchor="end" className="som-chart__tick">{formatCompact(v, lang)}</text>
          </g>
        ))}
        {years.map((yr, i) => (
          <text key={yr.year} x={x(i)} y={height - PAD.bottom + 18} textAnchor="middle" className="som-chart__tick">{yr.year}</text>
        ))}
        <text x={PAD.left + plotW / 2} y={height - 4} textAnchor="middle" className="som-chart__axis">{t("som.chart.year")}</text>
        {[...shown].reverse().map((s) => {
          const style = SERIES[s];
          const points = cumulative[s].map((v, i) => `${x(i)},${y(v)}`).join(" ");
          return (
            <g key={s}>
              <polyline points={points} fill="none" stroke={style.color} strokeWidth={s === "total" ? 3 : 2} strokeDasharray={style.dash} />
              {cumulative[s].map((v, i) => <Marker key={i} kind={style.marker} x={x(i)} y={y(v)} color={style.color} />)}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="som-legend">
          {shown.map((s) => (
            <li key={s}>
              <svg width="36" height="12" aria-hidden="true" focusable="false">
                <line x1="0" x2="36" y1="6" y2="6" stroke={SERIES[s].color} strokeWidth={s === "total" ? 3 : 2} strokeDasharray={SERIES[s].dash} />
                <Marker kind={SERIES[s].marker} x={18} y={6} color={SERIES[s].color} />
              </svg>
              {label(s)}: {formatKroner(cumulative[s][cumulative[s].length - 1], lang)}
            </li>
          ))}
        </ul>
        <span className="app-meta">{t("som.chart.cumulative.caption")}</span>
      </figcaption>
    </figure>
  );
}

/** Budget effects by area (of the whole horizon), as horizontal bars around zero. */
export function AreaChart({ byArea }: { byArea: SomResult["byArea"] }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  if (!byArea.length) return null;
  const values = byArea.map((a) => Number(a.budgetEffects));
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 4);
  const [lo, hi] = [ticks[0], ticks[ticks.length - 1]];
  const barH = 26;
  const left = 190;
  const right = 24;
  const height = 24 + byArea.length * (barH + 10) + 28;
  const plotW = W - left - right;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * plotW;
  const desc = byArea.map((a) => `${a.area}: ${formatKroner(a.budgetEffects, lang)}`).join("; ");
  return (
    <figure className="som-figure">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="som-chart">
        <title id={`${id}-t`}>{t("som.chart.area.title")}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={12} y2={height - 28} stroke={v === 0 ? "#1a1a1a" : "#d9d9d9"} strokeWidth={v === 0 ? 1.5 : 1} />
            <text x={x(v)} y={height - 10} textAnchor="middle" className="som-chart__tick">{formatCompact(v, lang)}</text>
          </g>
        ))}
        {byArea.map((a, i) => {
          const v = Number(a.budgetEffects);
          const top = 18 + i * (barH + 10);
          const x0 = x(Math.min(0, v));
          const w = Math.max(1, Math.abs(x(v) - x(0)));
          return (
            <g key={a.area}>
              <text x={left - 8} y={top + barH / 2} dy="0.32em" textAnchor="end" className="som-chart__label">{truncate(a.area, 26)}</text>
              <rect x={x0} y={top} width={w} height={barH} fill={v >= 0 ? "#0059b3" : "#b0140e"} />
            </g>
          );
        })}
      </svg>
      <figcaption className="app-meta">{t("som.chart.area.caption")}</figcaption>
    </figure>
  );
}

function truncate(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The Monte Carlo distribution of the present-value net result, with zero and the 5th/50th/95th percentiles marked. */
export function Histogram({
  bins, p5, p50, p95, draws,
}: { bins: HistogramBin[]; p5: string; p50: string; p95: string; draws: number }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  if (!bins.length) return null;
  const height = 260;
  const pad = { top: 28, right: 24, bottom: 44, left: 56 };
  const lo = Number(bins[0].from);
  const hi = Math.max(Number(bins[bins.length - 1].to), lo + 1);
  const maxCount = Math.max(...bins.map((b) => b.count), 1);
  const plotW = W - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (v: number) => pad.left + ((v - lo) / (hi - lo)) * plotW;
  const y = (c: number) => pad.top + plotH - (c / maxCount) * plotH;
  const xTicks = niceTicks(lo, hi, 5).filter((v) => v >= lo && v <= hi);
  const markers = [
    { key: "p5", value: Number(p5), label: t("som.mc.p5.short") },
    { key: "p50", value: Number(p50), label: t("som.mc.p50.short") },
    { key: "p95", value: Number(p95), label: t("som.mc.p95.short") },
  ];
  const desc = t("som.chart.histogram.desc", {
    draws: formatDecimal(draws, lang),
    p5: formatKroner(p5, lang), p50: formatKroner(p50, lang), p95: formatKroner(p95, lang),
  });
  return (
    <figure className="som-figure">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="som-chart">
        <title id={`${id}-t`}>{t("som.chart.histogram.title")}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <line x1={pad.left} x2={W - pad.right} y1={pad.top + plotH} y2={pad.top + plotH} stroke="#1a1a1a" />
        {bins.map((b, i) => {
          const x0 = x(Number(b.from));
          const x1 = x(Number(b.to));
          const positive = Number(b.from) >= 0;
          return <rect key={i} x={x0 + 0.5} y={y(b.count)} width={Math.max(0.5, x1 - x0 - 1)} height={pad.top + plotH - y(b.count)} fill={positive ? "#0059b3" : "#767676"} />;
        })}
        {xTicks.map((v) => (
          <text key={v} x={x(v)} y={height - pad.bottom + 18} textAnchor="middle" className="som-chart__tick">{formatCompact(v, lang)}</text>
        ))}
        <text x={pad.left + plotW / 2} y={height - 6} textAnchor="middle" className="som-chart__axis">{t("som.chart.histogram.axis")}</text>
        {lo < 0 && hi > 0 ? (
          <g>
            <line x1={x(0)} x2={x(0)} y1={pad.top - 6} y2={pad.top + plotH} stroke="#b0140e" strokeWidth={2} />
            <text x={x(0)} y={pad.top - 10} textAnchor="middle" className="som-chart__label">0</text>
          </g>
        ) : null}
        {markers.map((m, i) => (
          <g key={m.key}>
            <line x1={x(m.value)} x2={x(m.value)} y1={pad.top} y2={pad.top + plotH} stroke="#1a1a1a" strokeDasharray="4 3" />
            <text x={x(m.value)} y={pad.top + 12 + i * 14} dx={4} className="som-chart__label">{m.label}</text>
          </g>
        ))}
      </svg>
      <figcaption className="app-meta">{t("som.chart.histogram.caption")}</figcaption>
    </figure>
  );
}
