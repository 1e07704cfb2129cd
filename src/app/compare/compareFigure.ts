/**
 * Overlaid curves of a comparison: per activation, the mean over its non-diverged seeds with a
 * shaded band (± std, ± standard error, or min–max), train and test side by side, for loss or
 * accuracy (accuracy has no values for regression: its epochs are null and the page hides it).
 * Statistics come from core/compare/summary's `stats`, so the curves and the table agree.
 */
import type { Data, Layout } from 'plotly.js';
import { stats, type EpochRecord } from '../../core/compare/summary';
import type { Figure } from '../plot/buildFigure';
import { curveColor, type ThemeName } from '../plot/palette';
import { logTicks } from '../plot/logTicks';
import { baseLayout, THEME_AXES } from '../experiment/trainFigures';
import type { BandKind } from '../state/compareState';

export interface CurveGroup {
  label: string;
  /** One history per run of this activation (diverged runs already left out). */
  histories: EpochRecord[][];
}

export interface Band {
  epochs: number[];
  mean: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
}

export type CurveMetric = 'trainLoss' | 'testLoss' | 'trainAcc' | 'testAcc';

/** Mean and band per epoch over the runs that have a value at that epoch. */
export function bandOf(histories: EpochRecord[][], metric: CurveMetric, kind: BandKind): Band {
  const longest = Math.max(0, ...histories.map((h) => h.length));
  const band: Band = { epochs: [], mean: [], lower: [], upper: [] };
  for (let i = 0; i < longest; i++) {
    const values = histories.filter((h) => h.length > i).map((h) => h[i][metric]).filter((v): v is number => v !== null);
    const s = stats(values);
    band.epochs.push(histories.find((h) => h.length > i)?.[i].epoch ?? i);
    if (!s) {
      band.mean.push(null);
      band.lower.push(null);
      band.upper.push(null);
      continue;
    }
    const half = kind === 'std' ? s.std : kind === 'se' ? s.stderr : 0;
    band.mean.push(s.mean);
    band.lower.push(kind === 'minmax' ? s.min : s.mean - half);
    band.upper.push(kind === 'minmax' ? s.max : s.mean + half);
  }
  return band;
}

function rgba(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

const BAND_NAME: Record<BandKind, string> = { std: '± std', se: '± s.e.', minmax: 'min–max' };

/** Whether any run has an accuracy (classification); regression runs have none to draw. */
export function hasAccuracy(groups: CurveGroup[]): boolean {
  return groups.some((g) => g.histories.some((h) => h.some((r) => r.trainAcc !== null || r.testAcc !== null)));
}

/** `quantity` 'loss' draws train/test loss (log scale allowed), 'accuracy' train/test accuracy (linear, 0…1). */
export function compareFigure(groups: CurveGroup[], kind: BandKind, logScale: boolean, theme: ThemeName, quantity: 'loss' | 'accuracy' = 'loss'): Figure {
  const c = THEME_AXES[theme];
  const data: Data[] = [];
  const acc = quantity === 'accuracy';
  if (acc) logScale = false;
  const panels: [CurveMetric, string, string][] = [
    [acc ? 'trainAcc' : 'trainLoss', 'x', 'y'],
    [acc ? 'testAcc' : 'testLoss', 'x2', 'y2'],
  ];
  groups.forEach((g, k) => {
    const color = curveColor(k, theme);
    for (const [metric, xaxis, yaxis] of panels) {
      const b = bandOf(g.histories, metric, kind);
      // On a log axis a band reaching ≤ 0 is cut at the axis (Plotly drops non-positive values).
      const clip = (v: number | null) => (v === null || (logScale && v <= 0) ? null : v);
      const legend = xaxis === 'x';
      data.push(
        { type: 'scatter', mode: 'lines', x: b.epochs, y: b.lower.map(clip), xaxis, yaxis, line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, legendgroup: g.label },
        {
          type: 'scatter',
          mode: 'lines',
          x: b.epochs,
          y: b.upper.map(clip),
          xaxis,
          yaxis,
          fill: 'tonexty',
          fillcolor: rgba(color, 0.18),
          line: { width: 0, color },
          hoverinfo: 'skip',
          showlegend: false,
          legendgroup: g.label,
        },
        {
          type: 'scatter',
          mode: 'lines',
          name: `${g.label} (${g.histories.length} run${g.histories.length === 1 ? '' : 's'})`,
          x: b.epochs,
          y: b.mean.map(clip),
          xaxis,
          yaxis,
          line: { width: 2, color },
          showlegend: legend,
          legendgroup: g.label,
          hovertemplate: `${g.label}: %{y:.4g}<extra></extra>`,
        },
      );
    }
  });
  const yType = logScale ? 'log' : 'linear';
  // Log ticks with their magnitude (shared rule in plot/logTicks.ts), from every drawn value.
  const ticks = logScale ? logTicks(data.flatMap((t) => ((t as { y?: (number | null)[] }).y ?? []).filter((v): v is number => v !== null))) : null;
  const axis = { gridcolor: c.grid, zeroline: false };
  const layout: Partial<Layout> = {
    ...baseLayout(theme, 340),
    margin: { l: 56, r: 16, t: 8, b: 44 },
    xaxis: { ...axis, domain: [0, 0.45], title: { text: 'epoch' } },
    xaxis2: { ...axis, domain: [0.56, 1], title: { text: 'epoch' }, anchor: 'y2' },
    // Panel names as the y titles: the legend above the plots has the top to itself.
    yaxis: { ...axis, type: yType, title: { text: `train ${quantity} (mean ${BAND_NAME[kind]})` }, ...(ticks ?? {}) },
    yaxis2: { ...axis, type: yType, anchor: 'x2', title: { text: `test ${quantity} (mean ${BAND_NAME[kind]})` }, ...(ticks ?? {}) },
  };
  return { data, layout };
}
