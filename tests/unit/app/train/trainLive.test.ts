/** The Train page's view reducer on hand-written worker message sequences. */
import { describe, expect, it } from 'vitest';
import { EMPTY_LIVE, MAX_HISTORY, reduceTrainLive, thin, type TrainLive } from '../../../../src/app/train/trainLive';
import type { HistoryPoint } from '../../../../src/app/experiment/trainFigures';
import type { RunLenses } from '../../../../src/core/train/lenses';
import type { RunMetrics } from '../../../../src/core/train/trainer';
import type { DatasetPoints, FromWorker } from '../../../../src/worker/protocol';

const dataset: DatasetPoints = {
  name: 'circle',
  task: 'binary',
  dim: 2,
  classes: 2,
  train: { x: new Float32Array([0, 0]), y: new Float32Array([1]) },
  test: { x: new Float32Array([1, 1]), y: new Float32Array([0]) },
  extent: [-1, 1],
};
const m = (trainLoss: number, testLoss: number): RunMetrics => ({ trainLoss, testLoss, trainAcc: 0.5, testAcc: 0.25 });
const lens = (dead: number): RunLenses => ({ points: 1, layers: [{ width: 2, dead, sparsity: 0, preMean: 0, preStd: 1, gradNorm: 1 }], outputGradNorm: 1 });
const progress = (epoch: number, step: number, metrics: RunMetrics, msPerEpoch: number | null): FromWorker => ({
  type: 'progress',
  epoch,
  step,
  metrics: [metrics],
  timing: { msPerEpoch, stepsPerSecond: null },
});

const sequence: FromWorker[] = [
  { type: 'configured', dataset, stepsPerEpoch: 4, batchSize: 10, runs: 1 },
  { type: 'lenses', epoch: 0, runs: [lens(0)] },
  { type: 'running', running: true },
  progress(0, 0, m(1, 1.5), null),
  progress(0.5, 2, m(0.8, 1.2), 40),
  // Same epoch again (a report without a new step): the metrics update, the chart keeps one point.
  progress(0.5, 2, m(0.7, 1.1), null),
  { type: 'grid', step: 2, gridSize: 2, extent: [-1, 1], outputDim: 1, runs: [0], values: [new Float32Array([0.1, 0.2, 0.3, 0.4])] },
  { type: 'hidden', step: 2, run: 0, gridSize: 2, layers: [{ layer: 0, width: 1, units: [new Float32Array(4)] }] },
  { type: 'activationParams', step: 2, params: [[{ beta: 1.25 }]] },
  progress(1, 4, m(0.5, 0.9), 38),
  { type: 'lenses', epoch: 1, runs: [lens(0.5)] },
];
const live = (): TrainLive => sequence.reduce(reduceTrainLive, EMPTY_LIVE);

describe('reduceTrainLive', () => {
  it('keeps the latest of everything, one chart point per epoch position', () => {
    const l = live();
    expect(l).toMatchObject({ running: true, dataset, stepsPerEpoch: 4, epoch: 1, step: 4, metrics: m(0.5, 0.9), msPerEpoch: 38, error: null });
    expect(l.history.map((h) => [h.epoch, h.trainLoss])).toEqual([
      [0, 1],
      [0.5, 0.8],
      [1, 0.5],
    ]);
    expect(l.image).toEqual({ gridSize: 2, extent: [-1, 1], outputDim: 1, values: new Float32Array([0.1, 0.2, 0.3, 0.4]) });
    expect(l.units?.layers).toHaveLength(1);
    expect(l.learned).toEqual([{ beta: 1.25 }]);
    expect(l.lenses.epochs).toEqual([0, 1]);
    expect(l.lenses.runs[1][0]?.layers[0].dead).toBe(0.5);
  });

  it('a report without a time keeps the last ms per epoch', () => {
    const l = sequence.slice(0, 6).reduce(reduceTrainLive, EMPTY_LIVE);
    expect(l.msPerEpoch).toBe(40);
    expect(l.metrics).toEqual(m(0.7, 1.1));
  });

  it('a divergence and an error are kept until a new network is configured, which shows nothing of the old one', () => {
    const divergence = { epoch: 1, step: 5, message: 'loss is NaN' };
    const bad = [{ type: 'diverged', run: 0, divergence }, { type: 'error', message: 'boom' }] as FromWorker[];
    const l = bad.reduce(reduceTrainLive, live());
    expect(l.diverged).toEqual(divergence);
    expect(l.error).toBe('boom');
    const fresh = reduceTrainLive(l, { type: 'configured', dataset, stepsPerEpoch: 8, batchSize: 10, runs: 1 });
    expect(fresh).toEqual({ ...EMPTY_LIVE, running: true, lenses: l.lenses, dataset, stepsPerEpoch: 8 });
  });

  it('a new worker trains nothing yet', () => {
    const l = reduceTrainLive(live(), { type: 'backend', backend: { name: 'cpu', reason: '', tried: [] } });
    expect(l.running).toBe(false);
    expect(l.history).toHaveLength(3);
  });

  it("leaves the view as it is for messages that are not the Train page's", () => {
    const l = live();
    expect(reduceTrainLive(l, { type: 'compareTaskView', step: 1, predictions: [] })).toBe(l);
    expect(reduceTrainLive(EMPTY_LIVE, { type: 'backend', backend: { name: 'cpu', reason: '', tried: [] } })).toBe(EMPTY_LIVE);
  });
});

describe('thin', () => {
  it('keeps every point up to MAX_HISTORY, then every other one and always the newest', () => {
    const points = (n: number): HistoryPoint[] => Array.from({ length: n }, (_, i) => ({ epoch: i, trainLoss: i, testLoss: i, trainAcc: null, testAcc: null }));
    const full = points(MAX_HISTORY);
    expect(thin(full)).toBe(full);
    const over = thin(points(MAX_HISTORY + 2));
    // 1502 points: the even indices 0…1500 (751 of them) and the newest, 1501.
    expect(over).toHaveLength(752);
    expect(over.at(-1)?.epoch).toBe(MAX_HISTORY + 1);
    expect(over.slice(0, 3).map((p) => p.epoch)).toEqual([0, 2, 4]);
  });
});
