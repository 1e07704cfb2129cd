/**
 * What the worker tells the page about its engine: the tf.js backend and why, and on the cpu
 * backend which CPU kernels run (WebAssembly SIMD, or plain JS and why: no SIMD, or a
 * Content-Security-Policy that forbids compiling WebAssembly), in the reason the page shows.
 */
import type { BackendChoice } from '../core/train/backend';
import { cpuEngine, describeCpuEngine, type CpuEngineReport } from '../core/wasm/wasmEngine';
import type { BackendInfo } from './protocol';

export function backendInfo(chosen: BackendChoice, engine: () => CpuEngineReport = cpuEngine): BackendInfo {
  const info: BackendInfo = { name: chosen.backend, reason: chosen.reason, tried: chosen.tried, device: chosen.device, timings: chosen.timings, fromCache: chosen.fromCache };
  if (chosen.backend !== 'cpu') return info;
  const e = engine();
  return { ...info, reason: `${chosen.reason}; ${describeCpuEngine(e)}`, cpuEngine: e };
}
