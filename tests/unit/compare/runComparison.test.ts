import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runComparison, type ComparisonConfig, type ComparisonProgress } from '../../../src/core/compare/runComparison';
import { stats } from '../../../src/core/compare/summary';
import { createTrainer } from '../../../src/core/train/trainer';
import { fixtureResolver } from '../train/fixtureActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const engine = { resolveActivation: fixtureResolver };

const config: ComparisonConfig = {
  activations: [{ id: 'relu' }, { id: 'tanh' }, { id: 'exponential' }],
  seeds: 3,
  dataset: { name: 'circle', n: 120, noise: 0.05, seed: 2 },
  hidden: [8, 8],
  epochs: 5,
  optimizer: 'sgd',
  lr: 4,
  batchSize: 24,
};

describe('runComparison', () => {
  it('trains all activations × seeds in one engine, reports per epoch, and summarises', async () => {
    const progress: ComparisonProgress[] = [];
    const res = await runComparison(config, (p) => progress.push(p), undefined, engine);
    expect(res.status).toBe('complete');
    expect(res.runs).toHaveLength(9);
    expect(res.runs.map((r) => `${r.label}/${r.seed}`).slice(0, 4)).toEqual(['relu/1', 'relu/2', 'relu/3', 'tanh/1']);
    expect(progress.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const r of res.runs) expect(r.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    // The exponential runs blow up at this learning rate; relu and tanh stay finite.
    const expDiverged = res.runs.filter((r) => r.label === 'exponential' && r.diverged).length;
    expect(expDiverged).toBeGreaterThan(0);
    const [relu, , exp] = res.summary;
    expect(exp.diverged).toBe(expDiverged);
    expect(relu.diverged).toBe(0);
    // Summary = statistics recomputed here from the runs' own final records (healthy runs only).
    for (const row of res.summary) {
      const healthy = res.runs.filter((r) => r.label === row.label && !r.diverged);
      const acc = healthy.map((r) => r.history[r.history.length - 1].testAcc as number);
      const mean = acc.reduce((a, b) => a + b, 0) / acc.length;
      if (acc.length) expect(row.testAcc!.mean).toBeCloseTo(mean, 12);
      expect(row.testAcc?.n ?? 0).toBe(acc.length);
      expect(row.trainLoss).toEqual(stats(healthy.map((r) => r.final.trainLoss)));
    }
    expect(res.timing.runs).toBe(9);
    expect(res.timing.msPerEpoch).toBeGreaterThan(0);
    expect(res.timing.backend).toBe('cpu');
  });

  it('the batched comparison equals each run trained alone', async () => {
    const res = await runComparison({ ...config, activations: [{ id: 'relu' }, { id: 'tanh' }], lr: 0.5, epochs: 3 }, undefined, undefined, engine);
    const t = createTrainer({ dataset: config.dataset, hidden: [8, 8], optimizer: 'sgd', lr: 0.5, batchSize: 24, runs: [{ activation: { id: 'tanh' }, seed: 2 }], resolveActivation: fixtureResolver });
    for (let e = 1; e <= 3; e++) {
      await t.epoch();
      const [m] = await t.evaluate();
      const b = res.runs[4].history[e]; // tanh, seed 2
      expect(Math.abs(b.trainLoss - m.trainLoss)).toBeLessThanOrEqual(1e-4 * m.trainLoss + 1e-6);
    }
    t.dispose();
  });

  it('stops between epochs when aborted and returns partial results', async () => {
    const ctrl = new AbortController();
    const before = tf.memory().numTensors;
    const res = await runComparison(config, (p) => p.epoch === 2 && ctrl.abort(), ctrl.signal, engine);
    expect(res.status).toBe('cancelled');
    expect(res.epochsCompleted).toBe(2);
    expect(res.runs[0].history).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad configs with clear messages', async () => {
    await expect(runComparison({ ...config, activations: [] }, undefined, undefined, engine)).rejects.toThrow(/at least one activation/);
    await expect(runComparison({ ...config, seeds: 0 }, undefined, undefined, engine)).rejects.toThrow(/Seed count/);
    await expect(runComparison({ ...config, seeds: [1, 1] }, undefined, undefined, engine)).rejects.toThrow(/distinct/);
    await expect(runComparison({ ...config, epochs: 0 }, undefined, undefined, engine)).rejects.toThrow(/Epochs/);
  });
});
