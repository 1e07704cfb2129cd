/**
 * Properties computed from the function itself (never typed into the registry): monotonicity,
 * bounds, continuity class, zero-centredness, extrema, f(0), f′(0).
 *
 * Method. f, f′, f″ come from the compiled float64 closures. They are sampled on
 *   - a fine grid on [−10, 10] with step h = 10⁻³ (x_i = i/1000, so integers and the usual
 *     kink points 0, ±1, ±3, ±6 are grid points), and
 *   - a coarse grid of 400 log-spaced points per side on 10 < |x| ≤ 1000.
 * Limits of the method, by design:
 *   - monotonicity and extrema are decided on the samples (plus a golden-section refinement of an
 *     interior extremum), so wiggles narrower than the grid spacing can be missed;
 *   - "bounded" is an extrapolation: a side is unbounded if f keeps moving across decades of |x|
 *     (the change from |x| ≤ 100 to |x| ≤ 1000 is at least half the change from 10 to 100 —
 *     linear, polynomial and logarithmic growth all qualify; an approach to an asymptote like
 *     1/x shrinks tenfold per decade and does not), or if f is infinite somewhere on the grid;
 *   - continuity is checked only on the fine grid [−10, 10]; features narrower than h (SAU at
 *     s = 5·10⁻⁵) are judged by their sampled values, and kinks outside [−10, 10] are not seen.
 */
import type { CompiledActivation, ScalarActivation } from '../activation/types';

type Monotonic = 'increasing' | 'decreasing' | 'no';
/** 'smooth': no jump in f, f′ or f″ found at grid resolution (C², read as C∞-ish). */
type Continuity = 'discontinuous' | 'C0' | 'C1' | 'smooth';

export interface Extremum {
  value: number;
  /** Where it is attained; among equal values the one closest to 0. */
  at: number;
  /**
   * True when the extreme value is also f at an end of the grid (±1000): an infimum/supremum
   * approached in a tail (sigmoid, tanh) or a flat side (ReLU). `at` is then where float64 first
   * reaches that value.
   */
  inTail: boolean;
}

export interface ActivationProperties {
  monotonic: Monotonic;
  boundedBelow: boolean;
  boundedAbove: boolean;
  continuity: Continuity;
  /** C¹ or better: continuity is 'C1' or 'smooth'. */
  smooth: boolean;
  /** Left ends of the fine-grid cells [x, x + h] where f′ (or f itself) jumps. */
  kinks: number[];
  /** f(0) = 0 and f takes both signs. */
  zeroCentred: boolean;
  /** Undefined when f is unbounded below (above). */
  min?: Extremum;
  max?: Extremum;
  f0: number;
  df0: number;
}

const PROPERTY_GRID = { fineHalfWidth: 10, fineStep: 1e-3, coarseMax: 1000, coarsePerSide: 400 } as const;

function sampleGrid(): { xs: number[]; fineStart: number; fineEnd: number } {
  const { fineHalfWidth: W, fineStep: h, coarseMax, coarsePerSide: n } = PROPERTY_GRID;
  const perUnit = Math.round(1 / h);
  const steps = Math.round(W * perUnit);
  const coarse: number[] = [];
  for (let i = 1; i <= n; i++) coarse.push(W * (coarseMax / W) ** (i / n));
  const fine: number[] = [];
  // i / 1000 is exact at integers, so kinks at 0, ±3, ±6 fall on grid points.
  for (let i = -steps; i <= steps; i++) fine.push(i / perUnit);
  const left = coarse.map((x) => -x).reverse();
  return { xs: [...left, ...fine, ...coarse], fineStart: left.length, fineEnd: left.length + fine.length };
}

function monotonicity(fs: number[]): Monotonic {
  let up = false;
  let down = false;
  for (let i = 1; i < fs.length; i++) {
    const d = fs[i] - fs[i - 1];
    const tol = 1e-12 * (1 + Math.abs(fs[i]) + Math.abs(fs[i - 1]));
    if (d > tol) up = true;
    if (d < -tol) down = true;
  }
  if (up && !down) return 'increasing';
  if (down && !up) return 'decreasing';
  return 'no';
}

/** Unbounded in the direction `sign` (+1 above, −1 below), per the decade test above. */
function unbounded(xs: number[], fs: number[], sign: 1 | -1): boolean {
  if (fs.some((f) => f === sign * Infinity)) return true;
  const extreme = (R: number) => {
    let m = -Infinity;
    xs.forEach((x, i) => { if (Math.abs(x) <= R * (1 + 1e-12)) m = Math.max(m, sign * fs[i]); });
    return m;
  };
  const m10 = extreme(10);
  const m100 = extreme(100);
  const m1000 = extreme(1000);
  const floor = 1e-9 * (1 + Math.abs(m1000));
  return m1000 - m100 > floor && m1000 - m100 >= 0.5 * (m100 - m10);
}

/**
 * Continuity class on the fine grid, and the cells where f or f′ jumps. Per cell [x_i, x_(i+1)]:
 *   - f jumps if |Δf| exceeds 2h·max|f′| (ends and midpoint) by more than rounding;
 *   - f′ jumps (a kink) if Δf′ differs from the 2-point Gauss–Legendre integral of f″ over the
 *     cell interior — exact to O(h⁵) for smooth f, off by the jump at a kink (the nodes avoid the
 *     cell ends, where the left-hand rule makes f′, f″ take the left values);
 *   - f″ jumps if its change in one cell dwarfs the changes in both neighbouring cells.
 */
function continuityOf(xs: number[], s: ScalarActivation): { continuity: Continuity; kinks: number[] } {
  const f = xs.map(s.f);
  const d1 = xs.map(s.df);
  const d2 = xs.map(s.d2f);
  const order: Continuity[] = ['smooth', 'C1', 'C0', 'discontinuous'];
  let worst = 0;
  const kinks: number[] = [];
  const gauss = 0.5 / Math.sqrt(3);
  for (let i = 0; i + 1 < xs.length; i++) {
    const h = xs[i + 1] - xs[i];
    const mid = (xs[i] + xs[i + 1]) / 2;
    const slope = Math.max(Math.abs(d1[i]), Math.abs(d1[i + 1]), Math.abs(s.df(mid)));
    if (Math.abs(f[i + 1] - f[i]) > 2 * h * slope + 1e-9 * (1 + Math.abs(f[i]))) {
      worst = Math.max(worst, 3);
      kinks.push(xs[i]);
      continue;
    }
    const c1 = s.d2f(mid - gauss * h);
    const c2 = s.d2f(mid + gauss * h);
    const predicted = (h / 2) * (c1 + c2);
    const tol = 1e-6 * (1 + Math.abs(d1[i]) + Math.abs(d1[i + 1])) + 1e-6 * h * (Math.abs(c1) + Math.abs(c2));
    if (Math.abs(d1[i + 1] - d1[i] - predicted) > tol) {
      worst = Math.max(worst, 2);
      kinks.push(xs[i]);
      continue;
    }
    if (i > 0 && i + 2 < xs.length) {
      const jump = Math.abs(d2[i + 1] - d2[i]);
      const around = Math.abs(d2[i] - d2[i - 1]) + Math.abs(d2[i + 2] - d2[i + 1]);
      if (jump > 1e-6 * (1 + Math.abs(d2[i])) && jump > 10 * around) worst = Math.max(worst, 1);
    }
  }
  return { continuity: order[worst], kinks };
}

/** Golden-section refinement of an interior minimum of g on [a, b]. */
function refineMinimum(g: (x: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  for (let k = 0; k < 100 && b - a > 1e-13 * (1 + Math.abs(a)); k++) {
    if (g(c) < g(d)) { b = d; } else { a = c; }
    c = b - r * (b - a);
    d = a + r * (b - a);
  }
  return (a + b) / 2;
}

function extremum(xs: number[], fs: number[], f: (x: number) => number, sign: 1 | -1): Extremum {
  // Work on g = sign·f so that both cases are a minimum. Values within relative 1e-12 of the
  // extreme (exact zeros included) are ties, resolved towards x = 0.
  const same = (a: number, b: number) =>
    a === b || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)));
  let lowest = Infinity;
  for (const v of fs) if (sign * v < lowest) lowest = sign * v;
  let best = -1;
  fs.forEach((v, i) => {
    if (same(sign * v, lowest) && (best < 0 || Math.abs(xs[i]) < Math.abs(xs[best]))) best = i;
  });
  const value = fs[best];
  const inTail = same(value, fs[0]) || same(value, fs[fs.length - 1]);
  let at = xs[best];
  const interior = best > 0 && best < fs.length - 1 && !same(fs[best - 1], value) && !same(fs[best + 1], value);
  if (interior) {
    const g = (x: number) => sign * f(x);
    const x = refineMinimum(g, xs[best - 1], xs[best + 1]);
    if (g(x) <= g(at)) at = x;
  }
  return { value: f(at), at, inTail };
}

export function computeProperties(compiled: CompiledActivation, params?: Record<string, number>): ActivationProperties {
  const s = compiled.scalar(params);
  const { xs, fineStart, fineEnd } = sampleGrid();
  const fs = xs.map(s.f);
  const boundedBelow = !unbounded(xs, fs, -1);
  const boundedAbove = !unbounded(xs, fs, 1);
  const { continuity, kinks } = continuityOf(xs.slice(fineStart, fineEnd), s);
  const f0 = s.f(0);
  const finite = fs.filter(Number.isFinite);
  const scale = Math.max(1, ...finite.map(Math.abs));
  return {
    monotonic: monotonicity(fs),
    boundedBelow,
    boundedAbove,
    continuity,
    smooth: continuity === 'C1' || continuity === 'smooth',
    kinks,
    zeroCentred: Math.abs(f0) <= 1e-12 * scale && finite.some((v) => v < 0) && finite.some((v) => v > 0),
    ...(boundedBelow ? { min: extremum(xs, fs, s.f, 1) } : {}),
    ...(boundedAbove ? { max: extremum(xs, fs, s.f, -1) } : {}),
    f0,
    df0: s.df(0),
  };
}
