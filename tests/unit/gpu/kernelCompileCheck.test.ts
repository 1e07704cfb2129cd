/**
 * Hole 11 (issue 14): float32-safe WGSL literals at the edges, and a kernel that does not compile
 * failing loudly — on the real WebGPU implementation (Dawn + SwiftShader in Node), no mocks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula } from '../../../src/core/activation/compile';
import { setUpNodeWebGpu } from '../../../src/bench/nodeWebGpu';
import { selectBackend } from '../../../src/core/train/backend';
import { activationKernels } from '../../../src/core/gpu/activationKernels';
import { KernelCompileError, verifyActivationKernels, verifyWgsl, webgpuDevice, type DeviceLike } from '../../../src/core/gpu/kernelCompileCheck';
import { emitWgslFunction, wgslLiteral } from '../../../src/core/gpu/wgslExpr';
import { WGSL_PRELUDE } from '../../../src/core/gpu/wgslPrelude';

const F32_MAX = 3.4028234663852886e38;
const MIN_NORMAL = 2 ** -126;

describe('wgslLiteral at the float32 edges', () => {
  it('±3.4028235e38 are the float32 maximum, written exactly in hexadecimal', () => {
    expect(wgslLiteral(3.4028235e38)).toBe('0x1.fffffep+127');
    expect(wgslLiteral(-3.4028235e38)).toBe('(-0x1.fffffep+127)');
    expect(wgslLiteral(F32_MAX)).toBe('0x1.fffffep+127');
  });

  it('values rounding past the float32 maximum (1e39, 3.4028236e38) are infinities read at run time; NaN too', () => {
    expect(wgslLiteral(1e39)).toBe('ap_inf()');
    expect(wgslLiteral(-1e39)).toBe('(-ap_inf())');
    expect(wgslLiteral(3.4028236e38)).toBe('ap_inf()');
    expect(wgslLiteral(NaN)).toBe('ap_nan()');
  });

  it('subnormals are written as 0; the smallest normal and its neighbours stay exact float32s', () => {
    for (const v of [1e-45, 1.4e-45, 1e-40, MIN_NORMAL * (1 - 2 ** -23), -1e-40]) expect(wgslLiteral(v)).toBe('0.0');
    for (const v of [MIN_NORMAL, MIN_NORMAL * (1 + 2 ** -23), 1.0000001, 16777217, 1e38]) {
      const t = wgslLiteral(v);
      expect(Math.fround(Number(t))).toBe(Math.fround(v));
      expect(Math.abs(Number(t))).toBeLessThanOrEqual(F32_MAX);
    }
  });
});

let device: DeviceLike | undefined;
let reason = '';

beforeAll(async () => {
  const gpu = await setUpNodeWebGpu();
  if (gpu.ok) {
    await tf.setBackend('webgpu');
    device = webgpuDevice(tf.backend());
  } else reason = gpu.reason ?? '';
  if (!device) console.warn(`Skipping WGSL compile checks: ${reason || 'no device'}`);
}, 120_000);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('kernels that do not compile fail loudly (Dawn)', () => {
  it('the generated kernels of min(x, 3.4028235e38), relu and a parametric formula compile', async (ctx) => {
    if (!device) ctx.skip();
    for (const f of ['min(x, 3.4028235e38)', 'max(x, 0)', 'x * sigmoid(p * x)']) {
      const c = compileFormula(f, f.includes('p') ? [{ name: 'p', default: 1, min: -10, max: 10, learnable: 'yes' as const }] : []);
      const s = activationKernels(c, { training: true });
      if (!s.ok) throw new Error(s.reason);
      await expect(verifyActivationKernels(device as DeviceLike, s.kernels, f)).resolves.toBeUndefined();
    }
  });

  it('a kernel with the old nine-digit float32 maximum (3.40282347e+38) is refused with the compiler message', async (ctx) => {
    if (!device) ctx.skip();
    // Test seam: the source the printer used to write for min(x, 3.4028235e38).
    const good = emitWgslFunction('ap_fn', { kind: 'call', fn: 'min', args: [{ kind: 'sym', name: 'x' }, { kind: 'num', value: 3.4028235e38 }] }, ['x']);
    const broken = good.replace('0x1.fffffep+127', '3.40282347e+38');
    expect(broken).not.toBe(good);
    const run = verifyWgsl(device as DeviceLike, `${WGSL_PRELUDE}\n${broken}`, 'min(x, 3.4028235e38) (f)');
    await expect(run).rejects.toBeInstanceOf(KernelCompileError);
    await expect(verifyWgsl(device as DeviceLike, `${WGSL_PRELUDE}\n${broken}`, 'min(x, 3.4028235e38) (f)')).rejects.toThrow(/min\(x, 3\.4028235e38\) \(f\) does not compile: line \d+: .+/);
  });

  it('an activation whose derivative kernel is broken is refused naming which kernel', async (ctx) => {
    if (!device) ctx.skip();
    const s = activationKernels(compileFormula('x * tanh(x)', []), {});
    if (!s.ok) throw new Error(s.reason);
    const kernels = { ...s.kernels, dvars: [{ ...s.kernels.dvars[0], code: s.kernels.dvars[0].code.replace('return', 'return undefined_name +') }] };
    await expect(verifyActivationKernels(device as DeviceLike, kernels, 'x * tanh(x)')).rejects.toThrow(/x \* tanh\(x\) \(derivative 1\) does not compile/);
  });

  it('selecting webgpu for a run whose kernel does not compile falls back to cpu and says why; a good one keeps webgpu', async (ctx) => {
    if (!device) ctx.skip();
    const s = activationKernels(compileFormula('x * tanh(x)', []), {});
    if (!s.ok) throw new Error(s.reason);
    const good = s.kernels;
    const broken = { ...good, forward: { ...good.forward, code: good.forward.code.replace('return', 'return undefined_name +') } };
    const verify = (k: typeof good) => () => verifyActivationKernels(webgpuDevice(tf.backend()) as DeviceLike, k, 'x * tanh(x)');
    const bad = await selectBackend('webgpu', { verifyWebgpu: verify(broken) });
    expect(bad.backend).toBe('cpu');
    expect(bad.tried[0]).toMatchObject({ name: 'webgpu' });
    expect(bad.reason).toMatch(/webgpu unavailable \(The WGSL kernel for x \* tanh\(x\) \(f\) does not compile: line \d+/);
    const ok = await selectBackend('webgpu', { verifyWebgpu: verify(good) });
    expect(ok.backend).toBe('webgpu');
  });
});
