/** Loss-curve bands of the Compare page against mean ± std / standard error / min–max by hand. */
import { describe, expect, it } from 'vitest';
import { bandOf, compareFigure, hasAccuracy } from '../../../../src/app/compare/compareFigure';
import type { EpochRecord } from '../../../../src/core/compare/summary';

const rec = (epoch: number, trainLoss: number, testLoss = trainLoss): EpochRecord => ({ epoch, trainLoss, testLoss, trainAcc: null, testAcc: null });

// Three seeds; the third stopped after epoch 1 (shorter history).
const histories: EpochRecord[][] = [
  [rec(0, 1), rec(1, 0.5), rec(2, 0.2)],
  [rec(0, 3), rec(1, 0.7), rec(2, 0.4)],
  [rec(0, 2), rec(1, 0.9)],
];

describe('bandOf', () => {
  it('mean ± sample std per epoch, over the runs that reached it', () => {
    const b = bandOf(histories, 'trainLoss', 'std');
    expect(b.epochs).toEqual([0, 1, 2]);
    // Epoch 0: {1, 3, 2} → mean 2, std √((1 + 1 + 0)/2) = 1.
    // Epoch 1: {0.5, 0.7, 0.9} → mean 0.7, std √((0.04 + 0 + 0.04)/2) = 0.2.
    // Epoch 2: {0.2, 0.4} → mean 0.3, std √((0.01 + 0.01)/1) = 0.1·√2.
    const want = [
      [2, 1],
      [0.7, 0.2],
      [0.3, 0.1 * Math.SQRT2],
    ];
    want.forEach(([mean, std], i) => {
      expect(b.mean[i]).toBeCloseTo(mean, 14);
      expect(b.lower[i]).toBeCloseTo(mean - std, 14);
      expect(b.upper[i]).toBeCloseTo(mean + std, 14);
    });
  });

  it('mean ± standard error = std/√n', () => {
    const b = bandOf(histories, 'trainLoss', 'se');
    expect(b.upper[0]).toBeCloseTo(2 + 1 / Math.sqrt(3), 14);
    expect(b.lower[1]).toBeCloseTo(0.7 - 0.2 / Math.sqrt(3), 14);
    // n = 2 at epoch 2: 0.1·√2/√2 = 0.1.
    expect(b.upper[2]).toBeCloseTo(0.4, 14);
    expect(b.lower[2]).toBeCloseTo(0.2, 14);
  });

  it('min–max', () => {
    const b = bandOf(histories, 'trainLoss', 'minmax');
    expect(b.lower).toEqual([1, 0.5, 0.2]);
    expect(b.upper).toEqual([3, 0.9, 0.4]);
  });

  it('reads the metric asked for; non-finite values are left out; an epoch with none is a gap', () => {
    const h = [
      [rec(0, 1, 4), rec(1, NaN, NaN)],
      [rec(0, 1, 6), rec(1, Infinity, Infinity)],
    ];
    const b = bandOf(h, 'testLoss', 'minmax');
    expect(b.mean).toEqual([5, null]);
    expect(b.lower).toEqual([4, null]);
    expect(b.upper).toEqual([6, null]);
    expect(bandOf([], 'trainLoss', 'std')).toEqual({ epochs: [], mean: [], lower: [], upper: [] });
  });
});

describe('compareFigure', () => {
  it('per activation and panel: lower edge, filled upper edge, mean line; ≤ 0 cut on a log axis', () => {
    const fig = compareFigure([{ label: 'relu', histories }], 'std', true, 'light');
    expect(fig.data).toHaveLength(6);
    const [lower, upper, mean] = fig.data as { y: (number | null)[]; name?: string; fill?: string; xaxis: string }[];
    // Epoch 0 lower edge is 2 − 1 = 1 (kept); at epoch 1 it is 0.5 (kept).
    expect(lower.y[0]).toBeCloseTo(1, 14);
    expect(upper.fill).toBe('tonexty');
    expect(mean.name).toBe('relu (3 runs)');
    expect((fig.data[3] as { xaxis: string }).xaxis).toBe('x2');
    // Two seeds spreading 0.1 and 2.9 around 1.5: std ≈ 1.98, lower edge < 0 → cut (null) on log, kept on linear.
    const wide = [[rec(0, 0.1)], [rec(0, 2.9)]];
    const log = compareFigure([{ label: 'w', histories: wide }], 'std', true, 'light').data[0] as { y: (number | null)[] };
    const lin = compareFigure([{ label: 'w', histories: wide }], 'std', false, 'light').data[0] as { y: (number | null)[] };
    expect(log.y).toEqual([null]);
    expect(lin.y[0]).toBeCloseTo(1.5 - 1.4 * Math.SQRT2, 14);
    expect((fig.layout.yaxis as { type: string }).type).toBe('log');
  });
});

describe('compareFigure: accuracy', () => {
  const acc = (epoch: number, trainAcc: number, testAcc: number): EpochRecord => ({ epoch, trainLoss: 1, testLoss: 1, trainAcc, testAcc });
  const runs = [
    [acc(0, 0.5, 0.4), acc(1, 0.8, 0.7)],
    [acc(0, 0.7, 0.6), acc(1, 0.9, 0.9)],
  ];

  it('draws train and test accuracy, mean ± std by hand, on a linear axis even when loss is log-scale', () => {
    const fig = compareFigure([{ label: 'ReLU', histories: runs }], 'std', true, 'light', 'accuracy');
    const [, , trainMean, , testUpper, testMean] = fig.data as { y: (number | null)[] }[];
    // Train epoch 1: {0.8, 0.9} → mean 0.85. Test epoch 1: {0.7, 0.9} → mean 0.8, std √(0.02) = 0.1·√2.
    expect(trainMean.y[1]).toBeCloseTo(0.85, 14);
    expect(testMean.y[1]).toBeCloseTo(0.8, 14);
    expect(testUpper.y[1]).toBeCloseTo(0.8 + 0.1 * Math.SQRT2, 14);
    expect((fig.layout.yaxis as { type: string }).type).toBe('linear');
    expect((fig.layout.yaxis2 as { title: { text: string } }).title.text).toContain('test accuracy');
  });

  it('regression (accuracy null) has no accuracy to draw: null means, hasAccuracy false', () => {
    expect(hasAccuracy([{ label: 'relu', histories }])).toBe(false);
    expect(hasAccuracy([{ label: 'relu', histories: runs }])).toBe(true);
    const b = bandOf(histories, 'trainAcc', 'std');
    expect(b.mean).toEqual([null, null, null]);
  });
});
