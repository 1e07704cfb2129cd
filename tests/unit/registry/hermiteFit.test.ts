/**
 * hermite init `fit-to-activation`: the least-squares fit of f and f′ to a target on 512 uniform
 * points over [−√n, √n]. References: He_k written out by hand (textbook closed forms, with
 * He_k′ = k·He_(k−1)), and GELU from the independent erf in ./reference.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { resolveEntry } from '../../../src/core/registry';
import { fitHermiteCoefficients } from '../../../src/core/registry/fits/hermiteFit';
import { PhiRef, phiRef } from './reference';

/** Probabilists' Hermite polynomials He_0..He_6, closed forms. */
const HE: ((x: number) => number)[] = [
  () => 1,
  (x) => x,
  (x) => x ** 2 - 1,
  (x) => x ** 3 - 3 * x,
  (x) => x ** 4 - 6 * x ** 2 + 3,
  (x) => x ** 5 - 10 * x ** 3 + 15 * x,
  (x) => x ** 6 - 15 * x ** 4 + 45 * x ** 2 - 15,
];
const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
const h = (k: number, x: number) => HE[k](x) / Math.sqrt(factorial(k));
const dh = (k: number, x: number) => (k === 0 ? 0 : (k * HE[k - 1](x)) / Math.sqrt(factorial(k)));

function expansion(c: number[]) {
  return {
    f: (x: number) => c.reduce((acc, ck, k) => acc + ck * h(k, x), 0),
    df: (x: number) => c.reduce((acc, ck, k) => acc + ck * dh(k, x), 0),
  };
}

const gelu = { f: (x: number) => x * PhiRef(x), df: (x: number) => PhiRef(x) + x * phiRef(x) };

/** Σ(f − t)² + Σ(f′ − t′)² on the spec's grid, with f from the hand-written basis. */
function objective(n: number, c: readonly number[], t: { f(x: number): number; df(x: number): number }): number {
  let total = 0;
  for (let i = 0; i < 512; i++) {
    const x = -Math.sqrt(n) + (2 * Math.sqrt(n) * i) / 511;
    const e = expansion([...c]);
    total += (e.f(x) - t.f(x)) ** 2 + (e.df(x) - t.df(x)) ** 2;
  }
  return total;
}

describe('hermite fit-to-activation', () => {
  it('recovers the coefficients of a target that is itself a Hermite expansion (degree 6 and 3 < n = 6), to 1e-9', () => {
    const c6 = [0.3, -1.2, 0.7, 0.05, -0.4, 0.9, -0.25];
    const fit6 = fitHermiteCoefficients(6, expansion(c6));
    fit6.forEach((v, k) => expect(Math.abs(v - c6[k])).toBeLessThan(1e-9));
    // A lower-degree target: the higher coefficients must come out 0.
    const c3 = [1, 0.5, -0.25, 2];
    const fit3in6 = fitHermiteCoefficients(6, expansion(c3));
    fit3in6.forEach((v, k) => expect(Math.abs(v - (c3[k] ?? 0))).toBeLessThan(1e-9));
  });

  it('GELU, n = 5: objective < 1 over the 1024 residuals (RMS < 0.032), ≥ 100× below the paper init', () => {
    const entry = resolveEntry('hermite');
    const compiled = compileActivation(entry, { init: 'fit-to-activation', target: 'gelu' });
    const c = compiled.params.map((p) => p.default);
    expect(compiled.params.map((p) => p.name)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    const fitted = objective(5, c, gelu);
    const paper = objective(5, entry.params.map((p) => p.default), gelu);
    // Measured: fitted ≈ 0.93, paper init ≈ 202.
    expect(fitted).toBeLessThan(1);
    expect(fitted * 100).toBeLessThan(paper);
    // The compiled formula evaluates the fitted expansion: compare against the hand-written basis.
    const s = compiled.scalar();
    for (const x of [-2, -0.7, 0, 0.3, 1.9]) expect(Math.abs(s.f(x) - expansion(c).f(x))).toBeLessThan(1e-12);
    // And it is close to GELU on the fit interval (tolerance 0.1 on [−2.2, 2.2]).
    for (let x = -2.2; x <= 2.2; x += 0.1) expect(Math.abs(s.f(x) - gelu.f(x))).toBeLessThan(0.1);
  });

  it('n = 10 fit of GELU is much tighter than n = 5 (objective < 0.01), and the result is the solver optimum', () => {
    // A hand-written He_k only goes to 6, so check the n = 6 optimum by perturbation instead.
    const c6 = fitHermiteCoefficients(6, gelu);
    const best = objective(6, c6, gelu);
    for (let k = 0; k <= 6; k++) {
      for (const d of [1e-4, -1e-4]) {
        const moved = [...c6];
        moved[k] += d;
        expect(objective(6, moved, gelu)).toBeGreaterThan(best);
      }
    }
    const n10 = compileActivation(resolveEntry('hermite'), { n: '10', init: 'fit-to-activation', target: 'gelu' }).scalar();
    let total = 0;
    for (let i = 0; i < 512; i++) {
      const x = -Math.sqrt(10) + (2 * Math.sqrt(10) * i) / 511;
      total += (n10.f(x) - gelu.f(x)) ** 2 + (n10.df(x) - gelu.df(x)) ** 2;
    }
    expect(total).toBeLessThan(0.01);
  });

  it('bad target: a clear message naming the choices', () => {
    expect(() => compileActivation(resolveEntry('hermite'), { init: 'fit-to-activation', target: 'golu' })).toThrow(/target.*cannot be "golu"/);
    expect(() => fitHermiteCoefficients(3, { f: () => NaN, df: () => 0 })).toThrow(/not finite/);
  });
});
