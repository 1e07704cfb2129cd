/**
 * The stacked dense layer of ../cpu/denseOp.ts (x [R or 1, B, in], W [R, in, out], b [R, 1, out])
 * on the WebAssembly SIMD gemm: the arrays are copied into the module's memory once per call,
 * every run's products are computed there, and the results copied out. Copies are O(n) against
 * the products' O(n·k); transposes are read through strides (dW = xᵀ·dy), except Wᵀ for
 * dx = dy·Wᵀ, which is small (in × out per run) and copied transposed.
 */
import { ARENA, type WasmKernels } from './wasmEngine';

export interface DenseShape {
  R: number;
  /** Runs of x: R, or 1 when every run reads the same inputs. */
  Rx: number;
  B: number;
  nIn: number;
  nOut: number;
}

/** Lays out regions of the given float counts from ARENA on; returns their byte addresses. */
function layout(k: WasmKernels, sizes: number[]): { mem: Float32Array; at: number[] } {
  const at: number[] = [];
  let floats = 0;
  for (const n of sizes) {
    at.push(ARENA + floats * 4);
    floats += n + ((4 - (n % 4)) % 4); // 16-byte aligned regions
  }
  return { mem: k.reserve(floats), at };
}

export function wasmDenseForward(k: WasmKernels, s: DenseShape, x: Float32Array, W: Float32Array, b: Float32Array): Float32Array {
  const { R, Rx, B, nIn, nOut } = s;
  const { mem, at: [xa, wa, ba, oa] } = layout(k, [Rx * B * nIn, R * nIn * nOut, R * nOut, R * B * nOut]);
  mem.set(x, xa >> 2);
  mem.set(W, wa >> 2);
  mem.set(b, ba >> 2);
  for (let r = 0; r < R; r++) {
    const xr = xa + (Rx === 1 ? 0 : r) * B * nIn * 4;
    k.gemmBias(xr, nIn * 4, 4, wa + r * nIn * nOut * 4, oa + r * B * nOut * 4, B, nOut, nIn, ba + r * nOut * 4);
  }
  return mem.slice(oa >> 2, (oa >> 2) + R * B * nOut);
}

export interface DenseGrads {
  dx: Float32Array;
  dW: Float32Array;
  db: Float32Array;
}

export function wasmDenseBackward(k: WasmKernels, s: DenseShape, g: Float32Array, x: Float32Array, W: Float32Array): DenseGrads {
  const { R, Rx, B, nIn, nOut } = s;
  const sizes = [Rx * B * nIn, R * nIn * nOut, R * B * nOut, B, R * nIn * nOut, R * nOut, R * B * nIn];
  const { mem, at: [xa, wta, ga, onesa, dwa, dba, dxa] } = layout(k, sizes);
  mem.set(x, xa >> 2);
  mem.set(g, ga >> 2);
  mem.fill(1, onesa >> 2, (onesa >> 2) + B);
  // Wᵀ per run: [out, in]
  const wt = wta >> 2;
  for (let r = 0; r < R; r++) {
    const o = r * nIn * nOut;
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) mem[wt + o + j * nIn + i] = W[o + i * nOut + j];
  }
  for (let r = 0; r < R; r++) {
    const xr = xa + (Rx === 1 ? 0 : r) * B * nIn * 4;
    const gr = ga + r * B * nOut * 4;
    // dW = xᵀ·dy: row p of xᵀ is column p of x (stride 4 between rows, in·4 along k)
    k.gemm(xr, 4, nIn * 4, gr, dwa + r * nIn * nOut * 4, nIn, nOut, B, 0);
    // db = 1ᵀ·dy
    k.gemm(onesa, 0, 4, gr, dba + r * nOut * 4, 1, nOut, B, 0);
    // dx = dy·Wᵀ
    k.gemm(gr, nOut * 4, 4, wta + r * nIn * nOut * 4, dxa + r * B * nIn * 4, B, nIn, nOut, 0);
  }
  const dW = mem.slice(dwa >> 2, (dwa >> 2) + R * nIn * nOut);
  const db = mem.slice(dba >> 2, (dba >> 2) + R * nOut);
  let dx: Float32Array;
  if (Rx === 1) {
    // Shared inputs: their gradient is the sum over runs (in float64, rounded once).
    const sum = new Float64Array(B * nIn);
    for (let r = 0; r < R; r++) {
      const o = (dxa >> 2) + r * B * nIn;
      for (let t = 0; t < B * nIn; t++) sum[t] += mem[o + t];
    }
    dx = Float32Array.from(sum);
  } else dx = mem.slice(dxa >> 2, (dxa >> 2) + R * B * nIn);
  return { dx, dW, db };
}
