/**
 * Which CPU engine runs, and the fallback: where WebAssembly has no 128-bit SIMD (validation
 * fails) or compiling is refused (a Content-Security-Policy without 'wasm-unsafe-eval' makes
 * new WebAssembly.Module throw), cpuEngine() reports 'js' with the reason, and the dense op and
 * Adam give the JS kernels' results exactly (the float64 reference of tests/unit/cpu/denseOp).
 * Then the whole engine: trained with the WebAssembly kernels and with the JS kernels, the same
 * per-epoch losses and accuracies within the engine tests' tolerance (1e-4 relative + 1e-6).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stackedDense } from '../../../src/core/cpu/denseOp';
import { createRng } from '../../../src/core/data/rng';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer, type RunMetrics, type TrainerConfig } from '../../../src/core/train/trainer';
import { cpuEngine, resetWasmEngineForTests, setWasmKernelsEnabled, wasmKernels } from '../../../src/core/wasm/wasmEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
  resetWasmEngineForTests();
  setWasmKernelsEnabled(true);
});

/** The dense op's value and gradients on fixed random data. */
function dense(): number[][] {
  const rng = createRng(5);
  const draw = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  return tf.tidy(() => {
    const f = (x: tf.Tensor, W: tf.Tensor, b: tf.Tensor) => stackedDense(x, W, b);
    const { value, grads } = tf.valueAndGrads(f)([tf.tensor3d(draw(2 * 9 * 5), [2, 9, 5]), tf.tensor3d(draw(2 * 5 * 6), [2, 5, 6]), tf.tensor3d(draw(12), [2, 1, 6])], tf.tensor3d(draw(2 * 9 * 6), [2, 9, 6]));
    return [value, ...grads].map((t) => Array.from(t.dataSync()));
  });
}

describe('CPU engine choice', () => {
  it('is WebAssembly SIMD in this Node', () => {
    expect(cpuEngine()).toEqual({ engine: 'wasm-simd' });
    expect(wasmKernels()).not.toBeNull();
  });

  it('falls back to the JS kernels, and says so, without 128-bit SIMD', () => {
    setWasmKernelsEnabled(false);
    const js = dense();
    setWasmKernelsEnabled(true);
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    resetWasmEngineForTests();
    expect(cpuEngine()).toEqual({ engine: 'js', reason: 'WebAssembly without 128-bit SIMD' });
    expect(wasmKernels()).toBeNull();
    expect(dense()).toEqual(js);
  });

  it('falls back when compiling WebAssembly is refused (CSP)', () => {
    vi.spyOn(WebAssembly, 'Module').mockImplementation(function refused(): never {
      throw new WebAssembly.CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source");
    });
    resetWasmEngineForTests();
    const r = cpuEngine();
    expect(r.engine).toBe('js');
    expect(r.reason).toMatch(/compilation refused.*Content-Security-Policy.*Refused to compile/);
  });

  it('reports the kernels turned off', () => {
    setWasmKernelsEnabled(false);
    expect(cpuEngine()).toEqual({ engine: 'js', reason: 'WebAssembly kernels turned off' });
  });
});

describe('whole engine: WebAssembly kernels = JS kernels', () => {
  const close = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 + 1e-4 * Math.abs(b));
  async function history(wasm: boolean, config: TrainerConfig): Promise<RunMetrics[][]> {
    setWasmKernelsEnabled(wasm);
    const t = createTrainer(config);
    const out: RunMetrics[][] = [];
    for (let e = 0; e < 4; e++) {
      await t.epoch();
      out.push(await t.evaluate());
    }
    t.dispose();
    return out;
  }
  for (const batchSize of [32, 160]) {
    it(`relu, prelu, gelu, sau, dyt × 2 seeds, Adam with L2, batch ${batchSize}`, async () => {
      const config: TrainerConfig = {
        dataset: { name: 'spiral', n: 200, noise: 0.1, testFraction: 0.2, seed: 4 }, hidden: [8, 8], optimizer: 'adam', lr: 0.02, batchSize, l2: 1e-4,
        runs: ['relu', 'prelu', 'gelu', 'sau', 'dyt'].flatMap((id) => [1, 2].map((seed) => ({ activation: { id }, seed }))),
        resolveActivation: registryResolver,
      };
      const [w, j] = [await history(true, config), await history(false, config)];
      w.forEach((epoch, e) => epoch.forEach((m, r) => {
        for (const key of ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const) {
          expect(close(m[key] as number | null, j[e][r][key] as number | null), `epoch ${e + 1}, run ${r}, ${key}: ${m[key]} vs ${j[e][r][key]}`).toBe(true);
        }
      }));
    });
  }
});
