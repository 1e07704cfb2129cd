/**
 * Every exportable registry entry's PyTorch module run with REAL torch (not the fake of
 * tests/fixtures/python): in float64 after Module().double(), its forward values and the
 * gradients its backward produces equal the playground's float64 f, f′ (or the surrogate),
 * ∂o/∂a, ∂o/∂u and ∂f/∂p on the grid with far tails and every kink, at default and at shifted
 * parameters. Also: .double() holds the exact parameter values, and outputs and gradients keep
 * the input's dtype (float32 in, float32 out; float64 in, float64 out).
 *
 * Tolerance 1e-12·(1 + |value|), as against the fake torch: same trees, same operation order;
 * only torch's special-function kernels (exp, erfc, tanh, … vectorised) differ from JS's by a
 * few ulps. One python process for all modules (~2 s of torch start-up, once).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import type { CompiledActivation } from '../../../src/core/activation/types';
import { planExport } from '../../../src/core/codegen/export-plan';
import { allEntries } from '../../../src/core/registry';
import { pointsFor, shiftedValues } from './exportPoints';
import { writeExport } from './pythonHarness';
import { realTorch, runTorchJson, skipNote } from './realTorch';
import { expectMatches, playgroundReference } from './reference';

const HARNESS = resolve(__dirname, '../../fixtures/python/torch_modules.py');
const REL = 1e-12;
const NOT_EXPORTABLE = new Set(['mittag-leffler']);

interface TorchResult {
  f: unknown[];
  grads: unknown[][];
  autogradParamSums: number[];
  paramSums: number[];
  dtypes: Record<string, string[]>;
  exactParams: boolean;
}

const decode = (v: unknown): number => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : (v as number));

describe('PyTorch export, run with real torch', () => {
  it(`every exportable entry at default and shifted parameters equals the playground's float64 f, f', df/dp to 1e-12${skipNote}`, () => {
    if (!realTorch.ok) return;
    const compiled: CompiledActivation[] = allEntries().filter((e) => !NOT_EXPORTABLE.has(e.id)).map((e) => compileActivation(e));
    expect(compiled.length).toBeGreaterThanOrEqual(80);
    const cases = compiled.flatMap((c) =>
      [false, true].map((shifted) => {
        const values = shifted ? shiftedValues(c) : {};
        // Every parameter with a derivative is made learnable, so autograd reaches each one.
        const learnable = Object.fromEntries(c.params.map((p) => [p.name, c.ast.dparams[p.name] !== undefined]));
        const opts = { paramValues: shifted ? values : undefined, learnable };
        const file = writeExport(c, 'pytorch', `${c.entry.id}${shifted ? '_shifted' : ''}_real`, opts);
        const plan = planExport(c, opts);
        return { c, values, shifted, file, plan, points: pointsFor(c, values) };
      }),
    );
    const out = runTorchJson<{ results: (TorchResult | { error: string })[] }>(HARNESS, {
      cases: cases.map(({ file, plan, points }) => ({
        path: file.path,
        className: plan.className,
        prefix: plan.prefix,
        vars: plan.vars.map((v) => v.py),
        params: plan.params.map((p) => ({ py: p.py, value: p.value, learnable: p.learnable })),
        points,
      })),
    });
    const errors = out.results.flatMap((r, i) => ('error' in r ? [`${cases[i].c.entry.id}: ${r.error}`] : []));
    expect(errors.slice(0, 3)).toEqual([]);
    cases.forEach(({ c, values, shifted, points }, i) => {
      const r = out.results[i] as TorchResult;
      const label = `${c.entry.id}${shifted ? ' (shifted params)' : ''}`;
      const run = { f: r.f.map(decode), grads: r.grads.map((g) => g.map(decode)), trainable: [] };
      expectMatches(label, points, run, playgroundReference(c, values, points), REL);
      expect(r.exactParams, `${label}: Module().double() holds the exact parameter values`).toBe(true);
      // autograd's parameter gradient (summed over the points) is the sum of the per-point ones.
      r.autogradParamSums.forEach((g, k) => {
        const want = r.paramSums[k];
        if (Number.isFinite(want)) expect(Math.abs(g - want), `${label}: autograd df/dp #${k}`).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want)));
      });
      const n = 1 + c.vars.length;
      expect(r.dtypes.float32, label).toEqual(Array(n).fill('torch.float32'));
      expect(r.dtypes.float64, label).toEqual(Array(n).fill('torch.float64'));
      expect(r.dtypes.float32_input_float64_module, label).toEqual(['torch.float32']);
    });
  }, 120_000);
});
