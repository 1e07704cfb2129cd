/**
 * The CPU kernels as step kernels, on tf.js's 'cpu' backend: the composed kernels (the batch,
 * the loss, the flags) with what differs overridden, as tinygrad's WGSL renderer overrides only
 * what differs from the C one: dense layers as one fused op (./denseOp.ts), every activation
 * group of a hidden layer as one op (./segmentOp.ts), the optimizer as loops (./cpuUpdate.ts).
 */
import type { StepKernels } from '../kernels/stepKernels';
import { stackedDense } from './denseOp';
import { takeArray } from './derivativeStore';
import { segmentActivation } from './segmentOp';
import { cpuUpdate } from './cpuUpdate';

export function cpuStepKernels(composed: StepKernels): StepKernels {
  return {
    ...composed,
    engine: 'cpu',
    dense: (h, W, b) => stackedDense(h, W, b),
    segments: { apply: segmentActivation, scratch: takeArray },
    createUpdate: cpuUpdate,
  };
}
