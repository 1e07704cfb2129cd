/**
 * Few-Bit Backward: the optimal piecewise-constant surrogate q_b of f′ with K = 2^b levels,
 * fitted by the spec's exact dynamic programme (ACTIVATIONS.md §5):
 *   minimise Σ_m w_m (f′(x_m) − q(x_m))², x_m = 2001 uniform points on [−8, 8], w_m = φ(x_m)·Δx,
 *   D_k(j) = min_(i<j) D_(k−1)(i) + cost(i, j), cost from prefix sums of w, w·f′, w·f′².
 * Levels are segment means; each threshold is the midpoint between the last point of one
 * segment and the first point of the next. Results are cached per (base, params, b).
 */
import { compileActivation } from '../activation/compile';
import type { ActivationEntry } from './types';
import { num } from './formulaText';

const FEWBIT_GRID = { points: 2001, lo: -8, hi: 8 } as const;

export interface FewBitFit {
  /** Levels c_1..c_K' (adjacent equal levels merged, so K' ≤ 2^b). */
  levels: number[];
  /** Thresholds t_1..t_(K'−1): q = c_j on (t_(j−1), t_j]. */
  thresholds: number[];
  /** The objective Σ w (f′ − q)² at the optimum. */
  error: number;
  /** True when q reproduces f′ on the grid (error ≈ 0): piecewise-linear bases. */
  exact: boolean;
  /** The surrogate as a formula string in the expression language. */
  surrogate: string;
}

/** The fitting grid and its weights φ(x_m)·Δx. */
function fewBitGrid(): { x: Float64Array; w: Float64Array } {
  const { points, lo, hi } = FEWBIT_GRID;
  const dx = (hi - lo) / (points - 1);
  const x = new Float64Array(points);
  const w = new Float64Array(points);
  for (let m = 0; m < points; m++) {
    x[m] = lo + m * dx;
    w[m] = (Math.exp(-0.5 * x[m] * x[m]) / Math.sqrt(2 * Math.PI)) * dx;
  }
  return { x, w };
}

/** Σ w (f′ − q)² for a given piecewise-constant q on the fitting grid (to compare solutions). */
export function fewBitObjective(df: (x: number) => number, q: (x: number) => number): number {
  const { x, w } = fewBitGrid();
  let e = 0;
  for (let m = 0; m < x.length; m++) e += w[m] * (df(x[m]) - q(x[m])) ** 2;
  return e;
}

/** The exact DP for a derivative sampled on the grid. Pure: no compiler involved. */
export function fitPiecewiseConstant(df: (x: number) => number, b: number): FewBitFit {
  if (!Number.isInteger(b) || b < 1 || b > 4) throw new Error(`Few-bit b must be an integer in [1, 4], got ${b}`);
  const { x, w } = fewBitGrid();
  const N = x.length;
  const K = 2 ** b;
  const S0 = new Float64Array(N + 1);
  const S1 = new Float64Array(N + 1);
  const S2 = new Float64Array(N + 1);
  for (let m = 0; m < N; m++) {
    const g = df(x[m]);
    if (!Number.isFinite(g)) throw new Error(`f′ is not finite at x = ${x[m]}; few-bit needs a finite derivative on [−8, 8]`);
    S0[m + 1] = S0[m] + w[m];
    S1[m + 1] = S1[m] + w[m] * g;
    S2[m + 1] = S2[m] + w[m] * g * g;
  }
  // Points i..j−1 form one segment; its best constant is the weighted mean.
  const cost = (i: number, j: number): number => {
    const s0 = S0[j] - S0[i];
    const s1 = S1[j] - S1[i];
    return Math.max(0, S2[j] - S2[i] - (s1 * s1) / s0);
  };
  let prev = new Float64Array(N + 1).fill(Infinity);
  prev[0] = 0;
  const from: Int32Array[] = [];
  for (let k = 1; k <= K; k++) {
    const cur = new Float64Array(N + 1).fill(Infinity);
    const arg = new Int32Array(N + 1).fill(-1);
    for (let j = k; j <= N; j++) {
      let best = Infinity;
      let bestI = -1;
      for (let i = k - 1; i < j; i++) {
        if (prev[i] === Infinity) continue;
        const c = prev[i] + cost(i, j);
        if (c < best) { best = c; bestI = i; }
      }
      cur[j] = best;
      arg[j] = bestI;
    }
    from.push(arg);
    prev = cur;
  }
  // Backtrack the K segments [start_k, end_k).
  const bounds: number[] = [N];
  for (let k = K - 1, j = N; k >= 0; k--) {
    j = from[k][j];
    bounds.unshift(j);
  }
  const levels: number[] = [];
  const thresholds: number[] = [];
  for (let s = 0; s < K; s++) {
    const i = bounds[s];
    const j = bounds[s + 1];
    // Summed directly rather than from prefix differences, so exact levels stay exact.
    let s0 = 0;
    let s1 = 0;
    for (let m = i; m < j; m++) { s0 += w[m]; s1 += w[m] * df(x[m]); }
    const level = s1 / s0;
    if (levels.length > 0 && level === levels[levels.length - 1]) continue;
    if (levels.length > 0) thresholds.push((x[i - 1] + x[i]) / 2);
    levels.push(level);
  }
  const error = prev[N];
  // "Exact": the residual is rounding noise relative to Σ w f′².
  const exact = error <= 1e-12 * (S2[N] + Number.MIN_VALUE);
  return { levels, thresholds, error, exact, surrogate: piecewiseConstantFormula(levels, thresholds) };
}

/** q(x) = c_j on (t_(j−1), t_j], written as right-nested conditionals on x > t_j. */
function piecewiseConstantFormula(levels: number[], thresholds: number[]): string {
  let formula = num(levels[0]);
  for (let j = 1; j < levels.length; j++) formula = `x > ${num(thresholds[j - 1])} ? ${num(levels[j])} : ${formula}`;
  return formula;
}

const cache = new Map<string, FewBitFit>();

/** The fit for a Tier A base at given parameter values (defaults where omitted), cached. */
export function fitFewBit(base: ActivationEntry, b: number, params: Record<string, number> = {}): FewBitFit {
  const values = Object.fromEntries(base.params.map((p) => [p.name, params[p.name] ?? p.default]));
  const key = `${base.id}|${b}|${JSON.stringify(values)}`;
  let fit = cache.get(key);
  if (!fit) {
    fit = fitPiecewiseConstant(compileActivation(base).scalar(values).df, b);
    cache.set(key, fit);
  }
  return fit;
}
