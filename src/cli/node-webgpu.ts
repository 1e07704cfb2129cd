/**
 * Gives Node a `navigator.gpu` from the `webgpu` package (Dawn) so tf.js's WebGPU backend can
 * run outside the browser. It must run before '@tensorflow/tfjs-backend-webgpu' is imported,
 * because that module registers the backend only when navigator.gpu exists at import time.
 */
import { existsSync } from 'node:fs';

/** Chromium ships SwiftShader's Vulkan driver; Dawn uses it on machines without a GPU. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export async function installNodeWebGpu(): Promise<{ ok: boolean; reason?: string }> {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav?.gpu) return { ok: true };
  if (!process.env.VK_ICD_FILENAMES && process.env.AP_GPU !== 'native' && existsSync(SWIFTSHADER_ICD)) {
    // Only a fallback: a machine with a real Vulkan driver can set AP_GPU=native to use it.
    const hasNativeIcd = existsSync('/usr/share/vulkan/icd.d') || existsSync('/etc/vulkan/icd.d');
    if (!hasNativeIcd) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  try {
    const webgpu = (await import('webgpu')) as unknown as {
      create: (flags: string[]) => unknown;
      globals: Record<string, unknown>;
    };
    Object.assign(globalThis, webgpu.globals);
    const gpu = webgpu.create([]);
    const target = (globalThis as { navigator?: object }).navigator ?? {};
    if (!(globalThis as { navigator?: object }).navigator) {
      Object.defineProperty(globalThis, 'navigator', { value: target, configurable: true, writable: true });
    }
    Object.defineProperty(target, 'gpu', { value: gpu, configurable: true });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `the webgpu (Dawn) package could not load: ${(err as Error).message}` };
  }
}
