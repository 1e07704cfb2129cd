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

/**
 * How far (px) a drawn line may stray from the sampled points. Every dropped point lies within
 * this of the line drawn: what the screen shows is unchanged, and the raster work of a redraw
 * (software-rendered on machines without a GPU, where it is the cost of a drag) falls with the
 * point count (2,001 per curve sampled; tens to a few hundred drawn).
 */
export const PATH_TOLERANCE_PX = 0.5;

/**
 * The SVG path through the finite points, broken at gaps (NaN / null), in the axes' pixels, with
 * the points dropped that lie within `tol` px of the polyline kept (sleeve fitting: a run from
 * an anchor continues while every point so far fits in a cone of half-width `tol` around it).
 */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number | null>, xa: DrawnAxis, ya: DrawnAxis, tol = PATH_TOLERANCE_PX): string {
  const parts: string[] = [];
  let pen = false;
  // Anchor, last point seen, and the cone of directions (angles from the anchor) still allowed.
  let ax = 0;
  let ay = 0;
  let lx = 0;
  let ly = 0;
  let pending = false;
  let base = 0;
  let lo = -Infinity;
  let hi = Infinity;
  const emit = (x: number, y: number) => {
    parts.push(`${pen ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`);
    pen = true;
    ax = x;
    ay = y;
    pending = false;
    lo = -Infinity;
    hi = Infinity;
  };
  const fits = (x: number, y: number): boolean => {
    const d = Math.hypot(x - ax, y - ay);
    if (d <= tol) return true;
    const theta = Math.atan2(y - ay, x - ax);
    if (lo === -Infinity) base = theta;
    let rel = theta - base;
    if (rel > Math.PI) rel -= 2 * Math.PI;
    else if (rel < -Math.PI) rel += 2 * Math.PI;
    if (rel < lo || rel > hi) return false;
    const half = Math.asin(tol / d);
    lo = Math.max(lo, rel - half);
    hi = Math.min(hi, rel + half);
    return true;
  };
  const endRun = () => {
    if (pending) emit(lx, ly);
    pen = false;
  };
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    const px = y === null || !Number.isFinite(y) ? NaN : xa.c2p(xs[i]);
    const py = y === null || !Number.isFinite(y) ? NaN : ya.c2p(y);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      endRun();
      continue;
    }
    if (!pen) emit(px, py);
    else if (!fits(px, py)) {
      // The previous point ends the straight piece; measure this one from it.
      emit(lx, ly);
      fits(px, py);
      lx = px;
      ly = py;
      pending = true;
    } else {
      lx = px;
      ly = py;
      pending = true;
    }
  }
  endRun();
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
