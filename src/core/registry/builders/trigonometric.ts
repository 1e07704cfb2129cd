/**
 * Formula builders for the trigonometric Tier B families: fourier, kaf, fourier-kan and
 * chebyshev (T_k(tanh x) is cos(k·θ) with θ = arccos(tanh x), so it belongs here too).
 * Random inits draw from the project's seeded Rng, so a seed always gives the same curve.
 */
import type { Rng } from '../../data/rng';
import { coefficients, learnable, type FormulaWithParams } from '../paramSpec';
import { sum } from '../formulaText';

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

// ---- fourier: a0 + Σ c_k·cos(ω_k·x − φ_k)/k! ----

/** Spec init constant c_k (from the reference library). */
const FOURIER_C = 0.66232645879;

export function fourierFormula(n: number): FormulaWithParams {
  const k = Array.from({ length: n }, (_, i) => i + 1);
  const terms = k.map((j) => {
    const term = `c${j} * cos(omega${j} * x - phi${j})`;
    return j === 1 ? term : `${term} / ${factorial(j)}`;
  });
  const a0 = FOURIER_C * Math.sqrt(1 - 1 / factorial(n) ** 2);
  return {
    formula: sum(['a0', ...terms]),
    params: [
      ...coefficients('a', [a0], 0, 5),
      ...coefficients('c', k.map(() => FOURIER_C), 1, 5),
      ...coefficients('omega', k, 1, 10),
      ...coefficients('phi', k.map(() => Math.PI / 4), 1, 7),
    ],
  };
}

// ---- kaf: a·GELU(x) + b·(e + Σ_g [u_g cos(w_g x + φ_g) + v_g sin(w_g x + φ_g)]) ----

const KAF_FREQUENCIES = 9;

export function kafFormula(geluFormula: string, rng: Rng): FormulaWithParams {
  const G = KAF_FREQUENCIES;
  const g = Array.from({ length: G }, (_, i) => i + 1);
  // Spec init: w ~ N(0, 1/1.64); φ ~ U(0, 2π); u, v ~ U(±√(6/(2G+1))) (Xavier); e ~ U(±1/√(2G)).
  const xavier = Math.sqrt(6 / (2 * G + 1));
  const biasBound = 1 / Math.sqrt(2 * G);
  const w = g.map(() => rng.normal(0, 1 / Math.sqrt(1.64)));
  const phi = g.map(() => rng.uniform(0, 2 * Math.PI));
  const u = g.map(() => rng.uniform(-xavier, xavier));
  const v = g.map(() => rng.uniform(-xavier, xavier));
  const e0 = rng.uniform(-biasBound, biasBound);
  const waves = g.map((j) => `u${j} * cos(w${j} * x + phi${j}) + v${j} * sin(w${j} * x + phi${j})`);
  return {
    // The bias is named e0: `e` is Euler's number in the formula language.
    formula: `a * ${geluFormula} + b * (${sum(['e0', ...waves])})`,
    params: [
      learnable('a', 1, -5, 5, { description: 'weight of the GELU term' }),
      learnable('b', 0.01, -5, 5, { description: 'weight of the Fourier term' }),
      ...coefficients('e', [e0], 0, 5),
      ...coefficients('u', u, 1, 5),
      ...coefficients('v', v, 1, 5),
      ...coefficients('w', w, 1, 10),
      ...coefficients('phi', phi, 1, 7),
    ],
  };
}

// ---- fourier-kan: e + Σ_k (a_k cos kx + b_k sin kx) ----

export function fourierKanFormula(G: number, rng: Rng): FormulaWithParams {
  const k = Array.from({ length: G }, (_, i) => i + 1);
  const std = 1 / Math.sqrt(G);
  const a = k.map(() => rng.normal(0, std));
  const b = k.map(() => rng.normal(0, std));
  const terms = k.map((j) => (j === 1 ? 'a1 * cos(x) + b1 * sin(x)' : `a${j} * cos(${j} * x) + b${j} * sin(${j} * x)`));
  return {
    formula: sum(['e0', ...terms]),
    params: [...coefficients('e', [0], 0, 5), ...coefficients('a', a, 1, 5), ...coefficients('b', b, 1, 5)],
  };
}

// ---- chebyshev: Σ c_k T_k(tanh x) ----

/**
 * T_k(tanh x) written as a single cosine/sine. With g = 2·atan(tanh(x/2)) (the Gudermannian),
 * tanh x = sin g = cos(π/2 − g), so T_k(tanh x) = cos(k(π/2 − g)), which is
 * +cos(kg), +sin(kg), −cos(kg), −sin(kg) for k ≡ 0, 1, 2, 3 (mod 4). Why not the monomial
 * expansion: T_64 has coefficients near 2^63 and cancels catastrophically, and the recurrence
 * cannot share subterms in one formula string. This form is exact, has bounded derivatives for
 * every x (atan(e^−x) would form ∞/∞ at x → −∞), and keeps K = 64 under the 2000-character limit.
 */
function chebyshevTerm(k: number): string {
  if (k === 0) return 'c0';
  const inner = `${2 * k}*atan(tanh(x/2))`;
  switch (k % 4) {
    case 0: return `+c${k}*cos(${inner})`;
    case 1: return `+c${k}*sin(${inner})`;
    case 2: return `-c${k}*cos(${inner})`;
    default: return `-c${k}*sin(${inner})`;
  }
}

export function chebyshevFormula(K: number, init: 'tanh' | 'random', rng: Rng): FormulaWithParams {
  const c = Array.from({ length: K + 1 }, (_, k) => (init === 'tanh' ? (k === 1 ? 1 : 0) : rng.normal(0, 1 / (K + 1))));
  // No spaces: K = 64 must stay within the parser's 2000-character limit.
  const formula = Array.from({ length: K + 1 }, (_, k) => chebyshevTerm(k)).join('');
  return { formula, params: coefficients('c', c, 0, 5) };
}
