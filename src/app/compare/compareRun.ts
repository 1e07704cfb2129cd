/**
 * One comparison as the Compare page holds it: what the worker has streamed so far, reduced from
 * its messages by one pure function, and the result the page shows and exports. While running the
 * result is summarised from the streamed histories (./compareResult.ts); once the worker says the
 * comparison ended, it is the worker's own ComparisonResult. Pure.
 */
import type { ComparisonResult } from '../../core/compare/runComparison';
import { runIndex } from '../../core/compare/runIndex';
import type { EpochRecord } from '../../core/compare/summary';
import type { Divergence } from '../../core/train/trainer';
import type { DatasetPoints, FromWorker } from '../../worker/protocol';
import { withLenses } from '../experiment/lensHistory';
import type { CompareState } from '../state/compareState';
import type { CurveGroup } from './compareFigure';
import { comparisonResult } from './compareResult';

type RunStatus = 'running' | 'complete' | 'cancelled' | 'failed';

export interface RunData {
  /** The settings this run was started with (later edits do not relabel its results). */
  state: CompareState;
  status: RunStatus;
  dataset: DatasetPoints | null;
  epoch: number;
  epochs: number;
  elapsedMs: number;
  /** Per run (activation-major, then seed; core/compare/runIndex.ts): evaluations at epoch 0, 1, … */
  histories: EpochRecord[][];
  divergence: (Divergence | null)[];
  grids: { gridSize: number; extent: [number, number]; outputDim: number; values: Float32Array[] } | null;
  params: Record<string, number>[][] | null;
  /** Task sets: every run's predictions at the task's probe points. */
  taskPredictions: Float32Array[] | null;
  /** The claim preset this run was started from (the page then judges the claim). */
  presetId: string | null;
  /** The worker's result, from 'compareDone'; null while running or when the worker went away. */
  final: ComparisonResult | null;
}

export function newRun(state: CompareState, presetId: string | null): RunData {
  const R = state.activations.length * state.seeds;
  return {
    state,
    status: 'running',
    dataset: null,
    epoch: 0,
    epochs: state.epochs,
    elapsedMs: 0,
    histories: Array.from({ length: R }, () => []),
    divergence: Array.from({ length: R }, () => null),
    grids: null,
    params: null,
    taskPredictions: null,
    presetId,
    final: null,
  };
}

/** A running comparison whose worker is gone (restarted or replaced): nothing more will arrive. */
export function stopRun(run: RunData): RunData {
  return run.status === 'running' ? { ...run, status: 'cancelled' } : run;
}

/** The run after one worker message; messages that do not concern it leave it as it is. */
export function reduceCompareRun(run: RunData, msg: FromWorker): RunData {
  switch (msg.type) {
    case 'backend':
      // A (new) worker just started: nothing of an earlier worker's comparison can still finish.
      return stopRun(run);
    case 'configured':
      return { ...run, dataset: msg.dataset };
    case 'compareProgress': {
      const histories = run.histories.map((h, i) => {
        const m = msg.metrics[i];
        return m ? [...h, { epoch: msg.epoch, ...m }] : h;
      });
      return { ...run, histories, epoch: msg.epoch, epochs: msg.epochs, elapsedMs: msg.elapsedMs };
    }
    case 'lenses':
      return { ...run, histories: withLenses(run.histories, msg.epoch, msg.runs) };
    case 'diverged':
      return { ...run, divergence: run.divergence.map((d, i) => (i === msg.run ? msg.divergence : d)) };
    case 'grid':
      return { ...run, grids: { gridSize: msg.gridSize, extent: msg.extent, outputDim: msg.outputDim, values: msg.values } };
    case 'activationParams':
      return { ...run, params: msg.params };
    case 'compareTaskView':
      return { ...run, taskPredictions: msg.predictions };
    case 'compareDone':
      return {
        ...run,
        status: msg.result.status,
        epoch: msg.result.epochsCompleted,
        elapsedMs: msg.elapsedMs,
        divergence: msg.result.runs.map((r) => r.diverged),
        final: msg.result,
      };
    case 'error':
      return run.status === 'running' ? { ...run, status: 'failed' } : run;
    default:
      return run;
  }
}

/**
 * What the table shows and the exports write: the worker's result once the run has ended, else
 * the streamed histories summarised on the page (a run still going, or one whose worker is gone).
 */
export function shownResult(run: RunData, backend: string): ComparisonResult {
  if (run.final) return run.final;
  const status = run.status === 'complete' ? 'complete' : 'cancelled';
  const msPerEpoch = run.epoch > 0 ? run.elapsedMs / run.epoch : NaN;
  return comparisonResult(run.state, run, status, run.epoch, { backend, totalMs: run.elapsedMs, msPerEpoch });
}

/** Per activation, the histories of its seeds that did not diverge (what the curves average). */
export function curveGroups(run: RunData, labels: string[]): CurveGroup[] {
  const S = run.state.seeds;
  return run.state.activations.map((_, k) => ({
    label: labels[k],
    histories: run.histories.slice(runIndex(k, 0, S), runIndex(k + 1, 0, S)).filter((_, j) => !run.divergence[runIndex(k, j, S)]),
  }));
}
