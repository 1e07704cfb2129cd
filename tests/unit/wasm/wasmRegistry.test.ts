/**
 * Evidence for the WebAssembly SIMD engine (issue 19) on every registry entry, in three engines:
 * - 'wasm': the CPU kernels with the dense layers and the optimizer on WebAssembly SIMD,
 * - 'js':   the same CPU kernels with those loops in plain JS (the fallback),
 * - 'ops':  tf.js's own composed ops (composedRegistryResolver, no CPU kernels: the reference).
 * 1. One forward and backward pass of a 2-6-6-1 stack holding every entry (pointwise entries in
 *    one stack, gated ones in another, as the trainer builds them): the logits and the gradient
 *    of a fixed linear read-out of them to every weight, bias and trained activation parameter.
 *    Tolerance: 1e-4 relative to the element plus 1e-5 of the largest |value| of the same
 *    tensor and run (the engine tests' 1e-4 relative, with an absolute part scaled to the
 *    tensor, since a gradient entry is a sum of terms of either sign and cancels); 1e-3 relative
 *    for an activation parameter's gradient, one sum over every unit and point of its layer.
 * 2. Whole-engine training histories with Adam (the optimizer the WebAssembly kernel runs), full
 *    batch and mini-batch 32, on a handful of entries of every kind (fixed, learnable, gated,
 *    stochastic): per-epoch losses and accuracies within the engine tests' 1e-4 relative + 1e-6.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setCpuKernelsEnabled } from '../../../src/core/cpu/segmentOp';
import { createRng } from '../../../src/core/data/rng';
import { allEntries } from '../../../src/core/registry/index';
import { chooseStepKernels } from '../../../src/core/train/chooseKernels';
import { Stack, type StackRun } from '../../../src/core/train/model';
import { composedRegistryResolver, registryResolver } from '../../../src/core/train/registryResolver';
import type { RunMetrics, TrainerConfig } from '../../../src/core/train/trainer';
import { cpuEngine, setWasmKernelsEnabled, wasmKernels, type WasmKernels } from '../../../src/core/wasm/wasmEngine';
import { history } from '../train/trainHistory';

type Engine = 'wasm' | 'js' | 'ops';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(cpuEngine()).toEqual({ engine: 'wasm-simd' });
});
afterEach(() => {
  vi.restoreAllMocks();
  setCpuKernelsEnabled(true);
  setWasmKernelsEnabled(true);
});

/** Calls into the WebAssembly gemm and Adam kernels, counted (they are one cached object). */
function countWasmCalls(): { dense: () => number; adam: () => number } {
  const k = wasmKernels() as WasmKernels;
  const [gemm, gemmBias, adam] = [vi.spyOn(k, 'gemm'), vi.spyOn(k, 'gemmBias'), vi.spyOn(k, 'adam')];
  return { dense: () => gemm.mock.calls.length + gemmBias.mock.calls.length, adam: () => adam.mock.calls.length };
}

function selectEngine(engine: Engine): void {
  setCpuKernelsEnabled(engine !== 'ops');
  setWasmKernelsEnabled(engine === 'wasm');
}

const ENTRIES = allEntries().map((e) => e.id);

interface Pass {
  /** Stack order → config index. */
  order: number[];
  logits: number[][];
  /** Per trainable: its name, run range and gradient values. */
  grads: { name: string; runs: number; values: number[] }[];
}

/** Logits and gradients of one stack of `ids` (one run each, seed 1), on fixed points. */
function pass(engine: Engine, ids: string[], gated: boolean): Pass {
  selectEngine(engine);
  const resolve = engine === 'ops' ? composedRegistryResolver : registryResolver;
  const runs: StackRun[] = ids.map((id, index) => ({ index, seed: 1, activation: { id }, resolved: resolve({ id }) }));
  const stack = new Stack({ inputDim: 2, hidden: [6, 6], outputDim: 1, gated }, runs, 'glorot-uniform', chooseStepKernels({ cpuKernels: engine !== 'ops' }));
  const rng = createRng(11);
  const B = 40;
  const x = tf.tensor3d(Float32Array.from({ length: B * 2 }, () => rng.normal() * 0.8), [1, B, 2]);
  const readOut = tf.tensor3d(Float32Array.from({ length: ids.length * B }, () => rng.normal()), [ids.length, B, 1]);
  const vars = stack.trainables.map((t) => t.variable);
  const out = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(stack.forward(x, 'train'), readOut)) as tf.Scalar, vars);
    const logits = stack.forward(x, 'eval');
    return { value, grads: vars.map((v) => grads[v.name]), logits };
  });
  const R = ids.length;
  const logitValues = Array.from(out.logits.dataSync());
  const result: Pass = {
    order: stack.runs.map((r) => r.index),
    logits: Array.from({ length: R }, (_, r) => logitValues.slice(r * B, (r + 1) * B)),
    grads: stack.trainables.map((t, i) => ({ name: `trainable ${i} [${vars[i].shape.join(', ')}] runs ${t.runStart}+${t.runCount}`, runs: t.runCount, values: Array.from(out.grads[i].dataSync()) })),
  };
  tf.dispose([x, readOut, out.value, out.logits, ...out.grads]);
  stack.dispose();
  return result;
}

/** Elements of a and b that differ by more than 1e-4·|b| + 1e-5·max finite |b| of that run (+1e-7); non-finite ones must be the same. */
function differences(what: string, a: number[], b: number[], runs: number): string[] {
  const bad: string[] = [];
  const per = b.length / runs;
  // An activation parameter's gradient (one per run) is ONE sum over every unit and point,
  // so it has no neighbours to scale by: 1e-3 relative (measured: 1.3e-4, fourier-kan).
  const rel = per === 1 ? 1e-3 : 1e-4;
  for (let r = 0; r < runs; r++) {
    let scale = 0;
    for (let i = r * per; i < (r + 1) * per; i++) if (Number.isFinite(b[i])) scale = Math.max(scale, Math.abs(b[i]));
    for (let i = r * per; i < (r + 1) * per; i++) {
      const ok = Number.isFinite(b[i]) ? Math.abs(a[i] - b[i]) <= 1e-7 + 1e-5 * scale + rel * Math.abs(b[i]) : Object.is(a[i], b[i]);
      if (!ok) bad.push(`${what}, run ${r}, element ${i - r * per}: ${a[i]} vs ${b[i]}`);
    }
  }
  return bad;
}

describe('WebAssembly engine = JS CPU kernels = composed tf.js ops, every registry entry', () => {
  for (const gated of [false, true]) {
    const ids = ENTRIES.filter((id) => registryResolver({ id }).gated === gated);
    it(`${gated ? 'gated' : 'pointwise'} entries (${ids.length}): logits and every gradient of one pass`, () => {
      const calls = countWasmCalls();
      const wasm = pass('wasm', ids, gated);
      const onWasm = calls.dense();
      const [js, ops] = (['js', 'ops'] as const).map((e) => pass(e, ids, gated));
      // The dense layers ran on WebAssembly in 'wasm' only.
      expect(onWasm).toBeGreaterThan(0);
      expect(calls.dense()).toBe(onWasm);
      expect(wasm.order).toEqual(ops.order);
      expect(js.order).toEqual(ops.order);
      expect(wasm.grads.map((g) => g.name)).toEqual(ops.grads.map((g) => g.name));
      const bad: string[] = [];
      for (const [label, ref] of [['wasm vs js', js], ['wasm vs ops', ops]] as const) {
        wasm.logits.forEach((l, r) => bad.push(...differences(`${label}: ${ids[wasm.order[r]]} logits`, l, ref.logits[r], 1)));
        wasm.grads.forEach((g, i) => bad.push(...differences(`${label}: ${g.name}`, g.values, ref.grads[i].values, g.runs)));
      }
      expect(bad.slice(0, 20)).toEqual([]);
      // The check means something: gradients are not all zero.
      expect(wasm.grads[0].values.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    }, 60_000);
  }
});

describe('whole engine, Adam: WebAssembly = JS kernels = composed ops', () => {
  const close = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 + 1e-4 * Math.abs(b));
  const ids = ['relu', 'tanh', 'gelu', 'mish', 'snake', 'prelu', 'pau', 'kaf', 'golu', 'helu', 'swiglu', 'geglu', 'stochastic-silu-relu'];
  for (const batchSize of [undefined, 32]) {
    it(`${ids.length} entries (${ids.join(', ')}) × 2 seeds, L2, ${batchSize ? `batch ${batchSize}` : 'full batch'}: same per-epoch metrics`, async () => {
      const config: TrainerConfig = {
        dataset: { name: 'spiral', n: 200, noise: 0.1, testFraction: 0.2, seed: 4 }, hidden: [8, 8], optimizer: 'adam', lr: 0.02, l2: 1e-4,
        ...(batchSize ? { batchSize } : {}),
        runs: ids.flatMap((id) => [1, 2].map((seed) => ({ activation: { id }, seed }))),
      };
      const run = async (engine: Engine): Promise<RunMetrics[][]> => {
        selectEngine(engine);
        return history({ ...config, resolveActivation: engine === 'ops' ? composedRegistryResolver : registryResolver }, batchSize ? 3 : 6);
      };
      const calls = countWasmCalls();
      const wasm = await run('wasm');
      const onWasm = { dense: calls.dense(), adam: calls.adam() };
      const [js, ops] = [await run('js'), await run('ops')];
      // Dense layers and Adam ran on WebAssembly in 'wasm' only.
      expect(onWasm.dense).toBeGreaterThan(0);
      expect(onWasm.adam).toBeGreaterThan(0);
      expect({ dense: calls.dense(), adam: calls.adam() }).toEqual(onWasm);
      const bad: string[] = [];
      for (const [label, ref] of [['js', js], ['ops', ops]] as const) {
        wasm.forEach((epoch, e) => epoch.forEach((m, r) => {
          for (const key of ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const) {
            if (!close(m[key], ref[e][r][key])) bad.push(`vs ${label}, epoch ${e + 1}, ${config.runs[r].activation.id} seed ${config.runs[r].seed}, ${key}: ${m[key]} vs ${ref[e][r][key]}`);
          }
        }));
      }
      expect(bad).toEqual([]);
      // Learning happened.
      wasm[0].forEach((m, r) => expect(wasm[wasm.length - 1][r].trainLoss).toBeLessThan(m.trainLoss));
    }, 60_000);
  }
});
