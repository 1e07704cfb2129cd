/**
 * The whole training engine on the CPU backend with the CPU kernels (activations of all groups
 * in one op, fused dense layers, optimizer loops) against the same engine on tf.js's own ops
 * only: same per-epoch losses and accuracies and the same learned activation parameters, for a
 * mix of fixed, learnable (prelu, sau, golu's β and γ), modifier (helu's surrogate backward) and
 * stochastic (its training rule in the layer's one op, the mask as the segment's extra argument;
 * checked: no layer falls back to the per-group path) activations, plus a gated stack (swiglu),
 * with mini-batches and L2, with the derivatives stored or recomputed. Tolerance 1e-4 relative (+1e-6): the kernels compute each activation and
 * each matrix product in float64 before rounding, tf.js rounds after every op, so the runs
 * drift apart only by float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDerivativeStorage, type DerivativeStorage } from '../../../src/core/cpu/derivativeStore';
import { setCpuKernelsEnabled } from '../../../src/core/cpu/segmentOp';
import { Stack } from '../../../src/core/train/model';
import { composedRegistryResolver, registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer, type TrainerConfig } from '../../../src/core/train/trainer';
import type { RunMetrics } from '../../../src/core/train/trainer';
import type { ActivationResolver } from '../../../src/core/train/activationSpec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  setCpuKernelsEnabled(true);
  setDerivativeStorage('auto');
  vi.restoreAllMocks();
});

/** Stack methods counted: the per-group fallback, and a stochastic group's part of the one op. */
type Counted = { activate: () => unknown; stochasticCpuSegment: () => unknown };

async function trained(config: TrainerConfig, epochs: number, kernels: boolean): Promise<{ history: RunMetrics[][]; params: unknown; tensors: number[]; perGroup: number; stochasticParts: number }> {
  setCpuKernelsEnabled(kernels);
  const perGroup = vi.spyOn(Stack.prototype as unknown as Counted, 'activate');
  const stochasticParts = vi.spyOn(Stack.prototype as unknown as Counted, 'stochasticCpuSegment');
  const t = createTrainer({ ...config, resolveActivation: kernels ? registryResolver : composedRegistryResolver });
  const history: RunMetrics[][] = [];
  const tensors: number[] = [];
  for (let e = 0; e < epochs; e++) {
    await t.epoch();
    history.push(await t.evaluate());
    tensors.push(tf.memory().numTensors);
  }
  const params = await t.activationParams();
  t.dispose();
  const counts = { perGroup: perGroup.mock.calls.length, stochasticParts: stochasticParts.mock.calls.length };
  vi.restoreAllMocks();
  return { history, params, tensors, ...counts };
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-6 + 1e-4 * Math.abs(b);
}

const BASE: Omit<TrainerConfig, 'runs' | 'resolveActivation'> = {
  dataset: { name: 'spiral', n: 200, noise: 0.1, testFraction: 0.2, seed: 4 },
  hidden: [8, 8], optimizer: 'adam', lr: 0.02, batchSize: 32, l2: 1e-4,
};

describe('CPU kernels = tf.js ops, whole engine', () => {
  const mix = ['relu', 'prelu', 'gelu', 'sau', 'golu', 'helu', 'stochastic-silu-relu'];
  const cases: [string, TrainerConfig['runs'], DerivativeStorage][] = [
    ['pointwise mix', mix.flatMap((id) => [1, 2].map((seed) => ({ activation: { id, learnable: id === 'golu' ? { beta: true, gamma: true } : undefined }, seed }))), 'auto'],
    // The stochastic rule's mask read again by the backward pass (and given back after it).
    ['pointwise mix, derivatives recomputed', ['relu', 'stochastic-silu-relu', 'gelu'].flatMap((id) => [1, 2].map((seed) => ({ activation: { id, params: id === 'stochastic-silu-relu' ? { p: 0.3 } : undefined }, seed }))), 'never'],
    ['gated (swiglu)', [1, 2].map((seed) => ({ activation: { id: 'swiglu' }, seed })), 'auto'],
  ];
  // Adam is blind to a uniformly scaled gradient; momentum SGD is not.
  for (const optimizer of ['adam', 'momentum'] as const) for (const [name, runs, storage] of cases) {
    it(`${name}, ${optimizer}`, async () => {
      const config = { ...BASE, optimizer, lr: optimizer === 'adam' ? 0.02 : 0.05, runs } as TrainerConfig;
      const ops = await trained(config, 4, false);
      setDerivativeStorage(storage);
      const kernels = await trained(config, 4, true);
      // Every layer in one op, the stochastic group's included; the ops engine goes per group.
      expect(kernels.perGroup).toBe(0);
      expect(ops.perGroup).toBeGreaterThan(0);
      const stochastic = runs.some((r) => r.activation.id === 'stochastic-silu-relu');
      expect(kernels.stochasticParts > 0).toBe(stochastic);
      const bad: string[] = [];
      kernels.history.forEach((epoch, e) => epoch.forEach((m, r) => {
        for (const k of ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const) {
          if (!close(m[k], ops.history[e][r][k])) bad.push(`epoch ${e} run ${r} ${k}: ${m[k]} vs ${ops.history[e][r][k]}`);
        }
      }));
      expect(bad).toEqual([]);
      const flat = (v: unknown): number[] => JSON.stringify(v).match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g)?.map(Number) ?? [];
      const [pk, po] = [flat(kernels.params), flat(ops.params)];
      expect(pk.length).toBe(po.length);
      pk.forEach((v, i) => expect(close(v, po[i])).toBe(true));
      // Learning happened, and no tensor accumulates over epochs.
      expect(kernels.history[3][0].trainLoss as number).toBeLessThan(kernels.history[0][0].trainLoss as number + 1);
      expect(new Set(kernels.tensors).size).toBe(1);
    }, 60_000);
  }

  it('a layer that falls back to the per-group path draws its masks once (same losses as the run alone)', async () => {
    // gelu without CPU programs: every layer of its stack goes per group.
    const noPrograms: ActivationResolver = (spec) => {
      const r = registryResolver(spec);
      return spec.id === 'gelu' ? { ...r, train: { ...r.train, cpuPrograms: undefined } } : r;
    };
    const stochastic = { activation: { id: 'stochastic-silu-relu' }, seed: 3 };
    setCpuKernelsEnabled(true);
    const history = async (config: TrainerConfig): Promise<number[]> => {
      const t = createTrainer(config);
      const losses: number[] = [];
      for (let e = 0; e < 3; e++) {
        await t.epoch();
        losses.push((await t.evaluate())[0].trainLoss as number);
      }
      t.dispose();
      return losses;
    };
    const perGroup = vi.spyOn(Stack.prototype as unknown as Counted, 'activate');
    const mixed = await history({ ...BASE, runs: [stochastic, { activation: { id: 'gelu' }, seed: 3 }], resolveActivation: noPrograms });
    expect(perGroup.mock.calls.length).toBeGreaterThan(0);
    const alone = await history({ ...BASE, runs: [stochastic], resolveActivation: registryResolver });
    mixed.forEach((l, e) => expect(close(l, alone[e])).toBe(true));
  }, 60_000);
});
