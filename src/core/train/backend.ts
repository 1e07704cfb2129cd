/**
 * Picks the fastest tf.js backend that actually works here, and says why faster ones were not
 * used. Works in the page, a Web Worker and Node: the WebGPU and WASM backends are imported
 * dynamically, so nothing breaks where they (or navigator.gpu) are absent. In Node the CLI
 * installs navigator.gpu from the `webgpu` package (Dawn) before calling this.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_PREFERENCES, type BackendName, type BackendPreference } from './choices';

export { BACKEND_PREFERENCES, type BackendName, type BackendPreference } from './choices';

/**
 * Fastest first, for these small networks: tf.js's cpu backend runs our generated CPU kernels
 * (src/core/cpu) and beats tfjs-backend-wasm's composed ops 1.4–1.8× (`npm run bench --
 * --backends cpu,wasm`: 113 vs 161 ms per full-batch step of 60 runs, 8.6 vs 15.7 ms at batch
 * 32), so wasm comes last and is used when chosen.
 */
const CHAIN: BackendName[] = ['webgpu', 'webgl', 'cpu', 'wasm'];

export interface BackendChoice {
  backend: BackendName;
  reason: string;
  tried: { name: BackendName; error?: string }[];
}

export interface BackendOptions {
  /** Folder or URL prefix holding tfjs-backend-wasm's .wasm files (bundlers move them). */
  wasmPaths?: string;
  /** Give up on a backend whose initialisation takes longer (ms); default 15000. */
  timeoutMs?: number;
}

/** Thrown by probes for an expected, explainable absence (message shown to the user). */
class Unavailable extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Unavailable(`${what} did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

async function activate(name: BackendName, timeoutMs: number): Promise<void> {
  const ok = await withTimeout(tf.setBackend(name), timeoutMs, `tf.setBackend('${name}')`);
  if (!ok) throw new Unavailable(`tf.js could not initialise the ${name} backend`);
  await tf.ready();
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

const probes: Record<BackendName, (o: Required<BackendOptions>) => Promise<void>> = {
  async webgpu(o) {
    const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
    if (!gpu) throw new Unavailable('no navigator.gpu (this browser or runtime has no WebGPU)');
    const adapter = await withTimeout(gpu.requestAdapter(), o.timeoutMs, 'navigator.gpu.requestAdapter()');
    if (!adapter) throw new Unavailable('navigator.gpu.requestAdapter() found no GPU adapter');
    await import('@tensorflow/tfjs-backend-webgpu');
    await activate('webgpu', o.timeoutMs);
  },
  async webgl(o) {
    const g = globalThis as { document?: unknown; OffscreenCanvas?: unknown };
    if (g.document === undefined && g.OffscreenCanvas === undefined) {
      throw new Unavailable('no canvas to create a WebGL context on (no document or OffscreenCanvas)');
    }
    await activate('webgl', o.timeoutMs);
  },
  async wasm(o) {
    if (typeof WebAssembly === 'undefined') throw new Unavailable('WebAssembly is not available');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (o.wasmPaths) wasm.setWasmPaths(o.wasmPaths);
    await activate('wasm', o.timeoutMs);
  },
  async cpu(o) {
    await activate('cpu', o.timeoutMs);
  },
};

function describe(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/**
 * 'auto' tries webgpu → webgl → cpu; a named backend is tried first and, if it fails, the
 * chain continues from the next slower one (ending at cpu, which always works). Resolves with
 * the backend now active in tf.js.
 */
export async function selectBackend(preference: BackendPreference = 'auto', options: BackendOptions = {}): Promise<BackendChoice> {
  if (!(BACKEND_PREFERENCES as readonly string[]).includes(preference)) {
    throw new Error(`Unknown backend "${preference}"; choose one of: ${BACKEND_PREFERENCES.join(', ')}`);
  }
  const o: Required<BackendOptions> = { wasmPaths: '', timeoutMs: 15_000, ...options };
  const slower = preference === 'auto' ? CHAIN : CHAIN.slice(CHAIN.indexOf(preference));
  const order = slower.includes('cpu') ? slower : [...slower, 'cpu' as const];
  const tried: BackendChoice['tried'] = [];
  for (const name of order) {
    try {
      await probes[name](o);
      tried.push({ name });
      const failures = tried.filter((t) => t.error);
      const reason =
        failures.length === 0
          ? preference === 'auto'
            ? `${name} is the fastest backend available here`
            : `${name} was requested and works here`
          : `using ${name}: ` + failures.map((f) => `${f.name} unavailable (${f.error})`).join('; ');
      return { backend: name, reason, tried };
    } catch (e) {
      tried.push({ name, error: describe(e) });
    }
  }
  // cpu is part of every chain and only fails if tf.js itself is broken.
  throw new Error(`No tf.js backend could be initialised: ${tried.map((t) => `${t.name}: ${t.error}`).join('; ')}`);
}
