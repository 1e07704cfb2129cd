/**
 * Entries whose computed formula carries a numerical guard show the mathematical TeX: derived
 * from `math.formula`, identical to the TeX of that formula typed by hand, free of the guard;
 * and the guarded and mathematical formulas agree (float64, 1e-12 relative) where the guard is idle.
 */
import { describe, expect, it } from 'vitest';
import { compileActivation, compileFormula } from '../../../src/core/activation/compile';
import { allEntries } from '../../../src/core/registry';

const guarded = allEntries().filter((e) => e.math);

describe('mathematical TeX of guarded formulas', () => {
  it('covers GoLU', () => {
    expect(guarded.map((e) => e.id)).toContain('golu');
  });

  for (const entry of guarded) {
    it(`${entry.id}: f′, f″ TeX as typed by hand, no guard; values agree away from the guard`, () => {
      const math = entry.math!;
      const shown = compileActivation(entry, {});
      const byHand = compileFormula(math.formula, entry.params);
      expect(shown.tex.df).toBe(byHand.tex.df);
      expect(shown.tex.d2f).toBe(byHand.tex.d2f);
      if (entry.id === 'golu') {
        expect(shown.tex.df).not.toMatch(/min|30/);
        expect(shown.tex.d2f).not.toMatch(/min|30|otherwise/);
      }
      const values = Object.fromEntries(entry.params.map((p) => [p.name, p.default]));
      const a = shown.scalar(values);
      const b = byHand.scalar(values);
      for (let x = -10; x <= 10; x += 0.25) {
        for (const k of ['f', 'df', 'd2f'] as const) {
          const want = b[k](x);
          expect(Math.abs(a[k](x) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        }
      }
    });
  }
});
