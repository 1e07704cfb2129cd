/**
 * The engine's initial-state and batch-order hooks (RunSpec.initialState / batchOrder), checked
 * against a float64 re-implementation of the same training (tanh MLP, MSE, plain SGD) written
 * here, and against the engine's default path for the seed's own weights and order.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/data/datasets';
import { createRng } from '../../../src/core/data/rng';
import { initWeights, type InitialState } from '../../../src/core/train/init';
import { createTrainer, type RunMetrics, type TrainerConfig } from '../../../src/core/train/trainer';
import { fixtureResolver } from './fixtureActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 12 training points of y = sin(2x) on [−1.5, 1.5] (1-D regression), 4 test points. */
function sineData(): Dataset {
  const xs = (n: number, off: number) => Float32Array.from({ length: n }, (_, i) => -1.5 + (3 * (i + off)) / n);
  const train = xs(12, 0);
  const test = xs(4, 0.5);
  return {
    name: 'sine', task: 'regression', dim: 1, classes: 0, outputDim: 1,
    train: { x: train, y: train.map((x) => Math.sin(2 * x)), n: 12 },
    test: { x: test, y: test.map((x) => Math.sin(2 * x)), n: 4 },
  };
}

const HIDDEN = 5;

/** A hand-made start: nothing like any seed's draw (fixed pattern, non-zero biases). */
function handState(): InitialState {
  const W1 = Float32Array.from({ length: HIDDEN }, (_, j) => 0.9 - 0.35 * j);
  const b1 = Float32Array.from({ length: HIDDEN }, (_, j) => 0.1 * (j - 2));
  const W2 = Float32Array.from({ length: HIDDEN }, (_, j) => (j % 2 ? -0.6 : 0.7) + 0.05 * j);
  const b2 = Float32Array.of(0.25);
  return { layers: [{ fanIn: 1, fanOut: HIDDEN, W: W1, b: b1 }, { fanIn: HIDDEN, fanOut: 1, W: W2, b: b2 }], activationParams: [{}] };
}

/**
 * float64 reference: f(x) = W2·tanh(W1 x + b1) + b2, batch loss mean (f − y)², SGD p ← p − lr·∇.
 * Returns the full-training-set MSE after each epoch.
 */
function referenceTraining(ds: Dataset, s: InitialState, order: number[][], batch: number, lr: number): number[] {
  const W1 = Array.from(s.layers[0].W), b1 = Array.from(s.layers[0].b);
  const W2 = Array.from(s.layers[1].W);
  let b2 = s.layers[1].b[0];
  const x = Array.from(ds.train.x), y = Array.from(ds.train.y);
  const forward = (xi: number) => {
    const h = W1.map((w, j) => Math.tanh(w * xi + b1[j]));
    return { h, z: h.reduce((acc, hj, j) => acc + hj * W2[j], b2) };
  };
  const mse = () => x.reduce((acc, xi, i) => acc + (forward(xi).z - y[i]) ** 2, 0) / x.length;
  const out: number[] = [];
  for (const perm of order) {
    for (let from = 0; from < perm.length; from += batch) {
      const idx = perm.slice(from, from + batch);
      const gW1 = W1.map(() => 0), gb1 = W1.map(() => 0), gW2 = W1.map(() => 0);
      let gb2 = 0;
      for (const i of idx) {
        const { h, z } = forward(x[i]);
        const dz = (2 * (z - y[i])) / idx.length;
        gb2 += dz;
        h.forEach((hj, j) => {
          gW2[j] += dz * hj;
          const da = dz * W2[j] * (1 - hj * hj);
          gW1[j] += da * x[i];
          gb1[j] += da;
        });
      }
      for (let j = 0; j < HIDDEN; j++) {
        W1[j] -= lr * gW1[j];
        b1[j] -= lr * gb1[j];
        W2[j] -= lr * gW2[j];
      }
      b2 -= lr * gb2;
    }
    out.push(mse());
  }
  return out;
}

const config = (runs: TrainerConfig['runs'], over: Partial<TrainerConfig> = {}): TrainerConfig => ({
  dataset: sineData(),
  hidden: [HIDDEN],
  optimizer: 'sgd',
  lr: 0.1,
  batchSize: 5,
  runs,
  resolveActivation: fixtureResolver,
  ...over,
});

async function trainLosses(c: TrainerConfig, epochs: number): Promise<RunMetrics[][]> {
  const t = createTrainer(c);
  const out: RunMetrics[][] = [];
  try {
    for (let e = 0; e < epochs; e++) {
      await t.epoch();
      out.push(await t.evaluate());
    }
  } finally {
    t.dispose();
  }
  return out;
}

/** Hand-picked orders: reversed, evens then odds, a rotation. */
const ORDERS = [
  Array.from({ length: 12 }, (_, i) => 11 - i),
  [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11],
  Array.from({ length: 12 }, (_, i) => (i + 5) % 12),
];

describe('trainer: explicit initial state and batch order', () => {
  it('starts from exactly the given weights and parameters (snapshot before any step)', async () => {
    const state = handState();
    const swishState: InitialState = { layers: state.layers, activationParams: [{ beta: 2.5 }] };
    const t = createTrainer(config([
      { activation: { id: 'tanh' }, seed: 1, initialState: state },
      { activation: { id: 'swish', learnable: { beta: true } }, seed: 1, initialState: swishState },
      { activation: { id: 'tanh' }, seed: 1 },
    ]));
    try {
      const snap = await t.snapshot();
      for (const r of [0, 1]) {
        expect(Array.from(snap.runs[r].layers[0].W)).toEqual(Array.from(state.layers[0].W));
        expect(Array.from(snap.runs[r].layers[0].b)).toEqual(Array.from(state.layers[0].b));
        expect(Array.from(snap.runs[r].layers[1].W)).toEqual(Array.from(state.layers[1].W));
        expect(Array.from(snap.runs[r].layers[1].b)).toEqual(Array.from(state.layers[1].b));
      }
      expect(snap.runs[1].activationParams).toEqual([{ beta: 2.5 }]);
      // The run without a state keeps the seed's draw.
      expect(Array.from(snap.runs[2].layers[0].W)).toEqual(Array.from(initWeights({ inputDim: 1, hidden: [HIDDEN], outputDim: 1, gated: false }, 'he-normal', 1)[0].W));
    } finally {
      t.dispose();
    }
  });

  it('trains from the given state in the given order as a float64 SGD reference does (rel. 1e-4)', async () => {
    const state = handState();
    const [h] = [await trainLosses(config([{ activation: { id: 'tanh' }, seed: 9, initialState: state, batchOrder: ORDERS }]), 3)];
    const ref = referenceTraining(sineData(), state, ORDERS, 5, 0.1);
    for (let e = 0; e < 3; e++) {
      // float32 engine vs float64 reference over 9 SGD steps.
      expect(Math.abs(h[e][0].trainLoss - ref[e])).toBeLessThanOrEqual(1e-4 * ref[e] + 1e-7);
    }
    // And the order matters: the same start with the orders shuffled trains differently.
    const other = referenceTraining(sineData(), state, [ORDERS[2], ORDERS[0], ORDERS[1]], 5, 0.1);
    expect(Math.abs(other[0] - ref[0])).toBeGreaterThan(1e-4 * ref[0]);
  });

  it('the seed\'s own weights and order given explicitly reproduce the default path bit for bit', async () => {
    const seed = 4;
    const arch = { inputDim: 1, hidden: [HIDDEN], outputDim: 1, gated: false };
    const rng = createRng(seed).fork('batches');
    const order = [0, 1, 2].map(() => Array.from(rng.permutation(12)));
    const explicit = await trainLosses(config([{ activation: { id: 'tanh' }, seed, initialState: { layers: initWeights(arch, 'he-normal', seed), activationParams: [{}] }, batchOrder: order }]), 3);
    const plain = await trainLosses(config([{ activation: { id: 'tanh' }, seed }]), 3);
    expect(explicit).toEqual(plain);
  });

  it('refuses misshapen states and orders with a message naming the problem', () => {
    const bad = handState();
    bad.layers[1].W = new Float32Array(4);
    expect(() => createTrainer(config([{ activation: { id: 'tanh' }, seed: 1, initialState: bad }]))).toThrow(/Run 0 initial state: layer 2 W \(5 × 1\) needs 5 values/);
    const noParam: InitialState = { ...handState(), activationParams: [{}] };
    expect(() => createTrainer(config([{ activation: { id: 'swish' }, seed: 1, initialState: noParam }]))).toThrow(/parameter beta/);
    const dup = [[0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]];
    expect(() => createTrainer(config([{ activation: { id: 'tanh' }, seed: 1, batchOrder: dup }]))).toThrow(/epoch 1: 0 is not a new index in 0\.\.11/);
  });

  it('refuses to train past the last given permutation, and tensors do not leak', async () => {
    const before = tf.memory().numTensors;
    const t = createTrainer(config([{ activation: { id: 'tanh' }, seed: 1, batchOrder: ORDERS.slice(0, 1) }]));
    await t.epoch();
    await expect(t.epoch()).rejects.toThrow(/covers 1 epochs; it cannot train epoch 2/);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
