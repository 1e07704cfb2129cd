/**
 * The dataset catalogue and `makeDataset`, which turns a spec into a deterministic
 * train/test split.
 */
import { createRng } from '../rng';
import { checkerboard, circle, moons, spiral, spiral3, twoGaussians, xor } from './classification2d';
import { absolute, sine, step } from './regression1d';
import type { DatasetInfo, Points, Task } from './types';

export type { DatasetInfo, Generator, Points, Task } from './types';

const CATALOGUE: DatasetInfo[] = [
  { name: 'circle', task: 'binary', dim: 2, classes: 2, description: 'A disc inside a ring', generate: circle },
  { name: 'xor', task: 'binary', dim: 2, classes: 2, description: 'Opposite quadrants share a class', generate: xor },
  { name: 'two-gaussians', task: 'binary', dim: 2, classes: 2, description: 'Two overlapping Gaussian blobs', generate: twoGaussians },
  { name: 'spiral', task: 'binary', dim: 2, classes: 2, description: 'Two interleaved spiral arms', generate: spiral },
  { name: 'moons', task: 'binary', dim: 2, classes: 2, description: 'Two interleaving half circles', generate: moons },
  { name: 'checkerboard', task: 'binary', dim: 2, classes: 2, description: 'A 4 × 4 checkerboard', generate: checkerboard },
  { name: 'spiral3', task: 'multiclass', dim: 2, classes: 3, description: 'Three spiral arms, three classes', generate: spiral3 },
  { name: 'sine', task: 'regression', dim: 1, classes: 0, description: 'y = sin(2πx)', generate: sine },
  { name: 'abs', task: 'regression', dim: 1, classes: 0, description: 'y = 2|x| − 1', generate: absolute },
  { name: 'step', task: 'regression', dim: 1, classes: 0, description: 'y = ±1, jump at 0', generate: step },
];

export function datasetNames(): string[] {
  return CATALOGUE.map((d) => d.name);
}

export function datasetInfo(name: string): DatasetInfo {
  const info = CATALOGUE.find((d) => d.name === name.toLowerCase());
  if (!info) throw new Error(`Unknown dataset "${name}"; choose one of: ${datasetNames().join(', ')}`);
  return info;
}

export interface DatasetSpec {
  name: string;
  /** Total number of points before the split. */
  n: number;
  /** Std of Gaussian jitter (input units for classification, target units for regression). */
  noise?: number;
  /** Share of points held out for testing, in [0, 0.9]. */
  testFraction?: number;
  seed: number;
}

export interface Split {
  x: Float32Array;
  y: Float32Array;
  n: number;
}

export interface Dataset {
  name: string;
  task: Task;
  dim: number;
  classes: number;
  /** Width of the network output: 1 for binary and regression, `classes` for multiclass. */
  outputDim: number;
  train: Split;
  test: Split;
}

/** Largest dataset we generate; a guard against typos like n = 1e9 freezing the page. */
export const MAX_POINTS = 1_000_000;

function validate(spec: DatasetSpec): Required<DatasetSpec> {
  const noise = spec.noise ?? 0;
  const testFraction = spec.testFraction ?? 0.2;
  if (!Number.isInteger(spec.n) || spec.n < 2 || spec.n > MAX_POINTS) {
    throw new Error(`Dataset size n must be an integer between 2 and ${MAX_POINTS}, got ${spec.n}`);
  }
  if (!Number.isFinite(noise) || noise < 0 || noise > 10) {
    throw new Error(`Dataset noise must be a number between 0 and 10, got ${noise}`);
  }
  if (!Number.isFinite(testFraction) || testFraction < 0 || testFraction > 0.9) {
    throw new Error(`testFraction must be between 0 and 0.9, got ${testFraction}`);
  }
  if (!Number.isFinite(spec.seed)) throw new Error(`Dataset seed must be a finite number, got ${spec.seed}`);
  return { name: spec.name, n: spec.n, noise, testFraction, seed: spec.seed };
}

function take(points: Points, order: Int32Array, from: number, to: number): Split {
  const n = to - from;
  const x = new Float32Array(n * points.dim);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[from + k];
    x.set(points.x.subarray(i * points.dim, (i + 1) * points.dim), k * points.dim);
    y[k] = points.y[i];
  }
  return { x, y, n };
}

/**
 * Generates `n` points and splits them at random into train and test. Same spec → identical
 * arrays. The test share is round(n·testFraction), at least 1 when testFraction > 0, and the
 * training set always keeps at least one point.
 */
export function makeDataset(spec: DatasetSpec): Dataset {
  const s = validate(spec);
  const info = datasetInfo(s.name);
  const root = createRng(s.seed).fork(`dataset:${info.name}`);
  const points = info.generate(s.n, s.noise, root.fork('points'));
  const order = root.fork('split').permutation(s.n);
  let nTest = Math.round(s.n * s.testFraction);
  if (s.testFraction > 0) nTest = Math.max(1, nTest);
  nTest = Math.min(nTest, s.n - 1);
  return {
    name: info.name,
    task: info.task,
    dim: info.dim,
    classes: info.classes,
    outputDim: info.task === 'multiclass' ? info.classes : 1,
    train: take(points, order, nTest, s.n),
    test: take(points, order, 0, nTest),
  };
}
