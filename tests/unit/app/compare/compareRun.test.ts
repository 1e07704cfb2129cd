/**
 * The Compare page's run reducer on hand-written worker message sequences: where each message
 * lands (runs activation-major), what the table shows while running (statistics worked out by
 * hand), and that once the worker says the run ended its own result is what the page shows.
 */
import { describe, expect, it } from 'vitest';
import { curveGroups, newRun, reduceCompareRun, shownResult, stopRun, type RunData } from '../../../../src/app/compare/compareRun';
import { DEFAULT_COMPARE, type CompareState } from '../../../../src/app/state/compareState';
import type { ComparisonResult } from '../../../../src/core/compare/runComparison';
import type { RunLenses } from '../../../../src/core/train/lenses';
import type { RunMetrics } from '../../../../src/core/train/trainer';
import type { DatasetPoints, FromWorker } from '../../../../src/worker/protocol';

const state: CompareState = {
  ...DEFAULT_COMPARE,
  activations: [
    { sel: { id: 'relu', params: {}, options: {} }, learn: {} },
    { sel: { id: 'tanh', params: {}, options: {} }, learn: {} },
  ],
  seeds: 2,
  epochs: 2,
  target: { kind: 'acc', value: 0.8 },
};

const m = (trainLoss: number, testLoss: number, trainAcc: number, testAcc: number): RunMetrics => ({ trainLoss, testLoss, trainAcc, testAcc });
const dataset: DatasetPoints = {
  name: 'xor',
  task: 'binary',
  dim: 2,
  classes: 2,
  train: { x: new Float32Array([0, 0]), y: new Float32Array([0]) },
  test: { x: new Float32Array([1, 1]), y: new Float32Array([0]) },
  extent: [-1, 1],
};
const lens: RunLenses = { points: 1, layers: [{ width: 4, dead: 0.25, sparsity: 0.5, preMean: 0, preStd: 1, gradNorm: 2 }], outputGradNorm: 3 };
const divergence = { epoch: 2, step: 7, message: 'loss is NaN' };

// Runs: relu/1, relu/2, tanh/1, tanh/2. tanh/2 diverges in epoch 2.
const sequence: FromWorker[] = [
  { type: 'configured', dataset, stepsPerEpoch: 4, batchSize: 8, runs: 4 },
  { type: 'compareProgress', epoch: 0, epochs: 2, step: 0, elapsedMs: 10, metrics: [m(1, 1, 0.5, 0.5), m(1, 1, 0.5, 0.5), m(1, 1, 0.5, 0.5), m(1, 1, 0.5, 0.5)] },
  { type: 'lenses', epoch: 0, runs: [lens, null, null, null] },
  { type: 'compareProgress', epoch: 1, epochs: 2, step: 4, elapsedMs: 110, metrics: [m(0.5, 0.6, 0.7, 0.75), m(0.25, 0.4, 0.9, 0.9), m(0.2, 0.3, 0.95, 0.9), m(0.5, 0.5, 0.5, 0.5)] },
  { type: 'diverged', run: 3, divergence },
  { type: 'compareProgress', epoch: 2, epochs: 2, step: 8, elapsedMs: 210, metrics: [m(0.25, 0.5, 0.85, 0.8), m(0.75, 1.5, 0.75, 0.7), m(0.125, 0.25, 1, 0.875), m(NaN, NaN, 0.5, 0.5)] },
  { type: 'grid', step: 8, gridSize: 2, extent: [-1, 1], outputDim: 1, runs: [0, 1, 2, 3], values: [0, 1, 2, 3].map((i) => new Float32Array([i, i, i, i])) },
  { type: 'activationParams', step: 8, params: [[{}], [{}], [{}], [{}]] },
];

const streamed = (): RunData => sequence.reduce(reduceCompareRun, newRun(state, null));

describe('reduceCompareRun', () => {
  it('a new run is running with one empty history and no divergence per run', () => {
    const r = newRun(state, 'claim-1');
    expect(r).toMatchObject({ status: 'running', epoch: 0, epochs: 2, presetId: 'claim-1', final: null, dataset: null });
    expect(r.histories).toEqual([[], [], [], []]);
    expect(r.divergence).toEqual([null, null, null, null]);
  });

  it('puts each streamed message where its run is (activation-major)', () => {
    const r = streamed();
    expect(r.status).toBe('running');
    expect(r.dataset).toBe(dataset);
    expect(r.epoch).toBe(2);
    expect(r.elapsedMs).toBe(210);
    expect(r.histories.map((h) => h.map((e) => e.epoch))).toEqual([[0, 1, 2], [0, 1, 2], [0, 1, 2], [0, 1, 2]]);
    expect(r.histories[2][1]).toEqual({ epoch: 1, trainLoss: 0.2, testLoss: 0.3, trainAcc: 0.95, testAcc: 0.9 });
    expect(r.histories[0][0].lenses).toBe(lens);
    expect(r.histories[1][0].lenses).toBeUndefined();
    expect(r.divergence).toEqual([null, null, null, divergence]);
    expect(r.grids?.values[3]).toEqual(new Float32Array([3, 3, 3, 3]));
    expect(r.params).toHaveLength(4);
  });

  it('the curves average each activation over its seeds that did not diverge', () => {
    const groups = curveGroups(streamed(), ['ReLU', 'tanh']);
    expect(groups.map((g) => g.label)).toEqual(['ReLU', 'tanh']);
    expect(groups[0].histories.map((h) => h[2].trainLoss)).toEqual([0.25, 0.75]);
    expect(groups[1].histories.map((h) => h[2].trainLoss)).toEqual([0.125]);
  });

  it('while running, the table summarises the streamed histories', () => {
    const result = shownResult(streamed(), 'cpu');
    expect(result.epochsCompleted).toBe(2);
    expect(result.runs.map((r) => `${r.activation.id}/${r.seed}`)).toEqual(['relu/1', 'relu/2', 'tanh/1', 'tanh/2']);
    const [relu, tanh] = result.summary;
    // relu final train losses 0.25 and 0.75: mean 0.5, sample std √((0.25² + 0.25²)/1) = 0.25·√2.
    expect(relu.trainLoss?.mean).toBe(0.5);
    expect(relu.trainLoss?.std).toBeCloseTo(0.25 * Math.SQRT2, 15);
    // Target test accuracy ≥ 0.8: relu/1 first at epoch 2 (0.8), relu/2 at epoch 1 (0.9).
    expect(relu.epochsToTarget?.mean).toBe(1.5);
    expect(tanh).toMatchObject({ n: 2, diverged: 1 });
    expect(tanh.trainLoss?.mean).toBe(0.125);
    expect(result.timing).toMatchObject({ backend: 'cpu', totalMs: 210, msPerEpoch: 105 });
  });

  it("compareDone makes the worker's result the one shown and exported", () => {
    const final: ComparisonResult = { ...shownResult(streamed(), 'webgpu'), status: 'complete' };
    const done = reduceCompareRun(streamed(), { type: 'compareDone', elapsedMs: 250, result: final });
    expect(done).toMatchObject({ status: 'complete', epoch: 2, elapsedMs: 250, final });
    expect(shownResult(done, 'cpu')).toBe(final);
    expect(done.divergence).toEqual(final.runs.map((r) => r.diverged));
  });

  it('a cancelled compareDone keeps its epochs and says cancelled', () => {
    const part = sequence.slice(0, 4).reduce(reduceCompareRun, newRun(state, null));
    const final: ComparisonResult = { ...shownResult(part, 'cpu'), status: 'cancelled', epochsCompleted: 1 };
    const done = reduceCompareRun(part, { type: 'compareDone', elapsedMs: 120, result: final });
    expect(done.status).toBe('cancelled');
    expect(shownResult(done, 'cpu').epochsCompleted).toBe(1);
  });

  it('a new worker or the page stopping ends a running run as cancelled, keeping what came', () => {
    const r = streamed();
    for (const stopped of [reduceCompareRun(r, { type: 'backend', backend: { name: 'wasm', reason: '', tried: [] } }), stopRun(r)]) {
      expect(stopped.status).toBe('cancelled');
      expect(stopped.histories).toBe(r.histories);
      const result = shownResult(stopped, 'cpu');
      expect(result.status).toBe('cancelled');
      expect(result.epochsCompleted).toBe(2);
    }
  });

  it('an error fails a running run only; a finished run stays as it was', () => {
    const err: FromWorker = { type: 'error', message: 'boom' };
    expect(reduceCompareRun(streamed(), err).status).toBe('failed');
    const done = reduceCompareRun(streamed(), { type: 'compareDone', elapsedMs: 1, result: shownResult(streamed(), 'cpu') });
    expect(reduceCompareRun(done, err)).toBe(done);
    expect(stopRun(done)).toBe(done);
  });

  it("leaves the run as it is for messages that are not the comparison's", () => {
    const r = streamed();
    expect(reduceCompareRun(r, { type: 'running', running: true })).toBe(r);
    expect(reduceCompareRun(r, { type: 'hidden', step: 1, run: 0, gridSize: 2, layers: [] })).toBe(r);
  });
});
