/**
 * Every registry entry trained by the whole engine with the CPU kernels (generated loops with
 * ./kernelMath's exp/tanh/sin/cos, Φ sharing φ's exponential, reciprocals of per-run divisors,
 * stored or recomputed derivatives) against the same engine on tf.js's own ops: all entries in
 * one trainer (pointwise ones in one stack, gated ones in another), two epochs of mini-batch
 * momentum SGD with each entry's default trained parameters. Not Adam: it divides each gradient
 * by its own running size, so a parameter whose gradient is ~1e-17 (ProAct's threshold T while
 * no input is near it: σ′ of −20·(x − T)) takes lr-sized steps whose sign depends on float32
 * versus float64 rounding of that dust — the kernels compute it in float64, tf.js's ops round
 * σ to exactly 1. Per-epoch train losses and every learned
 * activation parameter agree to 2e-4 relative (+1e-6): the kernels round once per activation
 * and matrix product, tf.js after every op, so runs differ only by float32 rounding — an error
 * in any entry's compiled loop shows up as a different loss.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setCpuKernelsEnabled } from '../../../src/core/cpu/segmentOp';
import { allEntries } from '../../../src/core/registry/index';
import { composedRegistryResolver, registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer, type TrainerConfig } from '../../../src/core/train/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setCpuKernelsEnabled(true));

const close = (a: number, b: number, tol = 2e-4): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-6 + tol * Math.abs(b);

async function train(config: TrainerConfig, kernels: boolean): Promise<{ losses: number[][]; params: Record<string, number>[][] }> {
  setCpuKernelsEnabled(kernels);
  const t = createTrainer({ ...config, resolveActivation: kernels ? registryResolver : composedRegistryResolver });
  const losses: number[][] = [];
  for (let e = 0; e < 2; e++) {
    await t.epoch();
    losses.push((await t.evaluate()).map((m) => m.trainLoss));
  }
  const params = await t.activationParams();
  t.dispose();
  return { losses, params };
}

describe('CPU kernels = tf.js ops for every registry entry, whole engine', () => {
  it('same per-epoch train losses and learned parameters (2e-4)', async () => {
    const ids = allEntries().map((e) => e.id);
    const config: TrainerConfig = {
      dataset: { name: 'spiral', n: 160, noise: 0.1, testFraction: 0.2, seed: 3 },
      hidden: [6, 6], optimizer: 'momentum', lr: 0.005, batchSize: 32,
      runs: ids.map((id) => ({ activation: { id }, seed: 1 })),
    };
    const ops = await train(config, false);
    const kernels = await train(config, true);
    const differ: string[] = [];
    ids.forEach((id, r) => {
      const lossOk = ops.losses.every((epoch, e) => close(kernels.losses[e][r], epoch[r]));
      const paramsOk = ops.params[r].every((layer, l) =>
        Object.entries(layer).every(([name, v]) => close(kernels.params[r][l][name], v)));
      if (!lossOk || !paramsOk) {
        differ.push(`${id}: losses ${ops.losses.map((e) => e[r]).join(', ')} vs ${kernels.losses.map((e) => e[r]).join(', ')}; params ${JSON.stringify(ops.params[r])} vs ${JSON.stringify(kernels.params[r])}`);
      }
    });
    expect(differ).toEqual([]);
    // The comparison means something: most runs trained to a finite loss below the start.
    const finite = kernels.losses[1].filter((v) => Number.isFinite(v)).length;
    expect(finite).toBeGreaterThan(ids.length * 0.9);
  }, 300_000);
});
