/**
 * The training step's last WebGPU programs (src/core/gpu/trainPrograms.ts): the loss as one
 * differentiable op, the mini-batch gather, the divergence flags, the dense layers' bias gradient.
 * Against tf.js's own ops on the same backend: the ops one by one (value and gradient), then whole
 * trainings of binary, multiclass and regression tasks (same per-epoch history to 1e-4 relative
 * as with the engine kernels off, no tensor growth) and a diverging run frozen at the same step.
 * Through Dawn with SwiftShader; skipped where there is no adapter. Small on purpose.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpNodeWebGpu } from '../../../src/bench/nodeWebGpu';
import { countDispatches } from '../../../src/bench/dispatches';
import { setGpuEngineKernelsEnabled } from '../../../src/core/gpu/engineKernels';
import { badStepUpdate, denseOp, gatherRows, meanLossOp } from '../../../src/core/gpu/trainPrograms';
import type { Task } from '../../../src/core/data/datasets';
import { perSampleLoss } from '../../../src/core/train/loss';
import { createTrainer, type RunMetrics, type TrainerConfig } from '../../../src/core/train/trainer';

let gpu: { ok: boolean; reason?: string } = { ok: false };
beforeAll(async () => {
  gpu = await setUpNodeWebGpu();
  if (!gpu.ok) console.warn(`Skipping WebGPU training program tests: ${gpu.reason}`);
}, 120_000);
afterAll(async () => {
  setGpuEngineKernelsEnabled(true);
  await tf.setBackend('cpu');
});

function close(a: number | null, b: number | null, rel = 1e-4): boolean {
  if (a === null || b === null) return a === b;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-6;
}

async function values(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

function expectClose(got: number[], want: number[], what: string, rel = 1e-4): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(close(g, want[i], rel), `${what}[${i}]: ${g} vs ${want[i]}`).toBe(true));
}

describe('training programs (WebGPU)', () => {
  it('loss, its gradient, the gather and the flags match tf.js ops', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    setGpuEngineKernelsEnabled(true);
    await tf.setBackend('webgpu');
    const R = 3;
    const B = 5;
    const N = 7;
    const cases: [Task, number][] = [['binary', 1], ['multiclass', 3], ['regression', 1]];
    for (const [task, out] of cases) {
      const zData = Array.from({ length: R * B * out }, (_, i) => (i % 4 === 0 ? 0 : Math.sin(i * 1.7) * (3 + i)));
      const z = tf.tensor3d(zData, [R, B, out]);
      const Ydata = Array.from({ length: N * out }, (_, i) => {
        if (task === 'multiclass') return Math.floor(i / out) % out === i % out ? 1 : 0;
        return task === 'binary' ? (i * 7) % 3 === 0 ? 1 : 0 : Math.cos(i);
      });
      const Y = tf.tensor2d(Ydata, [N, out]);
      const order = tf.tensor2d(Array.from({ length: R * N }, (_, i) => ((i % N) * 3 + Math.floor(i / N)) % N), [R, N], 'int32');
      const from = 2;
      const ref = (zz: tf.Tensor, y: tf.Tensor) => tf.mean(perSampleLoss(task, zz, y), 1);
      const yRows = tf.gather(Y, tf.slice(order, [0, from], [R, B]));
      const seed = tf.tensor1d([1, -2, 0.5]);
      for (const targets of [{ y: tf.expandDims(tf.slice(Y, [0, 0], [B, out]), 0) }, { y: yRows }, { y: Y, rows: { order, rowStart: from } }]) {
        const yRef = 'rows' in targets ? yRows : targets.y;
        const what = `${task} ${'rows' in targets ? 'ordered' : `[${targets.y.shape[0]}, …]`}`;
        expectClose(await values(meanLossOp(task, z, targets)), await values(ref(z, yRef)), `${what} loss`);
        const g = tf.grad((zz: tf.Tensor) => tf.sum(tf.mul(meanLossOp(task, zz, targets), seed)))(z);
        const gRef = tf.grad((zz: tf.Tensor) => tf.sum(tf.mul(ref(zz, yRef), seed)))(z);
        expectClose(await values(g), await values(gRef), `${what} dz`);
      }
      expectClose(await values(gatherRows(Y, order, from, B)), await values(yRows), `${task} gather`, 0);
      tf.dispose([z, Y, order, yRows, seed]);
    }
    // A NaN logit makes its run's loss NaN; flags keep the first bad step.
    const z = tf.tensor3d([1, NaN, 2, 3, Infinity, 1], [3, 2, 1]);
    const loss = meanLossOp('binary', z, { y: tf.zeros([1, 2, 1]) });
    const l = await values(loss);
    expect(Number.isNaN(l[0]) || !Number.isFinite(l[0])).toBe(true);
    expect(Number.isFinite(l[1])).toBe(true);
    expect(Number.isFinite(l[2])).toBe(false);
    const flags = badStepUpdate(tf.tensor1d([-1, -1, 4], 'int32'), loss, 9);
    expect(flags.dtype).toBe('int32');
    expect(await values(flags)).toEqual([9, -1, 4]);
  }, 300_000);

  it('dense op: values and gradients of tf.matMul + bias, with and without the input gradient', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    await tf.setBackend('webgpu');
    const R = 2;
    const fill = (n: number, k: number) => Array.from({ length: n }, (_, i) => Math.sin(i * k + 0.3));
    const W = tf.tensor3d(fill(R * 3 * 4, 1.3), [R, 3, 4]);
    const b = tf.tensor3d(fill(R * 4, 0.7), [R, 1, 4]);
    const dy = tf.tensor3d(fill(R * 5 * 4, 2.1), [R, 5, 4]);
    for (const h of [tf.tensor3d(fill(R * 5 * 3, 0.9), [R, 5, 3]), tf.tensor3d(fill(5 * 3, 0.9), [1, 5, 3])]) {
      const withInput = h.shape[0] === R;
      const xs = withInput ? [h, W, b] : [W, b];
      const f = (gpuOp: boolean) => (...args: tf.Tensor[]) => {
        const [hh, WW, bb] = withInput ? args : [h, ...args];
        return tf.sum(tf.mul(gpuOp ? denseOp(hh, WW, bb, withInput) : tf.add(tf.matMul(hh, WW), bb), dy));
      };
      const got = tf.valueAndGrads(f(true))(xs);
      const want = tf.valueAndGrads(f(false))(xs);
      expectClose(await values(got.value), await values(want.value), 'value');
      for (let i = 0; i < xs.length; i++) expectClose(await values(got.grads[i]), await values(want.grads[i]), `grad ${i} (${withInput ? 'with' : 'without'} h)`);
    }
  }, 300_000);

  interface Trace {
    history: RunMetrics[][];
    divergence: (number | null)[];
    dispatches: number;
    growth: number;
  }

  async function trace(kernels: boolean, cfg: TrainerConfig, epochs: number): Promise<Trace> {
    setGpuEngineKernelsEnabled(kernels);
    await tf.setBackend('webgpu');
    const t = createTrainer(cfg);
    try {
      await t.step(1);
      const n0 = tf.memory().numTensors;
      const c = await countDispatches(() => t.step(1));
      const history: RunMetrics[][] = [];
      for (let e = 0; e < epochs; e++) {
        await t.epoch();
        history.push(await t.evaluate());
      }
      await t.step(2);
      return { history, divergence: t.divergence().map((d) => d?.step ?? null), dispatches: c.dispatches, growth: tf.memory().numTensors - n0 };
    } finally {
      t.dispose();
      setGpuEngineKernelsEnabled(true);
    }
  }

  const base = (over: Partial<TrainerConfig>): TrainerConfig => ({
    dataset: { name: 'spiral', n: 50, noise: 0.1, testFraction: 0.2, seed: 3 },
    hidden: [6, 5],
    runs: [
      { activation: { id: 'relu' }, seed: 1 },
      { activation: { id: 'prelu' }, seed: 2 },
      { activation: { id: 'swish' }, seed: 3 },
    ],
    optimizer: 'adam',
    lr: 0.03,
    batchSize: 16,
    ...over,
  });

  const tasks: [string, Partial<TrainerConfig>][] = [
    ['binary, mini-batch', {}],
    ['multiclass, full batch', { dataset: { name: 'spiral3', n: 45, noise: 0.1, testFraction: 0.2, seed: 4 }, batchSize: undefined, optimizer: 'momentum', lr: 0.01 }],
    ['multiclass, mini-batch', { dataset: { name: 'spiral3', n: 45, noise: 0.1, testFraction: 0.2, seed: 4 }, l2: 1e-3 }],
    ['regression, mini-batch', { dataset: { name: 'sine', n: 40, noise: 0.05, testFraction: 0.2, seed: 5 }, optimizer: 'sgd', lr: 0.05 }],
  ];
  for (const [name, over] of tasks) {
    it(`${name}: same history as tf.js's loss ops, fewer dispatches, no tensor growth`, async (ctx) => {
      if (!gpu.ok) ctx.skip();
      const cfg = base(over);
      const ref = await trace(false, cfg, 2);
      const got = await trace(true, cfg, 2);
      got.history.forEach((epoch, e) => epoch.forEach((m, r) => {
        const want = ref.history[e][r];
        expect(close(m.trainLoss, want.trainLoss), `epoch ${e} run ${r} train loss ${m.trainLoss} vs ${want.trainLoss}`).toBe(true);
        expect(close(m.testLoss, want.testLoss), `epoch ${e} run ${r} test loss ${m.testLoss} vs ${want.testLoss}`).toBe(true);
        expect(close(m.trainAcc, want.trainAcc), `epoch ${e} run ${r} train accuracy`).toBe(true);
      }));
      expect(got.dispatches).toBeLessThan(ref.dispatches);
      expect(got.growth).toBe(0);
      expect(ref.growth).toBe(0);
    }, 600_000);
  }

  it('a diverging run is frozen at the same step', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const cfg = base({
      runs: [
        { activation: { id: 'tanh' }, seed: 1 },
        { activation: { id: 'exponential' }, seed: 1 },
        { activation: { id: 'relu' }, seed: 2 },
      ],
      hidden: [16, 16],
      optimizer: 'sgd',
      lr: 5,
    });
    const ref = await trace(false, cfg, 2);
    const got = await trace(true, cfg, 2);
    // One run goes bad mid-epoch (3 steps per epoch): found by the step flags, not the epoch-end check.
    expect(ref.divergence.some((d) => d !== null && d % 3 !== 0)).toBe(true);
    expect(got.divergence).toEqual(ref.divergence);
    expect(got.growth).toBe(0);
  }, 600_000);
});
