/**
 * The run file: everything needed to repeat one training run exactly, as versioned JSON. A run is
 * the configuration, the data points themselves (not only the generator's spec, so a file stays
 * valid when a generator changes), the initial weights and activation parameters, the explicit
 * mini-batch order, and the per-epoch metrics the playground measured. A comparison file is a
 * list of runs plus the summary table.
 *
 * Numbers are the float32 values the engine holds, written as the shortest decimal that reads back
 * as the same float32 (see ./float32Text.ts). NaN cannot be written in JSON: metrics that were NaN
 * (e.g. test loss with an empty test set) are null.
 */
import type { ActivationSummary } from '../compare/summary';
import type { Task } from '../data/datasets';
import type { DatasetSpec } from '../data/datasets';
import type { ActivationSpec } from '../train/activationSpec';
import type { InitScheme } from '../train/init';
import type { OptimizerName } from '../train/optimizers';

export const RUN_SCHEMA = 'activation-playground/run';
export const COMPARISON_SCHEMA = 'activation-playground/comparison';
/** Bump when a reader of the old version would misread a new file. */
export const RUN_FILE_VERSION = 1;

export interface RunFileOptimizer {
  name: OptimizerName;
  lr: number;
  /** Used by 'momentum' only (v ← μv + g; p ← p − lr·v). */
  momentum: number;
  /** Adam's constants (the engine's fixed defaults, written out so a reader need not know them). */
  beta1: number;
  beta2: number;
  eps: number;
  /** Coupled L2 on weight matrices (W, V), not biases or activation parameters: g ← g + l2·W. */
  l2: number;
}

export interface RunFileConfig {
  dataset: Required<DatasetSpec>;
  /** Ungated hidden widths as configured; gated (Tier C) activations build narrower layers. */
  hidden: number[];
  activation: ActivationSpec;
  seed: number;
  init: InitScheme;
  /** ω0 of the 'siren' init; present only with init 'siren'. */
  sirenOmega0?: number;
  /** σ_w of the 'gaussian' init (weights N(0, σ_w²/fan_in)); present only with it. */
  initSigmaW?: number;
  /** σ_b of the 'gaussian' and 'edge-of-chaos' inits (biases N(0, σ_b²)); present only with them. */
  initSigmaB?: number;
  optimizer: RunFileOptimizer;
  /** Effective mini-batch size (≤ the training set size; equal means full batch). */
  batchSize: number;
  /** Epochs planned; the history may be shorter when the run was cancelled. */
  epochs: number;
}

export interface RunFileSplit {
  /** One row of `dim` inputs per point. */
  x: number[][];
  /** Class index for classification, target value for regression. */
  y: number[];
}

export interface RunFileData {
  task: Task;
  dim: number;
  classes: number;
  outputDim: number;
  train: RunFileSplit;
  test: RunFileSplit;
}

/** One dense layer: a = h·W + b with W as fanIn rows of fanOut values; gated hidden layers add u = h·V + c. */
export interface RunFileLayer {
  W: number[][];
  b: number[];
  V?: number[][];
  c?: number[];
}

export interface RunFileState {
  layers: RunFileLayer[];
  /** Per hidden layer: every activation parameter's value. */
  activationParams: Record<string, number>[];
  /** Names of the activation parameters that are trained. */
  learnable: string[];
}

/**
 * How mini-batches were drawn. 'permutations': epoch e visits the training points in the order
 * permutations[e − 1], cut into consecutive batches of batchSize (the last one may be smaller).
 * 'full-batch': every step uses the whole training set in stored order.
 */
export type RunFileBatchOrder =
  | {
      kind: 'permutations';
      /** How the engine derived them, for the record: the seed and the algorithm name. */
      algorithm: string;
      seed: number;
      permutations: number[][];
    }
  | { kind: 'full-batch' };

export interface RunFileEpoch {
  /** 0 = before training. */
  epoch: number;
  trainLoss: number | null;
  testLoss: number | null;
  trainAcc: number | null;
  testAcc: number | null;
  /**
   * Per-layer lenses measured from this epoch's weights in float64 on the training set
   * (core/train/lenses.ts); absent in files written without them. Non-finite values are null.
   */
  lenses?: RunFileLenses;
}

export interface RunFileLayerLens {
  width: number;
  /** Fraction of units whose output is constant over the points. */
  dead: number;
  /** Fraction of outputs with |f(a)| below 1e-3. */
  sparsity: number;
  preMean: number | null;
  preStd: number | null;
  /** ‖∂L/∂W‖ of the layer's weights. */
  gradNorm: number | null;
}

export interface RunFileLenses {
  points: number;
  /** One per hidden layer. */
  layers: RunFileLayerLens[];
  outputGradNorm: number | null;
}

export interface RunFileDivergence {
  epoch: number;
  step: number;
  message: string;
}

export interface RunFile {
  schema: typeof RUN_SCHEMA;
  version: number;
  /** The playground version that wrote the file (package.json). */
  projectVersion: string;
  createdAt: string;
  /** tf.js backend the history was measured on: 'cpu', 'webgpu', 'wasm', … */
  backend: string;
  config: RunFileConfig;
  data: RunFileData;
  initial: RunFileState;
  batchOrder: RunFileBatchOrder;
  history: RunFileEpoch[];
  diverged: RunFileDivergence | null;
}

export interface ComparisonFile {
  schema: typeof COMPARISON_SCHEMA;
  version: number;
  projectVersion: string;
  createdAt: string;
  backend: string;
  status: 'complete' | 'cancelled';
  runs: RunFile[];
  summary: ActivationSummary[];
}
