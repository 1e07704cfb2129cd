/**
 * The whole training engine on the CPU backend with the CPU kernels (activations of all groups
 * in one op, fused dense layers, optimizer loops) against the same engine on tf.js's own ops
 * only: same per-epoch losses and accuracies and the same learned activation parameters, for a
 * mix of fixed, learnable (prelu, sau, golu's β and γ), modifier (helu's surrogate backward) and
 * stochastic (falls back to the per-group path) activations, plus a gated stack (swiglu), with
 * mini-batches and L2. Tolerance 1e-4 relative (+1e-6): the kernels compute each activation and
 * each matrix product in float64 before rounding, tf.js rounds after every op, so the runs
 * drift apart only by float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setCpuKernelsEnabled } from '../../../src/core/cpu/segmentOp';
import { composedRegistryResolver, registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer, type TrainerConfig } from '../../../src/core/train/trainer';
import type { RunMetrics } from '../../../src/core/train/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setCpuKernelsEnabled(true));

async function trained(config: TrainerConfig, epochs: number, kernels: boolean): Promise<{ history: RunMetrics[][]; params: unknown; tensors: number[] }> {
  setCpuKernelsEnabled(kernels);
  const t = createTrainer({ ...config, resolveActivation: kernels ? registryResolver : composedRegistryResolver });
  const history: RunMetrics[][] = [];
  const tensors: number[] = [];
  for (let e = 0; e < epochs; e++) {
    await t.epoch();
    history.push(await t.evaluate());
    tensors.push(tf.memory().numTensors);
  }
  const params = await t.activationParams();
  t.dispose();
  return { history, params, tensors };
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-6 + 1e-4 * Math.abs(b);
}

const BASE: Omit<TrainerConfig, 'runs' | 'resolveActivation'> = {
  dataset: { name: 'spiral', n: 200, noise: 0.1, testFraction: 0.2, seed: 4 },
  hidden: [8, 8], optimizer: 'adam', lr: 0.02, batchSize: 32, l2: 1e-4,
};

describe('CPU kernels = tf.js ops, whole engine', () => {
  const cases: [string, TrainerConfig['runs']][] = [
    ['pointwise mix', ['relu', 'prelu', 'gelu', 'sau', 'golu', 'helu', 'stochastic-silu-relu'].flatMap((id) => [1, 2].map((seed) => ({ activation: { id, learnable: id === 'golu' ? { beta: true, gamma: true } : undefined }, seed })))],
    ['gated (swiglu)', [1, 2].map((seed) => ({ activation: { id: 'swiglu' }, seed }))],
  ];
  // Adam is blind to a uniformly scaled gradient; momentum SGD is not.
  for (const optimizer of ['adam', 'momentum'] as const) for (const [name, runs] of cases) {
    it(`${name}, ${optimizer}`, async () => {
      const config = { ...BASE, optimizer, lr: optimizer === 'adam' ? 0.02 : 0.05, runs } as TrainerConfig;
      const ops = await trained(config, 4, false);
      const kernels = await trained(config, 4, true);
      const bad: string[] = [];
      kernels.history.forEach((epoch, e) => epoch.forEach((m, r) => {
        for (const k of ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const) {
          if (!close(m[k], ops.history[e][r][k])) bad.push(`epoch ${e} run ${r} ${k}: ${m[k]} vs ${ops.history[e][r][k]}`);
        }
      }));
      expect(bad).toEqual([]);
      const flat = (v: unknown): number[] => JSON.stringify(v).match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g)?.map(Number) ?? [];
      const [pk, po] = [flat(kernels.params), flat(ops.params)];
      expect(pk.length).toBe(po.length);
      pk.forEach((v, i) => expect(close(v, po[i])).toBe(true));
      // Learning happened, and no tensor accumulates over epochs.
      expect(kernels.history[3][0].trainLoss as number).toBeLessThan(kernels.history[0][0].trainLoss as number + 1);
      expect(new Set(kernels.tensors).size).toBe(1);
    }, 60_000);
  }
});
