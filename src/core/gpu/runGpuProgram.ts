/**
 * The one way this project runs its own WGSL programs: through tf.js's WebGPU backend's entry
 * point for custom programs, with the output wrapped as a tensor the engine tracks (so tidy and
 * dispose see it). Every generated kernel (activations, training steps, optimizers) goes here.
 */
import * as tf from '@tensorflow/tfjs';
import type { GpuProgram } from './activationPrograms';

export type GpuUniform = { type: 'int32' | 'float32'; data: number[] };

/** The part of tfjs-backend-webgpu's backend class these programs use (not in its public types). */
interface WebGpuBackendLike {
  runWebGPUProgram(program: GpuProgram, inputs: tf.TensorInfo[], dtype: 'float32' | 'int32', uniforms?: GpuUniform[]): tf.TensorInfo;
}

export function runGpuProgram(program: GpuProgram, inputs: tf.Tensor[], uniforms: GpuUniform[], dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  const backend = tf.backend() as unknown as WebGpuBackendLike;
  return tf.engine().makeTensorFromTensorInfo(backend.runWebGPUProgram(program, inputs, dtype, uniforms));
}

/** Integer uniforms, the common case. */
export const ints = (values: number[]): GpuUniform[] => values.map((v) => ({ type: 'int32', data: [v] }));
