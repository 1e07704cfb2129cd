/**
 * Symbolic derivatives against central finite differences of the float64 evaluator (an
 * independent route to the same number), against closed forms, and at kinks against the
 * left-hand rule of ACTIVATIONS.md.
 */
import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/core/expr/diff';
import { compileFloat64 } from '../../../src/core/expr/evaluate';
import { parseFormula } from '../../../src/core/expr/parse';
import { simplify } from '../../../src/core/expr/simplify';

const names = ['x', 'a', 'b'];
const parse = (src: string) => parseFormula(src, { vars: ['x'], params: ['a', 'b'] });

function fns(src: string, wrt = 'x') {
  const f = parse(src);
  const d1 = simplify(diff(f, wrt));
  const d2 = simplify(diff(d1, wrt));
  const F = compileFloat64(f, names);
  const D1 = compileFloat64(d1, names);
  const D2 = compileFloat64(d2, names);
  return { F, D1, D2 };
}

/**
 * Central difference with h = 1e-5·max(1, |x|); truncation O(h²·f‴) plus rounding O(ε·|f|/h).
 * Tolerance: 1e-6·max(1, |f′|, |f|).
 */
function centralDiff(g: (v: number[]) => number, v: number[], i: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(v[i]));
  const up = v.slice();
  const dn = v.slice();
  up[i] += h;
  dn[i] -= h;
  return (g(up) - g(dn)) / (2 * h);
}

const SMOOTH = [
  'x * Phi(x)',
  '0.5 * x * (1 + tanh(0.7978845608028654 * (x + 0.044715 * x^3)))',
  'x * sigmoid(a * x)',
  'x * tanh(softplus(x))',
  'softplus(a * x) / a',
  'logsigmoid(x)',
  'x * exp(-b * exp(-a * x))',
  'x + sin(a * x)^2 / a',
  'exp(-(b * x)^2) * cos(a * x)',
  'x * cos(x)',
  'x * ((atan(x) / pi + 0.5) * (1 + 2 * a) - a)',
  'x * (Phi(x) * (1 + 2 * a) - a)',
  '1 / (1 + abs(x / a)^b)',
  'a * x + (1 - a) * (x * Phi(x / b) + b * phi(x / b))',
  '(a * x + b) / (x^2 + 1)',
  '(a * exp(-b * x) + 1)^(-1 / a)',
  'x * erf(x / sqrt(2))',
  'x^3 - 2 * x^2 + log1p(x^2) + expm1(x / 3)',
  'sqrt(x^2 + 1) + log(x^2 + 2) + tan(x / 3) + sinh(x / 2) * cosh(x / 3)',
  'x^x',
  'a^x',
  'x / (1 + mlE(-x, 0.8, 1.2))',
];

describe('diff: first and second derivatives vs central differences', () => {
  const xs = [-3.1, -1.3, -0.4, 0.35, 1.1, 2.7];
  for (const src of SMOOTH) {
    it(src, () => {
      const { F, D1, D2 } = fns(src);
      for (const x0 of xs) {
        const x = src === 'x^x' ? Math.abs(x0) : x0;
        const v = [x, 1.3, 0.8];
        const fd1 = centralDiff(F, v, 0);
        const fd2 = centralDiff(D1, v, 0);
        expect(Math.abs(D1(v) - fd1)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd1), Math.abs(F(v))));
        expect(Math.abs(D2(v) - fd2)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd2), Math.abs(D1(v))));
      }
    });
  }
  it('∂/∂param vs central differences in that parameter', () => {
    for (const src of SMOOTH.slice(2, 16)) {
      for (const [p, i] of [['a', 1], ['b', 2]] as const) {
        const F = compileFloat64(parse(src), names);
        const Dp = compileFloat64(simplify(diff(parse(src), p)), names);
        for (const x of [-2.2, -0.3, 0.9, 2.4]) {
          const v = [x, 1.3, 0.8];
          const fd = centralDiff(F, v, i);
          expect(Math.abs(Dp(v) - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd), Math.abs(F(v))));
        }
      }
    }
  });
  it('closed forms: GELU″ = φ(x)(2 − x²), SiLU′ = σ(1 + x(1 − σ))', () => {
    const g = fns('x * Phi(x)');
    const s = fns('x * sigmoid(x)');
    for (let x = -6; x <= 6; x += 0.25) {
      const phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
      expect(Math.abs(g.D2([x, 0, 0]) - phi * (2 - x * x))).toBeLessThan(1e-15);
      const sg = 1 / (1 + Math.exp(-x));
      expect(Math.abs(s.D1([x, 0, 0]) - sg * (1 + x * (1 - sg)))).toBeLessThan(1e-15);
    }
  });
  it('integer powers keep the sign for negative bases: (x^3)′ = 3x², (x^-2)′ = −2x^-3', () => {
    expect(fns('x^3').D1([-2, 0, 0])).toBe(12);
    expect(fns('x^-2').D1([-2, 0, 0])).toBe(0.25);
    expect(fns('x^3').D2([-2, 0, 0])).toBe(-12);
  });
});

describe('diff: kinks follow the left-hand rule, on both sides of each kink', () => {
  const eps = 1e-9;
  const cases: [string, number, number, number, number][] = [
    // formula, kink c, f′(c), f′(c − ε), f′(c + ε)
    ['max(0, x)', 0, 0, 0, 1],
    ['max(x, 0)', 0, 0, 0, 1],
    ['min(max(0, x), 6)', 6, 1, 1, 0],
    ['min(max(0, x), 6)', 0, 0, 0, 1],
    ['min(max(x, -1), 1)', -1, 0, 0, 1],
    ['min(max(x, -1), 1)', 1, 1, 1, 0],
    ['max(min(x, 1), -1)', -1, 0, 0, 1],
    ['max(min(x, 1), -1)', 1, 1, 1, 0],
    ['abs(x)', 0, -1, -1, 1],
    ['x > 0 ? x : 0.1 * x', 0, 0.1, 0.1, 1],
    ['x >= 0 ? x : 0.1 * x', 0, 0.1, 0.1, 1],
    ['x <= 0 ? 0.1 * x : x', 0, 0.1, 0.1, 1],
    ['x < 0 ? 0.1 * x : x', 0, 0.1, 0.1, 1],
    ['max(0, x) + a * min(0, x)', 0, 1.3, 1.3, 1],
    ['max(0, x - 1)', 1, 0, 0, 1],
    ['sign(x) * max(abs(x) - 1, 0)', -1, 1, 1, 0],
    ['sign(x) * max(abs(x) - 1, 0)', 1, 0, 0, 1],
    ['-max(0, -x)', 0, 1, 1, 0],
    ['max(0, x)^2', 0, 0, 0, 0],
    ['step(x) * x', 0, 0, 0, 1],
    ['min(max(x / 6 + 0.5, 0), 1)', -3, 0, 0, 1 / 6],
    ['min(max(x / 6 + 0.5, 0), 1)', 3, 1 / 6, 1 / 6, 0],
    ['x * min(max(x + 3, 0), 6) / 6', -3, 0, 0, -0.5],
    ['x * min(max(x + 3, 0), 6) / 6', 3, 1.5, 1.5, 1],
  ];
  for (const [src, c, atC, left, right] of cases) {
    it(`${src} at ${c}`, () => {
      const { D1 } = fns(src);
      const v = (x: number) => [x, 1.3, 0.8];
      expect(D1(v(c))).toBeCloseTo(atC, 6);
      expect(D1(v(c - eps))).toBeCloseTo(left, 6);
      expect(D1(v(c + eps))).toBeCloseTo(right, 6);
    });
  }
  it('second derivative at a kink of relu² uses the left side: (max(0,x)²)″(0) = 0', () => {
    expect(fns('max(0, x)^2').D2([0, 0, 0])).toBe(0);
    expect(fns('max(0, x)^2').D2([1e-9, 0, 0])).toBe(2);
  });
  it('∂/∂param at a kink is decided from the left in x: ∂ max(0, x − a)/∂a at x = a is 0', () => {
    const D = compileFloat64(simplify(diff(parse('max(0, x - a)'), 'a')), names);
    expect(D([1.3, 1.3, 0])).toBe(0);
    expect(D([1.3 + 1e-9, 1.3, 0])).toBe(-1);
    const Dl = compileFloat64(simplify(diff(parse('x > 0 ? x : a * x'), 'a')), names);
    expect(Dl([-2, 0.1, 0])).toBe(-2);
    expect(Dl([0, 0.1, 0])).toBe(0);
  });
});

describe('diff + evaluate: clamped formulas stay finite where the true value is', () => {
  it('GoLU with the exp clamp: f, f′, f″ finite (and 0) at x = −1000, and f′ → 1 at +1000', () => {
    const { F, D1, D2 } = fns('x * exp(-b * exp(min(-a * x, 30)))');
    for (const x of [-1e6, -1000, -100]) {
      const v = [x, 1, 1];
      expect(F(v)).toBe(-0);
      expect(D1(v)).toBe(0);
      expect(D2(v)).toBe(0);
    }
    expect(D1([1000, 1, 1])).toBe(1);
  });
  it('unclamped exp is honest: e^x overflows to Infinity', () => {
    expect(fns('exp(x)').F([1000, 0, 0])).toBe(Infinity);
  });
});
