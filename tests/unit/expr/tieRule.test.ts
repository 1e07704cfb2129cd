/**
 * The tie rule (evaluate.ts isolatedTie) on every path: float64 evaluation, the CPU JIT, the row
 * interpreter and tf.js composed ops (float32). Each case is a formula whose derivative is known in
 * closed form on both sides of a kink or of the point where a comparison saturates; the wanted f′
 * is the derivative of the branch f takes as evaluated (or the left-hand kink rule at a point).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runProgram, setJitEnabled } from '../../../src/core/cpu/runProgram';
import { compileSlotProgram } from '../../../src/core/cpu/slotProgram';
import { diff } from '../../../src/core/expr/diff';
import { compileFloat64, isolatedTie } from '../../../src/core/expr/evaluate';
import { parseFormula } from '../../../src/core/expr/parse';
import { compileTf } from '../../../src/core/expr/tfjs';

const derivative = (src: string) => diff(parseFormula(src, { vars: ['x'], params: [] }), 'x');

/** [formula, x, f′] where the answer is the same in float64 and float32. */
const BOTH: [string, number, number][] = [
  // relu-type kinks at 0 (left-hand rule), and just beside them.
  ['max(x, 0)', 0, 0], ['max(x, 0)', -1e-30, 0], ['max(x, 0)', 1e-30, 1],
  ['abs(x)', 0, -1], ['abs(x)', 3, 1],
  ['min(max(x, 0), 6)', 6, 1], ['min(max(x, 0), 6)', 6.5, 0],
  ['x > 0 ? 3 * x : -x', 0, -1],
  // A kink at large x: the sides (x and 1e10) part at slope 1, one ulp of x per ulp.
  ['x >= 1e10 ? 2 * x : x', 1e10, 1], ['x >= 1e10 ? 2 * x : x', 1e10 * (1 - 2 ** -20), 1], ['x >= 1e10 ? 2 * x : x', 1e10 * (1 + 2 ** -20), 2],
  ['x < -1e10 ? 2 * x : x', -1e10, 2], ['x < -1e10 ? 2 * x : x', -1e10 * (1 - 2 ** -20), 1],
  // Saturated: Phi(x) rounds to 1 (float64 from x ≈ 8.3, float32 from ≈ 5.4), f = 1 there.
  ['Phi(x) < 1 ? x : 1', 9, 0], ['Phi(x) < 1 ? x : 1', 12, 0], ['Phi(x) < 1 ? x : 1', 3, 1],
  // erf(x) rounds to 1 (float64 from ≈ 5.9, float32 from ≈ 3.9), f = x there.
  ['erf(x) >= 1 ? x : 0', 7, 1], ['erf(x) >= 1 ? x : 0', 10, 1], ['erf(x) >= 1 ? x : 0', 2, 0],
];

/** Float64 only: where float32 saturates earlier, or the tie is a float64 crossing. */
const F64: [string, number, number][] = [
  ['Phi(x) < 1 ? x : 1', 8.3, 0], ['Phi(x) < 1 ? x : 1', 6, 1],
  ['erf(x) >= 1 ? x : 0', 5.95, 1], ['erf(x) >= 1 ? x : 0', 5, 0],
  // A crossing where the slope is small (phi(4) ≈ 1.3e-4) but nonzero: a kink, left-hand rule.
  ['Phi(x) >= Phi(4) ? 2 * x : x', 4, 1], ['Phi(x) >= Phi(4) ? 2 * x : x', 4.001, 2],
];

/** Float32 only: past float32's saturation, before float64's. */
const F32: [string, number, number][] = [
  ['Phi(x) < 1 ? x : 1', 6, 0], ['erf(x) >= 1 ? x : 0', 5, 1],
];

function onSlots(src: string, x: number): number {
  const p = compileSlotProgram([derivative(src)], ['x'], 1);
  const out = new Float64Array(1);
  runProgram(p, { elementArgs: [Float64Array.from([x])], scalarArgs: [], start: 0, n: 1, elementOut: [out] });
  return out[0];
}

describe('isolatedTie', () => {
  it('is scale-free: a unit-slope tie is a kink at 1e-300, 1, 1e10 and 1e300; a slope 2⁻³⁰ of the value is not', () => {
    for (const t of [1e-300, 1, 1e10, 1e300]) {
      expect(isolatedTie(t, t, 0)).toBe(true); // dl scaled by |x| = t
      expect(isolatedTie(t, t * 2 ** -30, 0)).toBe(false);
    }
    expect(isolatedTie(0, 2 ** -126, 0)).toBe(true);
    expect(isolatedTie(1, NaN, 0)).toBe(false);
  });
});

describe('f′ at ties, float64 paths', () => {
  afterEach(() => setJitEnabled(true));
  for (const [src, x, want] of [...BOTH, ...F64]) {
    it(`${src} at x = ${x}: f′ = ${want} (float64, JIT, row interpreter)`, () => {
      expect(compileFloat64(derivative(src), ['x'])([x])).toBe(want);
      setJitEnabled(true);
      expect(onSlots(src, x)).toBe(want);
      setJitEnabled(false);
      expect(onSlots(src, x)).toBe(want);
    });
  }
});

describe('f′ at ties, tf.js composed ops (float32)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const [src, x, want] of [...BOTH, ...F32]) {
    it(`${src} at x = ${x}: f′ = ${want}`, () => {
      const op = compileTf(derivative(src), ['x']);
      const t = tf.tidy(() => op({ x: tf.tensor1d([x]) }));
      expect(t.dataSync()[0]).toBe(want);
      t.dispose();
    });
  }
});
