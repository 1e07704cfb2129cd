/**
 * Spaced divergence checks (TrainerConfig.checkEvery) and the CPU backend's exact broadcast
 * (model.ts repeatForRuns): a bad run is restored to the previous check's state, healthy runs
 * train exactly as with a check every epoch, and the repeat is a plain copy.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repeatForRuns } from '../../../src/core/train/model';
import { createTrainer, type RunSpec, type TrainerConfig } from '../../../src/core/train/trainer';
import { fixtureResolver } from './fixtureActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const runs: RunSpec[] = [
  { activation: { id: 'tanh' }, seed: 1 },
  { activation: { id: 'exponential' }, seed: 1 },
];
const config = (over: Partial<TrainerConfig>): TrainerConfig => ({
  dataset: { name: 'moons', n: 160, noise: 0.1, seed: 7 },
  hidden: [16, 16],
  optimizer: 'sgd',
  lr: 5,
  runs,
  resolveActivation: fixtureResolver,
  ...over,
});

describe('checkEvery', () => {
  it('restores a diverged run to the last check (here the start) and leaves the healthy run exact', async () => {
    // Full batch: every step is an epoch; checks at epochs 4 and 8 only.
    const t = createTrainer(config({ checkEvery: 4 }));
    const start = await t.snapshot();
    await t.step(3);
    expect(t.divergence()).toEqual([null, null]); // no check yet
    await t.step(5);
    const div = t.divergence();
    expect(div[0]).toBeNull();
    expect(div[1]).not.toBeNull();
    expect(div[1]!.step).toBeGreaterThanOrEqual(1);
    expect(div[1]!.step).toBeLessThanOrEqual(4); // lr 5 with exp(x) blows up within the first check
    expect(div[1]!.message).toContain('end of epoch 0');
    const end = await t.snapshot();
    // Restored to the initial draw, bit for bit, and frozen there.
    end.runs[1].layers.forEach((l, i) => {
      expect(Array.from(l.W)).toEqual(Array.from(start.runs[1].layers[i].W));
      expect(Array.from(l.b)).toEqual(Array.from(start.runs[1].layers[i].b));
    });
    t.dispose();

    // The healthy run's weights are those of the same config checked every epoch.
    const every = createTrainer(config({}));
    await every.step(8);
    expect(every.divergence()[1]).not.toBeNull();
    const ref = await every.snapshot();
    every.dispose();
    end.runs[0].layers.forEach((l, i) => expect(Array.from(l.W)).toEqual(Array.from(ref.runs[0].layers[i].W)));
  });

  it('refuses a checkEvery that is not a positive integer, naming it', () => {
    for (const bad of [0, -1, 1.5, NaN]) {
      expect(() => createTrainer(config({ checkEvery: bad }))).toThrow(/checkEvery .* positive integer/);
    }
  });
});

describe('repeatForRuns on the CPU backend', () => {
  it('is an exact copy per run (values far apart in magnitude, a float32 subnormal; −0 reads as +0)', () => {
    const values = [1e-38, -0, 3.4e38, -1.5, 7, 1 / 3];
    const t = tf.tensor3d(values, [1, 3, 2]);
    const r = repeatForRuns(t, 4);
    expect(r.shape).toEqual([4, 3, 2]);
    const got = r.dataSync();
    const f32 = Float32Array.from(values);
    for (let k = 0; k < 4; k++) for (let i = 0; i < 6; i++) expect(got[k * 6 + i]).toBe(f32[i] === 0 ? 0 : f32[i]);
    tf.dispose([t, r]);
  });
});
