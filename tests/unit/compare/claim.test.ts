/** judgeClaim on hand-made summaries: held / failed / undecided, the one-std "clear" check, the sentence. */
import { describe, expect, it } from 'vitest';
import { judgeClaim, type ClaimRule } from '../../../src/core/compare/claim';
import { stats, type ActivationSummary } from '../../../src/core/compare/summary';

function row(label: string, testLoss: number[], testAcc: number[] = [], diverged = 0): ActivationSummary {
  return {
    label, activation: { id: label }, n: testLoss.length + diverged, diverged,
    trainLoss: null, testLoss: stats(testLoss), trainAcc: null, testAcc: stats(testAcc), epochsToTarget: null, reachedTarget: 0,
  };
}

const lossRule: ClaimRule = { metric: 'testLoss', subject: 0, against: [1, 2], kind: 'below-fraction', amount: 0.5 };

describe('judgeClaim', () => {
  it('held, and clear when one std against the claim still meets the margin', () => {
    // snake mean 0.2 (std 0.1); relu mean 10, tanh mean 1 (std 0.1): 0.3 ≤ 0.5 × 0.9 = 0.45.
    const v = judgeClaim(lossRule, [row('snake', [0.1, 0.2, 0.3]), row('relu', [9, 10, 11]), row('tanh', [0.9, 1, 1.1])], ['snake', 'relu', 'tanh']);
    expect(v.outcome).toBe('held');
    expect(v.comparisons.map((c) => [c.held, c.clear])).toEqual([[true, true], [true, true]]);
    expect(v.sentence).toMatch(/^The claim's direction held here\. snake's test loss 0\.200 ± 0\.100 \(n = 3\)/);
    expect(v.sentence).toMatch(/even with every mean moved/);
  });

  it('held on the means but within the spread says so', () => {
    // 0.45 ≤ 0.5 × 1 but 0.45 + 0.35 > 0.5 × (1 − 0.1).
    const v = judgeClaim(lossRule, [row('snake', [0.1, 0.45, 0.8]), row('relu', [9, 10, 11]), row('tanh', [0.9, 1, 1.1])], ['snake', 'relu', 'tanh']);
    expect(v.outcome).toBe('held');
    expect(v.comparisons[1].clear).toBe(false);
    expect(v.sentence).toMatch(/Against tanh the spreads overlap/);
  });

  it('failed when one comparison misses the margin', () => {
    const v = judgeClaim(lossRule, [row('snake', [0.6, 0.6]), row('relu', [9, 10]), row('tanh', [1, 1])], ['snake', 'relu', 'tanh']);
    expect(v.outcome).toBe('failed');
    expect(v.sentence).toMatch(/did NOT hold.*tanh 1\.00 ± 0\.00 \(n = 2\) \(not met\)/);
  });

  it('above-by with a negative margin; diverged runs are named, not averaged', () => {
    const rule: ClaimRule = { metric: 'testAcc', subject: 0, against: [1], kind: 'above-by', amount: -0.01 };
    const v = judgeClaim(rule, [row('golu', [0], [0.95, 0.95], 1), row('gelu', [0], [0.955, 0.955])], ['golu', 'gelu']);
    expect(v.outcome).toBe('held'); // 0.95 ≥ 0.955 − 0.01
    expect(v.sentence).toMatch(/n = 2; 1 diverged, not averaged/);
    expect(judgeClaim({ ...rule, amount: 0 }, [row('golu', [0], [0.95]), row('gelu', [0], [0.955])], ['golu', 'gelu']).outcome).toBe('failed');
  });

  it('undecided when a side has no finished run', () => {
    const v = judgeClaim(lossRule, [row('snake', [0.1]), row('relu', [], [], 3), row('tanh', [1])], ['snake', 'relu', 'tanh']);
    expect(v.outcome).toBe('undecided');
    expect(v.sentence).toMatch(/relu finished no run/);
  });
});
