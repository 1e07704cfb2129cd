/**
 * hermite option `fit-to-activation` (ACTIVATIONS.md, Notes (Tier B)): f = Σ c_k h_k and
 * f′ = Σ c_k √k h_(k−1) are both linear in c, so the fit is one linear least-squares problem,
 * min Σ(f − t)² + Σ(f′ − t′)² over 512 uniform points on [−√n, √n], solved exactly (no
 * iterations) by Householder QR, which keeps the accuracy the normal equations would square away.
 */
import { leastSquaresQR } from '../builders/leastSquares';
import { uniformGrid, type FitTarget } from './fitTargets';

const HERMITE_FIT_POINTS = 512;

/** h_0(x)..h_n(x), h_k = He_k/√(k!), by the recurrence h_(k+1) = (x·h_k − √k·h_(k−1))/√(k+1). */
function hermiteBasis(n: number, x: number): number[] {
  const h = [1, x];
  for (let k = 1; k < n; k++) h.push((x * h[k] - Math.sqrt(k) * h[k - 1]) / Math.sqrt(k + 1));
  return h.slice(0, n + 1);
}

/** Rows of the stacked system: a value row [h_k(x)] and a slope row [√k·h_(k−1)(x)] per point. */
function designRows(n: number, xs: number[]): { value: number[]; slope: number[] }[] {
  return xs.map((x) => {
    const h = hermiteBasis(n, x);
    return { value: h, slope: h.map((_, k) => (k === 0 ? 0 : Math.sqrt(k) * h[k - 1])) };
  });
}

function hermiteFitGrid(n: number): number[] {
  return uniformGrid(-Math.sqrt(n), Math.sqrt(n), HERMITE_FIT_POINTS);
}

/** Coefficients c_0..c_n minimising Σ(f − t)² + Σ(f′ − t′)² on the grid. */
export function fitHermiteCoefficients(n: number, target: FitTarget): number[] {
  const xs = hermiteFitGrid(n);
  const rows: number[][] = [];
  const rhs: number[] = [];
  designRows(n, xs).forEach(({ value, slope }, i) => {
    rows.push(value, slope);
    rhs.push(target.f(xs[i]), target.df(xs[i]));
  });
  if (rhs.some((v) => !Number.isFinite(v))) throw new Error('The fit target is not finite on [−√n, √n]');
  return leastSquaresQR(rows, rhs);
}

