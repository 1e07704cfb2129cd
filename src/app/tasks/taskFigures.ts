/**
 * Plotly figures of the task views (pure): the fit over the whole line with the training window
 * shaded, and the error's amplitude by frequency with the target's own frequencies marked.
 */
import type { Data, Shape } from 'plotly.js';
import type { Figure } from '../plot/buildFigure';
import { curveColor, type ThemeName } from '../plot/palette';
import { baseLayout, THEME_AXES } from '../experiment/trainFigures';
import { datasetInfo } from '../../core/data/datasets';
import type { Spectrum } from '../../core/tasks/spectrum';
import type { TaskProbe } from '../../core/tasks/taskProbe';

export interface LineWindow {
  lo: number;
  hi: number;
}

/** The training window of a 1-D set seen on part of the line (periodic), or null. */
export function lineWindow(datasetName: string): LineWindow | null {
  const line = datasetInfo(datasetName).line;
  return line?.windowLo !== undefined && line.windowHi !== undefined ? { lo: line.windowLo, hi: line.windowHi } : null;
}

export function lineFitFigure(
  probe: TaskProbe,
  predictions: Float32Array,
  train: { x: Float32Array; y: Float32Array },
  window: LineWindow | null,
  theme: ThemeName,
): Figure {
  const x = Array.from(probe.x);
  const data: Data[] = [
    { type: 'scatter', mode: 'markers', name: 'training points', x: Array.from(train.x), y: Array.from(train.y), marker: { size: 4, color: THEME_AXES[theme].fg, opacity: 0.5 } },
    { type: 'scatter', mode: 'lines', name: 'target', x, y: Array.from(probe.target), line: { color: curveColor(1, theme), width: 2, dash: 'dot' } },
    { type: 'scatter', mode: 'lines', name: 'network', x, y: Array.from(predictions), line: { color: curveColor(0, theme), width: 2 } },
  ];
  const shapes: Partial<Shape>[] = window
    ? [{ type: 'rect', xref: 'x', yref: 'paper', x0: window.lo, x1: window.hi, y0: 0, y1: 1, fillcolor: 'rgba(46,139,87,0.12)', line: { width: 0 }, layer: 'below' }]
    : [];
  const layout = baseLayout(theme, 300);
  return {
    data,
    layout: {
      ...layout,
      margin: { l: 48, r: 16, t: 24, b: 40 },
      shapes,
      annotations: window ? [{ x: (window.lo + window.hi) / 2, y: 1, xref: 'x', yref: 'paper', text: 'training window', showarrow: false, yanchor: 'bottom' }] : [],
      xaxis: { ...layout.xaxis, title: { text: 'x' }, range: [probe.lo, probe.hi] },
      yaxis: { ...layout.yaxis, title: { text: 'y' }, range: [-2, 2] },
      legend: { orientation: 'h', y: -0.2 },
    },
  };
}

export function spectrumFigure(s: Spectrum, marks: number[], theme: ThemeName, xTitle: string): Figure {
  const layout = baseLayout(theme, 240);
  const top = Math.max(1e-6, ...s.amplitude) * 1.1;
  return {
    data: [{ type: 'bar', name: 'error amplitude', x: s.freq, y: s.amplitude, marker: { color: curveColor(3, theme) } }],
    layout: {
      ...layout,
      margin: { l: 48, r: 16, t: 16, b: 44 },
      showlegend: false,
      shapes: marks.map((f) => ({ type: 'line', x0: f, x1: f, y0: 0, y1: top, line: { color: curveColor(1, theme), dash: 'dot', width: 1 } })),
      // Show up to 3× the highest target frequency: beyond it the error is small and uninformative.
      xaxis: { ...layout.xaxis, title: { text: xTitle }, range: [0, Math.min(s.freq[s.freq.length - 1], 3 * Math.max(1, ...marks))] },
      yaxis: { ...layout.yaxis, title: { text: 'error amplitude' }, range: [0, top] },
    },
  };
}
