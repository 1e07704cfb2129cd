/**
 * Each task's own metrics across a comparison: every run's task report (./taskMetrics.ts, from
 * its predictions at the task's probe points), then mean ± spread per activation over its seeds,
 * leaving out diverged runs as the loss summary does (core/compare/summary.ts).
 */
import { runIndex } from '../compare/runIndex';
import { stats, type Stats } from '../compare/summary';
import { taskReport, type TaskReport } from './taskMetrics';
import type { TaskProbe } from './taskProbe';

interface TaskMetricSummary {
  name: string;
  /** One entry per activation, in comparison order: null when no run of it is usable. */
  perActivation: (Stats | null)[];
}

export interface TaskComparison {
  /** reports[k][j]: activation k, seed j (run k·seeds + j); null for diverged runs. */
  reports: (TaskReport | null)[][];
  metrics: TaskMetricSummary[];
}

/**
 * `predictions[i]`: run i's outputs at probe.x; `diverged[i]`: whether run i diverged.
 * Runs are activation-major: `activations × seeds` of them.
 */
export function summarizeTask(
  datasetName: string,
  probe: TaskProbe,
  predictions: readonly Float32Array[],
  diverged: readonly boolean[],
  activations: number,
  seeds: number,
): TaskComparison {
  if (predictions.length !== activations * seeds) throw new Error(`summarizeTask: ${predictions.length} predictions for ${activations} × ${seeds} runs`);
  const reports = Array.from({ length: activations }, (_, k) =>
    Array.from({ length: seeds }, (_, j) => {
      const i = runIndex(k, j, seeds);
      return diverged[i] ? null : taskReport(datasetName, probe, predictions[i]);
    }),
  );
  const names = reports.flat().find((r) => r !== null)?.metrics.map((m) => m.name) ?? [];
  const metrics = names.map((name, m) => ({
    name,
    perActivation: reports.map((row) => stats(row.filter((r): r is TaskReport => r !== null).map((r) => r.metrics[m].value))),
  }));
  return { reports, metrics };
}

/** The task metrics as the CLI's `compare --json` and the page's JSON export write them. */
export function taskMetricsJson(s: TaskComparison): { metrics: { name: string; perActivation: (Stats | null)[]; perRun: (number | null)[] }[] } {
  return { metrics: s.metrics.map((m, i) => ({ name: m.name, perActivation: m.perActivation, perRun: s.reports.flat().map((r) => (r ? r.metrics[i].value : null)) })) };
}
