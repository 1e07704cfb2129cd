/**
 * Summary statistics of a comparison, computed only from the per-run results (pure, no tf.js):
 * per activation, mean / sample std / standard error / min / max over the runs that did not
 * diverge. Diverged runs are counted, never averaged in (their last-good numbers would flatter
 * them).
 */
import type { ActivationSpec } from '../train/activationSpec';
import type { RunLenses } from '../train/lenses';
import type { Divergence, RunMetrics } from '../train/trainer';

export interface EpochRecord extends RunMetrics {
  /** 0 = before training. */
  epoch: number;
  /** Per-layer lenses (../train/lenses.ts), when the loop measured them. */
  lenses?: RunLenses;
}

export interface RunResult {
  activation: ActivationSpec;
  /** Display label of the activation (id plus non-default settings). */
  label: string;
  seed: number;
  history: EpochRecord[];
  final: RunMetrics;
  diverged: Divergence | null;
}

export interface Stats {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 when n = 1. */
  std: number;
  /** std / √n. */
  stderr: number;
  min: number;
  max: number;
}

/** What "reaching the target" means for epochsToTarget. */
export interface Target {
  /** Classification: first epoch with test accuracy ≥ this. */
  testAcc?: number;
  /** Regression (or any task): first epoch with test loss ≤ this. */
  testLoss?: number;
}

export interface ActivationSummary {
  label: string;
  activation: ActivationSpec;
  /** Runs of this activation (all seeds). */
  n: number;
  diverged: number;
  trainLoss: Stats | null;
  testLoss: Stats | null;
  trainAcc: Stats | null;
  testAcc: Stats | null;
  /** Over the non-diverged runs that reached the target. */
  epochsToTarget: Stats | null;
  /** How many non-diverged runs reached the target. */
  reachedTarget: number;
}

/** null when there are no (finite) values. */
export function stats(values: number[]): Stats | null {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return null;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const std = Math.sqrt(variance);
  return { n, mean, std, stderr: std / Math.sqrt(n), min: Math.min(...v), max: Math.max(...v) };
}

/** First epoch (≥ 1) meeting the target, or null. Accuracy wins when both are set. */
export function epochsToTarget(history: EpochRecord[], target: Target): number | null {
  for (const h of history) {
    if (h.epoch < 1) continue;
    if (target.testAcc !== undefined) {
      if (h.testAcc !== null && h.testAcc >= target.testAcc) return h.epoch;
    } else if (target.testLoss !== undefined && h.testLoss <= target.testLoss) {
      return h.epoch;
    }
  }
  return null;
}

/** Stable identity of an activation setting: same key ⇔ same summary row. */
export function activationKey(spec: ActivationSpec): string {
  const sorted = (r?: Record<string, unknown>): [string, unknown][] =>
    Object.entries(r ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([spec.id, sorted(spec.params), sorted(spec.options), sorted(spec.learnable)]);
}

/** One row per distinct activation setting, in order of first appearance. */
export function summarize(runs: RunResult[], target: Target): ActivationSummary[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of runs) {
    const k = activationKey(r.activation);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const ok = group.filter((r) => !r.diverged);
    const pick = (f: (m: RunMetrics) => number | null): Stats | null =>
      stats(ok.map((r) => f(r.final)).filter((x): x is number => x !== null));
    const reached = ok.map((r) => epochsToTarget(r.history, target)).filter((e): e is number => e !== null);
    return {
      label: group[0].label,
      activation: group[0].activation,
      n: group.length,
      diverged: group.length - ok.length,
      trainLoss: pick((m) => m.trainLoss),
      testLoss: pick((m) => m.testLoss),
      trainAcc: pick((m) => m.trainAcc),
      testAcc: pick((m) => m.testAcc),
      epochsToTarget: stats(reached),
      reachedTarget: reached.length,
    };
  });
}

/** "golu", "swish(beta=2, learn beta)", "mono-concave[base=elu]". */
export function activationLabel(spec: ActivationSpec): string {
  const opts = Object.entries(spec.options ?? {}).map(([k, v]) => `${k}=${v}`);
  const parts = [
    ...Object.entries(spec.params ?? {}).map(([k, v]) => `${k}=${v}`),
    ...Object.entries(spec.learnable ?? {}).map(([k, on]) => `${on ? 'learn' : 'fix'} ${k}`),
  ];
  return `${spec.id}${opts.length ? `[${opts.join(', ')}]` : ''}${parts.length ? `(${parts.join(', ')})` : ''}`;
}
