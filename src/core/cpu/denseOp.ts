/**
 * h·W + b for a stack of R runs as ONE differentiable op on tf.js's 'cpu' backend:
 * x [R or 1, B, in] (1: the same inputs for every run), W [R, in, out], b [R, 1, out].
 *
 * tf.js's CPU batchMatMul walks W by column with generic stride arithmetic in its inner loop,
 * and the bias then costs a broadcast op (or a matMul with ones) and its gradient a reduction;
 * here each output row is accumulated along contiguous rows of W, the bias is added in the same
 * pass, and the backward pass yields dx, dW and db in two passes. Forward values are those of
 * tf.matMul followed by tf.add (each product summed in float64 in order, rounded to float32,
 * then the bias added and rounded) for in ≤ 48, tf's block size; gradients are float64 sums
 * rounded once. Where WebAssembly SIMD runs (../wasm/wasmEngine.ts), both passes run there
 * instead (../wasm/wasmDense.ts: float32 sums, equal to these within float32 rounding).
 */
import * as tf from '@tensorflow/tfjs';
import { wasmKernels } from '../wasm/wasmEngine';
import { wasmDenseBackward, wasmDenseForward, type DenseGrads } from '../wasm/wasmDense';

type Saved = tf.Tensor | tf.GradSaveFunc;

/**
 * C[p, q] = Σ_k A[p, k]·Bt[q, k] (row-major, contiguous along k), each sum in float64 in k order.
 * Blocks of 2 rows × 4 columns: eight independent accumulators share each load (a single
 * running sum is bound by the add latency: 1.0 → 0.44 ns per multiply-add measured in Node 20).
 */
function gemmABt(A: Float64Array, Bt: Float64Array, C: Float64Array, P: number, Q: number, K: number): void {
  let p = 0;
  for (; p + 2 <= P; p += 2) {
    const a0 = p * K;
    const a1 = a0 + K;
    const c0 = p * Q;
    const c1 = c0 + Q;
    let q = 0;
    for (; q + 4 <= Q; q += 4) {
      const b0 = q * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const u = A[a0 + k];
        const v = A[a1 + k];
        const w0 = Bt[b0 + k];
        const w1 = Bt[b1 + k];
        const w2 = Bt[b2 + k];
        const w3 = Bt[b3 + k];
        s00 += u * w0; s01 += u * w1; s02 += u * w2; s03 += u * w3;
        s10 += v * w0; s11 += v * w1; s12 += v * w2; s13 += v * w3;
      }
      C[c0 + q] = s00; C[c0 + q + 1] = s01; C[c0 + q + 2] = s02; C[c0 + q + 3] = s03;
      C[c1 + q] = s10; C[c1 + q + 1] = s11; C[c1 + q + 2] = s12; C[c1 + q + 3] = s13;
    }
    for (; q < Q; q++) {
      const b = q * K;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < K; k++) {
        s0 += A[a0 + k] * Bt[b + k];
        s1 += A[a1 + k] * Bt[b + k];
      }
      C[c0 + q] = s0;
      C[c1 + q] = s1;
    }
  }
  for (; p < P; p++) {
    const a = p * K;
    const c = p * Q;
    for (let q = 0; q < Q; q++) {
      const b = q * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a + k] * Bt[b + k];
      C[c + q] = s;
    }
  }
}

/** rows × cols block of `src` at `offset` into dst (float64), transposed when `transpose`. */
function load(src: Float32Array, offset: number, rows: number, cols: number, dst: Float64Array, transpose: boolean): Float64Array {
  if (!transpose) {
    for (let t = 0; t < rows * cols; t++) dst[t] = src[offset + t];
  } else {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) dst[j * rows + i] = src[offset + i * cols + j];
  }
  return dst;
}

export function stackedDense(x: tf.Tensor, W: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [R, nIn, nOut] = W.shape as [number, number, number];
  const [Rx, B] = x.shape as [number, number, number];
  if (x.shape.length !== 3 || x.shape[2] !== nIn || (Rx !== R && Rx !== 1)) {
    throw new Error(`stackedDense: x [${x.shape.join(', ')}] does not fit W [${W.shape.join(', ')}]`);
  }
  if (b.size !== R * nOut) throw new Error(`stackedDense: b [${b.shape.join(', ')}] does not fit W [${W.shape.join(', ')}]`);
  const op = tf.customGrad((...args: Saved[]) => {
    const [xt, Wt, bt] = args as tf.Tensor[];
    (args[3] as tf.GradSaveFunc)([xt, Wt]);
    const xv = xt.dataSync() as Float32Array;
    const wv = Wt.dataSync() as Float32Array;
    const bv = bt.dataSync() as Float32Array;
    const wasm = wasmKernels();
    const shape = { R, Rx, B, nIn, nOut };
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
      const g = (Array.isArray(dy) ? dy[0] : dy).dataSync() as Float32Array;
      const xv2 = saved[0].dataSync() as Float32Array;
      const wv2 = saved[1].dataSync() as Float32Array;
      const { dx, dW, db } = wasm ? wasmDenseBackward(wasm, shape, g, xv2, wv2) : jsBackward(g, xv2, wv2);
      return [tf.tensor3d(dx, [Rx, B, nIn]), tf.tensor3d(dW, [R, nIn, nOut]), tf.tensor(db, b.shape)];
    };
    if (wasm) return { value: tf.tensor3d(wasmDenseForward(wasm, shape, xv, wv, bv), [R, B, nOut]), gradFunc };
    const out = new Float32Array(R * B * nOut);
    const xs = new Float64Array(B * nIn);
    const wT = new Float64Array(nOut * nIn);
    const y = new Float64Array(B * nOut);
    for (let r = 0; r < R; r++) {
      if (r === 0 || Rx !== 1) load(xv, (Rx === 1 ? 0 : r) * B * nIn, B, nIn, xs, false);
      load(wv, r * nIn * nOut, nIn, nOut, wT, true);
      gemmABt(xs, wT, y, B, nOut, nIn);
      const o = r * B * nOut;
      const bBase = r * nOut;
      for (let i = 0; i < B; i++) {
        for (let j = 0; j < nOut; j++) out[o + i * nOut + j] = Math.fround(y[i * nOut + j]) + bv[bBase + j];
      }
    }
    return { value: tf.tensor3d(out, [R, B, nOut]), gradFunc };
  });
  const jsBackward = (g: Float32Array, xv2: Float32Array, wv2: Float32Array): DenseGrads => {
    const dx = new Float32Array(Rx * B * nIn);
    const dxSum = Rx === 1 ? new Float64Array(B * nIn) : null;
    const dW = new Float32Array(R * nIn * nOut);
    const db = new Float32Array(R * nOut);
    const xT = new Float64Array(nIn * B);
    const gT = new Float64Array(nOut * B);
    const gRows = new Float64Array(B * nOut);
    const w = new Float64Array(nIn * nOut);
    const cW = new Float64Array(nIn * nOut);
    const cx = new Float64Array(B * nIn);
    for (let r = 0; r < R; r++) {
      const xBase = (Rx === 1 ? 0 : r) * B * nIn;
      const gBase = r * B * nOut;
      if (r === 0 || Rx !== 1) load(xv2, xBase, B, nIn, xT, true);
      load(g, gBase, B, nOut, gT, true);
      load(g, gBase, B, nOut, gRows, false);
      load(wv2, r * nIn * nOut, nIn, nOut, w, false);
      // dW = xᵀ·dy, db = Σ_i dy[i, :], dx = dy·Wᵀ
      gemmABt(xT, gT, cW, nIn, nOut, B);
      dW.set(cW, r * nIn * nOut);
      for (let j = 0; j < nOut; j++) {
        let s = 0;
        for (let i = 0; i < B; i++) s += gT[j * B + i];
        db[r * nOut + j] = s;
      }
      gemmABt(gRows, w, cx, B, nIn, nOut);
      if (dxSum) for (let t = 0; t < B * nIn; t++) dxSum[t] += cx[t];
      else dx.set(cx, xBase);
    }
    if (dxSum) dx.set(dxSum);
    return { dx, dW, db };
  };
  return op(x, W, b) as tf.Tensor;
}
