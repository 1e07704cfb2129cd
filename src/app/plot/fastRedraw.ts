/**
 * A slider drag changes only a few traces' y values. A Plotly update recomputes every trace and
 * redraws axes, legend and all paths (~80 ms for 12 traces × 2,001 points on a 2-core machine),
 * so while the person drags, the changed curves' SVG paths are rewritten directly in the axes
 * on screen (well under a millisecond per trace), and the full Plotly update (which rescales the
 * axes to the new values and refreshes legend and hover) runs once the drag pauses.
 *
 * This uses Plotly's drawn structure (each scatter trace is `g.trace<uid>` holding `path.js-line`,
 * its axes map data to pixels with `c2p`); when anything is not as expected it returns false and
 * the caller does the full update instead.
 */
import type { Figure } from './buildFigure';

interface DrawnAxis {
  c2p(v: number): number;
}

interface DrawnGraph {
  _fullData?: { uid?: string; xaxis?: string; yaxis?: string; mode?: string; line?: { shape?: string } }[];
  _fullLayout?: Record<string, unknown>;
  data?: Record<string, unknown>[];
}

function axis(layout: Record<string, unknown>, ref: string | undefined, letter: 'x' | 'y'): DrawnAxis | null {
  const name = `${letter}axis${(ref ?? letter).slice(1)}`;
  const a = layout[name] as Partial<DrawnAxis> | undefined;
  return a && typeof a.c2p === 'function' ? (a as DrawnAxis) : null;
}

/** The SVG path through the finite points, broken at gaps (NaN / null), in the axes' pixels. */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number | null>, xa: DrawnAxis, ya: DrawnAxis): string {
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const px = xa.c2p(xs[i]);
    const py = ya.c2p(y);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${px.toFixed(2)},${py.toFixed(2)}`);
    pen = true;
  }
  return parts.join('');
}

/**
 * Rewrites the paths of traces `indices` of `div` (drawn by Plotly) to `figure`'s values, and the
 * graph's data so readers of `div.data` see them. False when the fast path does not apply.
 */
export function redrawLines(div: HTMLElement, figure: Figure, indices: number[]): boolean {
  const gd = div as unknown as DrawnGraph;
  const full = gd._fullData;
  const layout = gd._fullLayout;
  if (!full || !layout || !gd.data) return false;
  const updates: [SVGPathElement, string][] = [];
  for (const i of indices) {
    const trace = full[i];
    const next = figure.data[i] as { x?: ArrayLike<number>; y?: ArrayLike<number | null> };
    if (!trace?.uid || trace.mode !== 'lines' || (trace.line?.shape ?? 'linear') !== 'linear' || !next.x || !next.y) return false;
    const xa = axis(layout, trace.xaxis, 'x');
    const ya = axis(layout, trace.yaxis, 'y');
    const path = div.querySelector<SVGPathElement>(`g.trace${CSS.escape(trace.uid)} path.js-line`);
    if (!xa || !ya || !path) return false;
    updates.push([path, linePath(next.x, next.y, xa, ya)]);
  }
  for (const [path, d] of updates) path.setAttribute('d', d);
  for (const i of indices) Object.assign(gd.data[i], figure.data[i]);
  return true;
}
