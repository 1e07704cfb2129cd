/**
 * Loading a run back into the engine: the stored data points become the dataset, the stored
 * configuration the trainer config, and the run is trained again for as many epochs as the file
 * recorded. The engine starts from the file's stored initial weights and activation parameters and
 * visits the points in the file's stored batch order (RunSpec.initialState / batchOrder), not from
 * what the seed would draw: any valid file, hand-edited weights included, retrains from exactly
 * its own state.
 */
import * as tf from '@tensorflow/tfjs';
import type { EpochRecord } from '../compare/summary';
import type { Dataset } from '../data/datasets';
import type { ActivationResolver } from '../train/activationSpec';
import type { InitialState } from '../train/init';
import { checkOptimizerSpec } from '../train/optimizers';
import { createTrainer, type Divergence, type Trainer } from '../train/trainer';
import { RunFileError } from './errors';
import { trainEpochs } from './record';
import type { RunFile, RunFileEpoch, RunFileSplit, RunFileState } from './schema';

function split(s: RunFileSplit) {
  return { x: Float32Array.from(s.x.flat()), y: Float32Array.from(s.y), n: s.x.length };
}

/** The file's points as the engine's Dataset (not regenerated: the stored points are the data). */
export function datasetOf(file: RunFile): Dataset {
  const d = file.data;
  return { name: file.config.dataset.name, task: d.task, dim: d.dim, classes: d.classes, outputDim: d.outputDim, train: split(d.train), test: split(d.test) };
}

/** The stored state as the engine's arrays (rows of W flattened row-major, float32). */
export function initialStateOf(state: RunFileState): InitialState {
  return {
    layers: state.layers.map((l) => ({
      fanIn: l.W.length,
      fanOut: l.b.length,
      W: Float32Array.from(l.W.flat()),
      b: Float32Array.from(l.b),
      ...(l.V && l.c ? { V: Float32Array.from(l.V.flat()), c: Float32Array.from(l.c) } : {}),
    })),
    activationParams: state.activationParams.map((rec) => ({ ...rec })),
  };
}

export function trainerFor(file: RunFile, resolveActivation: ActivationResolver): Trainer {
  const c = file.config;
  const engineOpt = checkOptimizerSpec({ name: c.optimizer.name, lr: c.optimizer.lr });
  for (const k of ['beta1', 'beta2', 'eps'] as const) {
    if (c.optimizer[k] !== engineOpt[k]) {
      throw new RunFileError(`$.config.optimizer.${k}`, `the engine trains with ${k} = ${engineOpt[k]}; it cannot retrain with ${c.optimizer[k]}`);
    }
  }
  return createTrainer({
    dataset: datasetOf(file),
    hidden: c.hidden,
    runs: [
      {
        activation: c.activation,
        seed: c.seed,
        initialState: initialStateOf(file.initial),
        batchOrder: file.batchOrder.kind === 'permutations' ? file.batchOrder.permutations : undefined,
      },
    ],
    init: c.init,
    sirenOmega0: c.sirenOmega0,
    initSigmaW: c.initSigmaW,
    initSigmaB: c.initSigmaB,
    optimizer: c.optimizer.name,
    lr: c.optimizer.lr,
    momentum: c.optimizer.momentum,
    l2: c.optimizer.l2,
    batchSize: c.batchSize,
    epochs: c.epochs,
    resolveActivation,
  });
}

export interface HistoryDifference {
  /** Largest |fresh − stored| / max(|stored|, 1e-12) over train and test loss of the shared epochs. */
  maxRelativeLoss: number;
  /** Where it occurred (null when there was nothing to compare). */
  at: { epoch: number; metric: 'trainLoss' | 'testLoss' } | null;
  /** Largest absolute difference of train/test accuracy. */
  maxAccuracy: number;
  /** Epochs compared. */
  epochs: number;
}

/** Stored values are float32 written in shortest form: compare as float32, so an exact reproduction reads 0. */
const finiteOrNull = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.fround(v));

export function historyDifference(stored: RunFileEpoch[], fresh: (RunFileEpoch | EpochRecord)[]): HistoryDifference {
  const out: HistoryDifference = { maxRelativeLoss: 0, at: null, maxAccuracy: 0, epochs: Math.min(stored.length, fresh.length) };
  for (let e = 0; e < out.epochs; e++) {
    for (const metric of ['trainLoss', 'testLoss'] as const) {
      const [a, b] = [finiteOrNull(stored[e][metric]), finiteOrNull(fresh[e][metric])];
      if (a === null && b === null) continue;
      const rel = a === null || b === null ? Infinity : Math.abs(b - a) / Math.max(Math.abs(a), 1e-12);
      if (out.at === null || rel > out.maxRelativeLoss) {
        out.maxRelativeLoss = rel;
        out.at = { epoch: e, metric };
      }
    }
    for (const metric of ['trainAcc', 'testAcc'] as const) {
      const [a, b] = [finiteOrNull(stored[e][metric]), finiteOrNull(fresh[e][metric])];
      if (a === null && b === null) continue;
      out.maxAccuracy = Math.max(out.maxAccuracy, a === null || b === null ? Infinity : Math.abs(b - a));
    }
  }
  return out;
}

export interface RetrainResult {
  history: EpochRecord[];
  diverged: Divergence | null;
  backend: string;
  difference: HistoryDifference;
}

/**
 * Retrains a validated run file from its initial state for as many epochs as its history holds
 * (or `epochs`), and measures how far the fresh history is from the stored one.
 */
export async function retrainRun(
  file: RunFile,
  opts: { resolveActivation: ActivationResolver; epochs?: number; onEpoch?: (record: EpochRecord) => void },
): Promise<RetrainResult> {
  const epochs = opts.epochs ?? file.history.length - 1;
  if (!(Number.isInteger(epochs) && epochs >= 0 && epochs <= file.config.epochs)) {
    throw new RunFileError('$.config.epochs', `cannot retrain ${epochs} epochs: the file holds the batch order of ${file.config.epochs}`);
  }
  const trainer = trainerFor(file, opts.resolveActivation);
  try {
    const history = await trainEpochs(trainer, epochs, opts.onEpoch);
    return { history, diverged: trainer.divergence()[0], backend: tf.getBackend(), difference: historyDifference(file.history, history) };
  } finally {
    trainer.dispose();
  }
}
