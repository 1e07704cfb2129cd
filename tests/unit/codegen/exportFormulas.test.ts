/**
 * Exported Python for user-typed formulas: byte-compiles, and computes the playground's f,
 * f′ (kinks by the left-hand rule), ∂o/∂u and ∂f/∂p when run against fake torch/jax/tf over
 * Python floats (tests/fixtures/python). Tolerance: 1e-12·(1 + |value|), since the export
 * evaluates the same trees in the same order and only libm special functions may differ by ulps.
 */
import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../../src/core/activation/compile';
import type { CompiledActivation } from '../../../src/core/activation/types';
import type { ExportTarget } from '../../../src/core/codegen';
import { EXPORT_TARGETS } from '../../../src/core/codegen';
import type { ParamSpec } from '../../../src/core/registry/types';
import { pyCompile, runExported, writeExport, type ExportedFile } from './pythonHarness';
import { expectMatches, playgroundReference } from './reference';

const REL = 1e-12;

function param(name: string, value: number, learnable: ParamSpec['learnable'] = 'yes', min = -10, max = 10): ParamSpec {
  return { name, default: value, min, max, learnable };
}

interface Case {
  label: string;
  compiled: CompiledActivation;
  points: number[][];
  values?: Record<string, number>;
}

const grid = [-1000, -100, -30, -7.5, -3, -2, -1.5, -1, -0.75, -0.5, -0.1, -1e-9, 0, 1e-9, 0.1, 0.5, 0.75, 1, 1.5, 2, 3, 6, 7.5, 30, 100, 1000];
const pts = (xs: number[]) => xs.map((x) => [x]);

const cases: Case[] = [
  {
    label: 'golu-like with clamped inner exponent',
    compiled: compileFormula('x*alpha*exp(-beta*exp(min(-gamma*x, 30)))', [param('alpha', 1), param('beta', 1, 'no', 0.1, 5), param('gamma', 1, 'optional', 0.1, 5)]),
    points: pts([...grid, -30 / 1.3]),
    values: { alpha: 1.2, beta: 0.7, gamma: 1.3 },
  },
  {
    label: 'hardtanh as min(max(x, lo), hi): kinks at lo and hi',
    compiled: compileFormula('min(max(x, lo), hi)', [param('lo', -1, 'no'), param('hi', 1, 'no')]),
    points: pts([...grid, -1, 1, -2.5, 0.5]),
  },
  {
    label: 'leaky ReLU with learnable slope; kink at 0',
    compiled: compileFormula('x > 0 ? x : a*x', [param('a', 0.01)]),
    points: pts(grid),
    values: { a: 0.2 },
  },
  {
    label: 'non-strict conditional: x >= 0 takes the left-hand slope at 0',
    compiled: compileFormula('x >= 0 ? x : 0.1*x', []),
    points: pts(grid),
  },
  {
    label: 'relu6 and abs kinks, integer powers of negative bases',
    compiled: compileFormula('min(max(0, x), 6) + abs(x) - x^3/3 + (x - 1)^2*sign(x)', []),
    points: pts([...grid.filter((x) => Math.abs(x) < 1e3), 6, -6]),
  },
  {
    label: 'general powers (NaN for negative bases), division by zero, step, floor, ceil',
    compiled: compileFormula('2^x + x^0.5 + 1/x + step(x - 0.5) + floor(x)*0.25 + ceil(x/3)', []),
    points: pts([-3, -1, -0.5, 0, 0.25, 0.5, 0.7, 1, 2.5, 3, 10]),
  },
  {
    label: 'stable softplus/logsigmoid/sigmoid, atan, sqrt, log, expm1',
    compiled: compileFormula('log1p(exp(-abs(x))) + softplus(x) - logsigmoid(x) + atan(x)*sqrt(1 + x^2) + sigmoid(x)*log(2 + x^2) + expm1(-x^2)', []),
    points: pts(grid),
  },
  {
    label: 'Gaussian functions and trigonometry',
    compiled: compileFormula('x*Phi(x) + phi(x) + erf(x/3) + sin(w*x)*cos(x) + tan(x/10) + tanh(x) + sinh(x/50)*cosh(x/60)', [param('w', 2)]),
    points: pts(grid.filter((x) => Math.abs(x) <= 100)),
    values: { w: 3.5 },
  },
  {
    label: 'logic: not / and / or in a conditional',
    compiled: compileFormula('not (x > 1 and x < 2) or x == 5 ? tanh(x) : x^2', []),
    points: pts([-1, 0, 1, 1.5, 2, 3, 5]),
  },
  {
    label: 'parameter named like a Python keyword (lambda), APA-style',
    compiled: compileFormula('exp(-softplus(log(lambda) - kappa*x)/lambda)', [param('lambda', 1, 'yes', 1e-4, 10), param('kappa', 1, 'yes', -3.5, 3.5)]),
    points: pts(grid),
    values: { lambda: 0.3, kappa: 1.7 },
  },
  {
    label: 'gated block o(a, u) with ∂o/∂a, ∂o/∂u and a parameter',
    compiled: compileFormula('a*sigmoid(beta*a)*max(u, 0)', [param('beta', 1)], { vars: ['a', 'u'] }),
    points: [[-2, 1], [0, 0], [1.5, -1], [1.5, 0], [-0.3, 2], [3, 3], [-30, 0.5]],
    values: { beta: 1.4 },
  },
  {
    label: 'backward-rule modifier: forward relu, surrogate sigmoid(x/tau)',
    compiled: compileFormula('max(0, x)', [param('tau', 1, 'no', 0.01, 10)], { surrogate: 'sigmoid(x / tau)' }),
    points: pts(grid),
    values: { tau: 0.5 },
  },
];

const targets = EXPORT_TARGETS.map((t) => t.id);

describe('exported typed formulas', () => {
  const files: Record<ExportTarget, ExportedFile[]> = { pytorch: [], jax: [], keras: [] };
  cases.forEach((c, i) => {
    for (const t of targets) files[t].push(writeExport(c.compiled, t, `formula_${i}`, { paramValues: c.values }));
  });

  it('byte-compiles (python3 -m py_compile) for every target', () => {
    const all = targets.flatMap((t) => files[t].map((f) => f.path));
    const r = pyCompile(all);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  for (const t of targets) {
    it(`${t}: forward and backward equal the playground's float64 f, f′/surrogate and ∂f/∂p`, () => {
      const runs = runExported(t, cases.map((c, i) => ({ file: files[t][i], points: c.points })));
      cases.forEach((c, i) => {
        const ref = playgroundReference(c.compiled, c.values ?? {}, c.points);
        const nVars = c.compiled.vars.length;
        const learnable = c.compiled.params.map((p) => p.learnable === 'yes');
        // PyTorch returns no gradient (None) for fixed parameters: they are buffers.
        const fixed = (k: number) => t === 'pytorch' && k >= nVars && !learnable[k - nVars];
        expectMatches(`${t} ${c.label}`, c.points, runs[i], ref, REL, (_i, k) => fixed(k));
        expect(runs[i].trainable).toEqual(learnable);
        if (t === 'pytorch') {
          for (const g of runs[i].grads) g.forEach((v, k) => fixed(k) && expect(v).toBeNull());
        }
      });
    });
  }
});
