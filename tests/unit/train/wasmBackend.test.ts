/**
 * The WASM backend in Node. tfjs-backend-wasm's Select kernel treats its branches as float32,
 * so a tf.where between bool tensors (the tie-aware comparisons in the derivatives of kinked
 * activations) used to write past its output and abort later kernels. References: the
 * left-hand-rule derivatives written out by hand, and the same training run on the CPU backend.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/train/backend';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer, type RunMetrics, type TrainerConfig } from '../../../src/core/train/trainer';

beforeAll(async () => {
  const choice = await selectBackend('wasm');
  expect(choice.backend).toBe('wasm');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** f′ by the kink rule of ACTIVATIONS.md (left-hand limit at kinks). */
const REFERENCE_DERIVATIVE: Record<string, (x: number) => number> = {
  relu: (x) => (x > 0 ? 1 : 0),
  'leaky-relu': (x) => (x > 0 ? 1 : 0.01),
  relu6: (x) => (x > 0 && x <= 6 ? 1 : 0),
  hardtanh: (x) => (x > -1 && x <= 1 ? 1 : 0),
};

/** Kinks and their neighbours, repeated into a [1, 280, 16] tensor (the size that crashed). */
const POINTS = [-3, -1, -0.5, 0, 0.5, 1, 2, 6, 7];

async function gradientOnWasm(id: string): Promise<{ grads: Float32Array; xs: Float32Array }> {
  const op = registryResolver({ id }).train;
  const params = Object.fromEntries(registryResolver({ id }).params.map((p) => [p.name, tf.scalar(p.default)]));
  const xs = Float32Array.from({ length: 280 * 16 }, (_, i) => POINTS[i % POINTS.length]);
  const x = tf.tensor3d(xs, [1, 280, 16]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(op.apply(t, params)))(x);
  const grads = (await g.data()) as Float32Array;
  tf.dispose([x, g, ...Object.values(params)]);
  return { grads, xs };
}

describe('wasm backend', () => {
  it('kinked activations: f′ at and around the kinks follows the left-hand rule, heap intact, no tensor leak (20 passes each)', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    for (const id of Object.keys(REFERENCE_DERIVATIVE)) {
      for (let pass = 0; pass < 20; pass++) {
        const { grads, xs } = await gradientOnWasm(id);
        for (let i = 0; i < POINTS.length; i++) expect(grads[i]).toBeCloseTo(REFERENCE_DERIVATIVE[id](xs[i]), 6);
        // Every copy of a point has the same gradient (a heap overwrite would scramble the tail).
        const scrambled = grads.findIndex((g, i) => g !== grads[i % POINTS.length]);
        expect(scrambled).toBe(-1);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains 2 epochs (relu, leaky-relu, gelu; spiral 400 points; hidden 16,16; full batch and batch 32) with the CPU backend\'s history', async () => {
    const config = (batchSize?: number): TrainerConfig => ({
      dataset: { name: 'spiral', n: 400, noise: 0.1, testFraction: 0.3, seed: 1 },
      hidden: [16, 16],
      lr: 0.01,
      ...(batchSize ? { batchSize } : {}),
      runs: [{ activation: { id: 'relu' }, seed: 1 }, { activation: { id: 'leaky-relu' }, seed: 2 }, { activation: { id: 'gelu' }, seed: 3 }],
      resolveActivation: registryResolver,
    });
    const run = async (c: TrainerConfig): Promise<RunMetrics[][]> => {
      const start = tf.memory().numTensors;
      const t = createTrainer(c);
      const out = [await t.evaluate()];
      for (let e = 0; e < 2; e++) {
        await t.epoch();
        out.push(await t.evaluate());
      }
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
      return out;
    };
    for (const batchSize of [undefined, 32]) {
      await tf.setBackend('wasm');
      const wasm = await run(config(batchSize));
      await tf.setBackend('cpu');
      const cpu = await run(config(batchSize));
      await tf.setBackend('wasm');
      for (let e = 0; e <= 2; e++) {
        for (let r = 0; r < 3; r++) {
          const [a, b] = [wasm[e][r], cpu[e][r]];
          expect(Number.isFinite(a.trainLoss)).toBe(true);
          // Float32 sums in another order: relative 1e-4 (measured ≈ 1e-6).
          expect(Math.abs(a.trainLoss - b.trainLoss)).toBeLessThanOrEqual(1e-4 * b.trainLoss);
          expect(Math.abs(a.testLoss - b.testLoss)).toBeLessThanOrEqual(1e-4 * b.testLoss);
        }
      }
      for (let r = 0; r < 3; r++) expect(wasm[2][r].trainLoss).toBeLessThan(wasm[0][r].trainLoss);
    }
  }, 60_000);
});
