/**
 * Formula builders for the polynomial and rational Tier B families (poly, pau, paon, polyrelu,
 * hermite). Each returns the formula string and the scalar parameters it uses; coefficient
 * vectors become scalar params a0, a1, … so every coefficient is trained on its own.
 */
import { coefficients, type FormulaWithParams } from '../paramSpec';
import { num, sum } from '../formulaText';
import { leastSquares } from './leastSquares';

/** Σ_k prefix_k·x^k as text, k = first..first+count−1. */
function powerSeries(prefix: string, count: number, first = 0, variable = 'x'): string {
  return sum(Array.from({ length: count }, (_, i) => {
    const k = i + first;
    if (k === 0) return `${prefix}0`;
    return k === 1 ? `${prefix}1 * ${variable}` : `${prefix}${k} * ${variable}^${k}`;
  }));
}

// ---- poly: Σ c_k x^k, init = least-squares fit of ReLU on [−B, B] ----

/** Half-width of the fitting interval of poly's init (the spec's B = 4†). */
const POLY_FIT_HALF_WIDTH = 4;

/**
 * Least-squares fit of ReLU by a degree-d polynomial on [−B, B]. d = 2 and d = 4 use the
 * spec's closed forms (continuous least squares); other degrees solve on 2001 uniform points,
 * in the scaled variable t = x/B so the normal equations stay well conditioned.
 */
function reluFitCoefficients(d: number, B = POLY_FIT_HALF_WIDTH): number[] {
  if (d === 2) return [3 * B / 32, 1 / 2, 15 / (32 * B)];
  if (d === 4) return [15 * B / 256, 1 / 2, 105 / (128 * B), 0, -105 / (256 * B ** 3)];
  const points = 2001;
  const rows: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i < points; i++) {
    const t = -1 + (2 * i) / (points - 1);
    rows.push(Array.from({ length: d + 1 }, (_, k) => t ** k));
    targets.push(Math.max(0, t * B));
  }
  const gamma = leastSquares(rows, targets);
  return gamma.map((g, k) => g / B ** k);
}

export function polyFormula(d: number): FormulaWithParams {
  return { formula: powerSeries('c', d + 1), params: coefficients('c', reluFitCoefficients(d), 0, 5) };
}

// ---- pau: safe Padé P(x)/Q(x), degrees 5/4 ----

/** LeakyReLU(0.01) fit from the PAU paper (spec, Tier B). */
const PAU_INIT = {
  a: [0.0335583603, 0.505000375, 1.65343934, 2.01001052, 0.931901999, 0.152424124],
  b: [3.30847488e-6, 3.98021568, 5.12471206e-7, 0.301830109],
};

export function pauFormula(): FormulaWithParams {
  const numerator = powerSeries('a', PAU_INIT.a.length);
  // "Safe" denominator of the reference code: 1 + Σ |b_k|·|x|^k ≥ 1, so no poles.
  const denominator = sum(['1', ...PAU_INIT.b.map((_, i) => {
    const k = i + 1;
    return k === 1 ? 'abs(b1) * abs(x)' : `abs(b${k}) * abs(x)^${k}`;
  })]);
  return {
    formula: `(${numerator}) / (${denominator})`,
    params: [...coefficients('a', PAU_INIT.a, 0, 10), ...coefficients('b', PAU_INIT.b, 1, 10)],
  };
}

// ---- paon: Padé neuron reduced to a pointwise function, K = 3, L = 2 ----

/** The [3/2] Padé approximant of tanh: (x + x³/15)/(1 + 0.4x²). */
const PAON_INIT = { a: [0, 1, 0, 1 / 15], b: [0, 0.4] };

export function paonFormula(variant: 'plain' | 'smoothed'): FormulaWithParams {
  const K = PAON_INIT.a.length - 1;
  const L = PAON_INIT.b.length;
  const params = [...coefficients('a', PAON_INIT.a, 0, 5), ...coefficients('b', PAON_INIT.b, 1, 5)];
  const P = (degree: number) => powerSeries('a', degree + 1);
  const Q = (degree: number) => sum(['1', powerSeries('b', degree, 1)]);
  if (variant === 'plain') {
    // |Q| < 1e-3 is replaced by ±1e-3 (sign of Q; +1e-3 at Q = 0) so the quotient stays finite.
    const q = `(${Q(L)})`;
    return { formula: `(${P(K)}) / (abs(${q}) < 0.001 ? (${q} >= 0 ? 0.001 : -0.001) : ${q})`, params };
  }
  const lowerQ = L - 1 === 0 ? '1' : `(${Q(L - 1)})`;
  return {
    formula: `((${Q(L)}) * (${P(K)}) + ${lowerQ} * (${P(K - 1)})) / ((${Q(L)})^2 + ${lowerQ}^2)`,
    params,
  };
}

// ---- polyrelu: w0 + w1 r + w2 r² + w3 r³, r = ReLU(x) ----

export function polyReluFormula(reluFormula: string): FormulaWithParams {
  return {
    formula: powerSeries('w', 4, 0, `(${reluFormula})`),
    params: coefficients('w', [0, 1 / 3, 1 / 3, 1 / 3], 0, 5),
  };
}

// ---- hermite: Σ c_k h_k(x), h_k = He_k/√(k!) ----

/** Monomial coefficients of h_0..h_n from h_(k+1) = (x·h_k − √k·h_(k−1))/√(k+1). */
function normalizedHermiteCoefficients(n: number): number[][] {
  const h: number[][] = [[1], [0, 1]];
  for (let k = 1; k < n; k++) {
    const next = new Array<number>(k + 2).fill(0);
    h[k].forEach((c, j) => { next[j + 1] += c; });
    h[k - 1].forEach((c, j) => { next[j] -= Math.sqrt(k) * c; });
    h.push(next.map((c) => c / Math.sqrt(k + 1)));
  }
  return h.slice(0, n + 1);
}

/** The spec's init: c0 = 0.66549·√6/π, c_k = k^(−3/2)·√6/π (Σ c_k² ≈ 1). */
function hermiteInit(n: number): number[] {
  const scale = Math.sqrt(6) / Math.PI;
  return Array.from({ length: n + 1 }, (_, k) => (k === 0 ? 0.66549 * scale : k ** -1.5 * scale));
}

/** `c` defaults to the spec's init; the `fit-to-activation` option passes fitted coefficients. */
export function hermiteFormula(n: number, c: readonly number[] = hermiteInit(n)): FormulaWithParams {
  if (c.length !== n + 1) throw new Error(`hermite of degree ${n} needs ${n + 1} coefficients, got ${c.length}`);
  const polys = normalizedHermiteCoefficients(n);
  const terms = polys.map((coefs, k) => {
    const monomials = coefs
      .map((c, j) => (c === 0 ? '' : j === 0 ? num(c) : j === 1 ? `${num(c)} * x` : `${num(c)} * x^${j}`))
      .filter((t) => t !== '');
    return k === 0 ? 'c0' : `c${k} * (${sum(monomials)})`;
  });
  return { formula: sum(terms), params: coefficients('c', c, 0, 5) };
}
