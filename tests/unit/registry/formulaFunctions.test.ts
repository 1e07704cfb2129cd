/**
 * Registry activations callable in typed formulas (gelu(x), glu(a, u)) come only from the table a
 * caller passes (registryFunctions()); importing the registry installs nothing, so parsing does
 * not depend on which modules were imported first. Registry entries need no table at all.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation, compileFormula } from '../../../src/core/activation/compile';
import { isExprError } from '../../../src/core/expr/errors';
import { allEntries, registryFunctions, resolveEntry } from '../../../src/core/registry/index';

describe('the registry function table is passed, never installed', () => {
  it('with the registry imported, a formula calling gelu is refused unless the table is passed', () => {
    let error: unknown;
    try {
      compileFormula('gelu(x)', []);
    } catch (e) {
      error = e;
    }
    expect(isExprError(error)).toBe(true);
    expect((error as Error).message).toMatch(/gelu/);
    const c = compileFormula('gelu(x)', [], { functions: registryFunctions() }).scalar();
    // GELU(x) = x·Φ(x), Φ(1) = 0.8413447460685429 (closed form ½(1 + erf(1/√2))).
    expect(c.f(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(c.f(-2)).toBeCloseTo(-2 * 0.022750131948179195, 15);
  });

  it('every registry entry compiles (default options) with built-in functions only', () => {
    for (const entry of allEntries()) {
      expect(() => compileActivation(entry, {}, { functions: {} }), entry.id).not.toThrow();
    }
  });

  it("a typed formula's entry compiles again to the same activation, with the functions it was given", () => {
    const c = compileFormula('gelu(x) + x', [], { functions: registryFunctions() });
    expect(compileActivation(c.entry)).toBe(c);
    const gelu = compileActivation(resolveEntry('gelu')).scalar();
    for (const x of [-1.5, 0.3, 2]) expect(compileActivation(c.entry).scalar().f(x)).toBeCloseTo(gelu.f(x) + x, 14);
  });
});
