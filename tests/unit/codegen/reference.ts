/**
 * Test support: the playground's own float64 numbers for an activation (compiled f, f′ or the
 * surrogate, ∂o/∂a and ∂o/∂u for gated blocks, ∂f/∂p), laid out like run_exported.py's output,
 * and the comparison the export tests use.
 */
import { expect } from 'vitest';
import type { CompiledActivation } from '../../../src/core/activation/types';
import type { RunResult } from './pythonHarness';

const EXP88 = Math.exp(88);

export interface Reference {
  f: number[];
  grads: number[][];
}

export function playgroundReference(compiled: CompiledActivation, values: Record<string, number>, points: number[][]): Reference {
  const s = compiled.scalar(values);
  const names = compiled.params.map((p) => p.name);
  const f: number[] = [];
  const grads: number[][] = [];
  for (const pt of points) {
    if (compiled.vars.length === 2) {
      const g = s.gated;
      if (!g) throw new Error(`${compiled.entry.id}: gated activation without gated scalar`);
      const [a, u] = pt;
      f.push(g.o(a, u));
      grads.push([g.dOda(a, u), g.dOdu(a, u), ...names.map((p) => (g.dparam[p] ? g.dparam[p](a, u) : 0))]);
    } else {
      const [x] = pt;
      f.push(s.f(x));
      const dx = s.surrogate ? s.surrogate(x) : s.df(x);
      grads.push([dx, ...names.map((p) => (s.dparam[p] ? s.dparam[p](x) : 0))]);
    }
  }
  return { f, grads };
}

/**
 * Same number up to `rel`·(1 + |want|): NaN matches NaN and infinities match exactly. The
 * export evaluates the same trees in the same order, so only special functions (erf, tanh, …
 * from Python's libm vs mathjs/JS) may differ, by a few ulps.
 */
function sameNumber(got: number | null, want: number, rel: number): boolean {
  if (got === null) return false;
  // Beyond e^88 the export differs by design: exp arguments are clamped to 88, as in the
  // playground's float32 ops, so e^x stops at 1.65e38. Both must then be that large, same sign.
  if (Math.abs(want) > EXP88 && Number.isFinite(got)) return Math.sign(got) === Math.sign(want) && Math.abs(got) >= EXP88 * (1 - 1e-12);
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got);
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want;
  return Math.abs(got - want) <= rel * (1 + Math.abs(want));
}

/** Every forward value and gradient of the run matches the reference; lists the first mismatches. */
export function expectMatches(label: string, points: number[][], run: RunResult, ref: Reference, rel: number, skipGrad?: (i: number, k: number) => boolean): void {
  const bad: string[] = [];
  points.forEach((pt, i) => {
    if (!sameNumber(run.f[i], ref.f[i], rel)) bad.push(`f(${pt}) = ${run.f[i]}, playground ${ref.f[i]}`);
    ref.grads[i].forEach((want, k) => {
      if (skipGrad?.(i, k)) return;
      const got = run.grads[i][k];
      if (!sameNumber(got, want, rel)) bad.push(`grad[${k}](${pt}) = ${got}, playground ${want}`);
    });
  });
  expect(bad.slice(0, 8), `${label}: ${bad.length} mismatches`).toEqual([]);
}
