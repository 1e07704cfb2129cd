import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runComparison } from '../../../src/core/compare/runComparison';
import { makeDataset } from '../../../src/core/data/datasets';
import { createRng } from '../../../src/core/data/rng';
import {
  buildComparisonFile, parseRunFileText, retrainRun, RunFileError, trainEpochs, trainRun, validateComparisonFile, validateRunFile,
  type RunFile, type RunSetup,
} from '../../../src/core/runfile/index';
import { initWeights } from '../../../src/core/train/init';
import { registryResolver } from '../../../src/core/train/registryResolver';
import { createTrainer } from '../../../src/core/train/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const setup: RunSetup = {
  dataset: { name: 'moons', n: 80, noise: 0.1, testFraction: 0.25, seed: 5 },
  hidden: [6, 6],
  lr: 0.02,
  batchSize: 16,
  epochs: 4,
};
const opts = { resolveActivation: registryResolver };

/** A fresh deep copy through JSON text, as a saved file would be read back. */
const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

let swish: RunFile;
let swiglu: RunFile;

beforeAll(async () => {
  // swish with its optional β trained: covers learnable activation parameters (and their clamp).
  swish = await trainRun(setup, { activation: { id: 'swish', learnable: { beta: true } }, seed: 3 }, opts);
  // A gated (Tier C) block on a 3-class set: covers V, c and one-hot targets.
  swiglu = await trainRun(
    { ...setup, dataset: { name: 'spiral3', n: 90, noise: 0.05, testFraction: 0.2, seed: 2 }, optimizer: 'momentum', lr: 0.05, l2: 1e-3 },
    { activation: { id: 'swiglu' }, seed: 4 },
    opts,
  );
}, 60_000);

/** Fails with the RunFileError whose message contains every fragment. */
function expectRefused(fn: () => unknown, ...fragments: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(RunFileError);
  expect((caught as Error).name).toBe('RunFileError');
  for (const f of fragments) expect((caught as Error).message).toContain(f);
}

describe('saving a run', () => {
  it('stores the generated data points exactly (float32), split as makeDataset splits them', () => {
    const ds = makeDataset(setup.dataset);
    expect(swish.data.train.x.flat().map(Math.fround)).toEqual(Array.from(ds.train.x));
    expect(swish.data.test.y.map(Math.fround)).toEqual(Array.from(ds.test.y));
    expect(swish.data.train.x.length + swish.data.test.x.length).toBe(80);
  });

  it('stores the seed\'s He-normal initial weights, shaped per layer, biases 0, β at its default 1', () => {
    const shapes = swish.initial.layers.map((l) => [l.W.length, l.W[0].length, l.b.length]);
    expect(shapes).toEqual([[2, 6, 6], [6, 6, 6], [6, 1, 1]]);
    expect(swish.initial.layers.every((l) => l.b.every((v) => v === 0))).toBe(true);
    // Exactly the seed's draw from the engine's init (so a run file names a reproducible start).
    const drawn = initWeights({ inputDim: 2, hidden: [6, 6], outputDim: 1, gated: false }, 'he-normal', 3);
    expect(swish.initial.layers.map((l) => l.W.flat().map(Math.fround))).toEqual(drawn.map((l) => Array.from(l.W)));
    expect(swish.initial.activationParams).toEqual([{ beta: 1 }, { beta: 1 }]);
    expect(swish.initial.learnable).toEqual(['beta']);
    expect(swiglu.initial.layers[0].V).toBeDefined();
    expect(swiglu.initial.layers[2].V).toBeUndefined();
  });

  it('stores one permutation of the training points per epoch, the one the seeded RNG draws', () => {
    if (swish.batchOrder.kind !== 'permutations') throw new Error('expected mini-batches');
    const n = swish.data.train.x.length;
    expect(swish.batchOrder.permutations).toHaveLength(4);
    // Independent re-derivation from the documented algorithm: fork('batches'), one shuffle per epoch.
    const rng = createRng(3).fork('batches');
    for (const p of swish.batchOrder.permutations) {
      expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(p).toEqual(Array.from(rng.permutation(n)));
    }
  });

  it('records epoch 0 to 4 with finite losses and accuracies in [0, 1], and header fields', () => {
    expect(swish.history.map((h) => h.epoch)).toEqual([0, 1, 2, 3, 4]);
    for (const h of swish.history) {
      expect(Number.isFinite(h.trainLoss)).toBe(true);
      expect(h.trainAcc).toBeGreaterThanOrEqual(0);
      expect(h.trainAcc).toBeLessThanOrEqual(1);
    }
    expect(swish.schema).toBe('activation-playground/run');
    expect(swish.version).toBe(1);
    expect(swish.backend).toBe('cpu');
    expect(swish.projectVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(swish.config.optimizer).toEqual({ name: 'adam', lr: 0.02, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, l2: 0 });
  });
});

describe('load and retrain', () => {
  // Same backend, same process, same start and batch order: the engine is deterministic, so the
  // retrained curve is expected bit for bit; the bound 1e-6 (relative) is the stated tolerance.
  it.each([
    ['swish (learnable β, adam)', () => swish],
    ['swiglu (gated, momentum + L2, 3 classes)', () => swiglu],
  ])('%s: save → JSON → load → retrain gives the stored history', async (_name, get) => {
    const file = parseRunFileText(JSON.stringify(get())) as RunFile;
    const result = await retrainRun(file, opts);
    expect(result.history).toHaveLength(file.history.length);
    expect(result.difference.epochs).toBe(5);
    expect(result.difference.maxRelativeLoss).toBeLessThanOrEqual(1e-6);
    expect(result.difference.maxAccuracy).toBeLessThanOrEqual(1e-6);
    for (let e = 0; e < file.history.length; e++) {
      const stored = file.history[e].trainLoss as number;
      expect(Math.abs(result.history[e].trainLoss - stored)).toBeLessThanOrEqual(1e-6 * Math.abs(stored));
    }
  }, 30_000);

  it('a comparison file holds every run and the summary; each run retrained alone matches its batched history (1e-4 relative)', async () => {
    const result = await runComparison(
      { activations: [{ id: 'relu' }, { id: 'gelu' }], seeds: 2, dataset: setup.dataset, hidden: [6, 6], epochs: 3, lr: 0.02, batchSize: 16 },
      undefined,
      undefined,
      opts,
    );
    const file = validateComparisonFile(roundTrip(await buildComparisonFile(result, opts)));
    expect(file.runs.map((r) => [r.config.activation.id, r.config.seed])).toEqual([['relu', 1], ['relu', 2], ['gelu', 1], ['gelu', 2]]);
    expect(file.summary.map((s) => s.label)).toEqual(['relu', 'gelu']);
    // Same seed → same initial weights whatever the activation (the engine's promise).
    expect(file.runs[0].initial.layers).toEqual(file.runs[2].initial.layers);
    expect(file.runs[0].initial.layers).not.toEqual(file.runs[1].initial.layers);
    for (const run of file.runs) {
      const again = await retrainRun(run, opts);
      // Batched and alone sum in a different order in float32 (the engine's own 1e-4 bound).
      expect(again.difference.maxRelativeLoss).toBeLessThanOrEqual(1e-4);
    }
  }, 60_000);

  it('the SIREN init keeps its ω0 in the file; retraining starts from the stored weights whatever ω0 says', async () => {
    const siren = await trainRun(
      { ...setup, dataset: { name: 'sine', n: 60, noise: 0, testFraction: 0.2, seed: 1 }, init: 'siren', sirenOmega0: 10, epochs: 2 },
      { activation: { id: 'sine' }, seed: 2 },
      opts,
    );
    expect(siren.config.sirenOmega0).toBe(10);
    // SIREN's later layers are U(±√(6/n)/ω0): with n = 6 and ω0 = 10 every weight lies within ±0.1.
    expect(Math.max(...siren.initial.layers[1].W.flat().map(Math.abs))).toBeLessThanOrEqual(0.1);
    const again = await retrainRun(validateRunFile(roundTrip(siren)), opts);
    expect(again.difference.maxRelativeLoss).toBeLessThanOrEqual(1e-6);
    // ω0 only shapes the seed's draw; the file's weights are the start, so the history is the same.
    const edited = roundTrip(siren);
    edited.config.sirenOmega0 = 30;
    expect((await retrainRun(validateRunFile(edited), opts)).difference.maxRelativeLoss).toBeLessThanOrEqual(1e-6);
  });

  it('retrains an edited initial state and batch order from exactly that state: same as a fresh engine given them', async () => {
    const edited = roundTrip(swish);
    edited.initial.layers[1].W[2][3] += 0.5;
    edited.initial.activationParams[0].beta = 1.75;
    if (edited.batchOrder.kind !== 'permutations') throw new Error('expected a mini-batch run');
    edited.batchOrder.permutations[1].reverse();
    const again = await retrainRun(validateRunFile(edited), opts);
    // It did start elsewhere: the stored (unedited) history no longer matches.
    expect(again.difference.maxRelativeLoss).toBeGreaterThan(1e-4);
    // Independent path: the engine given the edited arrays directly (not through the run file module).
    const ds = makeDataset(setup.dataset);
    const flat = (rows: number[][]) => Float32Array.from(rows.flat());
    const trainer = createTrainer({
      dataset: ds, hidden: setup.hidden, lr: setup.lr, batchSize: setup.batchSize, resolveActivation: registryResolver,
      runs: [{
        activation: { id: 'swish', learnable: { beta: true } }, seed: 3,
        initialState: {
          layers: edited.initial.layers.map((l) => ({ fanIn: l.W.length, fanOut: l.b.length, W: flat(l.W), b: Float32Array.from(l.b) })),
          activationParams: edited.initial.activationParams,
        },
        batchOrder: edited.batchOrder.permutations,
      }],
    });
    const fresh = await trainEpochs(trainer, setup.epochs);
    trainer.dispose();
    expect(again.history).toEqual(fresh);
  });
});

describe('validation refuses bad files with the problem and its JSON path', () => {
  it('malformed JSON', () => {
    expectRefused(() => parseRunFileText('{"schema": "activation-playground/run", '), 'not valid JSON');
  });

  it('a newer file format version', () => {
    const f = roundTrip(swish) as unknown as Record<string, unknown>;
    f.version = 2;
    expectRefused(() => validateRunFile(f), '$.version', 'newer Activation Playground', 'version 2', 'up to version 1');
  });

  it('not a run file, or a comparison file where a run file is expected', () => {
    expectRefused(() => validateRunFile({ hello: 1 }), '$.schema: missing field');
    expectRefused(() => validateRunFile({ schema: 'something/else', version: 1 }), 'not an Activation Playground file');
    expectRefused(() => validateRunFile({ schema: 'activation-playground/comparison', version: 1 }), 'this is a comparison file');
    expectRefused(() => validateRunFile([1, 2]), 'expected an object, found an array');
  });

  it('weights of the wrong shape', () => {
    const f = roundTrip(swish);
    f.initial.layers[1].W[4].pop();
    expectRefused(() => validateRunFile(f), '$.initial.layers[1].W[4]', 'has 5 entries, expected 6');
    const g = roundTrip(swish);
    g.initial.layers.pop();
    expectRefused(() => validateRunFile(g), '$.initial.layers', 'has 2 entries, expected 3');
    const h = roundTrip(swiglu);
    delete h.initial.layers[0].V;
    expectRefused(() => validateRunFile(h), '$.initial.layers[0].V: missing field');
  });

  it('an unknown activation, an unknown parameter, a bad option', () => {
    const f = roundTrip(swish);
    f.config.activation.id = 'not-an-activation';
    expectRefused(() => validateRunFile(f), '$.config.activation.id', 'unknown activation "not-an-activation"');
    const g = roundTrip(swish);
    g.config.activation.params = { gamma: 2 };
    expectRefused(() => validateRunFile(g), '$.config.activation.params.gamma', 'has no parameter "gamma"');
    const h = roundTrip(swish);
    h.initial.activationParams[1] = { beta: 1, delta: 3 };
    expectRefused(() => validateRunFile(h), '$.initial.activationParams[1].delta');
  });

  it('non-finite numbers (written as null or strings) and missing fields', () => {
    const f = roundTrip(swish) as unknown as { initial: { layers: { b: unknown[] }[] } };
    f.initial.layers[0].b[2] = null;
    expectRefused(() => validateRunFile(f), '$.initial.layers[0].b[2]', 'expected a finite number, found null');
    const g = roundTrip(swish) as unknown as { data: { train: { x: unknown[][] } } };
    g.data.train.x[7][1] = 'Infinity';
    expectRefused(() => validateRunFile(g), '$.data.train.x[7][1]', 'expected a finite number');
    const h = roundTrip(swish) as unknown as Record<string, unknown>;
    delete h.history;
    expectRefused(() => validateRunFile(h), '$.history: missing field');
    const k = roundTrip(swish) as unknown as { config: { optimizer: Record<string, unknown> } };
    delete k.config.optimizer.lr;
    expectRefused(() => validateRunFile(k), '$.config.optimizer.lr: missing field');
  });

  it('inconsistent content: labels, sizes, batch order, history', () => {
    const f = roundTrip(swish);
    f.data.train.y[0] = 2;
    expectRefused(() => validateRunFile(f), '$.data.train.y[0]', 'class label 2 is not one of 0..1');
    const g = roundTrip(swish);
    g.data.test.x.pop();
    expectRefused(() => validateRunFile(g), '$.data.test.y', 'one target per row of x');
    const h = roundTrip(swish);
    if (h.batchOrder.kind !== 'permutations') throw new Error('expected mini-batches');
    h.batchOrder.permutations[1][0] = h.batchOrder.permutations[1][1];
    expectRefused(() => validateRunFile(h), '$.batchOrder.permutations[1][1]', 'not a permutation');
    const k = roundTrip(swish);
    k.history[2].epoch = 7;
    expectRefused(() => validateRunFile(k), '$.history[2].epoch', 'expected epoch 2');
  });

  it('a comparison file with a bad run names the run', () => {
    const bad = roundTrip(swish);
    bad.initial.layers[0].W[0][0] = Number.NaN; // JSON writes NaN as null
    const cmp = roundTrip({ schema: 'activation-playground/comparison', version: 1, projectVersion: '0.1.0', createdAt: '2026-11-30T12:00:00.000Z', backend: 'cpu', status: 'complete', runs: [swish, bad], summary: [] });
    expectRefused(() => validateComparisonFile(cmp), '$.runs[1].initial.layers[0].W[0][0]');
  });
});
