/**
 * adamUpdate of ../cpu/optimizerKernels.ts on the WebAssembly SIMD kernel (./adamKernel.ts):
 * same inputs, same outputs, bit for bit. w, g, m and v are copied into the module's memory,
 * each active range of runs updated in place there, and the three arrays copied out.
 */
import type { AdamScalars, UpdateInput, UpdateOutput } from '../cpu/updateArrays';
import { ARENA, type WasmKernels } from './wasmEngine';

/** `ranges`: the [start, end) element ranges of the active runs (optimizerKernels.ts's activeRanges). */
export function wasmAdamUpdate(k: WasmKernels, inp: UpdateInput, m: Float32Array, v: Float32Array, s: AdamScalars, ranges: number[]): UpdateOutput {
  const n = inp.w.length;
  const pad = n + ((4 - (n % 4)) % 4);
  const mem = k.reserve(4 * pad);
  const [wa, ga, ma, va] = [0, 1, 2, 3].map((i) => ARENA + i * pad * 4);
  mem.set(inp.w, wa >> 2);
  mem.set(inp.g, ga >> 2);
  mem.set(m, ma >> 2);
  mem.set(v, va >> 2);
  const l2 = Math.fround(inp.l2);
  const [lo, hi] = inp.clamp ?? [0, 0];
  for (let j = 0; j < ranges.length; j += 2) {
    const o = ranges[j] * 4;
    k.adam(wa + o, ga + o, ma + o, va + o, ranges[j + 1] - ranges[j], l2 > 0 ? 1 : 0, inp.clamp ? 1 : 0,
      l2, s.beta1, 1 - s.beta1, s.beta2, 1 - s.beta2, s.bc1, s.bc2, s.lr, s.eps, lo, hi);
  }
  const out = (a: number): Float32Array => mem.slice(a >> 2, (a >> 2) + n);
  return { w: out(wa), state: [out(ma), out(va)] };
}
