/** The drawing grid shared by the worker and the pages, against coordinates worked out by hand. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/data/datasets';
import { dataExtent, gridCoordinate, gridPoints } from '../../../src/worker/grid';

function dataset(train: number[], test: number[], dim = 2): Dataset {
  const split = (x: number[]) => ({ x: Float32Array.from(x), y: new Float32Array(x.length / dim), n: x.length / dim });
  return { name: 'hand', task: 'binary', dim, classes: 2, outputDim: 1, train: split(train), test: split(test) };
}

describe('dataExtent', () => {
  it('covers the largest |coordinate| of train and test with a 10 % margin, rounded up to 0.1', () => {
    // max |v| = 1.23 (in test) → 1.353 → 1.4.
    expect(dataExtent(dataset([0.5, -1, 0.2, 0.3], [1.23, 0]))).toEqual([-1.4, 1.4]);
    // 2 → 2.2 exactly (no rounding up past it).
    expect(dataExtent(dataset([-2, 0], [0, 0]))).toEqual([-2.2, 2.2]);
  });

  it('ignores non-finite values and never collapses below ±0.1', () => {
    expect(dataExtent(dataset([NaN, Infinity, 0.5, 0], [0, 0]))).toEqual([-0.6, 0.6]);
    expect(dataExtent(dataset([0, 0], [0, 0]))).toEqual([-0.1, 0.1]);
  });
});

describe('gridCoordinate', () => {
  it('1-D: n evenly spaced points including both ends; one point sits in the middle', () => {
    expect([0, 1, 2, 3, 4].map((i) => gridCoordinate(i, 5, [-2, 2], 1))).toEqual([-2, -1, 0, 1, 2]);
    expect(gridCoordinate(0, 1, [-2, 4], 1)).toBe(1);
  });

  it('2-D: cell centres', () => {
    // 4 cells over [−2, 2]: width 1, centres −1.5, −0.5, 0.5, 1.5.
    expect([0, 1, 2, 3].map((i) => gridCoordinate(i, 4, [-2, 2], 2))).toEqual([-1.5, -0.5, 0.5, 1.5]);
  });
});

describe('gridPoints', () => {
  it('2-D: row-major, row 0 at the top (largest y), x increasing along a row', () => {
    const g = gridPoints(2, [-1, 1], 2);
    expect(Array.from(g)).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
    const n = 3;
    const big = gridPoints(n, [-3, 3], 2);
    expect(big).toHaveLength(n * n * 2);
    // Point (row r, column c) = index r·n + c: (row 2, column 0) is the bottom-left centre (−2, −2).
    expect([big[(2 * n + 0) * 2], big[(2 * n + 0) * 2 + 1]]).toEqual([-2, -2]);
  });

  it('1-D: the sample positions', () => {
    expect(Array.from(gridPoints(3, [-1, 1], 1))).toEqual([-1, 0, 1]);
  });

  it('rejects bad sizes and dimensions with a sentence', () => {
    expect(() => gridPoints(0, [-1, 1], 2)).toThrow('Grid size must be an integer in 1…512, got 0');
    expect(() => gridPoints(2.5, [-1, 1], 2)).toThrow('got 2.5');
    expect(() => gridPoints(600, [-1, 1], 2)).toThrow('got 600');
    expect(() => gridPoints(4, [-1, 1], 3)).toThrow('Only 1-D and 2-D inputs can be drawn, got 3-D');
  });
});
