import { describe, expect, it } from 'vitest';
import { runIndex } from '../../../src/core/compare/runIndex';
import type { TaskProbe } from '../../../src/core/tasks/taskProbe';
import { summarizeTask } from '../../../src/core/tasks/taskSummary';

/** A 4-image "digits" probe with true classes 0, 1, 2, 3. */
const digits: TaskProbe = { kind: 'digits', x: new Float32Array(4 * 64), target: new Float32Array([0, 1, 2, 3]), lo: 0, hi: 0, side: 8 };

/** Class scores that predict `classes` (one-hot rows of 10). */
function predicting(classes: number[]): Float32Array {
  const out = new Float32Array(classes.length * 10);
  classes.forEach((c, i) => (out[i * 10 + c] = 1));
  return out;
}

describe('task metrics across a comparison', () => {
  it('runs are activation-major', () => {
    expect([0, 1, 2].flatMap((k) => [0, 1].map((j) => runIndex(k, j, 2)))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('digits: accuracy mean ± sample std per activation, diverged runs left out', () => {
    // Activation 0: accuracies 1, 0.5; activation 1: 0.75 and a diverged run (ignored).
    const preds = [predicting([0, 1, 2, 3]), predicting([0, 1, 0, 0]), predicting([0, 1, 2, 0]), predicting([9, 9, 9, 9])];
    const s = summarizeTask('digits', digits, preds, [false, false, false, true], 2, 2);
    expect(s.metrics.map((m) => m.name)).toEqual(['test accuracy']);
    const [a0, a1] = s.metrics[0].perActivation;
    expect(a0?.n).toBe(2);
    expect(a0?.mean).toBeCloseTo(0.75, 15);
    expect(a0?.std).toBeCloseTo(Math.SQRT1_2 * 0.5, 15); // sample std of {1, 0.5}
    expect(a1?.n).toBe(1);
    expect(a1?.mean).toBe(0.75);
    expect(s.reports[1][1]).toBeNull();
    // The confusion matrix of activation 0, seed 1: 0→0, 1→1, 2→0, 3→0.
    const c = s.reports[0][1]?.confusion as Int32Array;
    expect([c[0], c[11], c[20], c[30], c[22]]).toEqual([1, 1, 1, 1, 0]);
  });

  it('regression on the line: MSE from hand-computed errors; an activation with every run diverged has no stats', () => {
    const probe: TaskProbe = { kind: 'line', x: new Float32Array([-2, 0, 2]), target: new Float32Array([0, 0, 0]), lo: -2, hi: 2, side: 0 };
    const s = summarizeTask('multifreq', probe, [new Float32Array([1, 1, 1]), new Float32Array([0, 2, 0]), new Float32Array([5, 5, 5])], [false, false, true], 3, 1);
    const mse = s.metrics.find((m) => m.name === 'MSE over the line');
    expect(mse?.perActivation[0]?.mean).toBeCloseTo(1, 6);
    expect(mse?.perActivation[1]?.mean).toBeCloseTo(4 / 3, 6);
    expect(mse?.perActivation[2]).toBeNull();
    expect(() => summarizeTask('multifreq', probe, [new Float32Array(3)], [false], 2, 1)).toThrow(/1 predictions for 2 × 1 runs/);
  });
});
