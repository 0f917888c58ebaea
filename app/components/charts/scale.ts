// The app's chart kit (DECISIONS.md 0044): charts are SVG drawn by React components on the server, so they
// read without JavaScript and print; interaction is CSS (:hover, :focus) and plain links. This module is
// the pure part: scales and tick values, no React.

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  ticks: number[];
}

/** Round tick values spanning [min, max]; `withZero` stretches the span to include 0. */
export function niceTicks(min: number, max: number, count = 5, withZero = true): number[] {
  let lo = withZero ? Math.min(min, 0) : min;
  let hi = withZero ? Math.max(max, 0) : max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Math.abs(v) < step / 1e6 ? 0 : v);
  return ticks;
}

/** Maps [min, max] of the data (widened to nice ticks) onto [from, to] pixels. */
export function linearScale(values: readonly number[], from: number, to: number, opts: { withZero?: boolean; count?: number } = {}): LinearScale {
  const finite = values.filter((v) => Number.isFinite(v));
  const ticks = niceTicks(finite.length ? Math.min(...finite) : 0, finite.length ? Math.max(...finite) : 1, opts.count ?? 5, opts.withZero ?? true);
  const d0 = ticks[0];
  const d1 = ticks[ticks.length - 1];
  const f = ((v: number) => from + ((v - d0) / (d1 - d0 || 1)) * (to - from)) as LinearScale;
  return Object.assign(f, { domain: [d0, d1] as const, ticks });
}

/** Centre of band `index` of `count` equal bands across [from, to]. */
export function bandCentre(index: number, count: number, from: number, to: number): number {
  const w = (to - from) / count;
  return from + w * (index + 0.5);
}

/** Days since 1970-01-01 of an ISO date (UTC), for time axes. */
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** A time scale over whole years: 1 January of `firstYear` to 31 December of `lastYear`. */
export function yearScale(firstYear: number, lastYear: number, from: number, to: number) {
  const d0 = dayNumber(`${firstYear}-01-01`);
  const d1 = dayNumber(`${lastYear + 1}-01-01`);
  const scale = (iso: string) => from + ((dayNumber(iso) - d0) / (d1 - d0)) * (to - from);
  const yearX = (year: number) => from + ((dayNumber(`${year}-01-01`) - d0) / (d1 - d0)) * (to - from);
  return { scale, yearX, firstYear, lastYear };
}
