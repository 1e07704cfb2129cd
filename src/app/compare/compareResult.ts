/**
 * A finished (or cancelled) comparison in the same shape as core/compare's runComparison result,
 * so the JSON the page exports and the JSON the CLI writes read the same way; and the summary
 * table as CSV. Pure.
 */
import type { ComparisonConfig, ComparisonResult } from '../../core/compare/runComparison';
import { activationLabel, summarize, type EpochRecord, type RunResult, type Stats } from '../../core/compare/summary';
import type { Divergence } from '../../core/train/trainer';
import { activationSpecOf } from '../state/trainState';
import { compareSetup, seedsOf, targetOf, type CompareState } from '../state/compareState';
import { lensCsvRows } from '../experiment/lensHistory';

export interface RunsSoFar {
  /** Per run (activation-major, then seed): evaluations at epoch 0, 1, … */
  histories: EpochRecord[][];
  divergence: (Divergence | null)[];
}

export function comparisonConfig(s: CompareState): ComparisonConfig {
  const setup = compareSetup(s, { gridSize: 1, unitGridSize: 0, unitRun: 0, progressEveryMs: 0, drawEveryMs: 0 });
  return {
    activations: s.activations.map((a) => activationSpecOf(a.sel, a.learn)),
    seeds: s.seeds,
    dataset: setup.dataset,
    hidden: setup.hidden,
    epochs: s.epochs,
    optimizer: s.optimizer,
    lr: s.lr,
    l2: s.l2,
    batchSize: s.batchSize,
    init: s.init,
    initSigmaW: setup.initSigmaW,
    initSigmaB: setup.initSigmaB,
    target: targetOf(s.target),
  };
}

export function runResults(s: CompareState, runs: RunsSoFar): RunResult[] {
  const seeds = seedsOf(s);
  return s.activations.flatMap((a, k) =>
    seeds.map((seed, j) => {
      const i = k * seeds.length + j;
      const spec = activationSpecOf(a.sel, a.learn);
      const history = runs.histories[i] ?? [];
      const last = history[history.length - 1];
      return {
        activation: spec,
        label: activationLabel(spec),
        seed,
        history,
        final: last ? { trainLoss: last.trainLoss, testLoss: last.testLoss, trainAcc: last.trainAcc, testAcc: last.testAcc } : { trainLoss: NaN, testLoss: NaN, trainAcc: null, testAcc: null },
        diverged: runs.divergence[i] ?? null,
      };
    }),
  );
}

export interface PageTiming {
  backend: string;
  totalMs: number;
  msPerEpoch: number;
}

export function comparisonResult(s: CompareState, runs: RunsSoFar, status: ComparisonResult['status'], epochsCompleted: number, timing: PageTiming): ComparisonResult {
  const results = runResults(s, runs);
  return {
    config: comparisonConfig(s),
    status,
    epochsCompleted,
    runs: results,
    summary: summarize(results, targetOf(s.target)),
    timing: {
      backend: timing.backend,
      setupMs: NaN,
      trainMs: timing.msPerEpoch * epochsCompleted,
      totalMs: timing.totalMs,
      msPerEpoch: timing.msPerEpoch,
      runs: results.length,
    },
  };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const STAT_COLUMNS = ['trainLoss', 'testLoss', 'trainAcc', 'testAcc', 'epochsToTarget'] as const;
const SNAKE: Record<(typeof STAT_COLUMNS)[number], string> = {
  trainLoss: 'train_loss',
  testLoss: 'test_loss',
  trainAcc: 'train_acc',
  testAcc: 'test_acc',
  epochsToTarget: 'epochs_to_target',
};

/** One row per activation: runs, diverged, then mean and std of every statistic. */
export function summaryCsv(result: ComparisonResult): string {
  const header = ['activation', 'runs', 'diverged', ...STAT_COLUMNS.flatMap((c) => [`${SNAKE[c]}_mean`, `${SNAKE[c]}_std`]), 'reached_target', 'epochs', 'wall_time_s', 'backend'];
  const rows = result.summary.map((row) => {
    const cells: (string | number | null)[] = [row.label, row.n, row.diverged];
    for (const c of STAT_COLUMNS) {
      const st = row[c] as Stats | null;
      cells.push(st ? st.mean : null, st ? st.std : null);
    }
    cells.push(row.reachedTarget, result.epochsCompleted, result.timing.totalMs / 1000, result.timing.backend);
    return cells.map(csvCell).join(',');
  });
  return [header.join(','), ...rows].join('\n') + '\n';
}

const CURVE_METRICS = ['trainLoss', 'testLoss', 'trainAcc', 'testAcc'] as const;

/**
 * Per-epoch curves in long format, one value per row (activation, seed, epoch, metric, value), the
 * shape that pandas, R and spreadsheets pivot directly. Accuracy rows are absent for regression.
 * Epochs with per-layer lenses add lens_<name>_layer<l> rows (../experiment/lensHistory.ts).
 */
export function curvesCsv(result: ComparisonResult): string {
  const lines = ['activation,seed,epoch,metric,value'];
  for (const run of result.runs) {
    for (const rec of run.history) {
      for (const m of CURVE_METRICS) {
        const v = rec[m];
        if (v !== null) lines.push([run.label, run.seed, rec.epoch, SNAKE[m], v].map(csvCell).join(','));
      }
      for (const [m, v] of lensCsvRows(rec.lenses)) lines.push([run.label, run.seed, rec.epoch, m, v].map(csvCell).join(','));
    }
  }
  return lines.join('\n') + '\n';
}
