/** The bench's ratio table: their time / ours per batch size, and the targets, on hand-made timings. */
import { describe, expect, it } from 'vitest';
import { formatRatios, ratioRows } from '../../../src/bench/ratios';

const c = (cpuMs: number, wallMs = cpuMs) => ({ cpuMs, wallMs });

describe('bench ratios', () => {
  const ours = [{ batchSize: 512, fullBatch: true, step: c(20, 25) }, { batchSize: 32, fullBatch: false, step: c(4) }];
  const rows = ratioRows(ours, [
    { name: 'tf.js ops, one engine per run in sequence', steps: [{ batchSize: 512, step: c(2000, 2500) }, { batchSize: 32, step: c(200) }] },
    { name: 'jax-js', steps: [{ batchSize: 512, step: c(70, 50) }, { batchSize: 32, step: c(6) }] },
    { name: 'PyTorch (1 thread)', steps: [{ batchSize: 512, step: c(50) }] },
  ]);

  it('their time over ours, by CPU and wall, with the targets where the issue sets one', () => {
    expect(rows).toEqual([
      { against: 'tf.js ops, one engine per run in sequence', batchSize: 512, fullBatch: true, cpu: 100, wall: 100 },
      { against: 'jax-js', batchSize: 512, fullBatch: true, cpu: 3.5, wall: 2, target: 3, met: true },
      { against: 'PyTorch (1 thread)', batchSize: 512, fullBatch: true, cpu: 2.5, wall: 2, target: 1, met: true },
      { against: 'tf.js ops, one engine per run in sequence', batchSize: 32, fullBatch: false, cpu: 50, wall: 50 },
      { against: 'jax-js', batchSize: 32, fullBatch: false, cpu: 1.5, wall: 1.5, target: 2, met: false },
    ]);
  });

  it('prints one line per row, saying whether a target is met', () => {
    const lines = formatRatios('CPU kernels', rows);
    expect(lines).toHaveLength(7);
    expect(lines[4]).toMatch(/full batch \(512\)\s+vs PyTorch \(1 thread\)\s+2\.50× CPU\s+2\.00× wall\s+target ≥ 1×: met/);
    expect(lines[6]).toMatch(/mini-batch 32\s+vs jax-js\s+1\.50× CPU .*target ≥ 2×: NOT met/);
  });
});
