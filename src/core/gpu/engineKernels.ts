/**
 * The switch for the training engine's WebGPU kernels (all activation groups of a hidden layer
 * in one dispatch, the optimizer's generated updates, the dense layers' fused matMul + bias),
 * mirroring setCpuKernelsEnabled (src/core/cpu/segmentOp.ts): off, a trainer created on 'webgpu'
 * gets the composed step kernels, with one fused activation op per group (the tests' reference).
 * Read by src/core/train/chooseKernels.ts when a trainer is created.
 */
let enabled = true;

export function setGpuEngineKernelsEnabled(on: boolean): void {
  enabled = on;
}

export function gpuEngineKernelsEnabled(): boolean {
  return enabled;
}
