/**
 * tf.js compilation (CPU backend, float32) against the float64 evaluator, and gradients through
 * makeTfActivation (tf.grads) against the compiled f′ and ∂f/∂p; tensor counts must not grow.
 * Tolerance: |tf − f64| ≤ 1e-5·|f64| + 1e-6 (float32 rounding through a few ops), looser where
 * stated (erf-based Φ has ~1.5e-7 absolute error, Mittag-Leffler is a linear table).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileActivation, compileFormula } from '../../../src/core/activation/compile';
import { makeTfActivation, reduceToShape } from '../../../src/core/activation/tfop';
import { compileFloat64 } from '../../../src/core/expr/evaluate';
import { parseFormula } from '../../../src/core/expr/parse';
import { compileTf } from '../../../src/core/expr/tfjs';
import type { ActivationEntry, ParamSpec } from '../../../src/core/registry/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const param = (name: string, def: number, learnable: ParamSpec['learnable'] = 'yes'): ParamSpec => ({ name, default: def, min: -10, max: 10, learnable });
const xs = Array.from({ length: 161 }, (_, i) => -8 + i * 0.1).concat([-1000, -90, 0, 6, 90, 1000]);

function close(got: ArrayLike<number>, want: number[], rel = 1e-5, abs = 1e-6): void {
  for (let i = 0; i < want.length; i++) {
    const ok = Math.abs(got[i] - want[i]) <= rel * Math.abs(want[i]) + abs || (Number.isNaN(want[i]) && Number.isNaN(got[i]));
    if (!ok) throw new Error(`index ${i}: tf ${got[i]} vs float64 ${want[i]}`);
  }
}

const FORMULAS: [string, number?][] = [
  ['max(0, x)'],
  ['min(max(0, x), 6)'],
  ['x > 0 ? x : a * x'],
  ['x * sigmoid(b * x)'],
  ['x * tanh(softplus(x))'],
  ['softplus(b * x) / b'],
  ['logsigmoid(x)'],
  ['x * exp(-b * exp(min(-a * x, 30)))'],
  ['x^3 - 2 * x^2', 1e-4],
  ['abs(x) + sign(x) + step(x)'],
  ['x * cos(x) + sin(a * x)^2 / a', 1e-4],
  ['1 / (1 + abs(x / a)^4)'],
  ['(a * x + b) / (x^2 + 1)'],
  ['x * ((atan(x) / pi + 0.5) * (1 + 2 * a) - a)'],
];

describe('compileTf vs the float64 evaluator', () => {
  const opts = { vars: ['x'], params: ['a', 'b'] };
  for (const [src, absTol] of FORMULAS) {
    it(src, () => {
      const n = parseFormula(src, opts);
      const f64 = compileFloat64(n, ['x', 'a', 'b']);
      const ftf = compileTf(n, ['x', 'a', 'b']);
      const [a, b] = [0.3, 1.7];
      const want = xs.map((x) => Math.fround(f64([Math.fround(x), Math.fround(a), Math.fround(b)])));
      const out = tf.tidy(() => ftf({ x: tf.tensor1d(xs), a: tf.scalar(a), b: tf.scalar(b) }).dataSync());
      const big = xs.map((x) => Math.abs(x) > 20);
      close(Array.from(out).filter((_, i) => !big[i] || Number.isFinite(want[i])), want.filter((w, i) => !big[i] || Number.isFinite(w)), 1e-5, absTol ?? 1e-6);
    });
  }
  it('Φ via tf.erf: within 3e-7 absolute', () => {
    const n = parseFormula('x * Phi(x)', { vars: ['x'], params: [] });
    const f64 = compileFloat64(n, ['x']);
    const out = tf.tidy(() => compileTf(n, ['x'])({ x: tf.tensor1d(xs) }).dataSync());
    close(out, xs.map((x) => f64([x])), 1e-5, 3e-7 * 8);
  });
  it('exp is clamped at 88 in float32 (finite, no NaN)', () => {
    const out = tf.tidy(() => compileTf(parseFormula('exp(x) * 0', { vars: ['x'], params: [] }), ['x'])({ x: tf.tensor1d([1000]) }).dataSync());
    expect(out[0]).toBe(0);
  });
  it('Mittag-Leffler table: E_{1,1}(z) = e^z within the linear-interpolation error', () => {
    const n = parseFormula('mlE(x, 1, 1) + mlE1(x, 1, 1)', { vars: ['x'], params: [] });
    const zs = [-25, -19.993, -3.337, 0.004, 1.2345, 4.999];
    const out = tf.tidy(() => compileTf(n, ['x'])({ x: tf.tensor1d(zs) }).dataSync());
    // Per function: interpolation error ≤ h²/8·max|E″| = 1.25e-5·e^z, plus the float32 table
    // position (ulp of (z + 20)/h ≈ 2.4e-4 steps → 2.4e-6·|E′|), plus float32 rounding.
    zs.forEach((z, i) => expect(Math.abs(out[i] - 2 * Math.exp(z))).toBeLessThan(2 * 1.5e-5 * Math.exp(z) + 1e-6));
  });
});

function entry(over: Partial<ActivationEntry>): ActivationEntry {
  return { id: 'test', name: 'Test', aliases: [], tier: 'A', family: 'test', tags: [], formula: 'x', params: [], sources: [], status: 'standard', ...over };
}

describe('makeTfActivation', () => {
  it('swish: tf.grads wrt x and β equal dy·f′ and Σ dy·∂f/∂β (float32 tolerance)', () => {
    const c = compileActivation(entry({ formula: 'x * sigmoid(beta * x)', params: [param('beta', 1)] }));
    const act = makeTfActivation(c);
    const xv = [-5, -1.5, -0.2, 0, 0.7, 3, 12];
    const dyv = [1, -2, 0.5, 3, 1, -1, 2];
    const beta = 1.3;
    const s = c.scalar({ beta });
    const before = tf.memory().numTensors;
    const [gx, gb, y] = tf.tidy(() => {
      const x = tf.tensor1d(xv);
      const b = tf.scalar(beta);
      const dy = tf.tensor1d(dyv);
      const g = tf.grads((xx: tf.Tensor, bb: tf.Tensor) => act.apply(xx, { beta: bb }))([x, b], dy);
      return [g[0].dataSync(), g[1].dataSync(), act.apply(x, { beta: b }).dataSync()];
    });
    expect(tf.memory().numTensors).toBe(before);
    close(y, xv.map((x) => s.f(x)));
    close(gx, xv.map((x, i) => dyv[i] * s.df(x)));
    close(gb, [xv.reduce((acc, x, i) => acc + dyv[i] * s.dparam.beta(x), 0)]);
  });
  it('relu6 and leaky: the backward pass uses the left-hand rule at kinks (unlike clipByValue)', () => {
    const relu6 = makeTfActivation(compileFormula('min(max(0, x), 6)', []));
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => relu6.apply(x, {}))(tf.tensor1d([-1, 0, 3, 6, 7])).dataSync());
    expect(Array.from(g)).toEqual([0, 0, 1, 1, 0]);
    const leaky = makeTfActivation(compileFormula('x > 0 ? x : a * x', [param('a', 0.1)]));
    const gl = tf.tidy(() => tf.grad((x: tf.Tensor) => leaky.apply(x, { a: tf.scalar(0.25) }))(tf.tensor1d([-1, 0, 1])).dataSync());
    close(gl, [0.25, 0.25, 1]);
  });
  it('per-run parameters [R,1,1] get gradients summed to their shape', () => {
    const c = compileFormula('x > 0 ? x : a * x', [param('a', 0.1)]);
    const act = makeTfActivation(c);
    const xv = [[[-1, 2], [-3, 4]], [[-0.5, -0.5], [1, 1]]];
    const [ga] = tf.tidy(() => {
      const x = tf.tensor3d(xv);
      const a = tf.tensor3d([[[0.1]], [[0.3]]]);
      return tf.grads((aa: tf.Tensor) => act.apply(x, { a: aa }))([a]).map((t) => t.dataSync());
    });
    close(ga, [-1 + -3, -0.5 + -0.5]);
  });
  it('modifiers use the surrogate only when training', () => {
    const c = compileActivation(entry({ tier: 'modifier', formula: 'max(0, x)', surrogate: 'step(x + alpha)', params: [param('alpha', 0.05)] }));
    const xs5 = tf.tensor1d([-0.1, -0.04, 0, 0.5]);
    const gTrain = tf.tidy(() => tf.grad((x: tf.Tensor) => makeTfActivation(c, { training: true }).apply(x, {}))(xs5).dataSync());
    const gEval = tf.tidy(() => tf.grad((x: tf.Tensor) => makeTfActivation(c).apply(x, {}))(xs5).dataSync());
    expect(Array.from(gTrain)).toEqual([0, 1, 1, 1]);
    expect(Array.from(gEval)).toEqual([0, 0, 0, 1]);
    xs5.dispose();
  });
  it('Tier C applyGated: grads to a, u and β match the compiled partials', () => {
    const c = compileActivation(entry({ tier: 'C', formula: 'a * sigmoid(beta * a) * u', params: [param('beta', 1)] }));
    const act = makeTfActivation(c);
    const av = [-2, -0.5, 0.3, 1.7];
    const uv = [0.5, -1, 2, 0.25];
    const g = c.scalar({ beta: 0.8 }).gated;
    if (!g || !act.applyGated) throw new Error('gated op missing');
    const applyGated = act.applyGated;
    const [ga, gu, gb] = tf.tidy(() =>
      tf.grads((a: tf.Tensor, u: tf.Tensor, b: tf.Tensor) => applyGated(a, u, { beta: b }))([tf.tensor1d(av), tf.tensor1d(uv), tf.scalar(0.8)]).map((t) => t.dataSync()),
    );
    close(ga, av.map((a, i) => g.dOda(a, uv[i])));
    close(gu, av.map((a, i) => g.dOdu(a, uv[i])));
    close(gb, [av.reduce((acc, a, i) => acc + g.dparam.beta(a, uv[i]), 0)]);
  });
  it('tensor count unchanged after repeated tidy’d forward + backward', () => {
    const act = makeTfActivation(compileFormula('x * exp(-b * exp(min(-a * x, 30)))', [param('a', 1), param('b', 1)]));
    const x = tf.randomNormal([64, 32]);
    const a = tf.scalar(1);
    const b = tf.scalar(1);
    const step = () => tf.tidy(() => {
      const [gx, ga, gb] = tf.grads((xx: tf.Tensor, aa: tf.Tensor, bb: tf.Tensor) => tf.sum(act.apply(xx, { a: aa, b: bb })))([x, a, b]);
      return [gx.sum().dataSync()[0], ga.dataSync()[0], gb.dataSync()[0]];
    });
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) expect(step().every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, a, b]);
  });
  it('reduceToShape sums broadcast axes', () => {
    const out = tf.tidy(() => reduceToShape(tf.ones([2, 3, 4]), [3, 1]).arraySync());
    expect(out).toEqual([[8], [8], [8]]);
  });
});
