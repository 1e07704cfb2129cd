/** NaN/Infinity runs on a sampled range, and the sentence the formula box shows. */
import { describe, expect, it } from 'vitest';
import { compileCustom } from '../../../src/core/custom/compileCustom';
import { describeRuns, nonFiniteRuns } from '../../../src/core/custom/nonFinite';

describe('nonFiniteRuns', () => {
  it('finds log(x) NaN for x < 0 and -Infinity at 0; f′ = 1/x is Infinity at 0', () => {
    const s = compileCustom({ name: 'log', formula: 'log(x)', params: [] }).scalar();
    // 11 samples on [-5, 5]: -5, -4, …, 5.
    const runs = nonFiniteRuns(s.f, -5, 5, 11);
    expect(runs).toEqual([
      { kind: 'NaN', from: -5, to: -1 },
      { kind: '-Infinity', from: 0, to: 0 },
    ]);
    expect(describeRuns(runs)).toBe('NaN at x = -5 … -1; -Infinity at x = 0');
    expect(nonFiniteRuns(s.df, -5, 5, 11)).toEqual([{ kind: 'Infinity', from: 0, to: 0 }]);
  });

  it('adds x = 0 as a sample when the grid misses it, and reports nothing for a finite function', () => {
    expect(nonFiniteRuns((x) => 1 / x, -1, 1, 4)).toEqual([{ kind: 'Infinity', from: 0, to: 0 }]);
    expect(nonFiniteRuns(Math.tanh, -1000, 1000)).toEqual([]);
  });

  it('a window of NaN between finite values: sqrt(x*x - 1) on [-2, 2]', () => {
    const runs = nonFiniteRuns((x) => Math.sqrt(x * x - 1), -2, 2, 9);
    expect(runs).toEqual([{ kind: 'NaN', from: -0.5, to: 0.5 }]);
    expect(describeRuns([...runs, ...runs, ...runs, ...runs], 2)).toBe('NaN at x = -0.5 … 0.5; NaN at x = -0.5 … 0.5; and 2 more places');
  });
});
