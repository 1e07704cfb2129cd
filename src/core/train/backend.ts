/**
 * Picks the tf.js backend to train on and says why, in words. 'auto' never picks a software GPU
 * (SwiftShader WebGPU or WebGL) and, given a way to time the caller's network, picks the
 * candidate that measured fastest (timings cached per device by the caller). Works in the page, a Web Worker and Node: the WebGPU and WASM backends are imported
 * dynamically, so nothing breaks where they (or navigator.gpu) are absent. In Node the CLI
 * installs navigator.gpu from the `webgpu` package (Dawn) before calling this.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_PREFERENCES, type BackendName, type BackendPreference } from './choices';

export { BACKEND_PREFERENCES, type BackendName, type BackendPreference } from './choices';

/**
 * The order tried without measurement, fastest first for these small networks: tf.js's cpu backend runs our generated CPU kernels
 * (src/core/cpu) and beats tfjs-backend-wasm's composed ops 1.4–1.8× (`npm run bench --
 * --backends cpu,wasm`: 113 vs 161 ms per full-batch step of 60 runs, 8.6 vs 15.7 ms at batch
 * 32), so wasm comes last and is used when chosen.
 */
const CHAIN: BackendName[] = ['webgpu', 'webgl', 'cpu', 'wasm'];

export interface BackendChoice {
  backend: BackendName;
  reason: string;
  tried: { name: BackendName; error?: string }[];
  /** Measured 'auto' only: the device the timings belong to (the cache key) and the timings. */
  device?: string;
  timings?: BackendTiming[];
  fromCache?: boolean;
}

export interface BackendOptions {
  /** Folder or URL prefix holding tfjs-backend-wasm's .wasm files (bundlers move them). */
  wasmPaths?: string;
  /** Give up on a backend whose initialisation takes longer (ms); default 15000. */
  timeoutMs?: number;
  /**
   * 'auto' only: milliseconds per training step of the caller's network on the backend just
   * activated. Given, 'auto' chooses by measurement instead of by a fixed order.
   */
  measure?: (backend: BackendName) => Promise<number>;
  /** 'auto' with measure: timings measured earlier, by device key (BackendChoice.device). */
  cached?: ReadonlyMap<string, BackendTiming[]>;
  /**
   * Run once webgpu is active, e.g. compiling the run's generated kernels (src/core/gpu/
   * kernelCompileCheck.ts): if it throws, webgpu counts as unavailable for that reason and the
   * chain goes on, so a kernel that does not compile never trains to a silent loss of 0.
   */
  verifyWebgpu?: () => Promise<void>;
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

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

interface AdapterLike {
  info?: AdapterInfoLike;
  /** Older spelling of info.isFallbackAdapter. */
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** What a probe learned about the device (part of the timing cache's device key). */
type ProbeOptions = Required<Pick<BackendOptions, 'wasmPaths' | 'timeoutMs'>> & Pick<BackendOptions, 'verifyWebgpu'>;
type Probe = (o: ProbeOptions) => Promise<string>;

/**
 * A software rasteriser posing as a GPU (SwiftShader, llvmpipe, WARP) runs on the CPU and loses
 * to the cpu backend by 30–70× here; 'auto' never picks one.
 */
const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software|basic render|warp/i;

export function isFallbackAdapter(adapter: AdapterLike): boolean {
  const info = adapter.info ?? {};
  if (info.isFallbackAdapter === true || adapter.isFallbackAdapter === true) return true;
  return SOFTWARE_GPU.test(`${info.architecture ?? ''} ${info.vendor ?? ''} ${info.description ?? ''} ${info.device ?? ''}`);
}

function adapterText(adapter: AdapterLike): string {
  const info = adapter.info ?? {};
  return [info.vendor, info.architecture, info.device, info.description].filter((x) => x).join(' ') || 'unknown adapter';
}

/** The WebGL renderer string tf.js's context reports ('' where it cannot be read). */
function webglRenderer(): string {
  const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (!gl) return '';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

/** Each probe activates its backend or throws Unavailable; `allowSoftware` is false for 'auto'. */
function makeProbes(allowSoftware: boolean): Record<BackendName, Probe> {
  return {
    async webgpu(o) {
      const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
      if (!gpu) throw new Unavailable('no navigator.gpu (this browser or runtime has no WebGPU)');
      const adapter = await withTimeout(gpu.requestAdapter(), o.timeoutMs, 'navigator.gpu.requestAdapter()');
      if (!adapter) throw new Unavailable('navigator.gpu.requestAdapter() found no GPU adapter');
      if (!allowSoftware && isFallbackAdapter(adapter)) {
        throw new Unavailable(`its only adapter is a software fallback (${adapterText(adapter)}), which runs on the CPU and is slower than the cpu backend`);
      }
      await import('@tensorflow/tfjs-backend-webgpu');
      await activate('webgpu', o.timeoutMs);
      if (o.verifyWebgpu) {
        try {
          await o.verifyWebgpu();
        } catch (e) {
          throw new Unavailable(describe(e));
        }
      }
      return `webgpu ${adapterText(adapter)}`;
    },
    async webgl(o) {
      const g = globalThis as { document?: unknown; OffscreenCanvas?: unknown };
      if (g.document === undefined && g.OffscreenCanvas === undefined) {
        throw new Unavailable('no canvas to create a WebGL context on (no document or OffscreenCanvas)');
      }
      await activate('webgl', o.timeoutMs);
      const renderer = webglRenderer();
      if (!allowSoftware && SOFTWARE_GPU.test(renderer)) {
        throw new Unavailable(`its renderer is software (${renderer}), which runs on the CPU and is slower than the cpu backend`);
      }
      return `webgl ${renderer}`;
    },
    async wasm(o) {
      if (typeof WebAssembly === 'undefined') throw new Unavailable('WebAssembly is not available');
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (o.wasmPaths) wasm.setWasmPaths(o.wasmPaths);
      await activate('wasm', o.timeoutMs);
      return 'wasm';
    },
    async cpu(o) {
      await activate('cpu', o.timeoutMs);
      return 'cpu';
    },
  };
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** One backend's measured speed on the caller's network. */
export interface BackendTiming {
  backend: BackendName;
  /** Wall-clock milliseconds per training step (mean of a few, after a warm-up step). */
  msPerStep: number;
}

/** Candidates 'auto' measures when it can (every one that initialises and is not software). */
const MEASURED: BackendName[] = ['webgpu', 'webgl', 'cpu', 'wasm'];

const ms = (t: number): string => (t >= 10 ? t.toFixed(0) : t.toFixed(1));

/**
 * The fastest of `timings` and the reason in words, e.g. "cpu measured fastest on this network
 * (cpu 3.1 ms per step, wasm 5.4 ms)". Pure; ties go to the earlier entry.
 */
export function fastestBackend(timings: BackendTiming[], cached: boolean): { backend: BackendName; reason: string } {
  if (timings.length === 0) throw new Error('No backend timings to choose from');
  const best = timings.reduce((a, b) => (b.msPerStep < a.msPerStep ? b : a));
  const list = [...timings].sort((a, b) => a.msPerStep - b.msPerStep).map((t, i) => `${t.backend} ${ms(t.msPerStep)} ms${i === 0 ? ' per step' : ''}`);
  const how = cached ? 'measured fastest on this device earlier' : 'measured fastest on this network';
  return { backend: best.backend, reason: timings.length === 1 ? `${best.backend} is the only backend that works well here` : `${best.backend} ${how} (${list.join(', ')})` };
}

function describeSkipped(tried: BackendChoice['tried']): string {
  const failures = tried.filter((t) => t.error);
  return failures.length === 0 ? '' : '; ' + failures.map((f) => `${f.name} not used: ${f.error}`).join('; ');
}

function deviceKey(details: string[]): string {
  const nav = (globalThis as { navigator?: { userAgent?: string; hardwareConcurrency?: number } }).navigator;
  return [nav?.userAgent ?? 'node', `cores ${nav?.hardwareConcurrency ?? '?'}`, ...details].join(' | ');
}

/**
 * 'auto' with a `measure`: every candidate that initialises (software GPUs excluded) is timed on
 * the caller's network, or the device's cached timings are reused, and the fastest wins.
 */
async function selectMeasured(o: ProbeOptions, measure: NonNullable<BackendOptions['measure']>, cached: BackendOptions['cached']): Promise<BackendChoice> {
  const probes = makeProbes(false);
  const tried: BackendChoice['tried'] = [];
  const details: string[] = [];
  for (const name of MEASURED) {
    try {
      details.push(await probes[name](o));
      tried.push({ name });
    } catch (e) {
      tried.push({ name, error: describe(e) });
      details.push(`no ${name}: ${describe(e)}`);
    }
  }
  const working = tried.filter((t) => !t.error).map((t) => t.name);
  if (!working.includes('cpu')) throw new Error(`No tf.js backend could be initialised: ${tried.map((t) => `${t.name}: ${t.error}`).join('; ')}`);
  const device = deviceKey(details);
  const known = cached?.get(device);
  const reuse = known !== undefined && known.length > 0 && known.every((t) => working.includes(t.backend));
  let timings: BackendTiming[];
  if (reuse) timings = known;
  else if (working.length === 1) timings = [{ backend: 'cpu', msPerStep: NaN }];
  else {
    timings = [];
    for (const name of working) {
      try {
        await probes[name](o);
        const t = await measure(name);
        if (Number.isFinite(t) && t >= 0) timings.push({ backend: name, msPerStep: t });
        else throw new Error(`timing gave ${t}`);
      } catch (e) {
        const entry = tried.find((x) => x.name === name);
        if (entry) entry.error = `timing failed (${describe(e)})`;
      }
    }
    if (timings.length === 0) throw new Error('No backend could run a training step');
  }
  const pick = working.length === 1 ? { backend: 'cpu' as const, reason: 'cpu is the only backend that works well here' } : fastestBackend(timings, reuse);
  await probes[pick.backend](o);
  return { backend: pick.backend, reason: pick.reason + describeSkipped(tried), tried, device, timings: working.length === 1 ? [] : timings, fromCache: reuse };
}

/**
 * 'auto' with `measure` times the candidates (above). 'auto' without it (the CLI, tests) tries
 * webgpu → webgl → cpu and takes the first that works, software GPUs excluded. A named backend
 * is tried first and, if it fails, the chain continues from the next slower one (ending at cpu,
 * which always works). Resolves with the backend now active in tf.js.
 */
export async function selectBackend(preference: BackendPreference = 'auto', options: BackendOptions = {}): Promise<BackendChoice> {
  if (!(BACKEND_PREFERENCES as readonly string[]).includes(preference)) {
    throw new Error(`Unknown backend "${preference}"; choose one of: ${BACKEND_PREFERENCES.join(', ')}`);
  }
  const { measure, cached, ...rest } = options;
  const o: ProbeOptions = { wasmPaths: '', timeoutMs: 15_000, ...rest };
  if (preference === 'auto' && measure) return selectMeasured(o, measure, cached);
  const probes = makeProbes(preference !== 'auto');
  const slower = preference === 'auto' ? CHAIN : CHAIN.slice(CHAIN.indexOf(preference));
  const order = slower.includes('cpu') ? slower : [...slower, 'cpu' as const];
  const tried: BackendChoice['tried'] = [];
  for (const name of order) {
    try {
      const detail = await probes[name](o);
      tried.push({ name });
      const failures = tried.filter((t) => t.error);
      const software = name !== 'cpu' && name !== 'wasm' && SOFTWARE_GPU.test(detail) ? ` (a software ${name}: ${detail}; expect it to be slower than cpu)` : '';
      const reason =
        failures.length === 0
          ? preference === 'auto'
            ? `${name} is the first backend in the order webgpu, webgl, cpu that works here`
            : `${name} was requested and works here${software}`
          : `using ${name}: ` + failures.map((f) => `${f.name} unavailable (${f.error})`).join('; ');
      return { backend: name, reason, tried };
    } catch (e) {
      tried.push({ name, error: describe(e) });
    }
  }
  // cpu is part of every chain and only fails if tf.js itself is broken.
  throw new Error(`No tf.js backend could be initialised: ${tried.map((t) => `${t.name}: ${t.error}`).join('; ')}`);
}
