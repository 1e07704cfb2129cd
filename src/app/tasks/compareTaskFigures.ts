/**
 * Plotly figures of a comparison on a 1-D task (pure): every activation's fit over the whole
 * line (one seed, its colour as everywhere on Compare) against the target with the training
 * window shaded, and every activation's error spectrum on one axis with the target's own
 * frequencies marked.
 */
import type { Data } from 'plotly.js';
import type { Figure } from '../plot/buildFigure';
import { curveColor, curveDash, type ThemeName } from '../plot/palette';
import { baseLayout, THEME_AXES } from '../experiment/trainFigures';
import type { Spectrum } from '../../core/tasks/spectrum';
import type { TaskProbe } from '../../core/tasks/taskProbe';
import type { LineWindow } from './taskFigures';

export interface LabelledCurve<T> {
  /** Index in the comparison (sets the colour). */
  index: number;
  label: string;
  value: T;
}

export function compareLineFigure(probe: TaskProbe, fits: LabelledCurve<Float32Array>[], window: LineWindow | null, theme: ThemeName): Figure {
  const x = Array.from(probe.x);
  const data: Data[] = [
    { type: 'scatter', mode: 'lines', name: 'target', x, y: Array.from(probe.target), line: { color: THEME_AXES[theme].fg, width: 2, dash: 'dot' } },
    ...fits.map(
      (f): Data => ({ type: 'scatter', mode: 'lines', name: f.label, x, y: Array.from(f.value), line: { color: curveColor(f.index, theme), dash: curveDash(f.index), width: 1.8 } }),
    ),
  ];
  const layout = baseLayout(theme, 320);
  return {
    data,
    layout: {
      ...layout,
      margin: { l: 48, r: 16, t: 24, b: 40 },
      shapes: window ? [{ type: 'rect', xref: 'x', yref: 'paper', x0: window.lo, x1: window.hi, y0: 0, y1: 1, fillcolor: 'rgba(46,139,87,0.12)', line: { width: 0 }, layer: 'below' }] : [],
      annotations: window ? [{ x: (window.lo + window.hi) / 2, y: 0, xref: 'x', yref: 'paper', text: 'training window', showarrow: false, yanchor: 'bottom' }] : [],
      xaxis: { ...layout.xaxis, title: { text: 'x' }, range: [probe.lo, probe.hi], gridcolor: THEME_AXES[theme].grid },
      yaxis: { ...layout.yaxis, title: { text: 'y' }, range: [-2, 2], gridcolor: THEME_AXES[theme].grid },
    },
  };
}

export function compareSpectrumFigure(spectra: LabelledCurve<Spectrum>[], marks: number[], theme: ThemeName, xTitle: string): Figure {
  const layout = baseLayout(theme, 260);
  const top = Math.max(1e-6, ...spectra.flatMap((s) => s.value.amplitude)) * 1.1;
  const hi = Math.min(...spectra.map((s) => s.value.freq[s.value.freq.length - 1]), 3 * Math.max(1, ...marks));
  return {
    data: spectra.map(
      (s): Data => ({ type: 'scatter', mode: 'lines', name: s.label, x: s.value.freq, y: s.value.amplitude, line: { color: curveColor(s.index, theme), dash: curveDash(s.index), width: 1.8, shape: 'hvh' } }),
    ),
    layout: {
      ...layout,
      margin: { l: 52, r: 16, t: 24, b: 44 },
      shapes: marks.map((f) => ({ type: 'line', x0: f, x1: f, y0: 0, y1: top, line: { color: THEME_AXES[theme].fg, dash: 'dot', width: 1 } })),
      xaxis: { ...layout.xaxis, title: { text: xTitle }, range: [0, hi], gridcolor: THEME_AXES[theme].grid },
      yaxis: { ...layout.yaxis, title: { text: 'error amplitude' }, range: [0, top], gridcolor: THEME_AXES[theme].grid },
    },
  };
}
