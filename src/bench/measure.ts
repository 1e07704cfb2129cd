/**
 * Timings of the training engine on the current tf.js backend: ms per optimisation step of a
 * whole configuration, (a) all runs batched in one engine, (b) one engine per run, trained one
 * after another. Every timed section ends with a read-back of results, so queued GPU work is
 * counted (with full batch each step ends an epoch, and the engine then reads the losses).
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationResolver, ActivationSpec } from '../core/train/activationSpec';
import { createTrainer, type RunSpec } from '../core/train/trainer';
import { BENCH_DATASET, BENCH_HIDDEN, BENCH_LR } from './benchConfig';

export interface StepTiming {
  /** Milliseconds per step of the whole configuration (all its runs advance one step). */
  msPerStep: number;
  steps: number;
  runs: number;
}

function trainerFor(runs: RunSpec[], resolveActivation: ActivationResolver) {
  return createTrainer({
    dataset: BENCH_DATASET,
    hidden: BENCH_HIDDEN,
    runs,
    optimizer: 'adam',
    lr: BENCH_LR,
    // Full batch: ≥ the number of training points.
    batchSize: BENCH_DATASET.n,
    resolveActivation,
  });
}

export function runsOf(activations: ActivationSpec[], seeds: number[]): RunSpec[] {
  return activations.flatMap((activation) => seeds.map((seed) => ({ activation, seed })));
}

/** One engine for all runs; `warmup` untimed steps first (shader compilation, allocation). */
export async function timeBatched(runs: RunSpec[], resolve: ActivationResolver, steps: number, warmup = 1): Promise<StepTiming> {
  const trainer = trainerFor(runs, resolve);
  try {
    await trainer.step(warmup);
    await trainer.evaluate();
    const t0 = performance.now();
    await trainer.step(steps);
    await trainer.evaluate();
    return { msPerStep: (performance.now() - t0) / steps, steps, runs: runs.length };
  } finally {
    trainer.dispose();
  }
}

/**
 * One R = 1 engine per run, each trained alone for `steps` steps, in sequence: the cost of the
 * whole configuration advancing one step is the sum over runs.
 */
export async function timeSequential(runs: RunSpec[], resolve: ActivationResolver, steps: number, warmup = 1): Promise<StepTiming> {
  let total = 0;
  for (const run of runs) {
    const trainer = trainerFor([run], resolve);
    try {
      await trainer.step(warmup);
      await trainer.evaluate();
      const t0 = performance.now();
      await trainer.step(steps);
      await trainer.evaluate();
      total += performance.now() - t0;
    } finally {
      trainer.dispose();
    }
  }
  return { msPerStep: total / steps, steps, runs: runs.length };
}

/** Tensor count before/after, to catch leaks in the timed paths. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
