/**
 * WebGPU in Node for the bench and the GPU tests: installNodeWebGpu (src/cli/node-webgpu.ts) plus
 * one missing step on machines without a system Vulkan loader. Dawn dlopen()s "libvulkan.so.1";
 * Debian's Chromium ships one in /usr/lib/chromium, which is not on the loader path, and setting
 * LD_LIBRARY_PATH after start-up has no effect. Loading it once by full path with RTLD_NODELETE
 * (Node's process.dlopen rejects it as an addon, but the library stays mapped) makes Dawn's later
 * dlopen by soname find it.
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { installNodeWebGpu } from '../cli/node-webgpu';

const CHROMIUM_VULKAN_LOADER = '/usr/lib/chromium/libvulkan.so.1';
const SYSTEM_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];
/** glibc's RTLD_NODELETE; Node does not export it. */
const RTLD_NODELETE = 0x1000;

function preloadVulkanLoader(): void {
  if (process.platform !== 'linux' || SYSTEM_LOADERS.some((p) => existsSync(p)) || !existsSync(CHROMIUM_VULKAN_LOADER)) return;
  try {
    process.dlopen({ exports: {} }, CHROMIUM_VULKAN_LOADER, constants.dlopen.RTLD_NOW | constants.dlopen.RTLD_GLOBAL | RTLD_NODELETE);
  } catch {
    // Expected: "Module did not self-register" — it is a plain library, not an addon.
  }
}

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
  preloadVulkanLoader();
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
