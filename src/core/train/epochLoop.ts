/**
 * The one training loop the drivers share (run files, comparisons, the CLI): evaluate every run
 * before training (epoch 0), then train one epoch at a time and evaluate after each, for
 * `epochs` epochs or until the caller stops it (an abort signal, or its callback saying 'stop').
 */
import type { RunLenses } from './lenses';
import { trainerLenses } from './lensesOfTrainer';
import type { RunMetrics, Trainer } from './trainer';

/** One run's metrics after an epoch (0: before training); lenses when the loop measured them. */
type EpochMetrics = { epoch: number; lenses?: RunLenses } & RunMetrics;

export interface EpochLoopOptions {
  epochs: number;
  /**
   * Called after each evaluation (epoch 0 included) with every run's metrics; awaited before the
   * next epoch starts. Returning 'stop' ends the loop there.
   */
  onEpoch?: (epoch: number, metrics: RunMetrics[], lenses: (RunLenses | null)[]) => unknown;
  /** Checked before each epoch: once aborted, no further epoch starts. */
  signal?: AbortSignal;
  /** Measure every run's per-layer lenses (./lenses.ts) at each evaluation, into the histories. */
  lenses?: boolean;
}

export interface EpochLoopResult {
  /** Per run (config order): its metrics at epoch 0, 1, … as evaluated. */
  histories: EpochMetrics[][];
  /** Every run's latest metrics. */
  last: RunMetrics[];
  /** 'complete' after `epochs` epochs; 'cancelled' when the signal aborted; 'stopped' by onEpoch. */
  status: 'complete' | 'cancelled' | 'stopped';
}

export async function trainAndEvaluate(trainer: Trainer, options: EpochLoopOptions): Promise<EpochLoopResult> {
  const histories: EpochMetrics[][] = trainer.runs.map(() => []);
  const record = async (epoch: number): Promise<{ last: RunMetrics[]; stop: boolean }> => {
    const metrics = await trainer.evaluate();
    const lenses = options.lenses ? await trainerLenses(trainer) : metrics.map(() => null);
    metrics.forEach((m, r) => histories[r].push({ epoch, ...m, ...(lenses[r] ? { lenses: lenses[r] } : {}) }));
    return { last: metrics, stop: (await options.onEpoch?.(epoch, metrics, lenses)) === 'stop' };
  };
  let { last, stop } = await record(0);
  for (let e = 1; e <= options.epochs && !stop; e++) {
    if (options.signal?.aborted) return { histories, last, status: 'cancelled' };
    await trainer.epoch();
    ({ last, stop } = await record(e));
  }
  return { histories, last, status: stop ? 'stopped' : 'complete' };
}
