/**
 * The dataset catalogue and `makeDataset`, which turns a spec into a deterministic
 * train/test split.
 */
import { ConfigError } from '../../configError';
import { createRng } from '../rng';
import { checkerboard, circle, moons, spiral, spiral3, twoGaussians, xor } from './classification2d';
import { absolute, sine, step } from './regression1d';
import { digits, DIGITS_COUNT } from './digits/digits';
import { periodic, periodicSplit, PERIODIC_LINE, PERIODIC_WINDOW } from './periodic';
import { image32, IMAGE_SIDE, multifreq } from './highFrequency';
import type { DatasetInfo, Points, Task } from './types';

export type { DatasetInfo, Task } from './types';

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
  {
    name: 'digits', task: 'multiclass', dim: 64, classes: 10, description: 'UCI handwritten digits, 8 × 8 pixels, 10 classes',
    generate: digits, maxPoints: DIGITS_COUNT, defaultPoints: DIGITS_COUNT,
  },
  {
    name: 'periodic', task: 'regression', dim: 1, classes: 0,
    description: 'Period-1 signal seen on [−1, 1], tested outside it on [−3, 3] (extrapolation)',
    generate: periodic, split: periodicSplit, defaultPoints: 400,
    line: { lo: PERIODIC_LINE[0], hi: PERIODIC_LINE[1], windowLo: PERIODIC_WINDOW[0], windowHi: PERIODIC_WINDOW[1] },
  },
  {
    name: 'multifreq', task: 'regression', dim: 1, classes: 0, description: 'Sum of sines at 1, 4 and 12 cycles per unit',
    generate: multifreq, defaultPoints: 400, line: { lo: -1, hi: 1 },
  },
  {
    name: 'image32', task: 'regression', dim: 2, classes: 0, description: '32 × 32 procedural image, pixel value from (u, v)',
    generate: image32, maxPoints: IMAGE_SIDE * IMAGE_SIDE, defaultPoints: IMAGE_SIDE * IMAGE_SIDE,
  },
];

export function datasetNames(): string[] {
  return CATALOGUE.map((d) => d.name);
}

export function datasetInfo(name: string): DatasetInfo {
  const info = CATALOGUE.find((d) => d.name === name.toLowerCase());
  if (!info) throw new ConfigError(`Unknown dataset "${name}"; choose one of: ${datasetNames().join(', ')}`);
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
    throw new ConfigError(`Dataset size n must be an integer between 2 and ${MAX_POINTS}, got ${spec.n}`);
  }
  if (!Number.isFinite(noise) || noise < 0 || noise > 10) {
    throw new ConfigError(`Dataset noise must be a number between 0 and 10, got ${noise}`);
  }
  if (!Number.isFinite(testFraction) || testFraction < 0 || testFraction > 0.9) {
    throw new ConfigError(`testFraction must be between 0 and 0.9, got ${testFraction}`);
  }
  if (!Number.isFinite(spec.seed)) throw new ConfigError(`Dataset seed must be a finite number, got ${spec.seed}`);
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
  if (info.maxPoints !== undefined && s.n > info.maxPoints) {
    throw new ConfigError(`Dataset "${info.name}" has at most ${info.maxPoints} points; n = ${s.n} is too many`);
  }
  const root = createRng(s.seed).fork(`dataset:${info.name}`);
  let nTest = Math.round(s.n * s.testFraction);
  if (s.testFraction > 0) nTest = Math.max(1, nTest);
  nTest = Math.min(nTest, s.n - 1);
  const head = {
    name: info.name,
    task: info.task,
    dim: info.dim,
    classes: info.classes,
    outputDim: info.task === 'multiclass' ? info.classes : 1,
  };
  if (info.split) {
    const { train, test } = info.split(s.n - nTest, nTest, s.noise, root.fork('points'));
    return { ...head, train: { x: train.x, y: train.y, n: train.n }, test: { x: test.x, y: test.y, n: test.n } };
  }
  const points = info.generate(s.n, s.noise, root.fork('points'));
  const order = root.fork('split').permutation(s.n);
  return { ...head, train: take(points, order, nTest, s.n), test: take(points, order, 0, nTest) };
}
