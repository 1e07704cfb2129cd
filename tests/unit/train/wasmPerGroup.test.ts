/**
 * On the wasm backend each activation group runs through all layers on its own (model.ts,
 * splitActivationsIsCheap); on the CPU backend each layer is one matMul over all runs. The two
 * layouts must train the same networks: mixed groups (two runs sharing a learnable parameter's
 * group, a single-run group, a gated stack), mini-batches (per-run gathered inputs, split per
 * group), and the hidden outputs and predictions read back. Reference: the CPU backend's run of
 * the same config, within 1e-4 (float32 sums in different orders on different backends).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/train/backend';
import { createTrainer, type TrainerConfig } from '../../../src/core/train/trainer';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const config: TrainerConfig = {
  dataset: { name: 'spiral', n: 200, noise: 0.1, seed: 3 },
  hidden: [12, 12],
  lr: 0.01,
  batchSize: 32,
  runs: [
    { activation: { id: 'prelu' }, seed: 1 },
    { activation: { id: 'relu' }, seed: 1 },
    { activation: { id: 'prelu' }, seed: 2 },
    { activation: { id: 'swiglu' }, seed: 1 },
    { activation: { id: 'elu' }, seed: 4 },
  ],
};
const grid = new Float32Array([0, 0, 0.5, -0.5, -1, 1, 0.25, 0.75]);

async function trainOn(backend: 'cpu' | 'wasm') {
  const choice = await selectBackend(backend);
  expect(choice.backend).toBe(backend);
  const t = createTrainer(config);
  await t.epoch();
  await t.epoch();
  const out = {
    metrics: await t.evaluate(),
    grid: await t.predictGrid(grid),
    hidden: await t.hiddenUnits(2, grid),
    params: await t.activationParams(),
  };
  t.dispose();
  return out;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a), Math.abs(b));

describe('per-group layout (wasm) vs whole-stack layout (cpu)', () => {
  it('same metrics, predictions, hidden units and trained parameters after 2 epochs of batch 32', async () => {
    const cpu = await trainOn('cpu');
    const wasm = await trainOn('wasm');
    cpu.metrics.forEach((m, i) => {
      expect(close(wasm.metrics[i].trainLoss, m.trainLoss)).toBe(true);
      expect(close(wasm.metrics[i].testLoss, m.testLoss)).toBe(true);
    });
    cpu.grid.forEach((g, i) => g.forEach((v, j) => expect(close(wasm.grid[i][j], v)).toBe(true)));
    expect(wasm.hidden.map((h) => h.width)).toEqual([12, 12]);
    cpu.hidden.forEach((h, l) => h.units.forEach((u, j) => u.forEach((v, k) => expect(close(wasm.hidden[l].units[j][k], v)).toBe(true))));
    // PReLU's slope is trained: it moved, and identically on both.
    expect(typeof cpu.params[0][0].a).toBe('number');
    expect(cpu.params[0][0].a).not.toBe(0.25);
    cpu.params.forEach((run, i) => run.forEach((layer, l) => {
      for (const [k, v] of Object.entries(layer)) expect(close(wasm.params[i][l][k], v)).toBe(true);
    }));
  });
});
