/**
 * A generated kernel that does not compile must fail loudly. WebGPU reports a bad shader only
 * through its error scopes and the module's compilation info (tf.js's backend listens to
 * neither), after which a dispatch silently leaves its output as it was: a loss of 0, or the last
 * run's numbers. verifyActivationKernels compiles each generated function (with the prelude) on
 * the backend's own device, and throws KernelCompileError with the compiler's messages, so a
 * caller can refuse the fused path (and training fall back) with a reason.
 */
import type { ActivationKernels } from './activationKernels';
import { WGSL_PRELUDE } from './wgslPrelude';

export class KernelCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelCompileError';
  }
}

interface CompilationMessage {
  type: string;
  message: string;
  lineNum: number;
}
/** The parts of GPUDevice used here. */
export interface DeviceLike {
  createShaderModule(d: { code: string }): { getCompilationInfo(): Promise<{ messages: readonly CompilationMessage[] }> };
  pushErrorScope(filter: 'validation'): void;
  popErrorScope(): Promise<{ message: string } | null>;
}

/** Compile one WGSL module on `device`; throws KernelCompileError naming `what` and the first errors. */
export async function verifyWgsl(device: DeviceLike, code: string, what: string): Promise<void> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code });
  const [info, scoped] = await Promise.all([module.getCompilationInfo(), device.popErrorScope()]);
  const errors = info.messages.filter((m) => m.type === 'error').map((m) => `line ${m.lineNum}: ${m.message}`);
  if (scoped && errors.length === 0) errors.push(scoped.message);
  if (errors.length > 0) throw new KernelCompileError(`The WGSL kernel for ${what} does not compile: ${errors.slice(0, 3).join('; ').slice(0, 600)}`);
}

/** Every kernel of an activation: forward, per-variable and per-parameter derivatives. */
export async function verifyActivationKernels(device: DeviceLike, kernels: ActivationKernels, id: string): Promise<void> {
  const all: [string, string][] = [[`${id} (f)`, kernels.forward.code], ...kernels.dvars.map((k, i): [string, string] => [`${id} (derivative ${i + 1})`, k.code])];
  kernels.dparams.forEach((k, i) => {
    if (k) all.push([`${id} (parameter derivative ${i + 1})`, k.code]);
  });
  for (const [what, code] of all) await verifyWgsl(device, `${WGSL_PRELUDE}\n${code}`, what);
}

/** The GPUDevice of tf.js's active webgpu backend, or undefined on any other backend. */
export function webgpuDevice(backend: unknown): DeviceLike | undefined {
  const d = (backend as { device?: DeviceLike } | null)?.device;
  return d && typeof d.createShaderModule === 'function' ? d : undefined;
}
