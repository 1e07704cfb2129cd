/**
 * The worker's Compare session (runComparison plus its per-epoch hook) on the tf.js CPU backend:
 * the streamed metrics equal a trainer driven by hand with the same settings (CPU is
 * deterministic, so bit for bit), the decision-boundary grids equal that trainer's predictions,
 * divergences are reported once, cancelling stops between epochs and frees every tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer } from '../../../src/core/train/trainer';
import { CompareSession } from '../../../src/worker/compareSession';
import { dataExtent, gridPoints } from '../../../src/worker/grid';
import type { CompareSetup, FromWorker } from '../../../src/worker/protocol';
import { fixtureResolver } from '../train/fixtureActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const setup: CompareSetup = {
  activations: [{ id: 'relu' }, { id: 'tanh' }],
  seeds: [1, 2],
  dataset: { name: 'circle', n: 100, noise: 0.05, seed: 3 },
  hidden: [6, 6],
  init: 'he-normal',
  optimizer: 'adam',
  lr: 0.02,
  l2: 0,
  batchSize: 25,
  epochs: 4,
  view: { gridSize: 8, unitGridSize: 0, unitRun: 0, progressEveryMs: 0, drawEveryMs: 0 },
};

async function runSession(s: CompareSetup, onMsg?: (m: FromWorker, session: CompareSession) => void): Promise<FromWorker[]> {
  const messages: FromWorker[] = [];
  const session: CompareSession = new CompareSession((m) => {
    messages.push(m);
    onMsg?.(m, session);
  }, fixtureResolver);
  await session.start(s);
  return messages;
}

function ofType<T extends FromWorker['type']>(messages: FromWorker[], type: T): Extract<FromWorker, { type: T }>[] {
  return messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
}

describe('CompareSession', () => {
  it('streams per-epoch metrics and grids equal to a hand-driven trainer, activation-major runs', async () => {
    const messages = await runSession(setup);
    expect(messages[0].type).toBe('configured');
    const configured = ofType(messages, 'configured')[0];
    expect(configured.runs).toBe(4);
    expect(configured.stepsPerEpoch).toBe(Math.ceil(80 / 25));

    const reference = createTrainer({
      dataset: setup.dataset,
      hidden: setup.hidden,
      runs: [
        { activation: { id: 'relu' }, seed: 1 },
        { activation: { id: 'relu' }, seed: 2 },
        { activation: { id: 'tanh' }, seed: 1 },
        { activation: { id: 'tanh' }, seed: 2 },
      ],
      init: setup.init,
      optimizer: setup.optimizer,
      lr: setup.lr,
      l2: setup.l2,
      batchSize: setup.batchSize,
      resolveActivation: fixtureResolver,
    });
    try {
      const progress = ofType(messages, 'compareProgress');
      expect(progress.map((p) => p.epoch)).toEqual([0, 1, 2, 3, 4]);
      const grid = gridPoints(8, dataExtent(reference.dataset), 2);
      const grids = ofType(messages, 'grid');
      // drawEveryMs 0: a grid at epoch 0, after every epoch, and the final one.
      expect(grids.map((g) => g.step)).toEqual([0, 4, 8, 12, 16, 16]);
      for (let e = 0; e <= 4; e++) {
        if (e > 0) await reference.epoch();
        expect(progress[e].step).toBe(reference.stepCount);
        expect(progress[e].metrics).toEqual(await reference.evaluate());
        const want = await reference.predictGrid(grid);
        expect(grids[e].values).toEqual(want);
        expect(grids[e].values[0]).toHaveLength(64);
      }
      const done = ofType(messages, 'compareDone');
      expect(done).toHaveLength(1);
      const result = done[0].result;
      expect(result).toMatchObject({ status: 'complete', epochsCompleted: 4 });
      expect(result.runs.map((r) => r.diverged)).toEqual([null, null, null, null]);
      expect(result.timing.msPerEpoch).toBeGreaterThan(0);
      // The result is what was streamed: each run's history is its per-epoch metrics, in run order.
      expect(result.runs.map((r) => `${r.activation.id}/${r.seed}`)).toEqual(['relu/1', 'relu/2', 'tanh/1', 'tanh/2']);
      result.runs.forEach((r, i) => {
        expect(r.history.map(({ lenses: _l, ...m }) => m)).toEqual(progress.map((p) => ({ epoch: p.epoch, ...p.metrics[i] })));
        expect(r.final).toEqual(progress[4].metrics[i]);
      });
      expect(messages[messages.length - 1].type).toBe('compareDone');
    } finally {
      reference.dispose();
    }
  });

  it('reports each diverged run once, and again in compareDone', async () => {
    const messages = await runSession({ ...setup, activations: [{ id: 'relu' }, { id: 'exponential' }], optimizer: 'sgd', lr: 4 });
    const diverged = ofType(messages, 'diverged');
    const divergence = ofType(messages, 'compareDone')[0].result.runs.map((r) => r.diverged);
    const flagged = divergence.flatMap((d, i) => (d ? [i] : []));
    expect(flagged.length).toBeGreaterThan(0);
    expect(diverged.map((d) => d.run).sort()).toEqual(flagged);
    for (const d of diverged) expect(d.divergence).toEqual(divergence[d.run]);
  });

  it('cancel stops between epochs, sends the last state, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const messages = await runSession({ ...setup, epochs: 50 }, (m, session) => {
      if (m.type === 'compareProgress' && m.epoch === 2) session.cancel();
    });
    const done = ofType(messages, 'compareDone')[0];
    expect(done.result.status).toBe('cancelled');
    expect(done.result.epochsCompleted).toBe(2);
    expect(ofType(messages, 'compareProgress').map((p) => p.epoch)).toEqual([0, 1, 2]);
    const last = ofType(messages, 'grid').at(-1);
    expect(last?.step).toBe(2 * 4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a bad setup becomes one error message naming the problem', async () => {
    const messages = await runSession({ ...setup, epochs: 0 });
    expect(messages).toEqual([{ type: 'error', message: 'Epochs must be an integer between 1 and 100000, got 0' }]);
    const none = await runSession({ ...setup, activations: [] });
    expect(none).toEqual([{ type: 'error', message: 'Choose at least one activation to compare' }]);
  });
});
