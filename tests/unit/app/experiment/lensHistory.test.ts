import { describe, expect, it } from 'vitest';
import { addLenses, deadUnitsNotice, EMPTY_LENS_HISTORY, lensCsvRows, withLenses } from '../../../../src/app/experiment/lensHistory';
import type { RunLenses } from '../../../../src/core/train/lenses';

const lens = (dead: number[]): RunLenses => ({
  points: 10,
  layers: dead.map((d) => ({ width: 8, dead: d, sparsity: 0.5, preMean: 0, preStd: 1, gradNorm: 0.1 })),
  outputGradNorm: 0.2,
});

describe('lens history (pages)', () => {
  it('appends epochs, replaces a repeated one, and starts over at epoch 0 or a step back', () => {
    let h = addLenses(EMPTY_LENS_HISTORY, 0, [lens([0])]);
    h = addLenses(h, 1, [lens([0.25])]);
    h = addLenses(h, 1, [lens([0.5])]);
    expect(h.epochs).toEqual([0, 1]);
    expect(h.runs[1][0]?.layers[0].dead).toBe(0.5);
    expect(addLenses(h, 0, [lens([0])]).epochs).toEqual([0]);
    expect(addLenses(h, 5, [null]).epochs).toEqual([0, 1, 5]);
  });

  it('attaches lenses to the matching epoch record of each run only', () => {
    const hist: { epoch: number; lenses?: RunLenses }[][] = [[{ epoch: 0 }, { epoch: 1 }], [{ epoch: 0 }]];
    const out = withLenses(hist, 1, [lens([1]), lens([0])]);
    expect(out[0][1].lenses?.layers[0].dead).toBe(1);
    expect(out[0][0]).toBe(hist[0][0]);
    expect(out[1]).toBe(hist[1]);
  });

  it('warns when over half of a layer is dead, naming the layer, the count and the learning rate', () => {
    expect(deadUnitsNotice(lens([0.5, 0.25]), 5, 'sgd')).toBeNull();
    const text = deadUnitsNotice(lens([0.25, 0.75]), 5, 'sgd') as string;
    expect(text).toContain('layer 2 (6 of 8)');
    expect(text).toContain('learning rate (5 with sgd)');
  });

  it('CSV rows: five lenses per layer, then the output gradient norm', () => {
    const rows = lensCsvRows(lens([0.5, 0]));
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual(['lens_dead_layer1', 0.5]);
    expect(rows.at(-1)).toEqual(['lens_grad_norm_output', 0.2]);
  });
});
