/**
 * Formula builders for the piecewise-linear Tier B families: tropical-rational (difference of
 * two tropical polynomials) and pwl (diagonal trainable matrix activation). Kinks follow the
 * left-hand rule through the expression language's max/conditionals: at a tie the smaller
 * slope wins, which is the left-hand limit.
 */
import type { Rng } from '../../data/rng';
import { coefficients, learnable, type FormulaWithParams } from '../paramSpec';
import { num, sum } from '../formulaText';

// ---- tropical-rational: max_k(p_k x + a_k) − max_k(q_k x + b_k) ----

/** Slopes and offsets of both tropical polynomials, n + 1 of each. */
export interface TropicalRationalCoefficients {
  p: number[];
  a: number[];
  q: number[];
  b: number[];
}

/** The spec's init: p, a, q, b ~ N(0, 1), drawn in that order from `rng`. */
export function drawTropicalRational(n: number, rng: Rng): TropicalRationalCoefficients {
  const draw = () => Array.from({ length: n + 1 }, () => rng.normal(0, 1));
  const [p, a, q, b] = [draw(), draw(), draw(), draw()];
  return { p, a, q, b };
}

export function tropicalRationalFormula(n: number, c: TropicalRationalCoefficients): FormulaWithParams {
  const k = Array.from({ length: n + 1 }, (_, i) => i);
  const maxOf = (slope: string, offset: string) => `max(${k.map((i) => `${slope}${i} * x + ${offset}${i}`).join(', ')})`;
  return {
    formula: `${maxOf('p', 'a')} - ${maxOf('q', 'b')}`,
    params: [
      ...coefficients('p', c.p, 0, 5), ...coefficients('a', c.a, 0, 5),
      ...coefficients('q', c.q, 0, 5), ...coefficients('b', c.b, 0, 5),
    ],
  };
}

// ---- pwl: slope t_j on piece j; pieces (−∞, s1], (s1, s2], …, (s_(J−1), ∞) ----

/** Fixed breakpoints (spec †); 0 is among them, which the `continuous` variant needs. */
const PWL_BREAKPOINTS = [-2, -1, 0, 1, 2];
/** Initial slopes: ReLU. */
const PWL_INIT_SLOPES = [0, 0, 0, 1, 1, 1];

export function pwlFormula(continuous: boolean): FormulaWithParams {
  const s = PWL_BREAKPOINTS;
  const J = s.length + 1;
  const params = Array.from({ length: J }, (_, j) => learnable(`t${j + 1}`, PWL_INIT_SLOPES[j], -5, 5));
  if (!continuous) {
    // f = t_j·x on piece j, tested from the right: x > s_(J−1) ? t_J·x : x > s_(J−2) ? … : t_1·x.
    let formula = 't1 * x';
    for (let j = 1; j < J; j++) formula = `x > ${num(s[j - 1])} ? t${j + 1} * x : ${formula}`;
    return { formula, params };
  }
  const m = s.indexOf(0) + 1; // 1-based: s_m = 0, piece m ends at 0, piece m+1 starts there.
  if (m === 0) throw new Error('pwl option continuous needs 0 among the breakpoints');
  const terms = [`t${m} * min(x, 0)`, `t${m + 1} * max(x, 0)`];
  for (let j = 1; j <= s.length; j++) {
    if (j > m) terms.push(`(t${j + 1} - t${j}) * max(x - ${num(s[j - 1])}, 0)`);
    if (j < m) terms.push(`(t${j + 1} - t${j}) * max(${num(s[j - 1])} - x, 0)`);
  }
  return { formula: sum(terms), params };
}
