/**
 * Plotly figures of the propagation panel (pure): q_l through depth for each activation, and the
 * (σ_w², σ_b²) phase diagram — χ₁ as a heat map for one activation (an image: the basic Plotly
 * bundle has no heatmap trace), every activation's χ₁ = 1 curve, and the chosen initialisation.
 */
import type { Data, Layout } from 'plotly.js';
import type { Figure } from '../plot/buildFigure';
import type { ThemeName } from '../plot/palette';
import { baseLayout, THEME_AXES } from '../experiment/trainFigures';
import { logTicks } from '../plot/logTicks';
import { SB2_MAX, SW2_MAX } from './grid';
import type { DiagramResult, EdgeResult, PointResult } from './protocol';

export interface Series<T> {
  label: string;
  color: string;
  result: T;
}

export function depthFigure(series: Series<PointResult>[], theme: ThemeName): Figure {
  const data: Data[] = series.map((s) => ({
    type: 'scatter',
    mode: 'lines',
    name: s.label,
    x: s.result.q.map((_, l) => l + 1),
    y: s.result.q.map((q) => (Number.isFinite(q) && q > 0 ? q : null)),
    line: { color: s.color, width: 2 },
  }));
  const layout = baseLayout(theme, 280);
  const ticks = logTicks(series.flatMap((s) => s.result.q));
  return {
    data,
    layout: {
      ...layout,
      margin: { l: 56, r: 16, t: 8, b: 44 },
      xaxis: { ...layout.xaxis, title: { text: 'layer l' }, gridcolor: THEME_AXES[theme].grid },
      // Ticks with their magnitude written out: q spans decades once a net is off the edge of chaos.
      yaxis: { ...layout.yaxis, type: 'log', exponentformat: 'power', ...(ticks ?? {}), title: { text: 'pre-activation variance q_l' }, gridcolor: THEME_AXES[theme].grid },
    },
  };
}

/** Blue (ordered, χ₁ < 1) – white (χ₁ = 1) – orange (chaotic): a diverging scale safe for colour-blind readers. */
const ORDERED = [33, 102, 172];
const CHAOTIC = [214, 96, 0];
const CENTRE = [247, 247, 247];

/** The colour of χ₁ on a log₂ scale, saturating at χ₁ = ¼ and χ₁ = 4. */
export function chiColor(chi1: number): [number, number, number] {
  if (!Number.isFinite(chi1) || chi1 <= 0) return chi1 > 0 ? [CHAOTIC[0], CHAOTIC[1], CHAOTIC[2]] : [ORDERED[0], ORDERED[1], ORDERED[2]];
  const t = Math.max(-1, Math.min(1, Math.log2(chi1) / 2));
  const end = t < 0 ? ORDERED : CHAOTIC;
  const u = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(CENTRE[k] + (end[k] - CENTRE[k]) * u)) as [number, number, number];
}

/** RGBA pixels of the diagram, top row = largest σ_b² (image rows run downwards); missing rows transparent. */
export function diagramPixels(d: DiagramResult): { width: number; height: number; rgba: Uint8ClampedArray<ArrayBuffer> } {
  const width = d.sw2.length;
  const height = d.sb2.length;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let j = 0; j < height; j++) {
    const row = d.chi1[j];
    if (!row) continue;
    const y = height - 1 - j;
    for (let i = 0; i < width; i++) {
      const [r, g, b] = chiColor(row[i]);
      const o = (y * width + i) * 4;
      rgba[o] = r;
      rgba[o + 1] = g;
      rgba[o + 2] = b;
      rgba[o + 3] = 255;
    }
  }
  return { width, height, rgba };
}

export interface DiagramInputs {
  /** A data URL of diagramPixels, or null while no row has arrived. */
  image: string | null;
  grid: DiagramResult | null;
  edges: Series<EdgeResult>[];
  point: { sw2: number; sb2: number };
}

export function phaseFigure({ image, grid, edges, point }: DiagramInputs, theme: ThemeName): Figure {
  const c = THEME_AXES[theme];
  const data: Data[] = edges.map((e) => ({
    type: 'scatter',
    mode: 'lines',
    name: `${e.label}: χ₁ = 1`,
    x: e.result.sw2.map((w) => (Number.isFinite(w) ? w : null)),
    y: e.result.sb2,
    line: { color: e.color, width: 2.5 },
    hovertemplate: 'σ_w² %{x:.4g}, σ_b² %{y:.3g}<extra>%{fullData.name}</extra>',
  }));
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'this initialisation',
    x: [point.sw2],
    y: [point.sb2],
    marker: { symbol: 'x', size: 12, color: c.fg, line: { width: 2, color: c.fg } },
    hovertemplate: 'σ_w² %{x:.4g}, σ_b² %{y:.3g}<extra>this initialisation</extra>',
  });
  const layout = baseLayout(theme, 320);
  // Cells are centred on the grid values: the image spans half a cell beyond the first and last.
  const images: Layout['images'] =
    image && grid
      ? [
          {
            source: image,
            xref: 'x',
            yref: 'y',
            x: grid.sw2[0] - (grid.sw2[1] - grid.sw2[0]) / 2,
            y: grid.sb2[grid.sb2.length - 1] + (grid.sb2[1] - grid.sb2[0]) / 2,
            sizex: grid.sw2[grid.sw2.length - 1] - grid.sw2[0] + (grid.sw2[1] - grid.sw2[0]),
            sizey: grid.sb2[grid.sb2.length - 1] - grid.sb2[0] + (grid.sb2[1] - grid.sb2[0]),
            sizing: 'stretch',
            layer: 'below',
            opacity: 0.85,
          },
        ]
      : [];
  return {
    data,
    layout: {
      ...layout,
      hovermode: 'closest',
      margin: { l: 56, r: 16, t: 8, b: 44 },
      images,
      xaxis: { ...layout.xaxis, title: { text: 'σ_w² (weight variance × fan-in)' }, range: [0, SW2_MAX], gridcolor: c.grid, zeroline: false },
      yaxis: { ...layout.yaxis, title: { text: 'σ_b² (bias variance)' }, range: [0, SB2_MAX], gridcolor: c.grid, zeroline: false },
    },
  };
}
