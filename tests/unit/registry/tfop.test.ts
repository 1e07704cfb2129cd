/**
 * Every registry entry as a tf.js op (CPU backend, float32) at non-default parameter values:
 * forward vs the float64 closures, and tf.grads through makeTfActivation vs the compiled f′
 * (the surrogate for modifiers in training mode), ∂f/∂p (summed over the batch), and for
 * Tier C ∂o/∂a, ∂o/∂u. Inputs are float32-rounded before the float64 reference is taken.
 * Tolerance: |tf − f64| ≤ 2e-5·|f64| + 2e-5·(1 + scale), scale = the largest |value| of that
 * quantity on the grid (float32 rounding through a few ops, and cancellation in sums of terms
 * of that size); Mittag-Leffler uses its float64 table with linear interpolation (step 0.01),
 * so it gets 1e-3 absolute.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allEntries } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import { makeTfActivation } from '../../../src/core/activation/tfop';
import type { ParamSpec } from '../../../src/core/registry/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Grid on [−10, 10], offset so no point lands exactly on a kink (kinks are tested in float64). */
const XS = Array.from({ length: 201 }, (_, i) => Math.fround(-10 + 0.1 * i + 0.00731));

/** A value a third of the way from the default towards the far end of the range. */
function moved(p: ParamSpec): number {
  if (p.integer) return p.default;
  const far = p.max - p.default > p.default - p.min ? p.max : p.min;
  const v = p.scale === 'log' ? p.default * (far / p.default) ** (1 / 3) : p.default + (far - p.default) / 3;
  return Math.fround(v);
}

function check(label: string, got: ArrayLike<number>, want: number[], absTol?: number): string[] {
  const scale = Math.max(1, ...want.map(Math.abs).filter(Number.isFinite));
  const off: string[] = [];
  want.forEach((w, i) => {
    const tol = absTol ?? 2e-5 * Math.abs(w) + 2e-5 * scale;
    if (!(Math.abs(got[i] - w) <= tol)) off.push(`${label}[${i}] (x=${XS[i]}): tf ${got[i]} vs ${w}`);
  });
  return off;
}

describe('tf.js op vs float64, gradients through makeTfActivation', () => {
  for (const entry of allEntries()) {
    it(entry.id, () => {
      const c = compileActivation(entry);
      const values = Object.fromEntries(c.params.map((p) => [p.name, moved(p)]));
      // hardtanh at moved values keeps lo < hi; Mittag-Leffler's α, β must be compile-time constants.
      const constants = entry.id === 'mittag-leffler' ? { alpha: values.alpha, beta: values.beta } : undefined;
      const s = c.scalar(values);
      const training = entry.tier === 'modifier' || Boolean(c.ast.surrogate);
      const act = makeTfActivation(c, { training, ...(constants ? { constants } : {}) });
      const learnables = c.params.filter((p) => c.ast.dparams[p.name] && !(constants && p.name in constants));
      const abs = entry.id === 'mittag-leffler' ? 1e-3 : undefined;
      const before = tf.memory().numTensors;
      const off: string[] = [];
      const u = XS.map((_, i) => Math.fround(0.5 + Math.sin(i)));
      tf.tidy(() => {
        const x = tf.tensor1d(XS);
        const uT = tf.tensor1d(u);
        const paramTensors = learnables.map((p) => tf.scalar(values[p.name]));
        // Inputs to differentiate: x (and u for gated blocks), then the parameter tensors.
        const vars = act.applyGated ? [x, uT] : [x];
        const nv = vars.length;
        const fwd = (...ts: tf.Tensor[]) => {
          const params = Object.fromEntries(learnables.map((p, i) => [p.name, ts[nv + i]]));
          return act.applyGated ? act.applyGated(ts[0], ts[1], params) : act.apply(ts[0], params);
        };
        const y = fwd(...vars, ...paramTensors).dataSync();
        const grads = tf.grads(fwd)([...vars, ...paramTensors]);
        const gated = s.gated;
        if (gated) {
          off.push(...check('o', y, XS.map((a, i) => gated.o(a, u[i])), abs));
          off.push(...check('∂o/∂a', grads[0].dataSync(), XS.map((a, i) => gated.dOda(a, u[i])), abs));
          off.push(...check('∂o/∂u', grads[1].dataSync(), XS.map((a, i) => gated.dOdu(a, u[i])), abs));
        } else {
          off.push(...check('f', y, XS.map(s.f), abs));
          const dref = training && s.surrogate ? s.surrogate : s.df;
          off.push(...check(training && s.surrogate ? 'surrogate' : 'f′', grads[0].dataSync(), XS.map(dref), abs));
        }
        learnables.forEach((p, k) => {
          const per = gated ? XS.map((a, i) => gated.dparam[p.name](a, u[i])) : XS.map((xx) => s.dparam[p.name](xx));
          const total = per.reduce((acc, v) => acc + v, 0);
          const scale = per.reduce((acc, v) => acc + Math.abs(v), 0);
          const got = grads[nv + k].dataSync()[0];
          // Batch sum of 201 float32 terms: 1e-5 of the sum of magnitudes.
          if (!(Math.abs(got - total) <= 1e-5 * scale + 1e-5 + (abs ?? 0) * XS.length)) off.push(`∂/∂${p.name}: tf ${got} vs ${total}`);
        });
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(off.slice(0, 5)).toEqual([]);
    });
  }
});
