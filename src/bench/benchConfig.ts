/**
 * What `npm run bench` measures: the same K × S comparison — K = 12 registry
 * activations, S = 5 seeds, spiral with 512 training points, a 2-32-32-1 MLP, full-batch Adam.
 */
import type { ActivationSpec } from '../core/train/activationSpec';
import type { DatasetSpec } from '../core/data/datasets';

/** A mix of fixed and learnable parameters, kinks, erf, exp, trig and rational forms. */
export const BENCH_ACTIVATIONS: ActivationSpec[] = [
  'relu', 'leaky-relu', 'prelu', 'elu', 'gelu', 'silu', 'mish', 'golu', 'xatlu', 'sau', 'snake', 'dyt',
].map((id) => ({ id }));

export const BENCH_SEEDS = [1, 2, 3, 4, 5];

/** 640 points with a 20 % test split: 512 training points, so full batch = 512. */
export const BENCH_DATASET: DatasetSpec = { name: 'spiral', n: 640, noise: 0.1, testFraction: 0.2, seed: 1 };

export const BENCH_HIDDEN = [32, 32];
export const BENCH_LR = 0.01;

