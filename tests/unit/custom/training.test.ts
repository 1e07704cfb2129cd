/**
 * The engine trains typed formulas like built-ins: a learnable parameter of a custom formula
 * moves with the weights (CPU backend), the run is labelled with the custom name, and a `my.…`
 * id carries the same definition as spec.custom.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { customId } from '../../../src/core/custom/encoding';
import type { CustomActivation } from '../../../src/core/custom/types';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer } from '../../../src/core/train/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SCALED_SWISH: CustomActivation = {
  name: 'scaled swish',
  formula: 'a * x * sigmoid(b * x)',
  params: [
    { name: 'a', default: 1, min: 0.01, max: 10, learnable: true },
    { name: 'b', default: 1, min: 0.01, max: 10, learnable: false },
  ],
};

describe('training a custom formula', () => {
  it('resolves spec.custom and my.… ids to the same op, labelled with the custom name', () => {
    const byDef = registryResolver({ id: 'ignored', custom: SCALED_SWISH });
    const byId = registryResolver({ id: customId(SCALED_SWISH) });
    expect(byDef).toBe(byId);
    expect(byDef.label).toBe('scaled swish');
    expect(byDef.params.map((p) => [p.name, p.learnable])).toEqual([['a', 'yes'], ['b', 'optional']]);
    expect(() => registryResolver({ id: 'my.garbage$' })).toThrow(/character "\$"/);
  });

  it('the learnable parameter moves and the fixed one stays; no tensor leak', async () => {
    const before = tf.memory().numTensors;
    const t = createTrainer({
      dataset: { name: 'moons', n: 200, noise: 0.1, seed: 4 },
      hidden: [8, 8],
      optimizer: 'adam',
      lr: 0.03,
      batchSize: 50,
      runs: [
        { activation: { id: customId(SCALED_SWISH) }, seed: 1 },
        { activation: { id: 'x', custom: SCALED_SWISH, learnable: { b: true } }, seed: 2 },
      ],
      resolveActivation: registryResolver,
    });
    const start = await t.activationParams();
    for (let e = 0; e < 5; e++) await t.epoch();
    const end = await t.activationParams();
    const [m] = await t.evaluate();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // Per run, per hidden layer. Run 0: a trained, b fixed. Run 1: both trained.
    for (let layer = 0; layer < 2; layer++) {
      expect(start[0][layer]).toEqual({ a: 1, b: 1 });
      expect(Math.abs(end[0][layer].a - 1)).toBeGreaterThan(1e-3);
      expect(end[0][layer].b).toBe(1);
      expect(Math.abs(end[1][layer].a - 1)).toBeGreaterThan(1e-3);
      expect(Math.abs(end[1][layer].b - 1)).toBeGreaterThan(1e-3);
    }
    expect(Number.isFinite(m.trainLoss)).toBe(true);
  });
});
