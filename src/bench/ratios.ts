/**
 * The CPU engine against its peers in one table: per batch size, the batched CPU engine's speed
 * relative to the tf.js baseline (tf.js ops, one engine per run in sequence), to jax-js and to
 * PyTorch on one thread — peer time / our time, by CPU time and by wall time (above 1: ours is
 * faster) — beside the targets (full batch ≥ 3× jax-js and > 1× PyTorch; mini-batch
 * ≥ 2× jax-js).
 */
import type { Cost } from './measure';

export interface RatioRow {
  /** What ours is compared with. */
  against: string;
  batchSize: number;
  fullBatch: boolean;
  /** Their time / ours. */
  cpu: number;
  wall: number;
  /** The target for this ratio, when it sets one (by CPU time). */
  target?: number;
  /** Whether the CPU-time ratio meets it. */
  met?: boolean;
}

export interface Timed {
  batchSize: number;
  fullBatch: boolean;
  step: Cost;
}

const TARGETS: Record<string, { full?: number; mini?: number }> = {
  'jax-js': { full: 3, mini: 2 },
  'PyTorch (1 thread)': { full: 1 },
};

/** Ratio rows of `ours` against each named set of timings, matched by batch size. */
export function ratioRows(ours: Timed[], against: { name: string; steps: { batchSize: number; step: Cost }[] }[]): RatioRow[] {
  const rows: RatioRow[] = [];
  for (const o of ours) {
    for (const a of against) {
      const theirs = a.steps.find((s) => s.batchSize === o.batchSize);
      if (!theirs) continue;
      const target = TARGETS[a.name]?.[o.fullBatch ? 'full' : 'mini'];
      const cpu = theirs.step.cpuMs / o.step.cpuMs;
      rows.push({ against: a.name, batchSize: o.batchSize, fullBatch: o.fullBatch, cpu, wall: theirs.step.wallMs / o.step.wallMs, ...(target ? { target, met: cpu >= target } : {}) });
    }
  }
  return rows;
}

export function formatRatios(label: string, rows: RatioRow[]): string[] {
  if (!rows.length) return [];
  const lines = ['', `Ratios: ${label} on cpu, batched, against each (their time per step / ours; above 1: ours is faster)`];
  for (const r of rows) {
    const size = r.fullBatch ? `full batch (${r.batchSize})` : `mini-batch ${r.batchSize}`;
    const target = r.target ? `   target ≥ ${r.target}×: ${r.met ? 'met' : 'NOT met'}` : '';
    lines.push(`  ${size.padEnd(18)} vs ${r.against.padEnd(42)} ${r.cpu.toFixed(2).padStart(6)}× CPU ${r.wall.toFixed(2).padStart(6)}× wall${target}`);
  }
  return lines;
}
