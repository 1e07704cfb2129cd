/**
 * What a dataset generator returns. Inputs are scaled so every coordinate lies roughly in
 * [−1, 1] (noise can push points slightly outside): with He/Glorot init the first layer's
 * pre-activations then start at unit scale, which is what the activations' interesting regions
 * (kinks near 0, saturation beyond ±3) are drawn for.
 */
import type { Rng } from '../rng';

export type Task = 'binary' | 'multiclass' | 'regression';

export interface Points {
  /** n × dim, row-major. */
  x: Float32Array;
  /** Class index (0, 1, 2, …) for classification, the target value for regression. */
  y: Float32Array;
  n: number;
  dim: number;
  /** Number of classes; 0 for regression. */
  classes: number;
}

/**
 * A pure generator. `noise` is the standard deviation of Gaussian jitter, in the scaled input
 * units for classification sets and on the target for regression sets.
 */
type Generator = (n: number, noise: number, rng: Rng) => Points;

/** Draws the train and test points separately, for sets whose test points lie elsewhere. */
type SplitGenerator = (nTrain: number, nTest: number, noise: number, rng: Rng) => { train: Points; test: Points };

export interface DatasetInfo {
  name: string;
  task: Task;
  dim: number;
  classes: number;
  description: string;
  /** All n points; makeDataset splits them at random unless `split` is given. */
  generate: Generator;
  /** Extrapolation sets: the test points come from outside the training region. */
  split?: SplitGenerator;
  /** Largest n the set has (a fixed data file, an image's pixels). */
  maxPoints?: number;
  /** A size that suits the set when the user has not chosen one. */
  defaultPoints?: number;
  /** 1-D sets: the input interval the views draw, and the training window when it is smaller. */
  line?: { lo: number; hi: number; windowLo?: number; windowHi?: number };
}
