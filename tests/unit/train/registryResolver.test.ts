/**
 * registryResolver and fusedRegistryResolver resolve the same things (registry ids, typed
 * formulas, per-seed initial parameters); off WebGPU the fused ops fall back to the composed
 * ones. Values are checked against closed forms computed here in float64.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedRegistryResolver } from '../../../src/core/gpu/fusedResolver';
import { composedRegistryResolver, registryResolver } from '../../../src/core/train/registryResolver';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xs = [-2, -0.5, 0, 0.25, 3];

describe('registry resolvers', () => {
  it('resolve a typed formula (spec.custom) the same way, values = x·tanh(a·x) with a = 1.5 (rel 1e-6)', () => {
    const custom = { name: 'scaled tanh gate', formula: 'x * tanh(a * x)', params: [{ name: 'a', default: 1.5, min: 0.1, max: 5, learnable: true }] };
    for (const resolve of [registryResolver, composedRegistryResolver, fusedRegistryResolver]) {
      const r = resolve({ id: 'ignored', custom });
      expect(r.params.map((p) => p.name)).toEqual(['a']);
      const y = tf.tidy(() => r.eval.apply(tf.tensor1d(xs), { a: tf.scalar(1.5) }).dataSync());
      xs.forEach((x, i) => {
        const want = x * Math.tanh(1.5 * x);
        expect(Math.abs(y[i] - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      });
    }
  });

  it('give the same per-seed initial parameters and keys', () => {
    const spec = { id: 'kaf' };
    const a = registryResolver(spec);
    const b = fusedRegistryResolver(spec);
    expect(b.key).toBe(a.key);
    expect(b.initialParams?.(3)).toEqual(a.initialParams?.(3));
    expect(a.initialParams?.(3)).not.toEqual(a.initialParams?.(4));
  });

  it('use the composed ops off WebGPU: GELU from erf in float64 (abs 1e-6)', () => {
    expect(tf.getBackend()).toBe('cpu');
    const r = registryResolver({ id: 'gelu' });
    const y = tf.tidy(() => r.eval.apply(tf.tensor1d(xs), {}).dataSync());
    // erf from its Maclaurin series (60 terms: converged to double precision for |z| ≤ 3/√2).
    const erf = (z: number): number => {
      let sum = 0;
      let term = z;
      for (let n = 0; n < 60; n++) {
        sum += term / (2 * n + 1);
        term *= (-z * z) / (n + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * sum;
    };
    xs.forEach((x, i) => expect(Math.abs(y[i] - 0.5 * x * (1 + erf(x / Math.SQRT2)))).toBeLessThanOrEqual(1e-6));
  });
});
