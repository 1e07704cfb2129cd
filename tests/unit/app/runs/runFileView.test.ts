/**
 * The run-file panel's pure view model, on a real run file written by the engine (trainRun) and
 * on hand-edited copies: rows state what the file says, names are safe, the overlay holds the
 * stored and retrained curves point for point.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainRun, type ComparisonFile, type RunFile } from '../../../../src/core/runfile/index';
import { registryResolver } from '../../../../src/core/train/registryResolver';
import { configRows, isComparison, overlayFigure, runFileName, runLabel, runsOf } from '../../../../src/app/runs/runFileView';

let file: RunFile;

beforeAll(async () => {
  await tf.setBackend('cpu');
  file = await trainRun(
    { dataset: { name: 'moons', n: 50, noise: 0.1, testFraction: 0.2, seed: 3 }, hidden: [4], lr: 0.05, optimizer: 'momentum', momentum: 0.8, batchSize: 10, epochs: 2 },
    { activation: { id: 'swish', params: { beta: 1.5 }, learnable: { beta: true } }, seed: 7 },
    { resolveActivation: registryResolver },
  );
}, 60_000);

describe('run-file view', () => {
  it('configuration rows state the file\'s settings', () => {
    const rows = Object.fromEntries(configRows(file));
    expect(rows.activation).toBe('swish (beta=1.5), trains beta');
    expect(rows.data).toBe('moons: 50 points (40 train, 10 test), noise 0.1, data seed 3');
    expect(rows.network).toBe('hidden 4, init he-normal, seed 7');
    expect(rows.training).toBe('momentum, lr 0.05, momentum 0.8, batch 10');
    expect(rows.epochs).toBe('2 recorded of 2 planned');
    expect(rows['recorded on']).toMatch(/^cpu, Activation Playground \S+, file version 1, /);
    expect(rows.diverged).toBeUndefined();
    const full = { ...file, config: { ...file.config, batchSize: 40, optimizer: { ...file.config.optimizer, name: 'adam' as const, l2: 0.001 } } };
    expect(Object.fromEntries(configRows(full)).training).toBe('adam, lr 0.05, L2 0.001, full batch');
  });

  it('a comparison lists its runs; labels and file names are safe', () => {
    const cmp = { schema: 'activation-playground/comparison', runs: [file, { ...file, config: { ...file.config, seed: 8 } }], createdAt: '2026-01-02T03:04:05.678Z' } as unknown as ComparisonFile;
    expect(isComparison(cmp)).toBe(true);
    expect(isComparison(file)).toBe(false);
    expect(runsOf(file)).toEqual([file]);
    expect(runsOf(cmp).map(runLabel)).toEqual(['swish · seed 7', 'swish · seed 8']);
    expect(runFileName(cmp)).toBe('comparison-2-runs-2026-01-02-03-04-05.json');
    const odd = { ...file, createdAt: '2026-01-02T03:04:05Z', config: { ...file.config, activation: { id: 'my.a/b c' } } };
    expect(runFileName(odd, 'py')).toBe('run-my.a_b_c-seed7-2026-01-02-03-04-05.py');
  });

  it('overlay: stored curves, then retrained ones, point for point (null where not finite)', () => {
    const retrained = file.history.map((h) => ({ ...h, trainLoss: (h.trainLoss as number) * 2, testLoss: NaN }));
    const fig = overlayFigure(file.history, retrained, 'light');
    expect(fig.data.map((d) => d.name)).toEqual(['stored train loss', 'stored test loss', 'retrained train loss', 'retrained test loss']);
    const ys = fig.data.map((d) => (d as { y: (number | null)[] }).y);
    expect(ys[0]).toEqual(file.history.map((h) => h.trainLoss));
    expect(ys[2]).toEqual(file.history.map((h) => (h.trainLoss as number) * 2));
    expect(ys[3]).toEqual([null, null, null]);
    expect((fig.data[0] as { x: number[] }).x).toEqual([0, 1, 2]);
    expect(overlayFigure(file.history, null, 'dark').data).toHaveLength(2);
  });
});
