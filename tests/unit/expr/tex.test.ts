/** TeX output compared with hand-written expected strings. */
import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/core/expr/diff';
import { parseFormula } from '../../../src/core/expr/parse';
import { simplify } from '../../../src/core/expr/simplify';
import { symbolToTex, toTex } from '../../../src/core/expr/tex';

const P = ['alpha', 'beta', 'omega0', 'eps', 'a0', 'lambda', 'kappa', 'lo', 'hi', 'c12'];
const tex = (src: string) => toTex(parseFormula(src, { vars: ['x'], params: P }));

describe('toTex', () => {
  const cases: [string, string][] = [
    ['x * Phi(x)', 'x \\Phi\\left(x\\right)'],
    ['x * sigmoid(beta * x)', 'x \\sigma\\left(\\beta x\\right)'],
    ['softplus(beta*x)/beta', '\\frac{\\operatorname{sp}\\left(\\beta x\\right)}{\\beta}'],
    ['sin(omega0 * x)', '\\sin\\left(\\omega_0 x\\right)'],
    ['max(0, x) + eps * x * exp(-x^2/2)', '\\max\\left(0, x\\right) + \\varepsilon x e^{-\\frac{x^{2}}{2}}'],
    ['x > 0 ? x : alpha * (exp(x) - 1)', '\\begin{cases} x & \\text{if } x > 0 \\\\ \\alpha \\left(e^{x} - 1\\right) & \\text{otherwise} \\end{cases}'],
    ['x > 1 ? 1 : x > 0 ? x : 0', '\\begin{cases} 1 & \\text{if } x > 1 \\\\ x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}'],
    ['x / (1 + abs(x))', '\\frac{x}{1 + \\left|x\\right|}'],
    ['(lambda * exp(-kappa * x) + 1)^(-1 / lambda)', '\\left(\\lambda e^{-\\kappa x} + 1\\right)^{-\\frac{1}{\\lambda}}'],
    ['step(x - a0) * c12', 'H\\left(x - a_0\\right) c_{12}'],
    ['-(x + 1)^2', '-\\left(x + 1\\right)^{2}'],
    ['-x^2', '-x^{2}'],
    ['(-x)^2', '\\left(-x\\right)^{2}'],
    ['2 * 3 * x', '2 \\cdot 3 x'],
    ['x - (alpha - x)', 'x - \\left(\\alpha - x\\right)'],
    ['(x - alpha) - x', 'x - \\alpha - x'],
    ['x * (alpha + x)', 'x \\left(\\alpha + x\\right)'],
    ['exp(x)^2', '\\left(e^{x}\\right)^{2}'],
    ['x > 0 and x <= 1 ? 1 : 0', '\\begin{cases} 1 & \\text{if } x > 0 \\land x \\le 1 \\\\ 0 & \\text{otherwise} \\end{cases}'],
    ['min(max(x, lo), hi)', '\\min\\left(\\max\\left(x, \\mathrm{lo}\\right), \\mathrm{hi}\\right)'],
    ['sqrt(x) + atan(x) + erf(x) + sign(x) + phi(x)', '\\sqrt{x} + \\arctan\\left(x\\right) + \\operatorname{erf}\\left(x\\right) + \\operatorname{sgn}\\left(x\\right) + \\varphi\\left(x\\right)'],
    ['mlE(-x, alpha, beta)', 'E_{\\alpha,\\beta}\\left(-x\\right)'],
    ['pi * x + 1e-6', '\\pi x + 10^{-6}'],
    ['2.5e-7 * x', '2.5 \\cdot 10^{-7} x'],
  ];
  for (const [src, want] of cases) it(src, () => expect(tex(src)).toBe(want));

  it('prints derivative trees without tie annotations', () => {
    const d = simplify(diff(parseFormula('max(0, x)', { vars: ['x'], params: [] }), 'x'));
    expect(toTex(d)).toBe('\\begin{cases} 1 & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}');
    const g = simplify(diff(diff(parseFormula('x * Phi(x)', { vars: ['x'], params: [] }), 'x'), 'x'));
    expect(toTex(simplify(g))).toBe('2 \\varphi\\left(x\\right) - x^{2} \\varphi\\left(x\\right)');
  });
  it('names symbols: Greek, subscripts, overrides', () => {
    expect(symbolToTex('alpha')).toBe('\\alpha');
    expect(symbolToTex('omega0')).toBe('\\omega_0');
    expect(symbolToTex('eps')).toBe('\\varepsilon');
    expect(symbolToTex('a0')).toBe('a_0');
    expect(symbolToTex('lambda_12')).toBe('\\lambda_{12}');
    expect(symbolToTex('Phi')).toBe('\\Phi');
    expect(symbolToTex('tau')).toBe('\\tau');
    expect(symbolToTex('lam1', { lam1: '\\lambda_1' })).toBe('\\lambda_1');
  });
});
