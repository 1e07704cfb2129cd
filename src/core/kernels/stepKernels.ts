/**
 * The step kernels: the parts of one training step that differ by engine, as ONE object that
 * the trainer picks once when it is created (src/core/train/chooseKernels.ts) and never asks
 * about again. Implementations: the composed tf.js ops, the plain reference
 * (src/core/train/composedKernels.ts), and the WebGPU kernels (src/core/gpu/gpuStepKernels.ts).
 *
 * Every method runs inside the caller's tf.tidy and returns new tensors.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Task } from '../data/datasets';

/** The training split as tensors: inputs [N, dim], targets [N, out] (one-hot for multiclass). */
export interface TrainTensors {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** One step's batch: `x` [R or 1, b, dim] for the forward pass; the targets in the engine's own form. */
export interface StepBatch {
  /** Runs R of the stack. */
  runs: number;
  x: tf.Tensor;
  /** Opaque to the trainer: handed back to the same kernels' lossAndGradients. */
  targets: unknown;
}

export interface StepKernels {
  /** Which engine these are (reports and tests). */
  readonly engine: 'composed' | 'webgpu';
  /**
   * The step's batch for R runs: every training point (order null), or points
   * order[r, from .. from + count) of run r.
   */
  gatherBatch(data: TrainTensors, order: tf.Tensor | null, from: number, count: number, runs: number): StepBatch;
  /**
   * Each run's mean batch loss [R] and the gradient of their sum to each of `vars` (runs are
   * independent, so that is each run's own gradient). `forward` gives the logits [R, b, out].
   * The caller disposes the loss (it may be kept out of the enclosing tidy).
   */
  lossAndGradients(task: Task, forward: () => tf.Tensor, batch: StepBatch, vars: tf.Variable[]): { loss: tf.Tensor; grads: tf.Tensor[] };
  /** The divergence flags: badStep int32 [R] (−1 while healthy) with `step` set where it is −1 and the loss is not finite. */
  flagBadSteps(badStep: tf.Tensor, loss: tf.Tensor, step: number): tf.Tensor;
  /** Frees what the kernels keep between steps (one trainer's kernels, freed with it). */
  dispose(): void;
}
