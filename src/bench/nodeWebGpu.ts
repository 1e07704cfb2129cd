/**
 * WebGPU in Node for the bench and the GPU tests: installNodeWebGpu (src/cli/node-webgpu.ts, which
 * also preloads Chromium's Vulkan loader where the system has none), then tf.js's webgpu backend
 * registered and initialised once.
 */
import { installNodeWebGpu } from '../cli/node-webgpu';

export interface NodeWebGpuResult {
  ok: boolean;
  reason?: string;
}

/**
 * Make tf.js's 'webgpu' backend available in this Node process (register it and initialise it
 * once, then switch back to whichever backend was active). Resolves with the reason when it
 * cannot be, e.g. no adapter.
 */
export async function setUpNodeWebGpu(): Promise<NodeWebGpuResult> {
  const installed = await installNodeWebGpu();
  if (!installed.ok) return installed;
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (!adapter) return { ok: false, reason: 'navigator.gpu exists but requestAdapter() returned no adapter (no Vulkan driver found)' };
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  const before = tf.getBackend();
  let ok: boolean;
  try {
    ok = await tf.setBackend('webgpu');
  } catch (e) {
    return { ok: false, reason: `tf.js could not start its webgpu backend: ${(e as Error).message}` };
  }
  if (before && before !== 'webgpu') await tf.setBackend(before);
  return ok ? { ok: true } : { ok: false, reason: 'tf.js could not start its webgpu backend' };
}
