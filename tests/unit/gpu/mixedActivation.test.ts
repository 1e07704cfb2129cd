/**
 * makeMixedActivation: K activations over one stack of runs in one dispatch (webgpu) against the
 * per-group composed path on the CPU backend — values, gradient to x and to the parameter
 * table. Tolerance float32: 3e-5·(1 + |reference|) elementwise; table gradients are sums of 64
 * terms, so 1e-4·(1 + |reference|).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { setUpNodeWebGpu } from '../../../src/bench/nodeWebGpu';
import { makeMixedActivation } from '../../../src/core/gpu/mixedActivation';
import { resolveEntry } from '../../../src/core/registry/index';
import { createRng } from '../../../src/core/data/rng';

const GROUPS: [string, number][] = [['relu', 2], ['prelu', 3], ['dyt', 2], ['gelu', 1], ['golu', 2]];
const R = GROUPS.reduce((n, [, k]) => n + k, 0);
const B = 4;
const H = 16;

let gpu: { ok: boolean; reason?: string } = { ok: false };
beforeAll(async () => {
  gpu = await setUpNodeWebGpu();
  if (!gpu.ok) console.warn(`Skipping mixed-activation GPU test: ${gpu.reason}`);
}, 120_000);
afterAll(async () => {
  await tf.setBackend('cpu');
});

async function evaluate(): Promise<{ value: Float32Array; dx: Float32Array; dtable: Float32Array; width: number }> {
  const mixed = makeMixedActivation(GROUPS.map(([id, runs]) => ({ compiled: compileActivation(resolveEntry(id)), runs })));
  const rng = createRng(3);
  const xs = Float32Array.from({ length: R * B * H }, () => -4 + 8 * rng.uniform());
  const dy = Float32Array.from({ length: R * B * H }, () => -1 + 2 * rng.uniform());
  const out = tf.tidy(() => {
    const base = mixed.defaultTable() as tf.Tensor;
    // Nudge every run's parameters so rows differ.
    const table = tf.add(base, tf.mul(tf.tensor2d(Float32Array.from({ length: R * mixed.width }, () => 0.1 * rng.uniform()), [R, mixed.width]), tf.notEqual(base, 0).toFloat()));
    const { value, grads } = tf.valueAndGrads((x: tf.Tensor, t: tf.Tensor) => mixed.apply(x, t))([tf.tensor3d(xs, [R, B, H]), table], tf.tensor3d(dy, [R, B, H]));
    return [value, ...grads];
  });
  const [value, dx, dtable] = await Promise.all(out.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(out);
  return { value, dx, dtable, width: mixed.width };
}

describe('makeMixedActivation', () => {
  it('one fused dispatch for 5 activations matches the per-group composed ops', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    await tf.setBackend('cpu');
    const ref = await evaluate();
    await tf.setBackend('webgpu');
    const got = await evaluate();
    expect(got.width).toBe(3);
    const check = (a: Float32Array, b: Float32Array, tol: number) => {
      for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
    };
    check(got.value, ref.value, 3e-5);
    check(got.dx, ref.dx, 3e-5);
    check(got.dtable, ref.dtable, 1e-4);
  }, 300_000);
});
