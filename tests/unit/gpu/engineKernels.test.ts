/**
 * The engine's WebGPU kernels (all activation groups of a layer in one dispatch with [R, width]
 * parameter tables, the generated optimizer updates, fused matMul + bias) against the same engine
 * on WebGPU with them off (one fused op per group, tf.js ops for the rest): same per-epoch
 * history and parameters to 1e-4 relative, fewer dispatches, no tensor growth. Through Dawn with
 * SwiftShader; skipped where there is no adapter. Small on purpose (SwiftShader is slow).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpNodeWebGpu } from '../../../src/bench/nodeWebGpu';
import { countDispatches } from '../../../src/bench/dispatches';
import { setGpuEngineKernelsEnabled } from '../../../src/core/gpu/engineKernels';
import { createOptimizer, type OptimizerName, type Trainable } from '../../../src/core/train/optimizers';
import { createTrainer, type RunSpec, type TrainerConfig } from '../../../src/core/train/trainer';

let gpu: { ok: boolean; reason?: string } = { ok: false };
beforeAll(async () => {
  gpu = await setUpNodeWebGpu();
  if (!gpu.ok) console.warn(`Skipping engine WebGPU kernel tests: ${gpu.reason}`);
}, 120_000);
afterAll(async () => {
  setGpuEngineKernelsEnabled(true);
  await tf.setBackend('cpu');
});

/** Relative 1e-4 with an absolute floor of 1e-6 (float32 sums in a different order). */
function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-6;
}

const RUNS: RunSpec[] = [
  { activation: { id: 'relu' }, seed: 1 },
  { activation: { id: 'prelu' }, seed: 1 },
  { activation: { id: 'sau' }, seed: 2 },
  { activation: { id: 'golu', learnable: { alpha: true, beta: true } }, seed: 1 },
  { activation: { id: 'prelu' }, seed: 2 },
  { activation: { id: 'helu' }, seed: 3 },
  { activation: { id: 'swiglu' }, seed: 1 },
  { activation: { id: 'swiglu' }, seed: 2 },
];

const config = (over: Partial<TrainerConfig> = {}): TrainerConfig => ({
  dataset: { name: 'spiral', n: 60, noise: 0.1, testFraction: 0.2, seed: 3 },
  hidden: [6, 5],
  runs: RUNS,
  optimizer: 'adam',
  lr: 0.03,
  l2: 1e-3,
  batchSize: 16,
  ...over,
});

interface Trace {
  history: { trainLoss: number; testLoss: number; trainAcc: number | null }[][];
  /** Per run and hidden layer (flattened): activation parameter values. */
  params: Record<string, number>[];
  dispatches: number;
  growth: number;
}

async function trace(kernels: boolean, cfg: TrainerConfig, epochs: number): Promise<Trace> {
  setGpuEngineKernelsEnabled(kernels);
  await tf.setBackend('webgpu');
  const t = createTrainer(cfg);
  try {
    const out: Trace = { history: [], params: [], dispatches: 0, growth: 0 };
    await t.step(1);
    const n0 = tf.memory().numTensors;
    const c = await countDispatches(() => t.step(1));
    out.dispatches = c.dispatches;
    for (let e = 0; e < epochs; e++) {
      await t.epoch();
      out.history.push((await t.evaluate()).map((m) => ({ trainLoss: m.trainLoss, testLoss: m.testLoss, trainAcc: m.trainAcc })));
    }
    await t.step(2);
    out.growth = tf.memory().numTensors - n0;
    out.params = (await t.activationParams()).flat();
    return out;
  } finally {
    t.dispose();
    setGpuEngineKernelsEnabled(true);
  }
}

function expectSame(got: Trace, ref: Trace): void {
  got.history.forEach((epoch, e) => epoch.forEach((m, r) => {
    const want = ref.history[e][r];
    expect(close(m.trainLoss, want.trainLoss), `epoch ${e} run ${r} train loss ${m.trainLoss} vs ${want.trainLoss}`).toBe(true);
    expect(close(m.testLoss, want.testLoss), `epoch ${e} run ${r} test loss`).toBe(true);
    expect(close(m.trainAcc, want.trainAcc), `epoch ${e} run ${r} train accuracy`).toBe(true);
  }));
  expect(got.params.length).toBe(ref.params.length);
  got.params.forEach((layer, i) => {
    expect(Object.keys(layer).sort()).toEqual(Object.keys(ref.params[i]).sort());
    for (const [k, v] of Object.entries(layer)) expect(close(v, ref.params[i][k]), `params ${i} ${k}: ${v} vs ${ref.params[i][k]}`).toBe(true);
  });
}

describe('engine WebGPU kernels', () => {
  for (const optimizer of ['adam', 'momentum'] as OptimizerName[]) {
    it(`train the same networks as the per-group ops (${optimizer}), with fewer dispatches and no tensor growth`, async (ctx) => {
      if (!gpu.ok) ctx.skip();
      const cfg = config({ optimizer, ...(optimizer === 'momentum' ? { lr: 0.01, l2: 0 } : {}) });
      const ref = await trace(false, cfg, 2);
      const got = await trace(true, cfg, 2);
      expectSame(got, ref);
      // Learnable parameters moved (and fixed ones did not: same values as the reference).
      expect(got.params.some((l) => Object.values(l).length > 0)).toBe(true);
      // (Mini-batch steps of a tiny stack: the loss, the gathers and the divergence flags weigh more here than in the bench.)
      expect(got.dispatches).toBeLessThan(0.7 * ref.dispatches);
      expect(got.growth).toBe(0);
      expect(ref.growth).toBe(0);
    }, 600_000);
  }

  it('optimizer programs: masks, L2, scalar and per-element clamps, a NaN gradient in a frozen run', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    await tf.setBackend('webgpu');
    const R = 3;
    const run = async (name: OptimizerName, gpuKernels: boolean): Promise<Float32Array[]> => {
      const w = tf.variable(tf.tensor3d([0.5, -0.2, 0.1, 0.9, -1.5, 0.3, 0.05, 0.7, -0.4, 1.1, 0.2, -0.6], [R, 2, 2]), true, `w_${name}_${gpuKernels}`);
      const p = tf.variable(tf.tensor3d([0.9, 0.2, 1.4], [R, 1, 1]), true, `p_${name}_${gpuKernels}`);
      const T = tf.variable(tf.tensor2d([0.5, 2, 0.1, 3, 0.98, 4], [R, 2]), true, `T_${name}_${gpuKernels}`);
      const lo = tf.tensor2d([0, -Infinity, 0, -Infinity, 0, -Infinity], [R, 2]);
      const hi = tf.tensor2d([1, Infinity, 1, Infinity, 1, Infinity], [R, 2]);
      const trainables: Trainable[] = [
        { variable: w, decay: true, runStart: 0, runCount: R },
        { variable: p, decay: false, runStart: 0, runCount: R, clamp: [0.1, 1] },
        { variable: T, decay: false, runStart: 0, runCount: R, clampTable: { lo, hi } },
      ];
      const opt = createOptimizer({ name, lr: 0.3, l2: 0.01 }, { gpuKernels });
      for (let step = 0; step < 4; step++) {
        tf.tidy(() => {
          const s = step + 1;
          const gw = tf.tensor3d([0.3 * s, -0.1, 0.2, 0.4, NaN, 1, 2, 3, -0.5, 0.25 * s, 0.1, -0.3], [R, 2, 2]);
          const gp = tf.tensor3d([-1, 0.5, 2], [R, 1, 1]);
          const gT = tf.tensor2d([-0.4 * s, 0.1, 0.2, -0.3, -0.05, 0.7], [R, 2]);
          // Run 1 is frozen from the second step on (its NaN gradient must not leak).
          const active = step === 0 ? null : tf.tensor1d([true, false, true], 'bool');
          opt.apply(trainables, [gw, gp, gT], active);
        });
      }
      const out = await Promise.all([w, p, T].map(async (v) => (await v.data()) as Float32Array));
      opt.dispose();
      tf.dispose([w, p, T, lo, hi]);
      return out;
    };
    for (const name of ['sgd', 'momentum', 'adam'] as OptimizerName[]) {
      const ref = await run(name, false);
      const got = await run(name, true);
      ref.forEach((arr, k) => arr.forEach((v, i) => {
        const g = got[k][i];
        expect(Number.isNaN(g) ? Number.isNaN(v) : Math.abs(g - v) <= 1e-6 * Math.max(1, Math.abs(v)), `${name} tensor ${k}[${i}]: ${g} vs ${v}`).toBe(true);
      }));
    }
  }, 300_000);
});
