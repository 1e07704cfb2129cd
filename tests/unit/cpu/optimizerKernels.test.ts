/**
 * The CPU optimizer loops (src/core/cpu/optimizerKernels.ts) against the tf.js op chain they
 * replace, on the CPU backend: SGD, momentum and Adam with L2, clamps and a frozen run whose
 * gradient is NaN, over several steps. Both must give bit-identical weights and state (every
 * float32 rounding is reproduced), and the frozen run must stay untouched.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerName, type Trainable } from '../../../src/core/train/optimizers';
import { createRng } from '../../../src/core/data/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function run(name: OptimizerName, cpuKernels: boolean): Float32Array[] {
  const rng = createRng(3);
  const [W, p] = tf.tidy(() => [
    tf.variable(tf.tensor3d(Float32Array.from({ length: 3 * 4 * 5 }, () => rng.normal()), [3, 4, 5]), true, `W-${name}-${cpuKernels}`),
    tf.variable(tf.tensor3d([0.6, 1.0, 1.9], [3, 1, 1]), true, `p-${name}-${cpuKernels}`),
  ]);
  const trainables: Trainable[] = [
    { variable: W, decay: true, runStart: 0, runCount: 3 },
    { variable: p, decay: false, runStart: 0, runCount: 3, clamp: [0.5, 2] },
  ];
  const opt = createOptimizer({ name, lr: 0.05, l2: 1e-3 }, { cpuKernels });
  const g = createRng(9);
  for (let step = 0; step < 6; step++) {
    tf.tidy(() => {
      const gW = Float32Array.from({ length: W.size }, () => g.normal() * (step === 2 ? 1e3 : 1));
      const gp = Float32Array.from({ length: 3 }, () => g.normal() * 10);
      gW[25] = NaN; // run 1 (elements 20–39) is frozen below from step 3 on: its NaN must not leak
      const active = step >= 3 ? tf.tensor1d([true, false, true], 'bool') : null;
      if (!active) gW[25] = 0;
      opt.apply(trainables, [tf.tensor3d(gW, [3, 4, 5]), tf.tensor3d(gp, [3, 1, 1])], active);
    });
  }
  const out = [W.dataSync().slice() as Float32Array, p.dataSync().slice() as Float32Array];
  W.dispose();
  p.dispose();
  opt.dispose();
  return out;
}

describe('CPU optimizer loops = the tf.js ops, bit for bit', () => {
  for (const name of ['sgd', 'momentum', 'adam'] as OptimizerName[]) {
    it(name, () => {
      const before = tf.memory().numTensors;
      const ops = run(name, false);
      const loops = run(name, true);
      expect(tf.memory().numTensors).toBe(before);
      for (let k = 0; k < ops.length; k++) {
        expect(Array.from(loops[k]).map((v) => v.toString())).toEqual(Array.from(ops[k]).map((v) => v.toString()));
      }
      // The frozen run kept finite weights; the clamp held.
      expect(ops[0].slice(20, 40).every(Number.isFinite)).toBe(true);
      expect(Math.min(...ops[1])).toBeGreaterThanOrEqual(0.5);
      expect(Math.max(...ops[1])).toBeLessThanOrEqual(2);
    });
  }
});
