/**
 * The bench's timers on a small configuration: they time steps without running the engine's
 * evaluation inside them, free every tensor they make, and report positive finite costs.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composedRegistryResolver } from '../../../src/core/train/registryResolver';
import { runsOf, timeBatched, timeSequential, type BenchSetup } from '../../../src/bench/measure';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const setup: BenchSetup = { resolve: composedRegistryResolver, batchSize: 64, steps: 2, repeats: 2 };
const runs = runsOf([{ id: 'relu' }, { id: 'tanh' }], [1, 2]);

describe('bench timers', () => {
  it('batched: positive finite step and evaluation costs, no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const { step, evaluation } = await timeBatched(runs, setup);
    for (const c of [step, evaluation]) {
      expect(Number.isFinite(c.wallMs) && c.wallMs > 0).toBe(true);
      expect(Number.isFinite(c.cpuMs) && c.cpuMs >= 0).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sequential: one engine per run, costs summed, no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const one = await timeSequential(runs.slice(0, 1), setup);
    const all = await timeSequential(runs, setup);
    // Timings only: how they compare is the bench's business, not a test's (load makes it flaky).
    for (const c of [one, all]) expect(c.wallMs > 0 && Number.isFinite(c.wallMs) && c.cpuMs >= 0).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
