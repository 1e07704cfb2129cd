/**
 * The WebAssembly SIMD kernels (src/core/wasm) against independent references:
 * - gemm, on shapes that hit every remainder of its 4-row × 8/4/1-column blocking, with A read
 *   directly and through transposed strides, with and without bias: against float64 sums, within
 *   the forward error bound of float32 recursive summation, (K + 2)·2⁻²⁴·(Σ|a·b| + |bias|);
 * - the stacked dense op on the WebAssembly engine: values and all three gradients, same bound;
 * - Adam: bit-identical to the JS loop (optimizerKernels.ts, itself bit-identical to the tf.js
 *   op chain), with L2, a clamp, NaN gradients, inactive runs and a scalar tail.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackedDense } from '../../../src/core/cpu/denseOp';
import { jsAdamUpdate, type UpdateInput } from '../../../src/core/cpu/optimizerKernels';
import { createRng } from '../../../src/core/data/rng';
import { wasmAdamUpdate } from '../../../src/core/wasm/wasmAdam';
import { ARENA, cpuEngine, setWasmKernelsEnabled, wasmKernels, type WasmKernels } from '../../../src/core/wasm/wasmEngine';

const U = 2 ** -24;
let k: WasmKernels;

beforeAll(async () => {
  await tf.setBackend('cpu');
  setWasmKernelsEnabled(true);
  expect(cpuEngine()).toEqual({ engine: 'wasm-simd' });
  k = wasmKernels() as WasmKernels;
});
afterAll(() => setWasmKernelsEnabled(true));

/** Σ a·b in float64 and the error bound of its float32 evaluation. */
function bounded(terms: number[], bias: number): { exact: number; tol: number } {
  let exact = bias;
  let mag = Math.abs(bias);
  for (const t of terms) {
    exact += t;
    mag += Math.abs(t);
  }
  return { exact, tol: (terms.length + 2) * U * mag };
}

describe('gemm (WebAssembly SIMD)', () => {
  for (const [P, Q, K] of [[1, 1, 1], [3, 1, 9], [4, 8, 5], [5, 13, 7], [9, 4, 1], [7, 20, 33], [64, 32, 32]]) {
    for (const transposed of [false, true]) {
      it(`${P}×${K} · ${K}×${Q}${transposed ? ', A transposed' : ''}, with and without bias`, () => {
        const rng = createRng(P * 1000 + Q * 10 + K);
        const a = Float32Array.from({ length: P * K }, () => rng.normal());
        const b = Float32Array.from({ length: K * Q }, () => rng.normal());
        const bias = Float32Array.from({ length: Q }, () => rng.normal());
        const n = P * K + K * Q + Q + P * Q + 12;
        const mem = k.reserve(n);
        const [aa, ba, biasa, ca] = [ARENA, ARENA + P * K * 4, ARENA + (P * K + K * Q) * 4, ARENA + (P * K + K * Q + Q) * 4];
        mem.set(a, aa >> 2);
        mem.set(b, ba >> 2);
        mem.set(bias, biasa >> 2);
        // Transposed: a holds [K, P], element (p, k) at p·4 + k·P·4.
        const [sp, sk] = transposed ? [4, P * 4] : [K * 4, 4];
        const aAt = (p: number, kk: number): number => (transposed ? a[kk * P + p] : a[p * K + kk]);
        for (const withBias of [false, true]) {
          (withBias ? k.gemmBias : k.gemm)(aa, sp, sk, ba, ca, P, Q, K, withBias ? biasa : 0);
          const c = k.reserve(n).slice(ca >> 2, (ca >> 2) + P * Q);
          for (let p = 0; p < P; p++) {
            for (let q = 0; q < Q; q++) {
              const terms = Array.from({ length: K }, (_, kk) => aAt(p, kk) * b[kk * Q + q]);
              const { exact, tol } = bounded(terms, withBias ? bias[q] : 0);
              expect(Math.abs(c[p * Q + q] - exact)).toBeLessThanOrEqual(tol);
            }
          }
        }
      });
    }
  }
});

describe('stackedDense on the WebAssembly engine', () => {
  for (const [R, Rx, B, nIn, nOut] of [[3, 3, 5, 3, 7], [3, 1, 5, 3, 7], [2, 2, 1, 1, 1], [4, 4, 6, 9, 4], [2, 1, 33, 2, 5], [2, 2, 40, 32, 1]]) {
    it(`R=${R}, x runs=${Rx}, B=${B}, ${nIn}→${nOut}: values and gradients within float32 summation error`, () => {
      const rng = createRng(R * 100 + B + nOut);
      const draw = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
      const [x, W, b, dy] = [draw(Rx * B * nIn), draw(R * nIn * nOut), draw(R * nOut), draw(R * B * nOut)];
      const got = tf.tidy(() => {
        const f = (xt: tf.Tensor, Wt: tf.Tensor, bt: tf.Tensor) => stackedDense(xt, Wt, bt);
        const { value, grads } = tf.valueAndGrads(f)([tf.tensor3d(x, [Rx, B, nIn]), tf.tensor3d(W, [R, nIn, nOut]), tf.tensor3d(b, [R, 1, nOut])], tf.tensor3d(dy, [R, B, nOut]));
        return [value, ...grads].map((t) => Array.from(t.dataSync()));
      });
      const check = (value: number, terms: number[], bias = 0, runs = 1) => {
        const { exact, tol } = bounded(terms, bias);
        // Shared inputs' dx: per-run float32 sums, added in float64 and rounded once.
        expect(Math.abs(value - exact)).toBeLessThanOrEqual(tol * runs + U * Math.abs(exact));
      };
      const xAt = (r: number, i: number, kk: number) => x[((Rx === 1 ? 0 : r) * B + i) * nIn + kk];
      const wAt = (r: number, kk: number, j: number) => W[r * nIn * nOut + kk * nOut + j];
      const gAt = (r: number, i: number, j: number) => dy[(r * B + i) * nOut + j];
      const range = (n: number) => Array.from({ length: n }, (_, i) => i);
      for (let r = 0; r < R; r++) {
        for (let i = 0; i < B; i++) for (let j = 0; j < nOut; j++) check(got[0][(r * B + i) * nOut + j], range(nIn).map((kk) => xAt(r, i, kk) * wAt(r, kk, j)), b[r * nOut + j]);
        for (let kk = 0; kk < nIn; kk++) for (let j = 0; j < nOut; j++) check(got[2][r * nIn * nOut + kk * nOut + j], range(B).map((i) => xAt(r, i, kk) * gAt(r, i, j)));
        for (let j = 0; j < nOut; j++) check(got[3][r * nOut + j], range(B).map((i) => gAt(r, i, j)));
      }
      for (let rx = 0; rx < Rx; rx++) {
        const runs = Rx === 1 ? range(R) : [rx];
        for (let i = 0; i < B; i++) {
          for (let kk = 0; kk < nIn; kk++) check(got[1][(rx * B + i) * nIn + kk], runs.flatMap((r) => range(nOut).map((j) => gAt(r, i, j) * wAt(r, kk, j))), 0, runs.length);
        }
      }
    });
  }
});

describe('Adam (WebAssembly SIMD) = the JS loop, bit for bit', () => {
  for (const [runs, per, l2, clamp] of [[3, 7, 0, false], [3, 7, 1e-3, true], [4, 1, 1e-4, false], [2, 64, 0, true]] as const) {
    it(`${runs} runs × ${per} elements, L2 ${l2}${clamp ? ', clamped' : ''}, run 1 inactive`, () => {
      const rng = createRng(runs * 31 + per);
      const n = runs * per;
      const draw = (s: number) => Float32Array.from({ length: n }, () => rng.normal() * s);
      let [w, m, v]: Float32Array[] = [draw(1), draw(0.1), Float32Array.from(draw(0.1), Math.abs)];
      let [wj, mj, vj] = [w, m, v];
      for (let t = 1; t <= 4; t++) {
        const g = draw(t === 2 ? 1e3 : 1);
        g[Math.min(per, n - 1)] = NaN;
        const inp = (weights: Float32Array): UpdateInput => ({ w: weights, g, runs, active: t > 1 ? Array.from({ length: runs }, (_, r) => r !== 1) : null, l2, clamp: clamp ? [-0.5, 0.7] : undefined });
        const s = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, bc1: 1 - 0.9 ** t, bc2: 1 - 0.999 ** t };
        const ranges: number[] = [];
        for (let r = 0; r < runs; r++) if (t === 1 || r !== 1) ranges.push(r * per, (r + 1) * per);
        const a = wasmAdamUpdate(k, inp(w), m, v, s, ranges);
        const b = jsAdamUpdate(inp(wj), mj, vj, s);
        [w, m, v] = [a.w, a.state[0], a.state[1]];
        [wj, mj, vj] = [b.w, b.state[0], b.state[1]];
        expect(Array.from(w)).toEqual(Array.from(wj));
        expect(Array.from(m)).toEqual(Array.from(mj));
        expect(Array.from(v)).toEqual(Array.from(vj));
      }
      // Something moved, and the NaN reached the weights of the run it was in.
      expect(w.some((x, i) => Number.isNaN(x) && Math.floor(i / per) === Math.floor(Math.min(per, n - 1) / per))).toBe(true);
    });
  }
});
