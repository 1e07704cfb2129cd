/**
 * The WGSL generator on hand-built trees (structure of the emitted code), and the float32
 * numerics of the generated kernels on the WebGPU backend (Dawn + SwiftShader) against float64
 * references computed here independently: Maclaurin/continued-fraction erf, Math.sin, … .
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula } from '../../../src/core/activation/compile';
import type { Node } from '../../../src/core/expr/ast';
import { setUpNodeWebGpu } from '../../../src/bench/nodeWebGpu';
import { emitWgslFunction, wgslLiteral, WgslUnsupportedError } from '../../../src/core/gpu/wgslExpr';
import { makeFusedTfActivation } from '../../../src/core/gpu/fusedActivation';

const x: Node = { kind: 'sym', name: 'x' };
const num = (value: number): Node => ({ kind: 'num', value });
const bin = (op: '+' | '-' | '*' | '/' | '^', left: Node, right: Node): Node => ({ kind: 'bin', op, left, right });
const call = (fn: Extract<Node, { kind: 'call' }>['fn'], ...args: Node[]): Node => ({ kind: 'call', fn, args });

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('emitWgslFunction (hand-built trees)', () => {
  it('emits each repeated subtree once (x·x + x·x)', () => {
    const code = emitWgslFunction('ap_fn', bin('+', bin('*', x, x), bin('*', x, x)), ['x']);
    expect(code.startsWith('fn ap_fn(p_0: f32) -> f32 {')).toBe(true);
    expect(count(code, 'p_0 * p_0')).toBe(1);
    expect(count(code, 'let ')).toBe(2);
  });

  it('integer powers become multiplications (x^5: square-and-multiply), others call ap_pow', () => {
    const five = emitWgslFunction('ap_fn', bin('^', x, num(5)), ['x']);
    expect(five).not.toContain('ap_pow');
    expect(count(five, '*')).toBe(3); // x², x⁴, x⁴·x
    const neg = emitWgslFunction('ap_fn', bin('^', x, num(-2)), ['x']);
    expect(neg).toContain('1.0 /');
    expect(emitWgslFunction('ap_fn', bin('^', x, num(2.5)), ['x'])).toContain('ap_pow(p_0, 2.50000000)');
    expect(emitWgslFunction('ap_fn', bin('^', x, { kind: 'sym', name: 'k' }), ['x', 'k'])).toContain('ap_pow(p_0, p_1)');
  });

  it('conditionals select both computed branches; tie comparisons decide exact ties by the derivatives', () => {
    const tie: Node = { kind: 'cmp', op: '>', left: x, right: num(0), tie: { dl: num(1), dr: num(0) } };
    const code = emitWgslFunction('ap_fn', { kind: 'cond', test: tie, then: x, else: num(0) }, ['x']);
    // At x == 0 with dl = 1 ≥ dr = 0 the left-hand rule says "x > 0" is false just left of 0.
    // …and only where the tie is a point (|dl − dr|·2¹² > max(|l|, 2⁻¹²⁶), evaluate.ts isolatedTie).
    expect(code).toContain('select(p_0 > 0.0, (1.0 < 0.0), p_0 == 0.0 && abs(1.0 - 0.0) * 4096.0 > max(abs(p_0), 1.17549435e-38))');
    expect(code).toMatch(/select\(0\.0, p_0, t_\d+\)/);
  });

  it('folds constant subtrees in float64 and writes float32 literals', () => {
    const code = emitWgslFunction('ap_fn', bin('*', call('exp', num(1)), x), ['x']);
    expect(code).toContain(wgslLiteral(Math.E));
    expect(wgslLiteral(1.5)).toBe('1.50000000');
    expect(wgslLiteral(-2)).toBe('(-2.0)');
    expect(wgslLiteral(1e40)).toBe('ap_inf()');
    expect(wgslLiteral(-1e40)).toBe('(-ap_inf())');
    expect(wgslLiteral(NaN)).toBe('ap_nan()');
    expect(wgslLiteral(1e-45)).toBe('0.0');
  });

  it('rejects what it cannot express with WgslUnsupportedError naming the function or symbol', () => {
    expect(() => emitWgslFunction('ap_fn', call('mlE', x, num(1), num(1)), ['x'])).toThrow(WgslUnsupportedError);
    expect(() => emitWgslFunction('ap_fn', call('mlE', x, num(1), num(1)), ['x'])).toThrow(/mlE/);
    expect(() => emitWgslFunction('ap_fn', bin('+', x, { kind: 'sym', name: 'y' }), ['x'])).toThrow(/Symbol "y"/);
  });
});

// ------------------------------------------------------------------ numerics on the GPU

/** erf by its Maclaurin series (|x| ≤ 3, float64, 120 terms) or continued fraction for erfc. */
function erfRef(z: number): number {
  const a = Math.abs(z);
  if (a <= 3) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 120; n++) {
      term *= (-z * z) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  return Math.sign(z) * (1 - erfcRef(a));
}

/** erfc(a) for a > 3 by the Laplace continued fraction, evaluated backwards. */
function erfcRef(a: number): number {
  let f = 0;
  for (let k = 60; k >= 1; k--) f = (k / 2) / (a + f);
  return Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f);
}

const PhiRef = (v: number) => (v < -3 * Math.SQRT2 ? 0.5 * erfcRef(-v / Math.SQRT2) : 0.5 * (1 + erfRef(v / Math.SQRT2)));

let gpu: { ok: boolean; reason?: string } = { ok: false };

async function onGpu(formula: string, xs: number[]): Promise<Float32Array> {
  const act = makeFusedTfActivation(compileFormula(formula, []));
  const t = tf.tidy(() => act.apply(tf.tensor1d(xs), {}));
  const out = (await t.data()) as Float32Array;
  t.dispose();
  return out;
}

const grid = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => Math.fround(a + ((b - a) * i) / (n - 1)));

beforeAll(async () => {
  gpu = await setUpNodeWebGpu();
  if (gpu.ok) await tf.setBackend('webgpu');
  else console.warn(`Skipping WGSL numerics tests: ${gpu.reason}`);
}, 120_000);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('generated kernels: float32 numerics on WebGPU', () => {
  it('erf: absolute error ≤ 1.5e-7 on [−6, 6] against the Maclaurin / continued-fraction reference', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const xs = grid(-6, 6, 4801);
    const got = await onGpu('erf(x)', xs);
    const errs = xs.map((v, i) => Math.abs(got[i] - erfRef(v)));
    expect(Math.max(...errs)).toBeLessThanOrEqual(1.5e-7);
  });

  it('Phi keeps relative accuracy in the lower tail (x in [−12, −3]: rel. error ≤ 2e-5)', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const xs = grid(-12, -3, 901);
    const got = await onGpu('Phi(x)', xs);
    // Phi(−12) ≈ 1.8e−33 is still a normal float32; below that values flush.
    const rel = xs.map((v, i) => Math.abs(got[i] - PhiRef(v)) / PhiRef(v));
    expect(Math.max(...rel)).toBeLessThanOrEqual(2e-5);
  });

  it('sin and cos stay accurate far from 0 (|x| ≤ 1000: abs. error ≤ 1e-6)', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const xs = [...grid(-1000, 1000, 4001), ...grid(-4, 4, 801)];
    const s = await onGpu('sin(x)', xs);
    const c = await onGpu('cos(x)', xs);
    expect(Math.max(...xs.map((v, i) => Math.abs(s[i] - Math.sin(v))))).toBeLessThanOrEqual(1e-6);
    expect(Math.max(...xs.map((v, i) => Math.abs(c[i] - Math.cos(v))))).toBeLessThanOrEqual(1e-6);
  });

  it('atan: within 3e-7 relative of float64 over [−1e4, 1e4] (the builtin is only specified to 4096 ulp)', async (ctx) => {
    const xs = Array.from({ length: 400 }, (_, i) => Math.fround((i % 2 ? -1 : 1) * 1e4 * Math.pow(10, -8 * (i / 400))));
    xs.push(0, 0.4142135, 0.41421357, 2.4142134, 2.4142137, 1, -1);
    if (!gpu.ok) ctx.skip();
    const a = await onGpu('atan(x)', xs);
    const worst = Math.max(...xs.map((v, i) => (v === 0 ? Math.abs(a[i]) : Math.abs(a[i] / Math.atan(v) - 1))));
    expect(worst).toBeLessThanOrEqual(3e-7);
  });

  it('stable forms: softplus, log-sigmoid, sigmoid, tanh finite in the tails; expm1/log1p/tanh relative near 0', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const tails = [-1000, -100, -30, 30, 100, 1000];
    const sp = await onGpu('softplus(x)', tails);
    const ls = await onGpu('logsigmoid(x)', tails);
    const sg = await onGpu('sigmoid(x)', tails);
    const th = await onGpu('tanh(x)', tails);
    const ex = await onGpu('exp(x)', tails);
    tails.forEach((v, i) => {
      const spRef = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
      expect(Math.abs(sp[i] - spRef)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(spRef)));
      expect(Math.abs(ls[i] - (Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v)))))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v)));
      expect(Number.isFinite(sg[i]) && Number.isFinite(th[i]) && Number.isFinite(ex[i])).toBe(true);
      expect(Math.abs(th[i] - Math.sign(v))).toBeLessThanOrEqual(1e-6);
    });
    // exp is clamped at 88 as in the tf.js compiler: e^88 ≈ 1.65e38 stays finite.
    expect(Math.abs(ex[5] / Math.exp(88) - 1)).toBeLessThan(1e-5);
    const small = [1e-6, -1e-6, 1e-3, -1e-3, 0.3, -0.3];
    const em = await onGpu('expm1(x)', small);
    const lp = await onGpu('log1p(x)', small);
    const tn = await onGpu('tanh(x)', small);
    small.forEach((v, i) => {
      expect(Math.abs(em[i] / Math.expm1(v) - 1)).toBeLessThan(1e-6);
      expect(Math.abs(lp[i] / Math.log1p(v) - 1)).toBeLessThan(1e-6);
      expect(Math.abs(tn[i] / Math.tanh(v) - 1)).toBeLessThan(1e-6);
    });
  });

  it('kink rule in generated derivatives: relu′(0) = 0, abs′(0) = −1, relu6′(6) = 1, hardtanh′(−1) = 0', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const df = async (formula: string, at: number[]) => {
      const c = compileFormula(formula, []);
      const act = makeFusedTfActivation(c);
      const g = tf.tidy(() => tf.grad((t: tf.Tensor) => act.apply(t, {}))(tf.tensor1d(at)));
      const out = Array.from((await g.data()) as Float32Array);
      g.dispose();
      return out;
    };
    expect(await df('max(0, x)', [0, -1e-3, 1e-3])).toEqual([0, 0, 1]);
    expect(await df('abs(x)', [0, 2])).toEqual([-1, 1]);
    expect(await df('min(max(0, x), 6)', [6, 0])).toEqual([1, 0]);
    expect(await df('min(max(x, -1), 1)', [-1, 1])).toEqual([0, 1]);
  });

  it('ties over an interval hold as evaluated in float32; kinks at 1e10 keep the left-hand rule', async (ctx) => {
    if (!gpu.ok) ctx.skip();
    const df = async (formula: string, at: number[]) => {
      const act = makeFusedTfActivation(compileFormula(formula, []));
      const g = tf.tidy(() => tf.grad((t: tf.Tensor) => act.apply(t, {}))(tf.tensor1d(at)));
      const out = Array.from((await g.data()) as Float32Array);
      g.dispose();
      return out;
    };
    // Phi rounds to 1 in float32 from x ≈ 5.4 (f = 1 there), erf from ≈ 3.9 (f = x there).
    expect(await df('Phi(x) < 1 ? x : 1', [3, 6, 9, 12])).toEqual([1, 0, 0, 0]);
    expect(await df('erf(x) >= 1 ? x : 0', [2, 5, 7, 10])).toEqual([0, 1, 1, 1]);
    // Left-hand rule at x = 1e10 (exact in float32), and the branches beside it.
    expect(await df('x >= 1e10 ? 2 * x : x', [1e10, 1e10 * (1 - 2 ** -20), 1e10 * (1 + 2 ** -20)])).toEqual([1, 1, 2]);
  });
});
