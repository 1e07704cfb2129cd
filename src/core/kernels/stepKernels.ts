/**
 * The step kernels: everything in one training step that differs by engine, as ONE object that
 * the trainer picks once when it is created (src/core/train/chooseKernels.ts) and never asks
 * about again. Three implementations:
 * - the composed tf.js ops, the plain reference (src/core/train/composedKernels.ts), on every
 *   backend;
 * - the CPU kernels (src/core/cpu/cpuStepKernels.ts): fused dense layers, every group of a
 *   hidden layer in one op, the optimizer as loops over the arrays;
 * - the WebGPU kernels (src/core/gpu/gpuStepKernels.ts): generated WGSL for the batch, the loss,
 *   the flags, the dense layers, the optimizer, and one dispatch per hidden layer over the
 *   stack's [R, width] parameter tables.
 *
 * Every tensor-returning method runs inside the caller's tf.tidy and returns new tensors.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Task } from '../data/datasets';
import type { CpuSegment } from '../cpu/segmentOp';
import type { GpuSegment } from '../gpu/stackActivation';

/** The training split as tensors: inputs [N, dim], targets [N, out] (one-hot for multiclass). */
export interface TrainTensors {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** One step's batch: `x` [R or 1, b, dim] for the forward pass; the targets in the engine's own form. */
interface StepBatch {
  /** Runs R of the stack. */
  runs: number;
  x: tf.Tensor;
  /** Opaque to the trainer: handed back to the same kernels' lossAndGradients. */
  targets: unknown;
}

/** One stacked tensor the optimizer updates, and which runs its leading axis covers. */
export interface Trainable {
  variable: tf.Variable;
  /** Weight matrices get L2; biases and activation parameters do not. */
  decay: boolean;
  /** Leading axis = runs [runStart, runStart + runCount) of the stack's active mask. */
  runStart: number;
  runCount: number;
  /** Keep the value in [min, max] after every update (activation parameters' ranges). */
  clamp?: [number, number];
  /**
   * Per-element ranges instead (tensors of the variable's shape): a table of several
   * parameters per run, each column with its own range (−∞, ∞ where there is none).
   */
  clampTable?: { lo: tf.Tensor; hi: tf.Tensor };
}

/** A checked optimizer (src/core/train/optimizers.ts checkOptimizerSpec): every field set. */
export interface UpdateRule {
  name: 'sgd' | 'momentum' | 'adam';
  lr: number;
  /** Coupled L2 on weights (trainables with `decay`). */
  l2: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
}

/** One optimizer's update on one engine, with the state it keeps (velocity, moments). */
export interface ParameterUpdate {
  /**
   * grads[i] belongs to trainables[i]; `active` is a bool [R] mask of the runs to update, or
   * null for all. bc1, bc2: Adam's bias corrections 1 − βᵗ of this step. Call inside tf.tidy.
   */
  apply(trainables: Trainable[], grads: tf.Tensor[], active: tf.Tensor | null, bc1: number, bc2: number): void;
  dispose(): void;
}

/** How a stack lays out and broadcasts its per-run tensors on this engine (costs of the backend). */
export interface StackLayout {
  /**
   * Broadcast a size-1 axis (bias [R, 1, out], shared targets [1, …]) as a matMul with ones:
   * tf.js's CPU backend broadcasts through per-element index arithmetic, ~20× slower.
   */
  repeatBroadcasts: boolean;
  /** Repeat per-run activation parameters [count, 1, 1] to the input's shape before a per-group op. */
  repeatParams: boolean;
  /**
   * Run each layer as one matMul over all runs and split its activations by group; false: each
   * group through all layers on its own (tfjs-backend-wasm copies a split's whole input).
   */
  splitActivations: boolean;
}

/** The CPU kernels' hidden layer: every group as one op over the arrays (src/core/cpu/segmentOp.ts). */
interface SegmentActivation {
  /** inputs: a (and u when gated) [R, B, width]; `training`: a backward pass follows. */
  apply(inputs: tf.Tensor[], parts: CpuSegment[], training: boolean): tf.Tensor;
  /** A pooled array for a part's extra argument (a stochastic mask); the op gives it back. */
  scratch(n: number): Float64Array;
}

/**
 * The WebGPU kernels' hidden layer: every group as one dispatch, its parameters one [R, width]
 * table (src/core/gpu/stackActivation.ts). A stack whose kernels have it holds its activation
 * parameters as such tables.
 */
type TableActivation = (inputs: tf.Tensor[], table: tf.Tensor | null, parts: GpuSegment[]) => tf.Tensor;

export interface StepKernels {
  /** Which engine these are (reports and tests). */
  readonly engine: 'composed' | 'cpu' | 'webgpu';
  readonly layout: StackLayout;
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
  /**
   * h·W + b: h [R or 1, B, in], W [R, in, out], b [R, 1, out]. `layer` 0 takes the data as h
   * (no gradient to it is needed).
   */
  dense(h: tf.Tensor, W: tf.Tensor, b: tf.Tensor, layer: number): tf.Tensor;
  /** CPU kernels only: a hidden layer of every group in one op. */
  readonly segments?: SegmentActivation;
  /** WebGPU kernels only: a hidden layer of every group in one dispatch over parameter tables. */
  readonly tables?: TableActivation;
  /** The optimizer's update on this engine. */
  createUpdate(rule: UpdateRule): ParameterUpdate;
  /** Frees what the kernels keep between steps (one trainer's kernels, freed with it). */
  dispose(): void;
}

/** Broadcasts: the layout where they cost nothing (every backend but tf.js's cpu and wasm). */
export const NATIVE_LAYOUT: StackLayout = { repeatBroadcasts: false, repeatParams: false, splitActivations: true };
