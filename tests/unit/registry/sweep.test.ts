/**
 * No NaN and no spurious ±Infinity: every entry × 401 points on [−1000, 1000] (plus a fine grid
 * on [−10, 10]) × several parameter settings (defaults, all at min, all at max, all at mid-range)
 * for f, f′, f″, the surrogate and every ∂f/∂p. Infinity is allowed only where the true value
 * overflows float64 (e^x for x > 709.78, reached by `exponential` alone). ∂f/∂p is skipped for
 * integer parameters (power's k): a derivative in an integer is undefined (x^k·ln x is NaN for x < 0).
 */
import { describe, expect, it } from 'vitest';
import { allEntries } from '../../../src/core/registry';
import { compileActivation } from '../../../src/core/activation/compile';
import type { ParamSpec } from '../../../src/core/registry/types';

const XS = [
  ...Array.from({ length: 401 }, (_, i) => -1000 + 5 * i),
  ...Array.from({ length: 201 }, (_, i) => -10 + 0.1 * i + 0.0007),
];

function settings(params: ParamSpec[]): Record<string, number>[] {
  const at = (pick: (p: ParamSpec) => number) => Object.fromEntries(params.map((p) => [p.name, pick(p)]));
  const mid = (p: ParamSpec) => {
    const v = p.scale === 'log' ? Math.sqrt(p.min * p.max) : (p.min + p.max) / 2;
    return p.integer ? Math.round(v) : v;
  };
  const out = [at((p) => p.default), at((p) => p.min), at((p) => p.max), at(mid)];
  return out;
}

/** x where the true f (or a derivative) overflows float64, per entry. */
const overflows: Record<string, (x: number) => boolean> = {
  exponential: (x) => x > 709.78,
};

describe('no NaN / Infinity over [−1000, 1000] × parameter settings', () => {
  for (const entry of allEntries()) {
    it(entry.id, () => {
      const c = compileActivation(entry);
      const problems: string[] = [];
      for (const p of settings(c.params)) {
        const s = c.scalar(p);
        const fns: [string, (x: number) => number][] = [['f', s.f], ['df', s.df], ['d2f', s.d2f], ...Object.entries(s.dparam).filter(([k]) => !c.params.find((q) => q.name === k)?.integer).map(([k, fn]) => [`d/d${k}`, fn] as [string, (x: number) => number])];
        if (s.surrogate) fns.push(['surrogate', s.surrogate]);
        for (const x of XS) {
          if (overflows[entry.id]?.(x)) continue;
          for (const [name, fn] of fns) {
            const v = fn(x);
            if (!Number.isFinite(v)) problems.push(`${name}(${x}) = ${v} at ${JSON.stringify(p)}`);
          }
        }
      }
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});
