/**
 * Plotly figures of the Trainer page, built from plain data (pure; Plotly loads lazily in
 * PlotView): live loss/accuracy curves, and each layer's learned activation against its start.
 */
import type { Data, Layout } from 'plotly.js';
import type { Figure } from '../plot/buildFigure';
import { curveColor, type ThemeName } from '../plot/palette';
import { logTicks } from '../plot/logTicks';

export interface HistoryPoint {
  /** Fractional epochs: 2.5 = halfway through the third epoch. */
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAcc: number | null;
  testAcc: number | null;
}

export const THEME_AXES: Record<ThemeName, { fg: string; bg: string; grid: string }> = {
  light: { fg: '#1b1f24', bg: '#ffffff', grid: '#e3e6ea' },
  dark: { fg: '#e6e8eb', bg: '#16191d', grid: '#2c3137' },
};

export function baseLayout(theme: ThemeName, height: number): Partial<Layout> {
  const c = THEME_AXES[theme];
  return {
    height,
    margin: { l: 52, r: 52, t: 8, b: 44 },
    paper_bgcolor: c.bg,
    plot_bgcolor: c.bg,
    font: { color: c.fg, size: 12 },
    // Above the plot, so a wrapping legend pushes the plot down instead of covering the x title.
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom' },
    hovermode: 'x unified',
  };
}

/** Loss on the left axis (log scale optional), accuracy on the right (classification only). */
export function metricsFigure(history: HistoryPoint[], theme: ThemeName, logLoss: boolean): Figure {
  const x = history.map((h) => h.epoch);
  const c = THEME_AXES[theme];
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const data: Data[] = [
    { type: 'scatter', mode: 'lines', name: 'train loss', x, y: history.map((h) => finite(h.trainLoss)), line: { color: curveColor(0, theme), width: 2 } },
    { type: 'scatter', mode: 'lines', name: 'test loss', x, y: history.map((h) => finite(h.testLoss)), line: { color: curveColor(1, theme), width: 2, dash: 'dash' } },
  ];
  const hasAcc = history.some((h) => h.trainAcc !== null);
  const ticks = logLoss ? logTicks(history.flatMap((h) => [h.trainLoss, h.testLoss])) : null;
  // Before the first epoch (no point, or only the initial one at epoch 0): epochs 0…1 and a loss
  // axis from 0 (log: 0.01) to just above the starting loss, where Plotly's default would be −1…1
  // and a loss axis zoomed onto one point (0.706, 0.7062, …).
  const early = history.length <= 1;
  const startLoss = history[0]?.trainLoss;
  const top = Number.isFinite(startLoss) && startLoss > 0 ? Math.max(1, startLoss * 1.25) : 1;
  const earlyY = logLoss ? { ...(logTicks([0.01, top]) ?? {}), range: [-2, Math.log10(top)] } : { range: [0, top] };
  if (hasAcc) {
    data.push(
      { type: 'scatter', mode: 'lines', name: 'train acc', x, y: history.map((h) => h.trainAcc), yaxis: 'y2', line: { color: curveColor(2, theme), width: 1.5 } },
      { type: 'scatter', mode: 'lines', name: 'test acc', x, y: history.map((h) => h.testAcc), yaxis: 'y2', line: { color: curveColor(3, theme), width: 1.5, dash: 'dash' } },
    );
  }
  return {
    data,
    layout: {
      ...baseLayout(theme, 280),
      xaxis: { title: { text: 'epoch' }, gridcolor: c.grid, zeroline: false, ...(early ? { range: [0, 1] } : {}) },
      yaxis: { title: { text: 'loss' }, type: logLoss ? 'log' : 'linear', ...(early ? {} : (ticks ?? {})), gridcolor: c.grid, zeroline: false, ...(early ? earlyY : {}) },
      ...(early ? { annotations: [{ text: 'No epochs yet: press Train or Step', xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { color: c.fg } }] } : {}),
      ...(hasAcc ? { yaxis2: { title: { text: 'accuracy' }, type: 'linear', overlaying: 'y', side: 'right', range: [0, 1.02], dtick: 0.2, showgrid: false, zeroline: false } } : {}),
    },
  };
}

export interface ShapeCurve {
  label: string;
  f: (x: number) => number;
  dash?: 'solid' | 'dash' | 'dot';
  colorIndex: number;
}

/** Curves sampled on [lo, hi]; non-finite values become gaps. */
export function shapesFigure(curves: ShapeCurve[], theme: ThemeName, lo = -4, hi = 4, points = 161, height = 240): Figure {
  const c = THEME_AXES[theme];
  const x = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
  const data: Data[] = curves.map((curve) => ({
    type: 'scatter',
    mode: 'lines',
    name: curve.label,
    x,
    y: x.map((v) => {
      const y = curve.f(v);
      return Number.isFinite(y) ? y : null;
    }),
    line: { color: curveColor(curve.colorIndex, theme), width: 2, dash: curve.dash ?? 'solid' },
  }));
  return {
    data,
    layout: {
      ...baseLayout(theme, height),
      xaxis: { title: { text: 'x' }, gridcolor: c.grid, zerolinecolor: c.grid },
      yaxis: { gridcolor: c.grid, zerolinecolor: c.grid },
    },
  };
}
