/**
 * The per-layer lenses the worker sends (one 'lenses' message per measured epoch) as a history the
 * pages draw, the figures drawn from it, and the Train page's dead-units notice. Pure.
 */
import type { Data } from 'plotly.js';
import type { RunLenses } from '../../core/train/lenses';
import { LENS_KEYS, type ActivationLenses, type LensKey } from '../../core/train/lensesSummary';
import type { Figure } from '../plot/buildFigure';
import { curveColor, type ThemeName } from '../plot/palette';
import { baseLayout, THEME_AXES } from './trainFigures';

export interface LensHistory {
  epochs: number[];
  /** runs[k]: every run's lenses at epochs[k]. */
  runs: (RunLenses | null)[][];
}

export const EMPTY_LENS_HISTORY: LensHistory = { epochs: [], runs: [] };

/** Appends one measurement; epoch 0 (a new or reset network) or a step back starts over. */
export function addLenses(h: LensHistory, epoch: number, runs: (RunLenses | null)[]): LensHistory {
  const last = h.epochs.at(-1);
  if (epoch === 0 || last === undefined || epoch < last) return { epochs: [epoch], runs: [runs] };
  if (epoch === last) return { epochs: h.epochs, runs: [...h.runs.slice(0, -1), runs] };
  return { epochs: [...h.epochs, epoch], runs: [...h.runs, runs] };
}

/** Histories with each run's lenses attached to its record of `epoch` (Compare keeps them there). */
export function withLenses<T extends { epoch: number; lenses?: RunLenses }>(histories: T[][], epoch: number, runs: (RunLenses | null)[]): T[][] {
  return histories.map((h, i) => {
    const l = runs[i];
    const k = h.findIndex((r) => r.epoch === epoch);
    return l && k >= 0 ? h.map((r, j) => (j === k ? { ...r, lenses: l } : r)) : h;
  });
}

/** CSV rows (metric, value) of one epoch's lenses: lens_<name>_layer<l>, and the output layer's gradient norm. */
export function lensCsvRows(l: RunLenses | undefined): [string, number][] {
  if (!l) return [];
  const snake: Record<LensKey, string> = { dead: 'dead', sparsity: 'sparsity', preMean: 'pre_mean', preStd: 'pre_std', gradNorm: 'grad_norm' };
  const rows = l.layers.flatMap((x, i) => LENS_KEYS.map((k): [string, number] => [`lens_${snake[k]}_layer${i + 1}`, x[k]]));
  return [...rows, ['lens_grad_norm_output', l.outputGradNorm]];
}

export const LENS_TITLES: Record<LensKey, string> = {
  dead: 'dead units (fraction)',
  sparsity: 'sparsity (|f(a)| < 0.001)',
  preMean: 'pre-activation mean',
  preStd: 'pre-activation std',
  gradNorm: '‖∂L/∂W‖',
};

/** The lenses drawn (the mean is in the JSON/CSV; the std carries the vanishing/exploding story). */
export const DRAWN_LENSES: LensKey[] = ['dead', 'sparsity', 'preStd', 'gradNorm'];

const logScaled = (key: LensKey) => key === 'gradNorm' || key === 'preStd';
const finite = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) && v > 0 ? v : null);

function smallLayout(theme: ThemeName, key: LensKey, xTitle: string, xRange?: [number, number]): Figure['layout'] {
  const c = THEME_AXES[theme];
  const rate = key === 'dead' || key === 'sparsity';
  return {
    ...baseLayout(theme, 190),
    margin: { l: 48, r: 8, t: 24, b: 36 },
    title: { text: LENS_TITLES[key], font: { size: 12 }, x: 0.02, xanchor: 'left' },
    showlegend: false,
    xaxis: { title: { text: xTitle }, gridcolor: c.grid, zeroline: false, ...(xRange ? { range: xRange } : {}), ...(xTitle === 'hidden layer' ? { dtick: 1 } : {}) },
    yaxis: { type: logScaled(key) ? 'log' : 'linear', gridcolor: c.grid, zeroline: false, ...(rate ? { range: [-0.02, 1.02] } : {}) },
  };
}

/** Plots with a legend (the first of each grid) are LEGEND_PLOT_HEIGHT tall, the legend under the x axis. */
export const LEGEND_PLOT_HEIGHT = 250;

function withLegend(layout: Figure['layout']): Figure['layout'] {
  return { ...layout, height: LEGEND_PLOT_HEIGHT, showlegend: true, margin: { l: 48, r: 8, t: 24, b: 96 }, legend: { orientation: 'h', x: 0, xanchor: 'left', y: -0.45, yanchor: 'top', font: { size: 10 } } };
}

/** Train: one lens of one run over epochs, a line per hidden layer (colour by depth). */
export function layerLensFigure(h: LensHistory, run: number, key: LensKey, theme: ThemeName): Figure {
  const nLayers = h.runs.find((r) => r[run])?.[run]?.layers.length ?? 0;
  const data: Data[] = Array.from({ length: nLayers }, (_, l) => ({
    type: 'scatter',
    mode: h.epochs.length > 1 ? 'lines' : 'markers',
    name: `layer ${l + 1}`,
    x: h.epochs,
    y: h.runs.map((r) => {
      const v = r[run]?.layers[l]?.[key];
      return logScaled(key) ? finite(v) : (v ?? null);
    }),
    line: { color: curveColor(l, theme), width: 1.5 },
  }));
  const last = h.epochs.at(-1) ?? 1;
  const layout = smallLayout(theme, key, 'epoch', h.epochs.length <= 1 ? [0, Math.max(1, last)] : undefined);
  // One legend (the colours mean the same layers in every plot), on the first plot.
  return { data, layout: key === DRAWN_LENSES[0] ? withLegend(layout) : layout };
}

/** Compare: one lens at the latest common epoch against depth, mean ± std over seeds per activation. */
export function depthLensFigure(summary: ActivationLenses[], key: LensKey, theme: ThemeName): Figure {
  const data: Data[] = summary.map((s, k) => {
    const at = s.epochs.length - 1;
    const bands = s.layers.map((layer) => layer[key][at]);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: s.label,
      x: bands.map((_, l) => l + 1),
      y: bands.map((b) => (logScaled(key) ? finite(b?.mean) : (b?.mean ?? null))),
      error_y: { type: 'data', array: bands.map((b) => (b && Number.isFinite(b.std) ? b.std : 0)), visible: true, thickness: 1, width: 3 },
      line: { color: curveColor(k, theme), width: 1.5 },
    } as Data;
  });
  const layout = smallLayout(theme, key, 'hidden layer');
  return { data, layout: key === DRAWN_LENSES[0] ? withLegend(layout) : layout };
}

/** Layers where most units (over half) are dead, as a sentence naming the likely cause; null when none. */
export function deadUnitsNotice(l: RunLenses | null | undefined, lr: number, optimizer: string): string | null {
  if (!l) return null;
  const bad = l.layers.map((x, i) => ({ i, dead: x.dead, width: x.width })).filter((x) => x.dead > 0.5);
  if (bad.length === 0) return null;
  const list = bad.map((x) => `layer ${x.i + 1} (${Math.round(x.dead * x.width)} of ${x.width})`).join(', ');
  return (
    `Most units are dead in ${list}: their output is the same for every training point, so no gradient reaches their weights and they stop learning. ` +
    `The likely cause is the learning rate (${lr} with ${optimizer}): a large step pushes a unit's pre-activations where the activation is flat (ReLU's a < 0) for every input. ` +
    'Try a smaller learning rate, or an activation with a non-zero slope there (leaky ReLU, GELU, ELU).'
  );
}
