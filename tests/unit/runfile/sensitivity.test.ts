// Stored losses are float32: relative changes are compared to float32 resolution (~5e-8).
import { describe, expect, it } from 'vitest';
import { nextFloat32Up, nudgedState, sensitivityOf, sensitivityText, type RunFileEpoch } from '../../../src/core/runfile/index';

const ep = (epoch: number, trainLoss: number, testLoss: number, acc: number | null = null): RunFileEpoch => ({ epoch, trainLoss, testLoss, trainAcc: acc, testAcc: acc });

describe('nextFloat32Up', () => {
  it('moves to the next float32 toward +infinity (hand-checked bit patterns)', () => {
    expect(nextFloat32Up(1)).toBe(1 + 2 ** -23);
    expect(nextFloat32Up(-1)).toBe(-(1 - 2 ** -24));
    expect(nextFloat32Up(0)).toBe(2 ** -149);
    expect(nextFloat32Up(0.5)).toBe(0.5 + 2 ** -24);
    expect(nextFloat32Up(Math.fround(0.1))).toBe(Math.fround(0.1) + 2 ** -27);
  });

  it('nudges every weight and bias, keeps activation parameters and the learnable list', () => {
    const s = nudgedState({ layers: [{ W: [[1, -1]], b: [0, 0.5] }], activationParams: [{ a: 0.25 }], learnable: ['a'] });
    expect(s.layers[0].W).toEqual([[1 + 2 ** -23, -(1 - 2 ** -24)]]);
    expect(s.layers[0].b).toEqual([2 ** -149, 0.5 + 2 ** -24]);
    expect(s.activationParams).toEqual([{ a: 0.25 }]);
    expect(s.learnable).toEqual(['a']);
  });
});

describe('sensitivityOf', () => {
  it('a stable run: tiny relative changes, reproducible throughout, not chaotic', () => {
    const s = sensitivityOf([ep(0, 1, 2, 0.5), ep(1, 0.5, 1, 0.75)], [ep(0, 1, 2, 0.5), ep(1, 0.5 * (1 + 1e-6), 1, 0.75)], 'cpu');
    expect(s.epochs[1].loss).toBeCloseTo(1e-6, 7);
    expect(s.reproducibleThrough).toBe(1);
    expect(s.chaoticFrom).toBeNull();
    expect(s.maxAccuracy).toBe(0);
    expect(sensitivityText(s)).toMatch(/^This run is stable/);
  });

  it('sensitive from epoch 2, chaotic from epoch 3 (max over train and test loss, running maximum)', () => {
    const rec = [ep(0, 1, 1), ep(1, 1, 1), ep(2, 1, 1), ep(3, 1, 1), ep(4, 1, 1)];
    const nud = [ep(0, 1, 1), ep(1, 1, 1 + 2e-5), ep(2, 1 + 1e-3, 1), ep(3, 1.5, 1), ep(4, 1, 1)];
    const s = sensitivityOf(rec, nud, 'cpu');
    expect(s.epochs.map((e) => e.lossThrough)).toEqual([0, expect.closeTo(2e-5, 7), expect.closeTo(1e-3, 7), 0.5, 0.5]);
    expect(s.reproducibleThrough).toBe(1);
    expect(s.chaoticFrom).toBe(3);
    expect(s.maxAccuracy).toBeNull();
    expect(sensitivityText(s)).toMatch(/^This run is chaotic from epoch 3: .* by 0\.50 .* through epoch 1\.$/);
  });

  it('a nudged run that diverges (null loss) counts as infinitely far', () => {
    const s = sensitivityOf([ep(0, 1, 1), ep(1, 1, 1)], [ep(0, 1, 1), { epoch: 1, trainLoss: null, testLoss: null, trainAcc: null, testAcc: null }], 'cpu');
    expect(s.chaoticFrom).toBe(1);
    expect(s.maxLoss).toBe(Infinity);
  });
});
