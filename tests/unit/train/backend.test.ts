/**
 * Backend choice (src/core/train/backend.ts) in Node, where there is no WebGPU (no
 * navigator.gpu in this process) and no canvas: 'auto' says why webgpu and webgl were passed
 * over and lands on cpu — whose CPU kernels beat tfjs-backend-wasm's composed ops for these
 * networks — not wasm; wasm is used when asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fastestBackend, isFallbackAdapter, selectBackend, type BackendName } from '../../../src/core/train/backend';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { stepTimer } from '../../../src/worker/backendTiming';
import type { TrainSetup } from '../../../src/worker/protocol';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const NAVIGATOR = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
afterEach(() => {
  if (NAVIGATOR) Object.defineProperty(globalThis, 'navigator', NAVIGATOR);
  else delete (globalThis as { navigator?: unknown }).navigator;
});

/** A navigator.gpu whose only adapter is Chromium's SwiftShader, as GPUAdapter.info reports it. */
function installSwiftShaderGpu(): void {
  const adapter = { info: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true } };
  const gpu = { requestAdapter: () => Promise.resolve(adapter) };
  Object.defineProperty(globalThis, 'navigator', { value: { ...(globalThis as { navigator?: object }).navigator, gpu }, configurable: true });
}

const SPIRAL: TrainSetup = {
  dataset: { name: 'spiral', n: 200, noise: 0.05, testFraction: 0.2, seed: 1 },
  hidden: [16, 16],
  runs: [1, 2, 3].map((seed) => ({ activation: { id: 'gelu' }, seed })),
  init: 'he-normal',
  optimizer: 'adam',
  lr: 0.01,
  l2: 0,
  batchSize: 32,
};

describe('selectBackend', () => {
  it("'auto' without WebGPU or a canvas: cpu, with the reasons for the faster ones", async () => {
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
    const choice = await selectBackend('auto');
    expect(choice.backend).toBe('cpu');
    expect(choice.tried.map((t) => t.name)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(choice.reason).toContain('webgpu unavailable (no navigator.gpu');
    expect(choice.reason).toContain('webgl unavailable (no canvas');
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'wasm' when asked for; 'webgl' asked for here falls back to cpu", async () => {
    expect((await selectBackend('wasm')).backend).toBe('wasm');
    const webgl = await selectBackend('webgl');
    expect(webgl.backend).toBe('cpu');
    expect(webgl.tried.map((t) => t.name)).toEqual(['webgl', 'cpu']);
  });

  it('rejects an unknown preference with the list of choices', async () => {
    await expect(selectBackend('tpu' as never)).rejects.toThrow(/Unknown backend "tpu"; choose one of: auto/);
  });
});

describe("'auto' by measurement", () => {
  it('never takes a fallback WebGPU adapter, says so, and times cpu and wasm on the real network', async () => {
    installSwiftShaderGpu();
    const measured: BackendName[] = [];
    const timer = stepTimer(SPIRAL, (s) => ({ ...s, resolveActivation: registryResolver }));
    const choice = await selectBackend('auto', {
      measure: async (b) => {
        measured.push(b);
        expect(tf.getBackend()).toBe(b);
        return timer(b);
      },
    });
    expect(measured).toEqual(['cpu', 'wasm']);
    expect(choice.tried.find((t) => t.name === 'webgpu')?.error).toMatch(/software fallback \(google swiftshader/);
    expect(choice.reason).toContain('webgpu not used: its only adapter is a software fallback');
    const [a, b] = choice.timings ?? [];
    expect(a.msPerStep).toBeGreaterThan(0);
    expect(b.msPerStep).toBeGreaterThan(0);
    // The winner is the one with the smaller measured time, and it is the active backend.
    expect(choice.backend).toBe(a.msPerStep <= b.msPerStep ? a.backend : b.backend);
    expect(tf.getBackend()).toBe(choice.backend);
    expect(choice.reason).toMatch(new RegExp(`^${choice.backend} measured fastest on this network \\(${choice.backend} [0-9.]+ ms per step, `));
    expect(choice.fromCache).toBe(false);
    expect(choice.device).toContain('webgpu');
  }, 60_000);

  it('reuses the cached timings of this device without measuring', async () => {
    installSwiftShaderGpu();
    const first = await selectBackend('auto', { measure: () => Promise.resolve(1) });
    const device = first.device as string;
    const cached = new Map([[device, [{ backend: 'cpu' as const, msPerStep: 9 }, { backend: 'wasm' as const, msPerStep: 4 }]]]);
    const again = await selectBackend('auto', { measure: () => Promise.reject(new Error('must not measure')), cached });
    expect(again.backend).toBe('wasm');
    expect(again.fromCache).toBe(true);
    expect(again.reason).toContain('wasm measured fastest on this device earlier (wasm 4.0 ms per step, cpu 9.0 ms)');
    expect(tf.getBackend()).toBe('wasm');
    // Another device's entry is not used.
    const other = await selectBackend('auto', { measure: (b) => Promise.resolve(b === 'cpu' ? 2 : 3), cached: new Map([['another device', cached.get(device)!]]) });
    expect(other.backend).toBe('cpu');
    expect(other.fromCache).toBe(false);
  }, 60_000);

  it('an explicitly requested software WebGPU is used, with a warning in the reason', () => {
    expect(isFallbackAdapter({ info: { architecture: 'swiftshader' } })).toBe(true);
    expect(isFallbackAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(isFallbackAdapter({ info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false } })).toBe(false);
  });

  it('fastestBackend: smallest time wins, ties to the first, reason lists all', () => {
    expect(fastestBackend([{ backend: 'webgl', msPerStep: 3 }, { backend: 'cpu', msPerStep: 2.5 }], false)).toEqual({
      backend: 'cpu',
      reason: 'cpu measured fastest on this network (cpu 2.5 ms per step, webgl 3.0 ms)',
    });
    expect(fastestBackend([{ backend: 'webgpu', msPerStep: 12 }, { backend: 'cpu', msPerStep: 12 }], true).backend).toBe('webgpu');
  });
});
