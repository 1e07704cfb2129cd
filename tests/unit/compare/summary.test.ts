import { describe, expect, it } from 'vitest';
import { activationKey, activationLabel, epochsToTarget, stats, summarize, type EpochRecord, type RunResult } from '../../../src/core/compare/summary';

const rec = (epoch: number, testAcc: number, testLoss = 1 - testAcc): EpochRecord => ({
  epoch, trainLoss: testLoss, testLoss, trainAcc: testAcc, testAcc,
});

describe('stats', () => {
  it('matches values worked out by hand', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, Σ(x−5)² = 32, sample var 32/7, std 2.1380899…
    const s = stats([2, 4, 4, 4, 5, 5, 7, 9])!;
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(2.138089935299395, 12);
    expect(s.stderr).toBeCloseTo(2.138089935299395 / Math.sqrt(8), 12);
    expect([s.min, s.max]).toEqual([2, 9]);
    expect(stats([3])).toEqual({ n: 1, mean: 3, std: 0, stderr: 0, min: 3, max: 3 });
    expect(stats([])).toBeNull();
    expect(stats([NaN, 1])!.n).toBe(1);
  });
});

describe('epochsToTarget', () => {
  it('is the first epoch ≥ 1 meeting the target', () => {
    const h = [rec(0, 0.99), rec(1, 0.5), rec(2, 0.96), rec(3, 0.97)];
    expect(epochsToTarget(h, { testAcc: 0.95 })).toBe(2);
    expect(epochsToTarget(h, { testAcc: 0.999 })).toBeNull();
    expect(epochsToTarget(h, { testLoss: 0.035 })).toBe(3);
  });
});

describe('summarize', () => {
  it('equals statistics recomputed from the per-run results; diverged runs counted, not averaged', () => {
    const act = { id: 'gelu' };
    const other = { id: 'swish', params: { beta: 2 } };
    const mk = (activation: typeof act, seed: number, accs: number[], diverged = false): RunResult => {
      const history = accs.map((a, e) => rec(e, a));
      return {
        activation,
        label: activationLabel(activation),
        seed,
        history,
        final: history[history.length - 1],
        diverged: diverged ? { epoch: 2, step: 5, message: 'x' } : null,
      };
    };
    const runs = [
      mk(act, 1, [0.5, 0.9, 0.96]),
      mk(act, 2, [0.5, 0.97, 0.98]),
      mk(act, 3, [0.5, 0.6, 0.2], true),
      mk(other, 1, [0.5, 0.7, 0.8]),
    ];
    const [g, s] = summarize(runs, { testAcc: 0.95 });
    expect(g.label).toBe('gelu');
    expect(s.label).toBe('swish(beta=2)');
    expect([g.n, g.diverged, s.n, s.diverged]).toEqual([3, 1, 1, 0]);
    // By hand from the two healthy gelu runs: final acc 0.96 and 0.98.
    expect(g.testAcc!.mean).toBeCloseTo(0.97, 12);
    expect(g.testAcc!.std).toBeCloseTo(Math.sqrt(((0.96 - 0.97) ** 2 + (0.98 - 0.97) ** 2) / 1), 12);
    expect(g.testLoss!.mean).toBeCloseTo(0.03, 12);
    expect([g.testAcc!.min, g.testAcc!.max]).toEqual([0.96, 0.98]);
    // Epochs to 0.95: run 1 → 2, run 2 → 1.
    expect(g.epochsToTarget!.mean).toBe(1.5);
    expect(g.reachedTarget).toBe(2);
    expect(s.epochsToTarget).toBeNull();
    expect(s.reachedTarget).toBe(0);
  });

  it('groups by the full setting, independent of key order', () => {
    expect(activationKey({ id: 'a', params: { x: 1, y: 2 } })).toBe(activationKey({ id: 'a', params: { y: 2, x: 1 } }));
    expect(activationKey({ id: 'a', params: { x: 1 } })).not.toBe(activationKey({ id: 'a', params: { x: 2 } }));
  });
});
