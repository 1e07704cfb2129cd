/**
 * Every registry entry's tf.js op (default options) on the CPU and the WASM backend, against the
 * float64 closures (compiled separately from the same trees, in float64 — the independent
 * reference): forward, tf.grads to x (to a and u for gated blocks) and to per-run parameters
 * [2, 1, 1] (run 0 at the defaults, run 1 nudged; fixed parameters, which may not vary per run,
 * as scalars), on a grid plus the kink points −6…6 in halves
 * (ties decided by the left-hand rule). Reference inputs are the float32-rounded x and
 * parameters. Tolerances: values 1e-5·|ref| + 1e-5, and the same on dy·f′ / dy (as the CPU
 * registry sweep: elephant's σ(1 − σ) underflows to 0 in float32 where float64 has 4e-6); parameter
 * gradients are sums over the points, so 1e-4·Σ|terms| + 1e-4. Tensor count must not grow.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/core/activation/compile';
import { makeTfActivation } from '../../../src/core/activation/tfop';
import { allEntries } from '../../../src/core/registry/index';
import type { ParamSpec } from '../../../src/core/registry/types';
import { selectBackend } from '../../../src/core/train/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const GRID = Array.from({ length: 97 }, (_, i) => -12 + i * 0.25 + 0.0123);
const KINKS = Array.from({ length: 25 }, (_, i) => -6 + i * 0.5);
const XS = [...GRID, ...KINKS, -40, 40].map(Math.fround);
const P = XS.length;

/** Run 1's value: a small step inside the slider range (integers stay integers). */
function nudged(p: ParamSpec): number {
  if (p.integer || p.learnable === 'no') return Math.fround(p.default);
  const step = 0.05 * (p.max - p.min);
  const up = p.default + step <= p.max ? p.default + step : p.default - step;
  return Math.fround(up);
}

function within(got: number, want: number, rel: number, abs: number): boolean {
  return Math.abs(got - want) <= rel * Math.abs(want) + abs || (Number.isNaN(got) && Number.isNaN(want));
}

function checkEntry(id: string): string[] {
  const entry = allEntries().find((e) => e.id === id);
  if (!entry) throw new Error(`no entry ${id}`);
  const c = compileActivation(entry);
  const act = makeTfActivation(c);
  const values = [c.params.map((p) => Math.fround(p.default)), c.params.map(nudged)];
  const gated = c.vars.length === 2;
  const us = XS.map((_, i) => Math.fround(0.5 + ((i * 7) % 11) / 4 - 1.25));
  const dys = XS.map((_, i) => Math.fround(1 + ((i * 5) % 7) / 3));
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const x = tf.tensor3d([...XS, ...XS], [2, P, 1]);
    const u = tf.tensor3d([...us, ...us], [2, P, 1]);
    const dy = tf.tensor3d([...dys, ...dys], [2, P, 1]);
    const ps = c.params.map((p, j) => (p.learnable === 'no' ? tf.scalar(values[0][j]) : tf.tensor3d([values[0][j], values[1][j]], [2, 1, 1])));
    const named = (ts: tf.Tensor[]) => Object.fromEntries(c.params.map((p, j) => [p.name, ts[j]]));
    const applyGated = act.applyGated;
    const y = applyGated ? applyGated(x, u, named(ps)) : act.apply(x, named(ps));
    const grads = applyGated
      ? tf.grads((a: tf.Tensor, uu: tf.Tensor, ...rest: tf.Tensor[]) => applyGated(a, uu, named(rest)))([x, u, ...ps], dy)
      : tf.grads((a: tf.Tensor, ...rest: tf.Tensor[]) => act.apply(a, named(rest)))([x, ...ps], dy);
    return [y, ...grads].map((t) => t.dataSync());
  });
  const problems: string[] = [];
  if (tf.memory().numTensors !== before) problems.push(`tensor count ${before} → ${tf.memory().numTensors}`);
  const [y, gx, ...rest] = out;
  const gu = gated ? rest.shift() : undefined;
  // Per parameter and run: [Σ dy·∂f/∂p, Σ |dy·∂f/∂p|].
  const sums = c.params.map(() => [[0, 0], [0, 0]]);
  for (let r = 0; r < 2; r++) {
    const pv = Object.fromEntries(c.params.map((p, j) => [p.name, values[r][j]]));
    const s = c.scalar(pv);
    const g = s.gated;
    XS.forEach((x, i) => {
      const k = r * P + i;
      const f = g ? g.o(x, us[i]) : s.f(x);
      const dfx = g ? g.dOda(x, us[i]) : s.df(x);
      if (!within(y[k], f, 1e-5, 1e-5)) problems.push(`run ${r} f(${x}) = ${y[k]}, float64 ${f}`);
      if (!within(gx[k], dys[i] * dfx, 1e-5, 1e-5 * dys[i])) problems.push(`run ${r} ∂/∂x at ${x}: ${gx[k]}, float64 ${dys[i] * dfx}`);
      if (g && gu) {
        const want = dys[i] * g.dOdu(x, us[i]);
        if (!within(gu[k], want, 1e-5, 1e-5 * dys[i])) problems.push(`run ${r} ∂/∂u at ${x}: ${gu[k]}, float64 ${want}`);
      }
      c.params.forEach((p, j) => {
        const dp = g ? g.dparam[p.name] : s.dparam[p.name];
        const term = dp ? dys[i] * (g ? (dp as (a: number, u: number) => number)(x, us[i]) : (dp as (x: number) => number)(x)) : 0;
        sums[j][r][0] += term;
        sums[j][r][1] += Math.abs(term);
      });
    });
  }
  c.params.forEach((p, j) => {
    // A scalar (fixed) parameter's gradient sums over both runs.
    const runs = rest[j].length === 1 ? [[sums[j][0][0] + sums[j][1][0], sums[j][0][1] + sums[j][1][1]]] : sums[j];
    runs.forEach(([want, scale], r) => {
      if (!within(rest[j][r], want, 0, 1e-4 * scale + 1e-4)) problems.push(`run ${r} ∂/∂${p.name}: ${rest[j][r]}, float64 ${want}`);
    });
  });
  return problems;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`every registry op on the ${backend} backend`, () => {
    it(`${backend} is available`, async () => {
      const choice = await selectBackend(backend);
      expect(choice.backend).toBe(backend);
      expect(tf.getBackend()).toBe(backend);
    });
    for (const entry of allEntries()) {
      it(entry.id, () => {
        expect(tf.getBackend()).toBe(backend);
        expect(checkEntry(entry.id).slice(0, 5)).toEqual([]);
      });
    }
  });
}
