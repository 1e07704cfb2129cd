/**
 * The stacked dense op (src/core/cpu/denseOp.ts) against float64 loops written out here, on odd
 * shapes that exercise every remainder of its 2 × 4 blocking, with per-run and shared inputs.
 * Each output is a float64 sum in index order rounded once (the bias added after rounding the
 * product, as tf.matMul then tf.add do), so the comparison is exact. These are the JS kernels
 * (the WebAssembly engine is turned off here; tests/unit/wasm checks it, within float32 rounding).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackedDense } from '../../../src/core/cpu/denseOp';
import { createRng } from '../../../src/core/data/rng';
import { setWasmKernelsEnabled } from '../../../src/core/wasm/wasmEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
  setWasmKernelsEnabled(false);
});
afterAll(() => setWasmKernelsEnabled(true));

const f32 = Math.fround;

describe('stackedDense', () => {
  for (const [R, Rx, B, nIn, nOut] of [[3, 3, 5, 3, 7], [3, 1, 5, 3, 7], [2, 2, 1, 1, 1], [4, 4, 6, 9, 4], [2, 1, 33, 2, 5]]) {
    it(`R=${R}, x runs=${Rx}, B=${B}, ${nIn}→${nOut}: values and all three gradients exact`, () => {
      const rng = createRng(R * 100 + B);
      const draw = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
      const [x, W, b, dy] = [draw(Rx * B * nIn), draw(R * nIn * nOut), draw(R * nOut), draw(R * B * nOut)];
      const before = tf.memory().numTensors;
      const got = tf.tidy(() => {
        const f = (xt: tf.Tensor, Wt: tf.Tensor, bt: tf.Tensor) => stackedDense(xt, Wt, bt);
        const { value, grads } = tf.valueAndGrads(f)([tf.tensor3d(x, [Rx, B, nIn]), tf.tensor3d(W, [R, nIn, nOut]), tf.tensor3d(b, [R, 1, nOut])], tf.tensor3d(dy, [R, B, nOut]));
        return [value, ...grads].map((t) => Array.from(t.dataSync()));
      });
      expect(tf.memory().numTensors).toBe(before);
      const y: number[] = [];
      const dx = new Float64Array(Rx * B * nIn);
      const dW: number[] = [];
      const db: number[] = [];
      for (let r = 0; r < R; r++) {
        const xr = (Rx === 1 ? 0 : r) * B * nIn;
        for (let i = 0; i < B; i++) {
          for (let j = 0; j < nOut; j++) {
            let s = 0;
            for (let k = 0; k < nIn; k++) s += x[xr + i * nIn + k] * W[r * nIn * nOut + k * nOut + j];
            y.push(f32(f32(s) + b[r * nOut + j]));
          }
          for (let k = 0; k < nIn; k++) {
            let s = 0;
            for (let j = 0; j < nOut; j++) s += dy[(r * B + i) * nOut + j] * W[r * nIn * nOut + k * nOut + j];
            dx[xr + i * nIn + k] += s;
          }
        }
        for (let k = 0; k < nIn; k++) {
          for (let j = 0; j < nOut; j++) {
            let s = 0;
            for (let i = 0; i < B; i++) s += x[xr + i * nIn + k] * dy[(r * B + i) * nOut + j];
            dW.push(f32(s));
          }
        }
        for (let j = 0; j < nOut; j++) {
          let s = 0;
          for (let i = 0; i < B; i++) s += dy[(r * B + i) * nOut + j];
          db.push(f32(s));
        }
      }
      expect(got[0]).toEqual(y);
      expect(got[1]).toEqual(Array.from(dx, f32));
      expect(got[2]).toEqual(dW);
      expect(got[3]).toEqual(db);
    });
  }

  it('refuses shapes that do not fit, naming them', () => {
    const ts = [tf.zeros([2, 3, 4]), tf.zeros([2, 5, 6]), tf.zeros([2, 1, 6])];
    expect(() => stackedDense(ts[0], ts[1], ts[2])).toThrow(/x \[2, 3, 4\] does not fit W \[2, 5, 6\]/);
    tf.dispose(ts);
  });
});
