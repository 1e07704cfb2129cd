/**
 * Fused WGSL kernels on tf.js's WebGPU backend (Dawn + SwiftShader in Node) against the composed
 * reference op (makeTfActivation) on the CPU backend, for EVERY registry entry the generator
 * handles: forward values, the gradient to x (or a and u), and the gradient to every parameter,
 * with per-run [R, 1] parameters so the block broadcast and the per-run reductions are exercised.
 * Skipped, with the reason, only when no WebGPU adapter can be created.
 *
 * Tolerance (float32; the two paths round differently and formulas such as the elephant's
 * f′ = −(d/x)·f(1−f) amplify rounding by their condition number): |fused − reference| ≤
 * 3e-5 + 3e-5·|reference| elementwise for values and input gradients; parameter gradients are
 * sums of 256 terms, so there the scale is Σ|dy·∂f/∂p| (from the reference terms):
 * |Δ| ≤ 3e-5·(1 + Σ|terms|). Where the reference itself is NaN (∂(x^k)/∂k = x^k·ln x at x < 0)
 * the element is not compared: WGSL leaves the log of a negative number implementation-defined.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { makeTfActivation } from '../../../src/core/activation/tfop';
import type { CompiledActivation, TfActivation } from '../../../src/core/activation/types';
import { setUpNodeWebGpu } from '../../../src/bench/nodeWebGpu';
import { activationKernels } from '../../../src/core/gpu/activationKernels';
import { makeFusedTfActivation } from '../../../src/core/gpu/fusedActivation';
import { allEntries } from '../../../src/core/registry/index';
import { createRng } from '../../../src/core/data/rng';

const ROWS = 4;
const COLS = 256;

interface Result {
  value: Float32Array;
  dvars: Float32Array[];
  dparams: Float32Array[];
  /** Σ|dy·∂f/∂p| per parameter row (reference only), the scale of each parameter-gradient sum. */
  scale?: Float32Array[];
}

/** Inputs on a grid including the kinks of the registry (0, ±1, ±3, 6, …) and far tails. */
function inputs(vars: number): { xs: Float32Array[]; dy: Float32Array } {
  const rng = createRng(7);
  const special = [0, 1, -1, 3, -3, 6, 0.5, -0.5, 2, -2, 30, -30, 100, -100];
  const xs = Array.from({ length: vars }, (_, v) => {
    const a = new Float32Array(ROWS * COLS);
    for (let i = 0; i < a.length; i++) a[i] = i % COLS < special.length && v === 0 ? special[i % COLS] : -10 + 20 * rng.uniform();
    return a;
  });
  const dy = Float32Array.from({ length: ROWS * COLS }, () => -1 + 2 * rng.uniform());
  return { xs, dy };
}

/** Row 0 at the defaults; other rows nudged inside the range (integers kept). */
function paramRows(c: CompiledActivation): Float32Array[] {
  return c.params.map((p) => Float32Array.from({ length: ROWS }, (_, r) => {
    if (r === 0 || p.integer) return p.default;
    const span = Math.min(p.max - p.min, 4);
    return Math.min(p.max, Math.max(p.min, p.default + (r % 2 ? 1 : -1) * 0.05 * r * span));
  }));
}

async function evaluate(act: TfActivation, c: CompiledActivation, withScale: boolean): Promise<Result> {
  const { xs, dy } = inputs(c.vars.length);
  const rows = paramRows(c);
  const tensors = tf.tidy(() => {
    const vars = xs.map((x) => tf.tensor2d(x, [ROWS, COLS]));
    const params = rows.map((r) => tf.tensor2d(r, [ROWS, 1]));
    const dyT = tf.tensor2d(dy, [ROWS, COLS]);
    const record = (ps: tf.Tensor[]) => Object.fromEntries(c.params.map((p, i) => [p.name, ps[i]]));
    const f = (...args: tf.Tensor[]) => {
      const v = args.slice(0, vars.length);
      const ps = args.slice(vars.length);
      return c.vars.length === 2 ? (act.applyGated as NonNullable<TfActivation['applyGated']>)(v[0], v[1], record(ps)) : act.apply(v[0], record(ps));
    };
    const { value, grads } = tf.valueAndGrads(f)([...vars, ...params], dyT);
    // Per-element terms dy·∂f/∂p from the composed ops, summed in absolute value per row.
    const scale = withScale
      ? c.params.map((_, i) => {
          const perElement = tf.grad((t: tf.Tensor) => f(...vars, ...params.map((q, j) => (j === i ? t : q))))(tf.broadcastTo(params[i], [ROWS, COLS]), dyT);
          return tf.sum(tf.abs(perElement), 1);
        })
      : [];
    return { value, dvars: grads.slice(0, vars.length), dparams: grads.slice(vars.length), scale };
  });
  const read = async (ts: tf.Tensor[]) => Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));
  const out: Result = {
    value: (await tensors.value.data()) as Float32Array,
    dvars: await read(tensors.dvars),
    dparams: await read(tensors.dparams),
    ...(withScale ? { scale: await read(tensors.scale) } : {}),
  };
  tf.dispose([tensors.value, ...tensors.dvars, ...tensors.dparams, ...tensors.scale]);
  return out;
}

function worst(got: Float32Array, ref: Float32Array, tol: (i: number) => number): { ratio: number; at: number } {
  let ratio = 0;
  let at = -1;
  for (let i = 0; i < ref.length; i++) {
    if (Number.isNaN(ref[i])) continue;
    const both = Number.isFinite(ref[i]) || Number.isFinite(got[i]);
    const r = !both ? (Object.is(ref[i], got[i]) || (Number.isNaN(ref[i]) && Number.isNaN(got[i])) ? 0 : Infinity) : Math.abs(got[i] - ref[i]) / tol(i);
    if (!(r <= ratio)) {
      ratio = r;
      at = i;
    }
  }
  return { ratio, at };
}

let gpu: { ok: boolean; reason?: string } = { ok: false, reason: 'not set up' };

beforeAll(async () => {
  gpu = await setUpNodeWebGpu();
  if (!gpu.ok) console.warn(`Skipping fused-kernel GPU tests: ${gpu.reason}`);
}, 120_000);

afterAll(async () => {
  await tf.setBackend('cpu');
});

const MODES: { name: string; training: boolean }[] = [
  { name: 'eval', training: false },
  { name: 'training (surrogate backward for modifiers)', training: true },
];

describe('fused WGSL kernels vs the composed tf.js op (CPU backend)', () => {
  const entries = allEntries();

  it('the generator handles every registry entry except those it names (Mittag-Leffler)', () => {
    const unsupported = entries.filter((e) => !activationKernels(compileActivation(e), {}).ok).map((e) => e.id);
    expect(unsupported).toEqual(['mittag-leffler']);
  });

  for (const mode of MODES) {
    it(`every supported entry, ${mode.name}: values, input and parameter gradients`, async (ctx) => {
      if (!gpu.ok) ctx.skip();
      const failures: string[] = [];
      let checked = 0;
      for (const e of entries) {
        const c = compileActivation(e);
        if (!activationKernels(c, { training: mode.training }).ok) continue;
        if (mode.training && !c.ast.surrogate) continue;
        await tf.setBackend('cpu');
        const ref = await evaluate(makeTfActivation(c, { training: mode.training }), c, true);
        await tf.setBackend('webgpu');
        const before = tf.memory().numTensors;
        const got = await evaluate(makeFusedTfActivation(c, { training: mode.training }), c, false);
        expect(tf.memory().numTensors).toBe(before);
        checked++;
        const elementTol = (r: Float32Array) => (i: number) => 3e-5 + 3e-5 * Math.abs(r[i]);
        const checks: [string, { ratio: number; at: number }][] = [
          ['f', worst(got.value, ref.value, elementTol(ref.value))],
          ...c.vars.map((v, i): [string, { ratio: number; at: number }] => [`d/d${v}`, worst(got.dvars[i], ref.dvars[i], elementTol(ref.dvars[i]))]),
          ...c.params.map((p, i): [string, { ratio: number; at: number }] => {
            const scale = (ref.scale as Float32Array[])[i];
            return [`d/d${p.name}`, worst(got.dparams[i], ref.dparams[i], (r) => 3e-5 * (1 + scale[r]))];
          }),
        ];
        for (const [what, w] of checks) {
          if (!(w.ratio <= 1)) failures.push(`${e.id} ${what}: error ${w.ratio.toFixed(2)}× tolerance at element ${w.at}`);
        }
      }
      expect(checked).toBeGreaterThan(mode.training ? 3 : 80);
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
