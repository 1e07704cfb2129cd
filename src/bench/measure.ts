/**
 * Timings of the training engine on the current tf.js backend, in wall time and in this
 * process's CPU time (process.cpuUsage: on a shared machine other processes inflate wall time,
 * not CPU time; tf.js's CPU backend is single-threaded, so CPU ≈ wall when the machine is idle).
 *
 * A training step is timed alone: the trainers are built with checkEvery beyond the timed steps,
 * so no end-of-epoch evaluation or divergence check runs inside the timed section; evaluation
 * (full train/test metrics, what each check also costs) is timed separately. Every timed section
 * ends with a read-back, so queued GPU work is counted.
 */
import type { ActivationResolver, ActivationSpec } from '../core/train/activationSpec';
import { createTrainer, type RunSpec, type Trainer } from '../core/train/trainer';
import { BENCH_DATASET, BENCH_HIDDEN, BENCH_LR } from './benchConfig';

/** Milliseconds of one thing (a step of the whole configuration, or one evaluation). */
export interface Cost {
  wallMs: number;
  cpuMs: number;
}

export interface BenchSetup {
  resolve: ActivationResolver;
  /** Training points per step; ≥ the training set means full batch. */
  batchSize: number;
  /** Timed steps per measurement. */
  steps: number;
  /** Measurements per timing; the least is kept (load from other processes only adds time). */
  repeats: number;
}

export function runsOf(activations: ActivationSpec[], seeds: number[]): RunSpec[] {
  return activations.flatMap((activation) => seeds.map((seed) => ({ activation, seed })));
}

function trainerFor(runs: RunSpec[], setup: BenchSetup): Trainer {
  return createTrainer({
    dataset: BENCH_DATASET,
    hidden: BENCH_HIDDEN,
    runs,
    optimizer: 'adam',
    lr: BENCH_LR,
    batchSize: setup.batchSize,
    resolveActivation: setup.resolve,
    // No divergence check (and its evaluation) inside the timed steps.
    checkEvery: 1_000_000,
  });
}

/** Waits for every queued op of the trainer (a one-point prediction is read back). */
async function fence(trainer: Trainer): Promise<void> {
  await trainer.predictGrid(new Float32Array(trainer.dataset.dim));
}

async function timed(fn: () => Promise<void>): Promise<Cost> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { wallMs: performance.now() - w0, cpuMs: (c.user + c.system) / 1000 };
}

const least = (a: Cost, b: Cost): Cost => ({ wallMs: Math.min(a.wallMs, b.wallMs), cpuMs: Math.min(a.cpuMs, b.cpuMs) });
const per = (c: Cost, n: number): Cost => ({ wallMs: c.wallMs / n, cpuMs: c.cpuMs / n });
const sum = (a: Cost, b: Cost): Cost => ({ wallMs: a.wallMs + b.wallMs, cpuMs: a.cpuMs + b.cpuMs });
const NONE: Cost = { wallMs: Infinity, cpuMs: Infinity };

/** Per step of one trainer (after one untimed warm-up step: shader compilation, allocation). */
async function stepCost(trainer: Trainer, setup: BenchSetup): Promise<Cost> {
  await trainer.step(1);
  await fence(trainer);
  let best = NONE;
  for (let i = 0; i < setup.repeats; i++) {
    best = least(best, await timed(async () => {
      await trainer.step(setup.steps);
      await fence(trainer);
    }));
  }
  return per(best, setup.steps);
}

/** All runs in one engine: per step, and one full evaluation (train + test metrics of every run). */
export async function timeBatched(runs: RunSpec[], setup: BenchSetup): Promise<{ step: Cost; evaluation: Cost }> {
  const trainer = trainerFor(runs, setup);
  try {
    const step = await stepCost(trainer, setup);
    await trainer.evaluate(); // untimed: compiles the evaluation shapes' shaders on webgpu
    let evaluation = NONE;
    for (let i = 0; i < setup.repeats; i++) {
      await trainer.step(1); // evaluate() caches per step
      evaluation = least(evaluation, await timed(async () => void (await trainer.evaluate())));
    }
    return { step, evaluation };
  } finally {
    trainer.dispose();
  }
}

/**
 * One R = 1 engine per run, in sequence: the cost of the whole configuration advancing one step
 * is the sum over runs of each one's step.
 */
export async function timeSequential(runs: RunSpec[], setup: BenchSetup): Promise<Cost> {
  let total: Cost = { wallMs: 0, cpuMs: 0 };
  for (const run of runs) {
    const trainer = trainerFor([run], setup);
    try {
      total = sum(total, await stepCost(trainer, setup));
    } finally {
      trainer.dispose();
    }
  }
  return total;
}
