/**
 * compileActivation / compileFormula: the scalar closures against closed forms from
 * ACTIVATIONS.md written out by hand here, parameter binding, options, caching, Tier C.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation, compileFormula } from '../../../src/core/activation/compile';
import { ExprError } from '../../../src/core/expr/errors';
import type { ActivationEntry, ParamSpec } from '../../../src/core/registry/types';

const param = (name: string, def: number, learnable: ParamSpec['learnable'] = 'yes'): ParamSpec => ({ name, default: def, min: -10, max: 10, learnable });

function entry(over: Partial<ActivationEntry>): ActivationEntry {
  return { id: 'test', name: 'Test', aliases: [], tier: 'A', family: 'test', tags: [], formula: 'x', params: [], sources: [], status: 'standard', ...over };
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

describe('compileActivation', () => {
  it('swish: f, f′, ∂f/∂β match the closed forms of ACTIVATIONS.md (1e-14)', () => {
    const c = compileActivation(entry({ id: 'swish', formula: 'x * sigmoid(beta * x)', params: [param('beta', 1)] }));
    for (const beta of [0.5, 1, 3]) {
      const s = c.scalar({ beta });
      for (let x = -8; x <= 8; x += 0.5) {
        const g = sig(beta * x);
        expect(Math.abs(s.f(x) - x * g)).toBeLessThan(1e-14);
        expect(Math.abs(s.df(x) - (g + beta * x * g * (1 - g)))).toBeLessThan(1e-14);
        expect(Math.abs(s.dparam.beta(x) - x * x * g * (1 - g))).toBeLessThan(1e-13);
      }
    }
    expect(c.vars).toEqual(['x']);
    expect(c.tex.f).toBe('x \\sigma\\left(\\beta x\\right)');
  });
  it('SAU: ∂f/∂α and ∂f/∂s match the closed forms', () => {
    const c = compileActivation(entry({ formula: 'alpha * x + (1 - alpha) * (x * Phi(x / s) + s * phi(x / s))', params: [param('alpha', 0.15), param('s', 0.5)] }));
    const s = c.scalar();
    const Phi = (z: number) => 0.5 * (1 + erfRef(z / Math.SQRT2));
    const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    for (let x = -2; x <= 2; x += 0.25) {
      expect(Math.abs(s.df(x) - (0.15 + 0.85 * Phi(x / 0.5)))).toBeLessThan(1e-12);
      expect(Math.abs(s.dparam.alpha(x) - (x - x * Phi(x / 0.5) - 0.5 * phi(x / 0.5)))).toBeLessThan(1e-12);
      expect(Math.abs(s.dparam.s(x) - 0.85 * phi(x / 0.5))).toBeLessThan(1e-12);
    }
  });
  it('leaky-relu: left-hand rule at 0 and parameter binding per call', () => {
    const c = compileActivation(entry({ formula: 'x > 0 ? x : a * x', params: [param('a', 0.01)] }));
    expect(c.scalar().df(0)).toBe(0.01);
    expect(c.scalar({ a: 0.2 }).df(0)).toBe(0.2);
    expect(c.scalar({ a: 0.2 }).dparam.a(-3)).toBe(-3);
    expect(c.scalar().f(-3)).toBe(-0.03);
  });
  it('is cached per entry and options', () => {
    const e = entry({ formula: 'x^k', params: [param('k', 3, 'no')] });
    expect(compileActivation(e)).toBe(compileActivation(e, {}));
  });
  it('options resolve the formula; unknown option names and values are clear errors', () => {
    const e = entry({
      formula: 'max(0, x)',
      options: [{ name: 'base', default: 'relu', choices: ['relu', 'elu'] }],
      resolve: (o) => ({ formula: o.base === 'elu' ? 'x > 0 ? x : exp(x) - 1' : 'max(0, x)' }),
    });
    expect(compileActivation(e, { base: 'elu' }).scalar().f(-1)).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(compileActivation(e).scalar().f(-1)).toBe(0);
    expect(() => compileActivation(e, { base: 'gelu' })).toThrow(/cannot be "gelu"; choices: relu, elu/);
    expect(() => compileActivation(e, { nope: 'x' })).toThrow(/has no option "nope"/);
  });
  it('modifiers compile the surrogate', () => {
    const c = compileActivation(entry({ tier: 'modifier', formula: 'max(0, x)', surrogate: 'step(x + alpha)', params: [param('alpha', 0.05)] }));
    const s = c.scalar();
    expect(s.surrogate?.(-0.04)).toBe(1);
    expect(s.surrogate?.(-0.05)).toBe(0);
    expect(s.df(-0.04)).toBe(0);
    expect(c.tex.surrogate).toBe('H\\left(x + \\alpha\\right)');
  });
  it('Mittag-Leffler: fixed α, β have no ∂f/∂p; α = β = 1 gives SiLU', () => {
    const c = compileActivation(entry({ formula: 'x / (1 + mlE(-x, alpha, beta))', params: [param('alpha', 1, 'no'), param('beta', 1, 'no')] }));
    expect(Object.keys(c.ast.dparams)).toEqual([]);
    const s = c.scalar();
    for (let x = -15; x <= 15; x += 1.5) {
      const g = sig(x);
      expect(Math.abs(s.f(x) - x * g)).toBeLessThan(1e-9);
      expect(Math.abs(s.df(x) - g * (1 + x * (1 - g)))).toBeLessThan(1e-8);
    }
  });
  it('Tier C: vars a, u; df = ∂o/∂a, dvars.u = ∂o/∂u; the 1-D curve is the gate at u = 1', () => {
    const c = compileActivation(entry({ tier: 'C', formula: 'a * sigmoid(beta * a) * u', params: [param('beta', 1)] }));
    expect(c.vars).toEqual(['a', 'u']);
    const s = c.scalar();
    const g = s.gated;
    if (!g) throw new Error('gated scalar missing');
    for (const [a, u] of [[-2, 0.5], [0.3, -1.5], [1.7, 2]]) {
      const sg = sig(a);
      expect(Math.abs(g.o(a, u) - a * sg * u)).toBeLessThan(1e-15);
      expect(Math.abs(g.dOda(a, u) - (sg + a * sg * (1 - sg)) * u)).toBeLessThan(1e-14);
      expect(Math.abs(g.dOdu(a, u) - a * sg)).toBeLessThan(1e-15);
      expect(Math.abs(g.dparam.beta(a, u) - a * a * sg * (1 - sg) * u)).toBeLessThan(1e-14);
      expect(Math.abs(s.f(a) - a * sg)).toBeLessThan(1e-15);
    }
  });
  it('formula errors surface as ExprError', () => {
    expect(() => compileActivation(entry({ id: 'broken', formula: 'x + y' }))).toThrow(ExprError);
  });
});

describe('compileFormula', () => {
  it('compiles a typed formula with a synthetic, stable id', () => {
    const c = compileFormula('x * tanh(softplus(x))', []);
    expect(c.entry.id).toMatch(/^custom:[0-9a-f]{8}$/);
    expect(compileFormula('x * tanh(softplus(x))', []).entry.id).toBe(c.entry.id);
    const s = c.scalar();
    for (let x = -5; x <= 5; x += 0.5) {
      const t = Math.tanh(Math.log1p(Math.exp(x)));
      expect(Math.abs(s.f(x) - x * t)).toBeLessThan(1e-14);
      expect(Math.abs(s.df(x) - (t + x * sig(x) * (1 - t * t)))).toBeLessThan(1e-14);
    }
  });
  it('reports problems with a position', () => {
    try {
      compileFormula('x * q', [param('a', 1)]);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      expect((e as ExprError).position).toBe(4);
    }
  });
});

/** erf by its Maclaurin series (independent of the code under test), fine for |z| ≤ 4. */
function erfRef(z: number): number {
  let term = z;
  let sum = z;
  for (let n = 1; n < 300; n++) {
    term *= (-z * z) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
