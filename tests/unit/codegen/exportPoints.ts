/**
 * Test support: where the export tests evaluate an activation (a grid over far tails with every
 * kink location the registry's formulas use, gated points for Tier C) and a second parameter
 * setting inside the ranges.
 */
import type { CompiledActivation } from '../../../src/core/activation/types';

/** Grid over far tails and ±30, plus every kink location the registry's formulas use. */
const GRID = [
  -1000, -100, -30, -20, -10, -6, -5, -4.5, -3.5, -3.1858810036855245, -3, -2.5, -2, -1.5, -1.25, -1, -0.75, -0.5,
  -0.3, -0.1, -0.05, -1e-4, -5e-5, -1e-9, 0, 1e-9, 5e-5, 1e-4, 0.05, 0.1, 0.3, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3,
  3.190832613414926, 3.5, 4, 4.5, 5, 6, 7, 10, 20, 30, 100, 1000,
];
const GATED_POINTS = [[-3, 2], [-1, -1], [0, 0], [0, 1], [1, 0], [0.5, -2], [2, 3], [-0.2, 0.7], [30, -1], [-30, 1]];

/** The grid plus the kinks that move with the parameters (shifted-relu's τ, clipped τ + m, …). */
export function pointsFor(c: CompiledActivation, values: Record<string, number>): number[][] {
  if (c.vars.length === 2) return GATED_POINTS;
  const ps = c.params.map((p) => values[p.name] ?? p.default).filter((v) => Math.abs(v) < 50);
  const moving = ps.flatMap((a) => [a, -a, ...ps.flatMap((b) => [a + b, -a - b])]);
  return [...new Set([...GRID, ...moving])].map((x) => [x]);
}

/** A second parameter setting inside the ranges: 30% of the way from each default towards max. */
export function shiftedValues(c: CompiledActivation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of c.params) {
    const v = p.default + 0.3 * (p.max - p.default);
    out[p.name] = p.integer ? Math.round(v) : v;
  }
  return out;
}
