/**
 * Tick values and labels for a log axis, with their magnitude written out (0.02, 0.05, 0.1, 0.2),
 * where Plotly's digit ticks print "1, 5, 2, 0.1, 5, 2". Up to three decades: 1, 2, 5 in each;
 * more: powers of ten only.
 */
export interface LogTicks {
  tickvals: number[];
  ticktext: string[];
}

/** Ticks for these values' positive range; null to leave the ticks to Plotly (narrow or no range). */
export function logTicks(values: readonly number[]): LogTicks | null {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return null;
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const mantissas = last - first <= 3 ? [1, 2, 5] : [1];
  const tickvals: number[] = [];
  for (let e = first; e <= last; e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(1));
      if (v >= lo / 1.0001 && v <= hi * 1.0001) tickvals.push(v);
    }
  }
  // Within less than a decade Plotly's own ticks already carry the magnitude (0.31, 0.32).
  if (tickvals.length < 3) return null;
  return { tickvals, ticktext: tickvals.map(formatTick) };
}

function formatTick(v: number): string {
  if (v >= 1e5 || v < 1e-4) return v.toExponential(0).replace('e', '×10^').replace('+', '');
  return String(v);
}
