/**
 * Every registry entry (default options) through the whole compiler: f, f′, f″ finite on a
 * grid over [−50, 50] and never NaN at ±10⁴; f′ against central differences (h = 1e-6·max(1,|x|),
 * tolerance 1e-4·max(1,|f′|), on a grid offset so no point sits on a kink); the tf.js op
 * (CPU, float32) against the float64 closures within 1e-5 relative + 1e-5 absolute, for f and,
 * through tf.grad, f′.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { makeTfActivation } from '../../../src/core/activation/tfop';
import { allEntries } from '../../../src/core/registry/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('registry sweep', () => {
  for (const entry of allEntries()) {
    it(entry.id, () => {
      const c = compileActivation(entry);
      const s = c.scalar();
      const problems: string[] = [];
      for (let x = -50; x <= 50; x += 0.173) {
        for (const [k, fn] of [['f', s.f], ['df', s.df], ['d2f', s.d2f]] as const) {
          if (!Number.isFinite(fn(x))) problems.push(`${k}(${x.toFixed(3)}) = ${fn(x)}`);
        }
        if (Math.abs(x) < 8) {
          const h = 1e-6 * Math.max(1, Math.abs(x));
          const fd = (s.f(x + h) - s.f(x - h)) / (2 * h);
          if (Math.abs(fd - s.df(x)) > 1e-4 * Math.max(1, Math.abs(s.df(x)))) problems.push(`df(${x.toFixed(3)}) = ${s.df(x)}, central difference ${fd}`);
        }
      }
      for (const x of [-1e4, 1e4]) {
        for (const [k, fn] of [['f', s.f], ['df', s.df], ['d2f', s.d2f]] as const) if (Number.isNaN(fn(x))) problems.push(`${k}(${x}) = NaN`);
      }
      expect(problems.slice(0, 5)).toEqual([]);

      const xs = Array.from({ length: 241 }, (_, i) => -12 + i * 0.1 + 0.0123);
      const act = makeTfActivation(c);
      const before = tf.memory().numTensors;
      const [y, g] = tf.tidy(() => {
        const params: Record<string, tf.Tensor> = {};
        for (const p of c.params) params[p.name] = tf.scalar(p.default);
        const x = tf.tensor1d(xs);
        const u = tf.onesLike(x);
        const fwd = (xx: tf.Tensor) => (act.applyGated ? act.applyGated(xx, u, params) : act.apply(xx, params));
        return [fwd(x).dataSync(), tf.grad(fwd)(x).dataSync()];
      });
      expect(tf.memory().numTensors).toBe(before);
      const off: string[] = [];
      xs.forEach((x, i) => {
        if (Math.abs(y[i] - s.f(x)) > 1e-5 * Math.abs(s.f(x)) + 1e-5) off.push(`f(${x}): tf ${y[i]} vs ${s.f(x)}`);
        if (Math.abs(g[i] - s.df(x)) > 1e-5 * Math.abs(s.df(x)) + 1e-5) off.push(`df(${x}): tf ${g[i]} vs ${s.df(x)}`);
      });
      expect(off.slice(0, 5)).toEqual([]);
    });
  }
});
