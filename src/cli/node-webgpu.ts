/**
 * Gives Node a `navigator.gpu` from the `webgpu` package (Dawn) so tf.js's WebGPU backend can
 * run outside the browser. It must run before '@tensorflow/tfjs-backend-webgpu' is imported,
 * because that module registers the backend only when navigator.gpu exists at import time.
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';

/** Chromium ships SwiftShader's Vulkan driver; Dawn uses it on machines without a GPU. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const CHROMIUM_VULKAN_LOADER = '/usr/lib/chromium/libvulkan.so.1';
const SYSTEM_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];
/** glibc's RTLD_NODELETE; Node does not export it. */
const RTLD_NODELETE = 0x1000;

/**
 * Dawn dlopen()s "libvulkan.so.1". Debian's Chromium ships one in /usr/lib/chromium, off the
 * loader path (and LD_LIBRARY_PATH is read only at start-up). Loading it once by full path with
 * RTLD_NODELETE keeps it mapped, so Dawn's later dlopen by soname finds it.
 */
function preloadVulkanLoader(): void {
  if (process.platform !== 'linux' || SYSTEM_LOADERS.some((p) => existsSync(p)) || !existsSync(CHROMIUM_VULKAN_LOADER)) return;
  try {
    process.dlopen({ exports: {} }, CHROMIUM_VULKAN_LOADER, constants.dlopen.RTLD_NOW | constants.dlopen.RTLD_GLOBAL | RTLD_NODELETE);
  } catch {
    // Expected: "Module did not self-register" — it is a plain library, not an addon.
  }
}

export async function installNodeWebGpu(): Promise<{ ok: boolean; reason?: string }> {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav?.gpu) return { ok: true };
  preloadVulkanLoader();
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
