/**
 * The CPU kernels (src/core/cpu) against the float64 evaluator (src/core/expr/evaluate.ts, via
 * compiled.scalar), for EVERY registry entry, in eval and training mode: forward values, the
 * gradient to x (or a and u) and to every parameter, with per-run [R, 1] parameters.
 *
 * The kernels compute in float64 from float32 inputs and round once at the end, so values and
 * input gradients must equal the float64 reference rounded to float32 to within one float32
 * ulp (integer powers are multiplied out in the kernel but use Math.pow in the evaluator, which
 * may differ in the last float64 bit). Parameter gradients are float64 sums over a row of
 * dy·∂f/∂p, rounded once: |Δ| ≤ 1e-6·(1e-30 + Σ|terms|).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import type { CompiledActivation, TfActivation } from '../../../src/core/activation/types';
import { makeCpuTfActivation } from '../../../src/core/cpu/cpuActivation';
import { allEntries } from '../../../src/core/registry/index';
import { createRng } from '../../../src/core/data/rng';

const ROWS = 4;
const COLS = 128;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  tf.disposeVariables();
});

function inputs(vars: number): { xs: Float32Array[]; dy: Float32Array } {
  const rng = createRng(11);
  const special = [0, 1, -1, 3, -3, 6, 0.5, -0.5, 2, -2, 30, -30, 100, -100, 1e-3, -1e-3];
  const xs = Array.from({ length: vars }, (_, v) => {
    const a = new Float32Array(ROWS * COLS);
    for (let i = 0; i < a.length; i++) a[i] = i % COLS < special.length && v === 0 ? special[i % COLS] : -8 + 16 * rng.uniform();
    return a;
  });
  return { xs, dy: Float32Array.from({ length: ROWS * COLS }, () => -1 + 2 * rng.uniform()) };
}

function paramRows(c: CompiledActivation): Float32Array[] {
  return c.params.map((p) => Float32Array.from({ length: ROWS }, (_, r) => {
    if (r === 0 || p.integer) return p.default;
    const span = Math.min(p.max - p.min, 4);
    return Math.min(p.max, Math.max(p.min, p.default + (r % 2 ? 1 : -1) * 0.05 * r * span));
  }));
}

/** One float32 ulp at |v|. */
function ulp32(v: number): number {
  const a = Math.abs(Math.fround(v));
  if (a < 1.1754943508222875e-38) return 1.401298464324817e-45;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

function sameFloat32(got: number, ref: number): boolean {
  const r = Math.fround(ref);
  if (Number.isNaN(r)) return Number.isNaN(got);
  if (!Number.isFinite(r)) return got === r;
  return Math.abs(got - r) <= ulp32(r);
}

describe('CPU kernels vs the float64 evaluator, every registry entry', () => {
  for (const training of [false, true]) {
    it(`${training ? 'training (surrogates)' : 'eval'}: values, input and parameter gradients`, () => {
      const failures: string[] = [];
      let checked = 0;
      for (const e of allEntries()) {
        const c = compileActivation(e);
        if (training && !c.ast.surrogate) continue;
        const act = makeCpuTfActivation(c, { training });
        const { xs, dy } = inputs(c.vars.length);
        const rows = paramRows(c);
        const before = tf.memory().numTensors;
        const out = tf.tidy(() => {
          const vars = xs.map((x) => tf.tensor2d(x, [ROWS, COLS]));
          const params = rows.map((r) => tf.tensor2d(r, [ROWS, 1]));
          const record = (ps: tf.Tensor[]) => Object.fromEntries(c.params.map((p, i) => [p.name, ps[i]]));
          const f = (...args: tf.Tensor[]) => {
            const v = args.slice(0, vars.length);
            const ps = args.slice(vars.length);
            return c.vars.length === 2 ? (act.applyGated as NonNullable<TfActivation['applyGated']>)(v[0], v[1], record(ps)) : act.apply(v[0], record(ps));
          };
          const { value, grads } = tf.valueAndGrads(f)([...vars, ...params], tf.tensor2d(dy, [ROWS, COLS]));
          return { value: value.dataSync().slice(), grads: grads.map((g) => g.dataSync().slice()) };
        });
        expect(tf.memory().numTensors).toBe(before);
        checked++;
        const bad = (what: string, i: number, got: number, ref: number) => failures.push(`${e.id} ${what} at ${i}: ${got} vs ${ref}`);
        const nv = c.vars.length;
        const sums = c.params.map(() => new Float64Array(ROWS));
        const scales = c.params.map(() => new Float64Array(ROWS));
        for (let r = 0; r < ROWS; r++) {
          const s = c.scalar(Object.fromEntries(c.params.map((p, k) => [p.name, rows[k][r]])));
          for (let j = 0; j < COLS; j++) {
            const i = r * COLS + j;
            let f: number;
            let dv: number[];
            let dp: number[];
            if (nv === 2 && s.gated) {
              const [a, u] = [xs[0][i], xs[1][i]];
              f = s.gated.o(a, u);
              dv = [s.gated.dOda(a, u), s.gated.dOdu(a, u)];
              dp = c.params.map((p) => s.gated?.dparam[p.name]?.(a, u) ?? 0);
            } else {
              const x = xs[0][i];
              f = s.f(x);
              dv = [training && s.surrogate ? s.surrogate(x) : s.df(x)];
              dp = c.params.map((p) => s.dparam[p.name]?.(x) ?? 0);
            }
            if (!sameFloat32(out.value[i], f)) bad('f', i, out.value[i], f);
            dv.forEach((d, k) => {
              if (!sameFloat32(out.grads[k][i], dy[i] * d)) bad(`d/d${c.vars[k]}`, i, out.grads[k][i], dy[i] * d);
            });
            dp.forEach((d, k) => {
              sums[k][r] += dy[i] * d;
              scales[k][r] += Math.abs(dy[i] * d);
            });
          }
        }
        c.params.forEach((p, k) => {
          for (let r = 0; r < ROWS; r++) {
            const got = out.grads[nv + k][r];
            const ref = sums[k][r];
            if (Number.isNaN(ref) ? !Number.isNaN(got) : !(Math.abs(got - ref) <= 1e-6 * (1e-30 + scales[k][r]))) bad(`d/d${p.name} (row sum)`, r, got, ref);
          }
        });
      }
      expect(checked).toBeGreaterThan(training ? 3 : 80);
      expect(failures.slice(0, 20)).toEqual([]);
    }, 120_000);
  }
});
