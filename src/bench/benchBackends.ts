/**
 * The tf.js backends the bench can time in one Node process: cpu always, webgpu through Dawn
 * (SwiftShader on machines without a GPU), wasm when its binaries load in Node.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setUpNodeWebGpu } from './nodeWebGpu';

export type BenchBackend = 'cpu' | 'wasm' | 'webgpu';
export const BENCH_BACKENDS: BenchBackend[] = ['cpu', 'wasm', 'webgpu'];

export interface BackendReady {
  ok: boolean;
  reason?: string;
  /** What runs underneath (for webgpu: the adapter, e.g. SwiftShader). */
  detail?: string;
}

async function adapterDescription(): Promise<string | undefined> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; description?: string } } | null> } } }).navigator?.gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  const info = adapter?.info;
  if (!info) return undefined;
  return [info.vendor, info.architecture, info.description].filter(Boolean).join(' / ') || undefined;
}

const setUp: Record<BenchBackend, () => Promise<BackendReady>> = {
  async cpu() {
    return { ok: await tf.setBackend('cpu') };
  },
  async wasm() {
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // In Node the .wasm binaries are read from the package folder.
      const require = createRequire(import.meta.url);
      wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
      const ok = await tf.setBackend('wasm');
      return ok ? { ok } : { ok, reason: 'tf.setBackend("wasm") returned false' };
    } catch (e) {
      return { ok: false, reason: `the wasm backend did not load in Node: ${(e as Error).message}` };
    }
  },
  async webgpu() {
    const ready = await setUpNodeWebGpu();
    if (!ready.ok) return ready;
    const ok = await tf.setBackend('webgpu');
    return ok ? { ok, detail: await adapterDescription() } : { ok, reason: 'tf.setBackend("webgpu") returned false' };
  },
};

/** Switch tf.js to `name`, or say why it cannot run here. */
export async function switchToBackend(name: BenchBackend): Promise<BackendReady> {
  try {
    return await setUp[name]();
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
