/**
 * Backend choice (src/core/train/backend.ts) in Node, where there is no WebGPU (no
 * navigator.gpu in this process) and no canvas: 'auto' says why webgpu and webgl were passed
 * over and lands on cpu — whose CPU kernels beat tfjs-backend-wasm's composed ops for these
 * networks — not wasm; wasm is used when asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/train/backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

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
