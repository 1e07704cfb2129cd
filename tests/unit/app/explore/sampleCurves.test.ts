import { describe, expect, it } from 'vitest';
import { EXPLODING_ABOVE, SAMPLE_POINTS, VANISHING_BELOW, runsWhere, sampleCurves, uniformGrid } from '../../../../src/app/explore/sampleCurves';

describe('sampleCurves', () => {
  it('samples 2,001 points from xMin to xMax inclusive, uniformly', () => {
    const x = uniformGrid(-5, 5);
    expect(x.length).toBe(SAMPLE_POINTS);
    expect(x[0]).toBe(-5);
    expect(x[2000]).toBe(5);
    expect(x[1000]).toBeCloseTo(0, 14);
    expect(x[1] - x[0]).toBeCloseTo(0.005, 14);
  });

  it('marks vanishing and exploding |f′| regions of a cubic at the analytic boundaries', () => {
    // f = x³: f′ = 3x², |f′| < 0.01 for |x| < √(0.01/3) ≈ 0.0577; |f′| > 10 for |x| > √(10/3) ≈ 1.826.
    const c = sampleCurves({ f: (x) => x ** 3, df: (x) => 3 * x * x, d2f: (x) => 6 * x }, -3, 3);
    const h = 6 / 2000;
    const v = Math.sqrt(VANISHING_BELOW / 3);
    const e = Math.sqrt(EXPLODING_ABOVE / 3);
    expect(c.vanishing).toHaveLength(1);
    expect(c.vanishing[0][0]).toBeGreaterThan(-v - h);
    expect(c.vanishing[0][0]).toBeLessThan(-v + h);
    expect(c.vanishing[0][1]).toBeGreaterThan(v - h);
    expect(c.vanishing[0][1]).toBeLessThan(v + h);
    expect(c.exploding).toHaveLength(2);
    expect(c.exploding[0][0]).toBe(-3);
    expect(Math.abs(c.exploding[0][1] + e)).toBeLessThan(h);
    expect(Math.abs(c.exploding[1][0] - e)).toBeLessThan(h);
    expect(c.exploding[1][1]).toBe(3);
  });

  it('turns non-finite values into NaN gaps', () => {
    const c = sampleCurves({ f: (x) => 1 / x, df: (x) => (x > 0 ? Infinity : -1 / (x * x)), d2f: () => NaN }, -1, 1, 3);
    expect(Array.from(c.f)).toEqual([-1, NaN, 1]);
    expect(Array.from(c.df)).toEqual([-1, NaN, NaN]);
  });

  it('reports the surrogate gap of a straight-through step against the true derivative of tanh', () => {
    // s = 1[−1 < x ≤ 1], f′ = 1 − tanh²x. Largest gap is just outside ±1 where s = 0 and
    // f′ = 1 − tanh²(1) ≈ 0.41997, or at the inside edge ±1 where 1 − f′(1) = tanh²(1) ≈ 0.58003.
    const c = sampleCurves(
      {
        f: Math.tanh,
        df: (x) => 1 - Math.tanh(x) ** 2,
        d2f: (x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2),
        surrogate: (x) => (x > -1 && x <= 1 ? 1 : 0),
      },
      -4,
      4,
    );
    expect(c.surrogateIsStep).toBe(true);
    expect(c.surrogateGap!.max).toBeCloseTo(Math.tanh(1) ** 2, 12);
    expect(Math.abs(c.surrogateGap!.at)).toBeCloseTo(1, 12);
    // s ≠ f′ everywhere except x = 0 (f′(0) = 1 = s(0)): two intervals split at 0.
    expect(c.surrogateDiffers).toHaveLength(2);
  });

  it('runsWhere widens one-point runs by half a step and clips to the grid', () => {
    const x = uniformGrid(0, 4, 5);
    expect(runsWhere(x, (i) => i === 2)).toEqual([[1.5, 2.5]]);
    expect(runsWhere(x, (i) => i === 0 || i === 4)).toEqual([[0, 0.5], [3.5, 4]]);
    expect(runsWhere(x, () => false)).toEqual([]);
  });
});
