/**
 * The one place the training engine asks which tf.js backend it runs on. createTrainer calls
 * chooseStepKernels once and the trainer, its stacks and its optimizers use the kernels it
 * returns for every step; the default activation resolver picks the backend's own ops here too.
 *
 *   backend   kernels on            kernels off (setCpuKernelsEnabled / setGpuEngineKernelsEnabled)
 *   cpu       CPU kernels           composed ops, broadcasts and parameters repeated
 *   webgpu    WebGPU kernels        composed ops (with the fused activation ops)
 *   wasm      composed ops, parameters repeated, each group through all layers on its own
 *   others    composed ops
 */
import * as tf from '@tensorflow/tfjs';
import { NATIVE_LAYOUT, type StackLayout, type StepKernels } from '../kernels/stepKernels';
import type { ActivationResolver } from '../kernels/resolvedActivation';
import { composedRegistryResolver } from '../kernels/activationResolver';
import { cpuKernelsEnabled } from '../cpu/segmentOp';
import { cpuStepKernels } from '../cpu/cpuStepKernels';
import { cpuKernelRegistryResolver } from '../cpu/cpuResolver';
import { gpuEngineKernelsEnabled } from '../gpu/engineKernels';
import { gpuStepKernels } from '../gpu/gpuStepKernels';
import { fusedRegistryResolver } from '../gpu/fusedResolver';
import { composedStepKernels } from './composedKernels';

/**
 * The composed ops' layout per backend. tf.js's CPU backend broadcasts a size-1 axis through
 * per-element index arithmetic (~20× a same-shape op), so there broadcasts are matMuls with ones
 * (./repeat.ts). tfjs-backend-wasm broadcasts arithmetic fast but not comparisons (the kinks'
 * tie rules), so per-run parameters are repeated there; and its Slice copies the WHOLE input out
 * of the heap for every part, so each activation group runs through all layers on its own.
 */
const COMPOSED_LAYOUT: Record<string, StackLayout> = {
  cpu: { repeatBroadcasts: true, repeatParams: true, splitActivations: true },
  wasm: { repeatBroadcasts: false, repeatParams: true, splitActivations: false },
};

/** Overrides of the process-wide switches (tests compare both paths). */
export interface KernelChoice {
  cpuKernels?: boolean;
  gpuKernels?: boolean;
}

export function chooseStepKernels(choice: KernelChoice = {}): StepKernels {
  const backend = tf.getBackend();
  if (backend === 'webgpu' && (choice.gpuKernels ?? gpuEngineKernelsEnabled())) return gpuStepKernels();
  const composed = composedStepKernels(COMPOSED_LAYOUT[backend] ?? NATIVE_LAYOUT);
  if (backend === 'cpu' && (choice.cpuKernels ?? cpuKernelsEnabled())) return cpuStepKernels(composed);
  return composed;
}

const RESOLVERS: Record<string, ActivationResolver> = { webgpu: fusedRegistryResolver, cpu: cpuKernelRegistryResolver };

/**
 * The default ActivationResolver: the backend's own activation ops (fused WGSL on 'webgpu', CPU
 * programs on 'cpu'), the composed ones elsewhere. Read when a spec is resolved, i.e. when a
 * trainer is created; each op still falls back to the composed one where its kernels are off.
 */
export const registryResolver: ActivationResolver = (spec) => (RESOLVERS[tf.getBackend()] ?? composedRegistryResolver)(spec);
