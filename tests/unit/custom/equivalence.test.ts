/**
 * Typed formulas that spell out a registry activation give the same f, f′, f″ as the registry
 * entry (its compiled closures) and as float64 closed forms written here, at many x including
 * kinks and points just either side of them.
 *
 * Tolerances: the same tree compiled twice must agree bit for bit; a differently written but
 * mathematically equal formula within 1e-13 relative (a few ulps of rounding on each side);
 * the hand-written closed forms within 1e-12 relative or 1e-14 absolute (they round differently,
 * and Φ here comes from an independent series/continued fraction accurate to ~1e-15).
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import type { ScalarActivation } from '../../../src/core/activation/types';
import { compileCustom } from '../../../src/core/custom/compileCustom';
import type { CustomActivation } from '../../../src/core/custom/types';
import { getEntry } from '../../../src/core/registry/index';
import { PhiRef, phiRef, sigmoidRef, softplusRef } from '../registry/reference';

type Triple = [(x: number) => number, (x: number) => number, (x: number) => number];

const GRID = Array.from({ length: 161 }, (_, i) => -20 + i * 0.25);
const NEAR_ZERO = [0, -0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-10, -1e-10, 1e-3, -1e-3];
const POINTS = [...GRID, ...NEAR_ZERO, -35, 35, -700, 700];

function close(a: number, b: number, rel: number, abs: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}

function expectSame(label: string, got: ScalarActivation, want: Triple, xs: number[], rel: number, abs: number): void {
  const bad: string[] = [];
  const names = ['f', 'f′', 'f″'];
  const gotFns = [got.f, got.df, got.d2f];
  for (const x of xs) {
    for (let k = 0; k < 3; k++) {
      const g = gotFns[k](x);
      const w = want[k](x);
      if (!close(g, w, rel, abs)) bad.push(`${names[k]}(${x}) = ${g}, want ${w}`);
    }
  }
  expect(bad, label).toEqual([]);
}

function registry(id: string, params: Record<string, number> = {}): ScalarActivation {
  const entry = getEntry(id);
  if (!entry) throw new Error(`registry has no ${id}`);
  const s = compileActivation(entry).scalar(params);
  return s;
}

function custom(def: CustomActivation, params: Record<string, number> = {}): ScalarActivation {
  return compileCustom(def).scalar(params);
}

const triple = (s: ScalarActivation): Triple => [s.f, s.df, s.d2f];
const noParams = (name: string, formula: string): CustomActivation => ({ name, formula, params: [] });

describe('typed formulas equal the registry and closed forms', () => {
  it('GoLU x*exp(-exp(-x)) = registry golu (alpha = beta = gamma = 1) = closed form', () => {
    const c = custom(noParams('my GoLU', 'x*exp(-exp(-x))'));
    const closed: Triple = [
      (x) => x * Math.exp(-Math.exp(-x)),
      (x) => Math.exp(-Math.exp(-x)) * (1 + x * Math.exp(-x)),
      (x) => {
        const g = Math.exp(-Math.exp(-x));
        const e = Math.exp(-x);
        return e === Infinity ? 0 : g * e * (2 + x * e - x);
      },
    ];
    // The registry clamps exp(-γx) at e^30; below x = -30 both sides are exactly 0.
    expectSame('golu vs registry', c, triple(registry('golu')), POINTS.filter((x) => x > -700), 1e-13, 0);
    expectSame('golu vs closed form', c, closed, GRID, 1e-12, 1e-14);
  });

  it('Swish x*sigmoid(beta*x) with a parameter = registry swish at several beta = closed form', () => {
    const def: CustomActivation = { name: 'my swish', formula: 'x*sigmoid(beta*x)', params: [{ name: 'beta', default: 1, min: 0.1, max: 10, learnable: true }] };
    for (const beta of [0.1, 1, 1.7, 10]) {
      const c = custom(def, { beta });
      expectSame(`swish beta=${beta} vs registry`, c, triple(registry('swish', { beta })), POINTS, 0, 0);
      const s = (x: number) => sigmoidRef(beta * x);
      const closed: Triple = [
        (x) => x * s(x),
        (x) => s(x) + beta * x * s(x) * (1 - s(x)),
        (x) => beta * s(x) * (1 - s(x)) * (2 + beta * x * (1 - 2 * s(x))),
      ];
      expectSame(`swish beta=${beta} vs closed form`, c, closed, GRID, 1e-12, 1e-14);
    }
  });

  it('Mish x*tanh(softplus(x)) = registry mish = closed form', () => {
    const c = custom(noParams('my mish', 'x*tanh(softplus(x))'));
    expectSame('mish vs registry', c, triple(registry('mish')), POINTS, 0, 0);
    const t = (x: number) => Math.tanh(softplusRef(x));
    const closed: Triple = [
      (x) => x * t(x),
      (x) => t(x) + x * sigmoidRef(x) * (1 - t(x) ** 2),
      (x) => {
        const s = sigmoidRef(x);
        const tt = t(x);
        return (1 - tt * tt) * (2 * s + x * s * (1 - s) - 2 * x * s * s * tt);
      },
    ];
    expectSame('mish vs closed form', c, closed, GRID, 1e-12, 1e-14);
  });

  it('GELU x*Phi(x) = registry gelu = closed form', () => {
    const c = custom(noParams('my gelu', 'x*Phi(x)'));
    expectSame('gelu vs registry', c, triple(registry('gelu')), POINTS, 0, 0);
    const closed: Triple = [(x) => x * PhiRef(x), (x) => PhiRef(x) + x * phiRef(x), (x) => phiRef(x) * (2 - x * x)];
    expectSame('gelu vs closed form', c, closed, GRID, 1e-12, 1e-14);
  });

  it('SAU written out with Phi/phi at small s = registry sau (which switches to Leaky ReLU for |x| > 10s) = closed form', () => {
    const def: CustomActivation = {
      name: 'my SAU',
      formula: 'alpha*x + (1 - alpha)*(x*Phi(x/s) + s*phi(x/s))',
      params: [
        { name: 'alpha', default: 0.15, min: 0, max: 1, learnable: true },
        { name: 's', default: 5e-5, min: 5e-5, max: 2, learnable: false },
      ],
    };
    for (const [alpha, s] of [[0.15, 5e-5], [0.3, 1e-3], [0.15, 0.05]]) {
      const c = custom(def, { alpha, s });
      const edge = 10 * s;
      // Both sides of the registry's branch point |x| = 10s, the kink region |x| ≲ s, and far out.
      const xs = [...POINTS, ...[edge, -edge, edge * (1 + 1e-12), edge * (1 - 1e-12), -edge * (1 + 1e-12), -edge * (1 - 1e-12), s, -s, s / 3, -s / 3]];
      // Beyond 10s the registry drops Gaussian terms below 1e-22 relative; f″ there is (1−α)φ(10)/s ≤ 2e-18 against 0.
      const reg = registry('sau', { alpha, s });
      expectSame(`sau alpha=${alpha} s=${s} vs registry`, c, triple(reg), xs, 1e-13, 1e-17);
      const closed: Triple = [
        (x) => alpha * x + (1 - alpha) * (x * PhiRef(x / s) + s * phiRef(x / s)),
        (x) => alpha + (1 - alpha) * PhiRef(x / s),
        (x) => ((1 - alpha) * phiRef(x / s)) / s,
      ];
      expectSame(`sau alpha=${alpha} s=${s} vs closed form`, c, closed, xs, 1e-12, 1e-14);
    }
  });

  it('Leaky ReLU written with a conditional and with max = registry leaky-relu = closed form, left-hand rule at 0', () => {
    const param = [{ name: 'a', default: 0.01, min: 0, max: 0.5, learnable: false }];
    const forms = [
      { name: 'leaky cond', formula: 'x > 0 ? x : a*x', params: param },
      { name: 'leaky max', formula: 'max(x, a*x)', params: param },
      { name: 'leaky max swapped', formula: 'max(a*x, x)', params: param },
    ];
    for (const a of [0.01, 0.2, 0.5]) {
      const closed: Triple = [(x) => (x > 0 ? x : a * x), (x) => (x > 0 ? 1 : a), () => 0];
      for (const def of forms) {
        const c = custom(def, { a });
        expectSame(`${def.name} a=${a} vs registry`, c, triple(registry('leaky-relu', { a })), POINTS, 0, 0);
        expectSame(`${def.name} a=${a} vs closed form`, c, closed, POINTS, 0, 0);
        // At the kink: f′(0) is the left-hand limit a, and f′ just right of 0 is 1.
        expect(c.df(0)).toBe(a);
        expect(c.df(5e-324)).toBe(1);
      }
    }
  });

  it('∂f/∂p of a typed parameter matches the closed form (swish: ∂f/∂β = x²σ(βx)(1−σ(βx)))', () => {
    const c = compileCustom({ name: 'sw', formula: 'x*sigmoid(beta*x)', params: [{ name: 'beta', default: 1.3, min: 0.1, max: 10, learnable: true }] }).scalar();
    for (const x of GRID) {
      const s = sigmoidRef(1.3 * x);
      expect(close(c.dparam.beta(x), x * x * s * (1 - s), 1e-12, 1e-14), `x=${x}`).toBe(true);
    }
  });
});
