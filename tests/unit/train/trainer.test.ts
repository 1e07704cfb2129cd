import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, type RunMetrics, type RunSpec, type TrainerConfig } from '../../../src/core/train/trainer';
import { fixtureResolver } from './fixtureActivations';
import { history } from './trainHistory';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base = (runs: RunSpec[], over: Partial<TrainerConfig> = {}): TrainerConfig => ({
  dataset: { name: 'moons', n: 160, noise: 0.1, seed: 7 },
  hidden: [8, 8],
  lr: 0.02,
  batchSize: 32,
  runs,
  resolveActivation: fixtureResolver,
  ...over,
});


/** Relative 1e-4 with an absolute floor of 1e-6 (float32 accumulations in a different order). */
function expectClose(a: number | null, b: number | null): void {
  if (a === null || b === null) {
    expect(a).toBe(b);
    return;
  }
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-6);
}

describe('trainer', () => {
  const mixed: RunSpec[] = [
    { activation: { id: 'relu' }, seed: 1 },
    { activation: { id: 'tanh' }, seed: 1 },
    { activation: { id: 'glu' }, seed: 2 },
    { activation: { id: 'relu' }, seed: 2 },
    { activation: { id: 'swish', learnable: { beta: true } }, seed: 3 },
    { activation: { id: 'tanh' }, seed: 4 },
  ];

  it('a batched run has the same history as that run trained alone (R = 1)', async () => {
    const batched = await history(base(mixed), 4);
    for (let r = 0; r < mixed.length; r++) {
      const alone = await history(base([mixed[r]]), 4);
      for (let e = 0; e < 4; e++) {
        const [a, b] = [batched[e][r], alone[e][0]];
        expectClose(a.trainLoss, b.trainLoss);
        expectClose(a.testLoss, b.testLoss);
        expectClose(a.trainAcc, b.trainAcc);
        expectClose(a.testAcc, b.testAcc);
      }
    }
  });

  it('learns: loss falls for every run', async () => {
    const h = await history(base(mixed, { lr: 0.03 }), 15);
    for (let r = 0; r < mixed.length; r++) expect(h[14][r].trainLoss).toBeLessThan(0.8 * h[0][r].trainLoss);
  });

  it('same seed → identical history (bit for bit)', async () => {
    const a = await history(base(mixed.slice(0, 3)), 3);
    const b = await history(base(mixed.slice(0, 3)), 3);
    expect(a).toEqual(b);
  });

  it('mini-batch order depends on the seed only: same-seed runs of one activation stay identical', async () => {
    const t = createTrainer(base([{ activation: { id: 'relu' }, seed: 5 }, { activation: { id: 'tanh' }, seed: 5 }, { activation: { id: 'relu' }, seed: 5 }]));
    await t.epoch();
    await t.epoch();
    const m = await t.evaluate();
    expect(m[2]).toEqual(m[0]);
    t.dispose();
  });

  it('tf.memory().numTensors does not grow across epochs and returns to the start after dispose', async () => {
    const before = tf.memory().numTensors;
    const t = createTrainer(base(mixed));
    await t.epoch();
    await t.evaluate();
    await t.predictGrid(new Float32Array([0, 0, 0.5, 0.5]));
    const settled = tf.memory().numTensors;
    for (let e = 0; e < 4; e++) {
      await t.epoch();
      await t.evaluate();
      await t.predictGrid(new Float32Array([0, 0, 0.5, 0.5]));
      await t.hiddenUnits(2, new Float32Array([0, 0]));
      await t.activationParams();
      expect(tf.memory().numTensors).toBe(settled);
    }
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('full batch when batchSize ≥ n: one step per epoch', async () => {
    const t = createTrainer(base(mixed.slice(0, 2), { batchSize: 10_000 }));
    expect(t.stepsPerEpoch).toBe(1);
    expect(t.batchSize).toBe(t.dataset.train.n);
    await t.step(3);
    expect(t.epochCount).toBe(3);
    t.dispose();
  });

  it('a run that diverges is frozen at finite last-good weights; the others are unaffected', async () => {
    const runs: RunSpec[] = [
      { activation: { id: 'tanh' }, seed: 1 },
      { activation: { id: 'exponential' }, seed: 1 },
      { activation: { id: 'relu' }, seed: 2 },
    ];
    const cfg = base(runs, { lr: 5, optimizer: 'sgd', hidden: [16, 16] });
    const t = createTrainer(cfg);
    const hist: RunMetrics[][] = [];
    for (let e = 0; e < 4; e++) {
      await t.epoch();
      hist.push(await t.evaluate());
    }
    const div = t.divergence();
    expect(div[0]).toBeNull();
    expect(div[2]).toBeNull();
    const d = div[1];
    expect(d).not.toBeNull();
    expect(d!.step).toBeGreaterThanOrEqual(1);
    expect(d!.epoch).toBe(Math.floor((d!.step - 1) / t.stepsPerEpoch) + 1);
    expect(d!.message).toContain(`step ${d!.step}`);
    expect(d!.message).toMatch(/learning rate/);
    // Frozen at finite weights; its metrics are finite and do not change any more.
    const snap = await t.snapshot();
    for (const l of snap.runs[1].layers) {
      expect(l.W.every(Number.isFinite)).toBe(true);
      expect(l.b.every(Number.isFinite)).toBe(true);
    }
    expect(Number.isFinite(hist[3][1].trainLoss)).toBe(true);
    expect(hist[3][1]).toEqual(hist[2][1]);
    t.dispose();
    // The healthy runs match the same runs trained without the diverging one.
    const alone = await history(base([runs[0], runs[2]], { lr: 5, optimizer: 'sgd', hidden: [16, 16] }), 4);
    for (let e = 0; e < 4; e++) {
      expectClose(hist[e][0].trainLoss, alone[e][0].trainLoss);
      expectClose(hist[e][2].trainLoss, alone[e][1].trainLoss);
    }
  });

  it('predictGrid gives probabilities per run; hiddenUnits gives each unit on the grid', async () => {
    const t = createTrainer(base(mixed));
    await t.epoch();
    const grid = new Float32Array([0, 0, 0.5, -0.5, -1, 1]);
    const p = await t.predictGrid(grid);
    expect(p).toHaveLength(mixed.length);
    for (const run of p) {
      expect(run).toHaveLength(3);
      for (const v of run) expect(v > 0 && v < 1).toBe(true);
    }
    const h = await t.hiddenUnits(2, grid); // glu: gated widths round(8·10/12) = 7, round(8·9/17) = 4
    expect(h.map((l) => l.width)).toEqual([7, 4]);
    expect(h[0].units[0]).toHaveLength(3);
    const params = await t.activationParams();
    expect(params[4]).toHaveLength(2);
    expect(params[4][0].beta).not.toBe(1); // learnable β moved
    expect(params[0]).toEqual([{}, {}]);
    t.dispose();
  });

  it('multiclass (softmax CE) and regression (MSE) tasks train; regression has no accuracy', async () => {
    const three = await history(base(mixed.slice(0, 2), { dataset: { name: 'spiral3', n: 150, seed: 2 }, lr: 0.03 }), 8);
    expect(three[0][0].testAcc).not.toBeNull();
    for (const r of [0, 1]) expect(three[7][r].trainLoss).toBeLessThan(three[0][r].trainLoss);
    // Before any training the softmax CE is near ln 3 ≈ 1.0986 for small logits; it must fall.
    expect(three[7][0].trainLoss).toBeLessThan(1.0986);
    const sine = await history(base(mixed.slice(0, 2), { dataset: { name: 'sine', n: 150, seed: 2 }, lr: 0.03 }), 8);
    expect(sine[7][0].trainAcc).toBeNull();
    for (const r of [0, 1]) expect(sine[7][r].trainLoss).toBeLessThan(sine[0][r].trainLoss);
    const t = createTrainer(base(mixed.slice(0, 1), { dataset: { name: 'spiral3', n: 60, seed: 2 } }));
    const [p] = await t.predictGrid(new Float32Array([0.1, 0.2, -0.3, 0.4]));
    expect(p).toHaveLength(6); // 2 points × 3 class probabilities
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 5);
    t.dispose();
  });

  it('hiddenUnits and predictGrid match a float64 forward pass computed here from the snapshot', async () => {
    const t = createTrainer(base(mixed));
    await t.epoch();
    const grid = new Float32Array([0.3, -0.7, -0.2, 0.9]);
    const snap = await t.snapshot();
    const probs = await t.predictGrid(grid);
    for (const r of [3, 1]) { // relu (second run of its group: a slice of the stack), tanh
      const act = r === 3 ? (v: number) => Math.max(0, v) : Math.tanh;
      const units = await t.hiddenUnits(r, grid);
      for (let i = 0; i < 2; i++) {
        let h = [grid[2 * i], grid[2 * i + 1]];
        snap.runs[r].layers.forEach((L, l) => {
          const out = Array.from({ length: L.fanOut }, (_, j) => h.reduce((acc, v, k) => acc + v * L.W[k * L.fanOut + j], L.b[j]));
          if (l < snap.runs[r].layers.length - 1) {
            h = out.map(act);
            h.forEach((v, j) => expect(Math.abs(units[l].units[j][i] - v)).toBeLessThan(1e-5));
          } else {
            expect(Math.abs(probs[r][i] - 1 / (1 + Math.exp(-out[0])))).toBeLessThan(1e-5);
          }
        });
      }
    }
    t.dispose();
  });

  it('rejects bad configs with clear messages', () => {
    expect(() => createTrainer(base([]))).toThrow(/At least one run/);
    expect(() => createTrainer(base(mixed, { hidden: [0] }))).toThrow(/Hidden layer widths/);
    expect(() => createTrainer(base(mixed, { batchSize: 0 }))).toThrow(/Batch size/);
    expect(() => createTrainer(base([{ activation: { id: 'swish', params: { beta: 99 } }, seed: 1 }]))).toThrow(/beta of "swish" must lie in \[0.1, 10\]/);
    expect(() => createTrainer(base([{ activation: { id: 'swish', params: { gamma: 1 } }, seed: 1 }]))).toThrow(/Unknown parameter "gamma" for activation "swish"; it has: beta/);
    expect(() => createTrainer(base(mixed, { dataset: { name: 'nope', n: 10, seed: 1 } }))).toThrow(/Unknown dataset/);
  });
});
