/**
 * An independent evaluator for the registry's formulas: mathjs parses and evaluates the same
 * formula text with its own parser and its own float64 functions. Every entry whose formula
 * uses only names mathjs knows is compared with the compiled float64 f at its default
 * parameters on [−4, 4]; agreement to 1e-12 relative (1e-300 absolute) — both sides are float64
 * evaluations of the same expression, differing only in summation order and library functions.
 */
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { allEntries } from '../../../src/core/registry/index';

const math = create(all);
/** mathjs's own names for our functions, where both mean the same thing. */
const KNOWN = new Set(Object.keys(math).filter((k) => typeof (math as unknown as Record<string, unknown>)[k] === 'function'));
const xs = Array.from({ length: 33 }, (_, i) => -4 + i * 0.25 + 0.01);

describe('registry formulas evaluated by mathjs (an independent parser and evaluator)', () => {
  const compared: string[] = [];
  const skipped: string[] = [];
  for (const entry of allEntries()) {
    // Options pick other formulas, and gated blocks have two variables: this compares f(x) only.
    if (entry.options?.length || compileActivation(entry).vars.length !== 1) continue;
    const names = [...entry.formula.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1]);
    if (names.some((n) => !KNOWN.has(n)) || /[a-zA-Z_]\w*\s*\[/.test(entry.formula)) {
      skipped.push(entry.id);
      continue;
    }
    compared.push(entry.id);
  }

  it.each(compared)('%s: f agrees with mathjs.evaluate of its formula', (id) => {
    const entry = allEntries().find((e) => e.id === id)!;
    const c = compileActivation(entry);
    const params = Object.fromEntries(c.params.map((p) => [p.name, p.default]));
    const f = c.scalar(params).f;
    const node = math.parse(entry.formula);
    const code = node.compile();
    let checked = 0;
    for (const x of xs) {
      const ref = Number(code.evaluate({ ...params, x, pi: Math.PI, e: Math.E }));
      const got = f(x);
      if (!Number.isFinite(ref)) continue;
      checked++;
      expect(Math.abs(got - ref), `${id} at x = ${x}: ${got} vs mathjs ${ref}`).toBeLessThanOrEqual(1e-300 + 1e-12 * Math.abs(ref));
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('covers a real share of the registry', () => {
    console.log(`mathjs reference: ${compared.length} entries compared, ${skipped.length} use functions mathjs lacks`);
    expect(compared.length).toBeGreaterThanOrEqual(15);
  });
});
