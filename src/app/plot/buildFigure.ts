/**
 * Turns sampled curves and the explorer's view settings into a Plotly figure (data + layout).
 * Pure: no Plotly import at runtime, so it is cheap to test and Plotly itself can load lazily.
 *
 * Stacked layout: one panel per shown curve kind (f, f′, f″), sharing one x axis; hover is
 * 'x unified' across the panels. Overlay layout: one panel, f solid, f′ dashed, f″ dotted.
 */
import type { Data, Layout, Shape } from 'plotly.js';
import type { CurveKind } from '../state/explorerState';
import { CURVE_KINDS } from '../state/explorerState';
import type { Interval, SampledCurves } from '../explore/sampleCurves';
import { surrogateColor, type ThemeName } from './palette';

export interface PlotCurve {
  /** Legend text, e.g. "Swish (β=2)". */
  label: string;
  color: string;
  /** The curve's own dash past the palette's twelve colours (stacked layout; overlay dashes by kind). */
  dash?: string;
  samples: SampledCurves;
  /** Backward-rule modifier: draw f′ dashed and the surrogate thick. */
  isModifier: boolean;
}

export interface FigureView {
  show: Record<CurveKind, boolean>;
  layout: 'stacked' | 'overlay';
  marks: boolean;
  xMin: number;
  xMax: number;
  theme: ThemeName;
}

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

const KIND_TITLE: Record<CurveKind, string> = { f: 'f(x)', df: 'f′(x)', d2f: 'f″(x)' };
const SURROGATE_DASH = ['solid', 'dot', 'dashdot', 'longdash'];
const OVERLAY_DASH: Record<CurveKind, string> = { f: 'solid', df: 'dash', d2f: 'dot' };

const THEME_COLORS: Record<ThemeName, { fg: string; bg: string; grid: string; zero: string; differs: string }> = {
  light: { fg: '#1b1f24', bg: '#ffffff', grid: '#e3e6ea', zero: '#9aa1a9', differs: 'rgba(230,159,0,0.22)' },
  dark: { fg: '#e6e8eb', bg: '#16191d', grid: '#2c3137', zero: '#5d646c', differs: 'rgba(240,228,66,0.18)' },
};

function hexToRgba(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255},${(v >> 8) & 255},${v & 255},${alpha})`;
}

/** Axis names Plotly uses: the first panel is 'y', then 'y2', 'y3'. */
function axisId(panel: number): { trace: string; layoutKey: string } {
  return panel === 0 ? { trace: 'y', layoutKey: 'yaxis' } : { trace: `y${panel + 1}`, layoutKey: `yaxis${panel + 1}` };
}

function bandShapes(intervals: Interval[], yref: string, fill: string, line?: { color: string; dash: string }): Partial<Shape>[] {
  return intervals.map(([x0, x1]) => ({
    type: 'rect',
    xref: 'x',
    yref: yref as Shape['yref'],
    x0,
    x1,
    y0: 0,
    y1: 1,
    fillcolor: fill,
    line: line ? { width: 1, color: line.color, dash: line.dash as 'dash' } : { width: 0 },
    layer: 'below',
  }));
}

export function buildFigure(curves: PlotCurve[], view: FigureView): Figure {
  const kinds = CURVE_KINDS.filter((k) => view.show[k]);
  const stacked = view.layout === 'stacked';
  const panels = stacked ? kinds.length : 1;
  const panelOf = (k: CurveKind) => (stacked ? kinds.indexOf(k) : 0);
  const colors = THEME_COLORS[view.theme];
  const data: Data[] = [];
  const shapes: Partial<Shape>[] = [];

  // Several modifiers' surrogates share the contrasting colour; a dash pattern tells them apart.
  let surrogateIndex = 0;
  for (const curve of curves) {
    const s = curve.samples;
    for (const kind of kinds) {
      const axis = axisId(panelOf(kind));
      const dashed = !stacked ? OVERLAY_DASH[kind] : kind === 'df' && curve.isModifier ? 'dash' : (curve.dash ?? 'solid');
      data.push({
        type: 'scatter',
        mode: 'lines',
        // One legend entry per activation in both layouts; overlay says which dash is which curve
        // in the axis title (18 entries for 6 activations would cover a phone's plot).
        name: curve.label,
        legendgroup: curve.label,
        showlegend: kind === kinds[0],
        x: s.x as unknown as number[],
        y: s[kind] as unknown as number[],
        yaxis: axis.trace,
        line: { color: curve.color, width: 2, dash: dashed as 'solid' },
        hovertemplate: `%{y:.9~g}<extra>${escapeHover(curve.label)} ${KIND_TITLE[kind]}</extra>`,
      } as Data);
    }
    // The surrogate replaces f′ in backprop, so it is drawn where f′ is.
    if (s.surrogate && view.show.df) {
      const axis = axisId(panelOf('df'));
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${curve.label} surrogate s(x)`,
        legendgroup: curve.label,
        showlegend: true,
        x: s.x as unknown as number[],
        y: s.surrogate as unknown as number[],
        yaxis: axis.trace,
        line: {
          color: surrogateColor(view.theme),
          width: 4,
          shape: s.surrogateIsStep ? 'hv' : 'linear',
          dash: SURROGATE_DASH[surrogateIndex++ % SURROGATE_DASH.length] as 'solid',
        },
        opacity: 0.8,
        hovertemplate: `%{y:.9~g}<extra>${escapeHover(curve.label)} s(x)</extra>`,
      } as Data);
      const yref = `${axisId(panelOf('df')).trace} domain`;
      shapes.push(...bandShapes(s.surrogateDiffers, yref, colors.differs));
    }
    if (view.marks && view.show.df) {
      const yref = `${axisId(panelOf('df')).trace} domain`;
      shapes.push(...bandShapes(s.vanishing, yref, hexToRgba(curve.color, 0.1)));
      shapes.push(...bandShapes(s.exploding, yref, hexToRgba(curve.color, 0.22), { color: curve.color, dash: 'dot' }));
    }
  }

  const gap = 0.05;
  const height = (1 - gap * (panels - 1)) / panels;
  const layout: Partial<Layout> & Record<string, unknown> = {
    paper_bgcolor: colors.bg,
    plot_bgcolor: colors.bg,
    font: { color: colors.fg, family: 'system-ui, sans-serif', size: 12 },
    margin: { l: 60, r: 16, t: 8, b: 44 },
    hovermode: 'x unified',
    hoversubplots: 'axis',
    showlegend: true,
    // Above the plot: a legend that wraps to several rows pushes the plot down instead of
    // covering the x-axis title (as a legend below the axis did).
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.01, yanchor: 'bottom' },
    // Drag pans (as in Desmos); box zoom is the toolbar's zoom mode, the wheel zooms.
    dragmode: 'pan',
    shapes: shapes as Shape[],
    xaxis: {
      range: [view.xMin, view.xMax],
      anchor: axisId(panels - 1).trace as 'y',
      gridcolor: colors.grid,
      zerolinecolor: colors.zero,
      showspikes: true,
      spikemode: 'across',
      spikethickness: 1,
      spikedash: 'dot',
      title: { text: 'x' },
    },
  };
  const DASH_WORD: Record<CurveKind, string> = { f: 'solid', df: 'dashed', d2f: 'dotted' };
  const titles = stacked ? kinds.map((k) => KIND_TITLE[k]) : [kinds.map((k) => (kinds.length > 1 ? `${KIND_TITLE[k]} ${DASH_WORD[k]}` : KIND_TITLE[k])).join(', ')];
  for (let p = 0; p < panels; p++) {
    const top = 1 - p * (height + gap);
    layout[axisId(p).layoutKey] = {
      // Rounded so the last panel ends at exactly 0 (floating-point sums leave ~1e-17).
      domain: [Math.max(0, Number((top - height).toFixed(9))), Number(top.toFixed(9))],
      anchor: 'x',
      gridcolor: colors.grid,
      zerolinecolor: colors.zero,
      title: { text: titles[p] },
      autorange: true,
    };
  }
  return { data, layout };
}

/** Plotly renders hover text as a small HTML subset; keep labels literal. */
function escapeHover(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
}

export const CURVE_KIND_TITLE = KIND_TITLE;
