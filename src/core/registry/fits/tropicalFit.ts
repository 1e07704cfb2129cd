/**
 * tropical-rational option `fit` (ACTIVATIONS.md, Tier B): fit f = max_k(p_k x + a_k) −
 * max_k(q_k x + b_k) to a target by MSE on 256 uniform points over [−n, n], full-batch Adam
 * (lr 0.01), stopping when the loss is below 1e-4 or after 40000 steps. Plain float64 JS: the
 * gradient of a max is the gradient of its maximising term (ties: smallest slope, the left-hand
 * rule of the spec). Deterministic: it starts from the registry's seeded init, and results are
 * cached per (target, n), since a fit costs up to a few hundred milliseconds.
 */
import type { TropicalRationalCoefficients } from '../builders/piecewiseLinear';
import { uniformGrid, type FitTarget } from './fitTargets';

export const TROPICAL_FIT = { points: 256, lr: 0.01, lossThreshold: 1e-4, maxSteps: 40000 } as const;

/** Adam's usual constants. */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

export interface TropicalFit {
  coefficients: TropicalRationalCoefficients;
  /** MSE at the start (the seeded init) and at the end. */
  initialLoss: number;
  loss: number;
  /** Adam steps taken (< maxSteps when the threshold was reached). */
  steps: number;
}

/** Index of the maximising line p_k·x + a_k; at a tie the smaller slope wins. */
function argmaxLine(slopes: Float64Array, offsets: Float64Array, x: number): number {
  let best = 0;
  let bestValue = slopes[0] * x + offsets[0];
  for (let k = 1; k < slopes.length; k++) {
    const v = slopes[k] * x + offsets[k];
    if (v > bestValue || (v === bestValue && slopes[k] < slopes[best])) {
      best = k;
      bestValue = v;
    }
  }
  return best;
}

/** Layout of the flat parameter vector: p, a, q, b, each of length n + 1. */
function flatten(c: TropicalRationalCoefficients): Float64Array {
  return Float64Array.from([...c.p, ...c.a, ...c.q, ...c.b]);
}

function unflatten(theta: Float64Array, m: number): TropicalRationalCoefficients {
  const part = (i: number) => Array.from(theta.subarray(i * m, (i + 1) * m));
  return { p: part(0), a: part(1), q: part(2), b: part(3) };
}

/** MSE and its gradient (written into `grad`) on the grid. */
function lossAndGradient(theta: Float64Array, m: number, xs: number[], ts: number[], grad: Float64Array): number {
  const p = theta.subarray(0, m);
  const a = theta.subarray(m, 2 * m);
  const q = theta.subarray(2 * m, 3 * m);
  const b = theta.subarray(3 * m, 4 * m);
  grad.fill(0);
  let loss = 0;
  const N = xs.length;
  for (let i = 0; i < N; i++) {
    const x = xs[i];
    const k = argmaxLine(p, a, x);
    const j = argmaxLine(q, b, x);
    const r = p[k] * x + a[k] - (q[j] * x + b[j]) - ts[i];
    loss += r * r;
    const g = (2 * r) / N;
    grad[k] += g * x;
    grad[m + k] += g;
    grad[2 * m + j] -= g * x;
    grad[3 * m + j] -= g;
  }
  return loss / N;
}

/** Run the fit from `init` (not modified). */
export function fitTropicalRational(n: number, init: TropicalRationalCoefficients, target: FitTarget): TropicalFit {
  const m = n + 1;
  const xs = uniformGrid(-n, n, TROPICAL_FIT.points);
  const ts = xs.map((x) => target.f(x));
  if (ts.some((t) => !Number.isFinite(t))) throw new Error(`The fit target is not finite on [−${n}, ${n}]`);
  const theta = flatten(init);
  const grad = new Float64Array(theta.length);
  const mom = new Float64Array(theta.length);
  const vel = new Float64Array(theta.length);
  const initialLoss = lossAndGradient(theta, m, xs, ts, grad);
  let loss = initialLoss;
  let steps = 0;
  while (loss >= TROPICAL_FIT.lossThreshold && steps < TROPICAL_FIT.maxSteps) {
    steps++;
    const c1 = 1 - BETA1 ** steps;
    const c2 = 1 - BETA2 ** steps;
    for (let i = 0; i < theta.length; i++) {
      mom[i] = BETA1 * mom[i] + (1 - BETA1) * grad[i];
      vel[i] = BETA2 * vel[i] + (1 - BETA2) * grad[i] * grad[i];
      theta[i] -= (TROPICAL_FIT.lr * (mom[i] / c1)) / (Math.sqrt(vel[i] / c2) + EPS);
    }
    loss = lossAndGradient(theta, m, xs, ts, grad);
  }
  return { coefficients: unflatten(theta, m), initialLoss, loss, steps };
}

const cache = new Map<string, TropicalFit>();

/** fitTropicalRational, cached per (targetId, n); `init` must be the same for a given key. */
export function cachedTropicalFit(targetId: string, n: number, init: () => TropicalRationalCoefficients, target: () => FitTarget): TropicalFit {
  const key = `${targetId}:${n}`;
  let fit = cache.get(key);
  if (!fit) {
    fit = fitTropicalRational(n, init(), target());
    cache.set(key, fit);
  }
  return fit;
}
