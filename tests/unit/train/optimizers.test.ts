import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, type Trainable } from '../../../src/core/train/optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two runs stacked on axis 0, two values each: shape [2, 1, 2]. */
function setup(p0: number[], opts: Partial<Trainable> = {}): Trainable {
  return { variable: tf.variable(tf.tensor3d(p0, [2, 1, 2])), decay: false, runStart: 0, runCount: 2, ...opts };
}

function step(opt: ReturnType<typeof createOptimizer>, t: Trainable, g: number[], active = [true, true]): void {
  tf.tidy(() => opt.apply([t], [tf.tensor3d(g, [2, 1, 2])], tf.tensor1d(active.map(Number), 'bool')));
}

const values = (t: Trainable): number[] => Array.from(t.variable.dataSync());

describe('optimizers against hand-computed updates', () => {
  it('Adam: two steps on known numbers', () => {
    const t = setup([1, -2, 0.5, 3]);
    const opt = createOptimizer({ name: 'adam', lr: 0.1 });
    const g1 = [0.5, -1, 3, 0];
    step(opt, t, g1);
    // Step 1 by hand: m = 0.1·g, v = 0.001·g², m̂ = m/0.1 = g, v̂ = v/0.001 = g²,
    // so p ← p − 0.1·g/(|g| + 1e-8): −0.1·sign(g) (and 0 where g = 0).
    const after1 = [1 - 0.1 * (0.5 / (0.5 + 1e-8)), -2 + 0.1 * (1 / (1 + 1e-8)), 0.5 - 0.1 * (3 / (3 + 1e-8)), 3];
    values(t).forEach((v, i) => expect(v).toBeCloseTo(after1[i], 6));
    const g2 = [-1, 2, 1, 4];
    step(opt, t, g2);
    // Step 2 by hand: m = 0.9·0.1·g1 + 0.1·g2, v = 0.999·0.001·g1² + 0.001·g2²,
    // m̂ = m/(1 − 0.9²) = m/0.19, v̂ = v/(1 − 0.999²) = v/0.001999.
    const expected = after1.map((p, i) => {
      const m = 0.09 * g1[i] + 0.1 * g2[i];
      const v = 0.000999 * g1[i] ** 2 + 0.001 * g2[i] ** 2;
      return p - (0.1 * (m / 0.19)) / (Math.sqrt(v / 0.001999) + 1e-8);
    });
    // Worked out for element 0: m = −0.055, v = 0.00124975, m̂ = −0.289474, √v̂ = 0.790693 → Δ = −0.036610
    expect(expected[0]).toBeCloseTo(0.9 + 0.0366099, 5);
    values(t).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5)); // float32: ~1e-6 relative
    opt.dispose();
    t.variable.dispose();
  });

  it('SGD with L2 decays weights only', () => {
    const w = setup([1, 2, 3, 4], { decay: true });
    const b = setup([1, 2, 3, 4], { decay: false });
    const opt = createOptimizer({ name: 'sgd', lr: 0.5, l2: 0.1 });
    const g = [1, 0, -1, 2];
    tf.tidy(() => opt.apply([w, b], [tf.tensor3d(g, [2, 1, 2]), tf.tensor3d(g, [2, 1, 2])], tf.ones([2], 'bool')));
    // W ← W − 0.5·(g + 0.1·W);  b ← b − 0.5·g
    expect(values(w)).toEqual([1 - 0.5 * 1.1, 2 - 0.5 * 0.2, 3 - 0.5 * (-1 + 0.3), 4 - 0.5 * 2.4].map((v) => Math.fround(v)));
    expect(values(b)).toEqual([0.5, 2, 3.5, 3]);
    opt.dispose();
  });

  it('momentum: v ← μv + g, p ← p − lr·v', () => {
    const t = setup([0, 0, 0, 0]);
    const opt = createOptimizer({ name: 'momentum', lr: 0.1, momentum: 0.5 });
    step(opt, t, [1, 1, 1, 1]);
    step(opt, t, [2, 0, -2, 1]);
    // v1 = g1; p1 = −0.1·g1; v2 = 0.5·g1 + g2; p2 = p1 − 0.1·v2
    const expected = [1, 1, 1, 1].map((g1, i) => -0.1 * g1 - 0.1 * (0.5 * g1 + [2, 0, -2, 1][i]));
    values(t).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    opt.dispose();
  });

  it('a frozen run is untouched and a NaN in it does not reach the other run', () => {
    const t = setup([1, 1, 1, 1]);
    const opt = createOptimizer({ name: 'adam', lr: 0.1 });
    step(opt, t, [NaN, Infinity, 1, -1], [false, true]);
    const v = values(t);
    expect(v.slice(0, 2)).toEqual([1, 1]);
    expect(v[2]).toBeCloseTo(0.9, 6);
    expect(v[3]).toBeCloseTo(1.1, 6);
    // Run 1 frozen: a NaN gradient there leaves run 2 exactly as in a clean step.
    const t2 = setup([1, 1, 1, 1]);
    const opt2 = createOptimizer({ name: 'adam', lr: 0.1 });
    step(opt2, t2, [0.3, 0.3, 1, -1], [false, true]);
    expect(values(t2).slice(2)).toEqual(v.slice(2));
    opt.dispose();
    opt2.dispose();
  });

  it('clamps to the declared range after the update', () => {
    const t = setup([0.5, 0.5, 0.5, 0.5], { clamp: [0.45, 10] });
    const opt = createOptimizer({ name: 'sgd', lr: 1 });
    step(opt, t, [1, -1, 0.01, 0]);
    expect(values(t).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.45, 1.5, 0.49, 0.5]);
    opt.dispose();
  });

  it('rejects bad settings with clear messages', () => {
    expect(() => createOptimizer({ name: 'rmsprop' as 'adam', lr: 0.1 })).toThrow(/Unknown optimizer "rmsprop"/);
    expect(() => createOptimizer({ name: 'adam', lr: 0 })).toThrow(/Learning rate must be a positive number/);
    expect(() => createOptimizer({ name: 'momentum', lr: 0.1, momentum: 1 })).toThrow(/momentum must lie in/);
  });
});
