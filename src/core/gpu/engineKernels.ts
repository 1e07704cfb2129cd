/**
 * The switch for the training engine's WebGPU kernels (all activation groups of a hidden layer
 * in one dispatch, the optimizer's generated updates, the dense layers' fused matMul + bias),
 * mirroring setCpuKernelsEnabled (src/core/cpu/segmentOp.ts): off, the engine on 'webgpu' uses
 * one fused activation op per group and tf.js's own ops for the rest (the tests' reference).
 */
import * as tf from '@tensorflow/tfjs';

let enabled = true;

export function setGpuEngineKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Whether the switch is on (src/core/train/chooseKernels.ts checks the backend). */
export function gpuEngineKernelsEnabled(): boolean {
  return enabled;
}

/** True when the engine's WebGPU kernels can run: enabled, and tf.js's backend is 'webgpu'. */
export function gpuEngineKernelsActive(): boolean {
  return enabled && tf.getBackend() === 'webgpu';
}
