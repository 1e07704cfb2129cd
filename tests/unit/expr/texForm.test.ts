/**
 * texForm (how a derivative is shown) changes the writing, never the function: its tree and the
 * computed tree agree (float64) on every registry entry's f′ and f″; GoLU's f″ is the hand
 * derivation below; short sums such as (1 − σ) stay factored.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { evaluateNode } from '../../../src/core/expr/evaluate';
import { parseFormula } from '../../../src/core/expr/parse';
import { toTex } from '../../../src/core/expr/tex';
import { texForm } from '../../../src/core/expr/texForm';
import { allEntries } from '../../../src/core/registry';

const parse = (src: string) => parseFormula(src, { vars: ['x'], params: ['alpha', 'beta', 'gamma'] });
const shown = (src: string) => toTex(texForm(parse(src)));

describe('texForm', () => {
  it('orders a product as number · parameters · variable · other factors, and collects powers', () => {
    expect(shown('x * exp(-x) * beta * 2 * alpha * beta')).toBe('2 \\alpha \\beta^{2} x e^{-x}');
    expect(shown('exp(-gamma * x) * exp(-gamma * x) * gamma')).toBe('\\gamma e^{-2 \\gamma x}');
    expect(shown('-(x * -alpha)')).toBe('\\alpha x');
    expect(shown('x * 0 + alpha')).toBe('\\alpha');
  });

  it('multiplies a short factor into a long sum, keeps a short sum factored', () => {
    expect(shown('alpha * x * (exp(-beta * exp(-gamma * x)) * beta * gamma - exp(-beta * exp(-gamma * x)) * gamma)')).toBe(
      '\\alpha \\beta \\gamma x e^{-\\beta e^{-\\gamma x}} - \\alpha \\gamma x e^{-\\beta e^{-\\gamma x}}',
    );
    expect(shown('x * sigmoid(x) * (1 - sigmoid(x))')).toBe('x \\sigma\\left(x\\right) \\left(1 - \\sigma\\left(x\\right)\\right)');
  });

  it('GoLU: f″ = 2αβγ g E + αβ²γ² x g E² − αβγ² x g E, with g = e^{−βe^{−γx}}, E = e^{−γx} (by hand)', () => {
    const golu = allEntries().find((e) => e.id === 'golu')!;
    const g = 'e^{-\\beta e^{-\\gamma x}}';
    expect(compileActivation(golu, {}).tex.d2f).toBe(
      `2 \\alpha \\beta \\gamma ${g} e^{-\\gamma x} + \\alpha \\beta^{2} \\gamma^{2} x ${g} e^{-2 \\gamma x} - \\alpha \\beta \\gamma^{2} x ${g} e^{-\\gamma x}`,
    );
    expect(compileActivation(golu, {}).tex.df).toBe(`\\alpha ${g} + \\alpha \\beta \\gamma x ${g} e^{-\\gamma x}`);
  });

  it('agrees with the computed f′ and f″ of every registry entry (float64, 1e-9 relative)', () => {
    let checked = 0;
    for (const entry of allEntries()) {
      const c = compileActivation(entry, {});
      const env: Record<string, number> = Object.fromEntries(c.params.map((p) => [p.name, p.default]));
      for (const tree of [c.ast.df, c.ast.d2f]) {
        const formed = texForm(tree, { vars: c.vars });
        for (let x = -6; x <= 6; x += 0.37) {
          for (const v of c.vars) env[v] = v === 'u' ? 0.7 : x;
          const want = evaluateNode(tree, env);
          if (!Number.isFinite(want)) continue;
          const got = evaluateNode(formed, env);
          expect(Math.abs(got - want), `${entry.id} at x = ${x}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('texForm on very large trees', () => {
  it('leaves a tree over MAX_TEX_FORM_NODES (written out) as it is, without walking it out', async () => {
    const { MAX_TEX_FORM_NODES } = await import('../../../src/core/expr/texForm');
    // Each level uses the one below twice: 2^40 nodes written out, 81 distinct.
    let n = parse('x');
    for (let i = 0; i < 40; i++) n = { kind: 'bin', op: '*', left: n, right: { kind: 'bin', op: '+', left: n, right: { kind: 'num', value: 1 } } };
    const t0 = performance.now();
    expect(texForm(n)).toBe(n);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(MAX_TEX_FORM_NODES).toBeGreaterThan(1000);
  });
});
