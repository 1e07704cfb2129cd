/**
 * A comparison: every activation × every seed trained together in ONE engine (one batched
 * computation), evaluated after every epoch, with progress callbacks and cancellation.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationResolver, ActivationSpec } from '../train/activationSpec';
import type { TrainingConfig } from '../train/trainingConfig';
import { registryResolver } from '../train/registryResolver';
import { trainAndEvaluate } from '../train/epochLoop';
import type { RunLenses } from '../train/lenses';
import { createTrainer, type Divergence, type RunMetrics, type Trainer } from '../train/trainer';
import { activationLabel, summarize, type ActivationSummary, type RunResult, type Target } from './summary';

/** The shared training settings (../train/trainingConfig.ts), for activations × seeds. */
export interface ComparisonConfig extends TrainingConfig {
  activations: ActivationSpec[];
  /** Explicit seeds, or a count n meaning seeds 1..n. */
  seeds: number[] | number;
  epochs: number;
  /** For epochsToTarget; default: test accuracy 0.95 for classification, none for regression. */
  target?: Target;
}

export interface ComparisonProgress {
  epoch: number;
  epochs: number;
  elapsedMs: number;
  /** Config run order (activation-major, then seed). */
  latest: { label: string; seed: number; metrics: RunMetrics; diverged: Divergence | null }[];
}

export interface ComparisonResult {
  config: ComparisonConfig;
  status: 'complete' | 'cancelled';
  epochsCompleted: number;
  runs: RunResult[];
  summary: ActivationSummary[];
  timing: {
    backend: string;
    setupMs: number;
    trainMs: number;
    totalMs: number;
    /** trainMs / epochsCompleted (training steps plus the per-epoch evaluation). */
    msPerEpoch: number;
    runs: number;
  };
}

function seedList(seeds: number[] | number): number[] {
  if (typeof seeds === 'number') {
    if (!(Number.isInteger(seeds) && seeds >= 1 && seeds <= 1000)) {
      throw new Error(`Seed count must be an integer between 1 and 1000, got ${seeds}`);
    }
    return Array.from({ length: seeds }, (_, i) => i + 1);
  }
  if (!Array.isArray(seeds) || seeds.length === 0) throw new Error('Give at least one seed');
  if (new Set(seeds).size !== seeds.length) throw new Error(`Seeds must be distinct, got ${seeds.join(', ')}`);
  return seeds;
}

/**
 * Optional access to the live engine, for drivers that need more than metrics (the Compare
 * page's worker draws decision boundaries and learned parameters from it). Awaited in order.
 */
export interface ComparisonEngine {
  /** Turns activation specs into tf.js ops; default: the registry. Tests pass hand-built ops. */
  resolveActivation?: ActivationResolver;
  /** After the epoch-0 evaluation and after every epoch's evaluation (metrics are cached then). */
  onEpoch?: (trainer: Trainer, epoch: number, lenses: (RunLenses | null)[]) => void | Promise<void>;
  /** Measure every run's per-layer lenses at each evaluation (../train/lenses.ts), into the histories. */
  lenses?: boolean;
  /** Once, after the last epoch (complete or cancelled), before the trainer is disposed. */
  onEnd?: (trainer: Trainer) => void | Promise<void>;
}

/** Lets abort events and UI messages through between epochs. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Trains all activations × seeds for config.epochs epochs. Resolves with partial results and
 * status 'cancelled' when `signal` aborts (checked between epochs).
 */
export async function runComparison(
  config: ComparisonConfig,
  onProgress?: (p: ComparisonProgress) => void,
  signal?: AbortSignal,
  engine: ComparisonEngine = {},
): Promise<ComparisonResult> {
  const resolveActivation = engine.resolveActivation ?? registryResolver;
  const t0 = performance.now();
  if (!Array.isArray(config.activations) || config.activations.length === 0) {
    throw new Error('Choose at least one activation to compare');
  }
  if (!(Number.isInteger(config.epochs) && config.epochs >= 1 && config.epochs <= 100_000)) {
    throw new Error(`Epochs must be an integer between 1 and 100000, got ${config.epochs}`);
  }
  const seeds = seedList(config.seeds);
  const runSpecs = config.activations.flatMap((activation) => seeds.map((seed) => ({ activation, seed })));
  const trainer = createTrainer({
    dataset: config.dataset,
    hidden: config.hidden,
    runs: runSpecs,
    init: config.init,
    initSigmaW: config.initSigmaW,
    initSigmaB: config.initSigmaB,
    sirenOmega0: config.sirenOmega0,
    optimizer: config.optimizer,
    lr: config.lr,
    momentum: config.momentum,
    l2: config.l2,
    batchSize: config.batchSize,
    epochs: config.epochs,
    resolveActivation,
  });
  try {
    const labels = runSpecs.map((r) => activationLabel(r.activation));
    let setupMs = NaN;
    const loop = await trainAndEvaluate(trainer, {
      epochs: config.epochs,
      signal,
      lenses: engine.lenses,
      onEpoch: async (epoch, last, lenses) => {
        await engine.onEpoch?.(trainer, epoch, lenses);
        if (epoch === 0) {
          setupMs = performance.now() - t0;
          return;
        }
        const div = trainer.divergence();
        onProgress?.({
          epoch,
          epochs: config.epochs,
          elapsedMs: performance.now() - t0,
          latest: runSpecs.map((r, i) => ({ label: labels[i], seed: r.seed, metrics: last[i], diverged: div[i] })),
        });
        await yieldToEventLoop();
      },
    });
    const { histories, last } = loop;
    let status: ComparisonResult['status'] = loop.status === 'cancelled' ? 'cancelled' : 'complete';
    if (signal?.aborted) status = 'cancelled';
    await engine.onEnd?.(trainer);
    const div = trainer.divergence();
    const runs: RunResult[] = runSpecs.map((r, i) => ({
      activation: r.activation,
      label: labels[i],
      seed: r.seed,
      history: histories[i],
      final: last[i],
      diverged: div[i],
    }));
    const target = config.target ?? (trainer.dataset.task === 'regression' ? {} : { testAcc: 0.95 });
    const totalMs = performance.now() - t0;
    return {
      config,
      status,
      epochsCompleted: trainer.epochCount,
      runs,
      summary: summarize(runs, target),
      timing: {
        backend: tf.getBackend(),
        setupMs,
        trainMs: totalMs - setupMs,
        totalMs,
        msPerEpoch: trainer.epochCount > 0 ? (totalMs - setupMs) / trainer.epochCount : NaN,
        runs: runSpecs.length,
      },
    };
  } finally {
    trainer.dispose();
  }
}
