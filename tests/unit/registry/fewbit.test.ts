/**
 * Few-bit DP: exact for piecewise-linear bases, optimal against an independent published
 * solution (ReGELU2's levels and thresholds, Approx-BP) on the same objective, and consistent
 * with a brute-force search on a small problem.
 */
import { describe, expect, it } from 'vitest';
import { resolveEntry } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import { fewBitObjective, fitFewBit, fitPiecewiseConstant } from '../../../src/core/registry/fewbit';
import { PhiRef, phiRef } from './reference';

const geluDf = (x: number) => PhiRef(x) + x * phiRef(x);

describe('few-bit backward fit', () => {
  it('relu, b = 1: exact (levels 0 and 1, threshold between 0 and the next grid point)', () => {
    const fit = fitFewBit(resolveEntry('relu'), 1);
    expect(fit.exact).toBe(true);
    expect(fit.levels).toEqual([0, 1]);
    expect(fit.thresholds).toHaveLength(1);
    expect(Math.abs(fit.thresholds[0])).toBeLessThanOrEqual(0.008);
    expect(fit.error).toBeLessThan(1e-15);
  });

  it('piecewise-linear bases are exact with enough levels; smooth ones are not', () => {
    expect(fitFewBit(resolveEntry('leaky-relu'), 1).exact).toBe(true);
    expect(fitFewBit(resolveEntry('relu6'), 2).exact).toBe(true); // levels 0, 1, 0 need 3 ≤ 4 segments
    expect(fitFewBit(resolveEntry('hardtanh'), 2).exact).toBe(true);
    expect(fitFewBit(resolveEntry('gelu'), 3).exact).toBe(false);
  });

  it('gelu, b = 2: the DP error is ≤ the error of ReGELU2’s published levels and thresholds', () => {
    const a = [-0.04922261145617846, 1.0979632065417297, -0.048740595085551286];
    const c = [-3.1858810036855245, -0.001178821281161997, 3.190832613414926];
    const regelu2 = (x: number) => a.reduce((acc, ai, i) => acc + ai * (x > c[i] ? 1 : 0), 0);
    const published = fewBitObjective(geluDf, regelu2);
    const fit = fitPiecewiseConstant(geluDf, 2);
    expect(fit.error).toBeLessThanOrEqual(published * (1 + 1e-9));
    // The DP solution also reproduces its own objective value when evaluated as a surrogate.
    const s = compileActivation(resolveEntry('few-bit'), { b: '2' }).scalar().surrogate;
    expect(s).toBeDefined();
    if (s) expect(fewBitObjective(geluDf, s)).toBeCloseTo(fit.error, 14);
    expect(fit.thresholds).toHaveLength(3);
  });

  it('more bits never fit worse; the surrogate formula reproduces levels and thresholds', () => {
    const errors = [1, 2, 3, 4].map((b) => fitPiecewiseConstant(geluDf, b).error);
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThanOrEqual(errors[i - 1]);
    const fit = fitFewBit(resolveEntry('gelu'), 3);
    const s = compileActivation(resolveEntry('few-bit')).scalar().surrogate;
    if (!s) throw new Error('few-bit has no surrogate');
    fit.levels.forEach((level, j) => {
      const lo = j === 0 ? -20 : fit.thresholds[j - 1];
      const hi = j === fit.levels.length - 1 ? 20 : fit.thresholds[j];
      expect(s((lo + hi) / 2)).toBe(level);
      expect(s(hi)).toBe(level); // (t_(j−1), t_j]: the threshold belongs to the left level
    });
  });

  it('matches brute force over all 2-segment splits on the same grid (b = 1)', () => {
    const df = (x: number) => Math.tanh(x) + 0.3 * Math.sin(3 * x);
    const fit = fitPiecewiseConstant(df, 1);
    let best = Infinity;
    const xs = Array.from({ length: 2001 }, (_, m) => -8 + m * 0.008);
    const w = xs.map((x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * 0.008);
    const g = xs.map(df);
    for (let cut = 1; cut < xs.length; cut++) {
      let e = 0;
      for (const [lo, hi] of [[0, cut], [cut, xs.length]]) {
        let s0 = 0; let s1 = 0;
        for (let m = lo; m < hi; m++) { s0 += w[m]; s1 += w[m] * g[m]; }
        for (let m = lo; m < hi; m++) e += w[m] * (g[m] - s1 / s0) ** 2;
      }
      best = Math.min(best, e);
    }
    expect(fit.error).toBeCloseTo(best, 12);
  });

  it('base and b options resolve; a bad base is a clear error', () => {
    const c = compileActivation(resolveEntry('few-bit'), { base: 'silu', b: '1' });
    expect(c.scalar().f(1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 14);
    expect(() => compileActivation(resolveEntry('few-bit'), { base: 'glu' })).toThrow(/cannot be "glu"/);
  });
});
