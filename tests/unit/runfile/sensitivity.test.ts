// Stored losses are float32: relative changes are compared to float32 resolution (~5e-8).
import { describe, expect, it } from 'vitest';
import { expectedSchedule } from '../../../src/core/codegen/pytorch-run';
import { engineSpreadOf, nextFloat32Up, nudgedState, sensitivityOf, sensitivityText, withEngineSpread, type RunFileEpoch } from '../../../src/core/runfile/index';

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

describe('a second engine’s spread', () => {
  const rec = [ep(0, 1, 1), ep(1, 1, 1), ep(2, 1, 1), ep(3, 1, 1)];
  // The nudge barely moves this run; the second engine parts by 1e-3 at epoch 1 and 5 % at epoch 3.
  const nudge = sensitivityOf(rec, [ep(0, 1, 1), ep(1, 1 + 1e-7, 1), ep(2, 1 + 2e-7, 1), ep(3, 1 + 3e-7, 1)], 'cpu');
  const spread = engineSpreadOf(rec, [ep(0, 1, 1), ep(1, 1 + 1e-3, 1), ep(2, 1, 1 + 2e-3), ep(3, 1.05, 1)], 'wasm');

  it('is a running maximum with the epoch the engines part by over 1 %', () => {
    // Losses are compared as float32 (|fround(a) − fround(b)|), hence 6 digits.
    expect(spread.lossThrough).toEqual([0, expect.closeTo(1e-3, 6), expect.closeTo(2e-3, 6), expect.closeTo(0.05, 6)]);
    expect(spread.partFrom).toBe(3);
  });

  it('makes the run chaotic and not reproducible where the engines say so, and is named in the verdict', () => {
    expect(nudge.chaoticFrom).toBeNull();
    expect(nudge.reproducibleThrough).toBe(3);
    const s = withEngineSpread(nudge, spread);
    expect(s.chaoticFrom).toBe(3);
    expect(s.reproducibleThrough).toBe(0);
    expect(sensitivityText(s)).toMatch(/^This run is chaotic from epoch 3: a second engine's rounding moves its loss by 0\.050 .* Retrained on wasm .* parting by over 0\.01 from epoch 3\.$/);
  });

  it('sets the script’s per-epoch bound to 3 × the spread where that exceeds 100 × the nudge', () => {
    const file = { backend: 'cpu', history: rec } as unknown as Parameters<typeof expectedSchedule>[0];
    expect(expectedSchedule(file, withEngineSpread(nudge, spread))).toEqual([1e-4, 0.003, 0.006, null]);
    expect(expectedSchedule(file, nudge)).toEqual([1e-4, 1e-4, 1e-4, 1e-4]);
  });
});
