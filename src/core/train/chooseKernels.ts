/**
 * The one place the training engine asks which tf.js backend it runs on: createTrainer calls
 * this once, and the trainer uses the kernels it returns for every step.
 */
import * as tf from '@tensorflow/tfjs';
import type { StepKernels } from '../kernels/stepKernels';
import { gpuEngineKernelsActive } from '../gpu/engineKernels';
import { gpuStepKernels } from '../gpu/gpuStepKernels';
import { composedStepKernels } from './composedKernels';

export function chooseStepKernels(): StepKernels {
  if (gpuEngineKernelsActive()) return gpuStepKernels();
  return composedStepKernels({ repeatTargets: tf.getBackend() === 'cpu' });
}
