/**
 * Samples an activation's f, f′, f″ (and a modifier's surrogate) on a uniform grid, and finds the
 * x-intervals the plot shades. Pure float64 work on closures compiled once per activation, so it
 * can run on every slider input event.
 */

export const SAMPLE_POINTS = 2001;
/** |f′| below this is marked as a vanishing-gradient region. */
export const VANISHING_BELOW = 0.01;
/** |f′| above this is marked as an exploding-gradient region. */
export const EXPLODING_ABOVE = 10;

/** The scalar closures sampled (a pointwise activation, or a gated block's g(a) = o(a, 1)). */
export interface ScalarCurves {
  f(x: number): number;
  df(x: number): number;
  d2f(x: number): number;
  surrogate?: (x: number) => number;
}

export type Interval = [number, number];

export interface SampledCurves {
  x: Float64Array;
  f: Float64Array;
  df: Float64Array;
  d2f: Float64Array;
  surrogate?: Float64Array;
  /** The surrogate takes few distinct values: draw it as steps. */
  surrogateIsStep: boolean;
  /** max |s − f′| over the grid, and where (modifiers only). */
  surrogateGap?: { max: number; at: number };
  vanishing: Interval[];
  exploding: Interval[];
  /** Where the surrogate differs from f′ (modifiers only). */
  surrogateDiffers: Interval[];
}

export function uniformGrid(xMin: number, xMax: number, n = SAMPLE_POINTS): Float64Array {
  const x = new Float64Array(n);
  const h = (xMax - xMin) / (n - 1);
  for (let i = 0; i < n; i++) x[i] = xMin + i * h;
  x[n - 1] = xMax;
  return x;
}

/** Non-finite values become NaN, which the plot draws as a gap. */
function sample(fn: (x: number) => number, x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = fn(x[i]);
    out[i] = Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/**
 * Maximal runs of grid points satisfying `pred`, widened by half a grid step on each side
 * (clipped to the grid) so that a one-point run is still visible.
 */
export function runsWhere(x: Float64Array, pred: (i: number) => boolean): Interval[] {
  const n = x.length;
  const half = n > 1 ? (x[1] - x[0]) / 2 : 0;
  const out: Interval[] = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const inside = i < n && pred(i);
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      out.push([Math.max(x[0], x[start] - half), Math.min(x[n - 1], x[i - 1] + half)]);
      start = -1;
    }
  }
  return out;
}

function countDistinct(values: Float64Array, limit: number): number {
  const seen = new Set<number>();
  for (const v of values) {
    seen.add(v);
    if (seen.size > limit) break;
  }
  return seen.size;
}

/** Relative tolerance for "s differs from f′": above float64 noise of either closure. */
const SAME_TOL = 1e-9;

export function sampleCurves(curves: ScalarCurves, xMin: number, xMax: number, n = SAMPLE_POINTS): SampledCurves {
  const x = uniformGrid(xMin, xMax, n);
  const f = sample((v) => curves.f(v), x);
  const df = sample((v) => curves.df(v), x);
  const d2f = sample((v) => curves.d2f(v), x);
  const vanishing = runsWhere(x, (i) => Math.abs(df[i]) < VANISHING_BELOW);
  const exploding = runsWhere(x, (i) => Math.abs(df[i]) > EXPLODING_ABOVE);
  const result: SampledCurves = { x, f, df, d2f, surrogateIsStep: false, vanishing, exploding, surrogateDiffers: [] };
  if (curves.surrogate) {
    const s = sample(curves.surrogate, x);
    let max = 0;
    let at = NaN;
    for (let i = 0; i < n; i++) {
      const gap = Math.abs(s[i] - df[i]);
      if (gap > max) {
        max = gap;
        at = x[i];
      }
    }
    result.surrogate = s;
    result.surrogateIsStep = countDistinct(s, 32) <= 32;
    result.surrogateGap = { max, at };
    result.surrogateDiffers = runsWhere(x, (i) => Math.abs(s[i] - df[i]) > SAME_TOL * Math.max(1, Math.abs(df[i])));
  }
  return result;
}
