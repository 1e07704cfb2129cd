/**
 * Issue 17's evidence for the lenses: ReLU under plain SGD at a learning rate high enough to kill
 * units (lr 5 on the spiral, 16-16, 30 epochs, seeds 1 and 2) ends with at least half of its
 * hidden units dead (constant output over the training set), where GELU with the same data,
 * seeds, initial weights and settings ends with under 10 % dead. The ReLU count is checked
 * against the engine's own float32 hidden-unit outputs on the training points.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runComparison } from '../../../src/core/compare/runComparison';
import { deadFraction } from '../../../src/core/train/lenses';
import { summarizeLenses } from '../../../src/core/train/lensesSummary';
import { registryResolver } from '../../../src/core/train/registryResolver';
import type { Trainer } from '../../../src/core/train/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dead units: ReLU vs GELU, SGD lr 5, spiral, 16-16, 30 epochs', () => {
  it('ReLU ≥ 50 % dead, GELU < 10 %; the engine’s own outputs agree on which ReLU units are constant', async () => {
    const engineDead: number[] = [];
    const onEnd = async (trainer: Trainer): Promise<void> => {
      for (const run of [0, 1]) {
        const layers = await trainer.hiddenUnits(run, trainer.dataset.train.x);
        let dead = 0;
        let units = 0;
        for (const l of layers) for (const u of l.units) {
          units++;
          if (u.every((v) => v === u[0])) dead++;
        }
        engineDead.push(dead / units);
      }
    };
    const result = await runComparison(
      { activations: [{ id: 'relu' }, { id: 'gelu' }], seeds: [1, 2], dataset: { name: 'spiral', n: 400, noise: 0.05, seed: 1 }, hidden: [16, 16], epochs: 30, optimizer: 'sgd', lr: 5, batchSize: 32 },
      undefined,
      undefined,
      { resolveActivation: registryResolver, lenses: true, onEnd },
    );
    const final = result.runs.map((r) => deadFraction(r.history[r.history.length - 1].lenses!));
    console.info(`dead fraction after 30 epochs: ${result.runs.map((r, i) => `${r.label} seed ${r.seed}: ${final[i].toFixed(4)}`).join('; ')}`);
    const [relu1, relu2, gelu1, gelu2] = final;
    expect(relu1).toBeGreaterThanOrEqual(0.5);
    expect(relu2).toBeGreaterThanOrEqual(0.5);
    expect(gelu1).toBeLessThan(0.1);
    expect(gelu2).toBeLessThan(0.1);
    expect(engineDead).toEqual([relu1, relu2]);
    // Before training at most 2 units in 32 are dead (He init, 320 points): the learning rate killed the rest.
    const start = result.runs.map((r) => deadFraction(r.history[0].lenses!));
    console.info(`dead fraction before training: ${start.map((v) => v.toFixed(4)).join(', ')}`);
    for (const v of start) expect(v).toBeLessThanOrEqual(2 / 32);

    const summary = summarizeLenses(result.runs);
    expect(summary.map((s) => s.label)).toEqual(['relu', 'gelu']);
    expect(summary[0].epochs).toHaveLength(31);
    expect(summary[0].dead[30].mean).toBeCloseTo((relu1 + relu2) / 2, 12);
    expect(summary[0].dead[30].std).toBeCloseTo(Math.abs(relu1 - relu2) / Math.SQRT2, 12);
    expect(summary[1].layers[1].dead[30].mean).toBeLessThan(0.1);
  });
});
