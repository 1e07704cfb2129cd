/**
 * Which CPU engine runs the dense layers and the optimizer: WebAssembly SIMD kernels
 * (./gemmKernel.ts, ./adamKernel.ts, emitted by ./wasmBinary.ts) where this JS engine can
 * compile a module that uses 128-bit SIMD, else the plain JS kernels of ../cpu. Decided once,
 * at the first use, and reported (cpuEngine()) so the bench, the CLI and the page can say which
 * one ran. A Content-Security-Policy without 'wasm-unsafe-eval' makes the compile throw; an
 * engine without SIMD fails validation: both fall back to JS with the reason kept.
 */
import { adamFunction } from './adamKernel';
import { gemmFunction } from './gemmKernel';
import { wasmModule } from './wasmBinary';

export interface WasmKernels {
  /** gemm(A, sp, sk, B, C, P, Q, K, 0) and gemmBias(…, bias): byte addresses, see ./gemmKernel.ts. */
  gemm(a: number, sp: number, sk: number, b: number, c: number, p: number, q: number, k: number, bias: number): void;
  gemmBias(a: number, sp: number, sk: number, b: number, c: number, p: number, q: number, k: number, bias: number): void;
  adam(w: number, g: number, m: number, v: number, n: number, useL2: number, clamp: number, l2: number, b1: number, c1: number, b2: number, c2: number, bc1: number, bc2: number, lr: number, eps: number, lo: number, hi: number): void;
  /**
   * Room for `floats` float32 values from byte address 16 on (0 stays unused: "no bias"),
   * growing the memory if needed; returns a view of the whole memory, valid until the next call.
   */
  reserve(floats: number): Float32Array;
}

export interface CpuEngineReport {
  engine: 'wasm-simd' | 'js';
  /** Why the JS kernels run (SIMD missing, compilation forbidden, turned off). */
  reason?: string;
}

const PAGE = 65536;
/** Byte address where reserved memory starts. */
export const ARENA = 16;

let loaded: { kernels: WasmKernels | null; reason?: string } | undefined;
let enabled = true;

function instantiate(): { kernels: WasmKernels | null; reason?: string } {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return { kernels: null, reason: 'no WebAssembly in this JS engine' };
  const bytes = wasmModule([gemmFunction('gemm', false), gemmFunction('gemmBias', true), adamFunction('adam')], 1);
  if (!WebAssembly.validate(bytes)) return { kernels: null, reason: 'WebAssembly without 128-bit SIMD' };
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  } catch (e) {
    return { kernels: null, reason: `WebAssembly compilation refused (a Content-Security-Policy without 'wasm-unsafe-eval'?): ${(e as Error).message}` };
  }
  const ex = instance.exports as unknown as Omit<WasmKernels, 'reserve'> & { memory: WebAssembly.Memory };
  let view = new Float32Array(ex.memory.buffer);
  const kernels: WasmKernels = {
    gemm: ex.gemm,
    gemmBias: ex.gemmBias,
    adam: ex.adam,
    reserve(floats) {
      const bytes = ARENA + floats * 4;
      const have = ex.memory.buffer.byteLength;
      if (bytes > have) ex.memory.grow(Math.ceil((bytes - have) / PAGE));
      if (view.buffer !== ex.memory.buffer) view = new Float32Array(ex.memory.buffer);
      return view;
    },
  };
  return { kernels };
}

/** The WebAssembly kernels, or null when the JS kernels must run (see cpuEngine() for why). */
export function wasmKernels(): WasmKernels | null {
  if (!enabled) return null;
  loaded ??= instantiate();
  return loaded.kernels;
}

/** Turns the WebAssembly kernels off (the JS kernels run) or back on; for tests and the bench. */
export function setWasmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Which engine the CPU kernels use now, and why when it is not WebAssembly SIMD. */
export function cpuEngine(): CpuEngineReport {
  if (!enabled) return { engine: 'js', reason: 'WebAssembly kernels turned off' };
  loaded ??= instantiate();
  return loaded.kernels ? { engine: 'wasm-simd' } : { engine: 'js', reason: loaded.reason };
}

/** The engine in words, as the CLI, the bench and the page say it. */
export function describeCpuEngine(r: CpuEngineReport = cpuEngine()): string {
  return r.engine === 'wasm-simd' ? 'CPU kernels: dense layers and Adam on WebAssembly SIMD' : `CPU kernels: plain JS (${r.reason ?? 'WebAssembly SIMD unavailable'})`;
}

/** Tests only: forget the decision, so a stubbed WebAssembly is looked at again. */
export function resetWasmEngineForTests(): void {
  loaded = undefined;
}
