/**
 * Saving: turns a finished (or cancelled) training run, or every run of a comparison, into run
 * files. The initial state is read from a fresh engine built with the same configuration, before
 * any step: the engine draws initial weights from the seed alone, so this is exactly the state the
 * recorded runs started from (retrainRun re-checks it).
 */
import * as tf from '@tensorflow/tfjs';
import type { ComparisonResult } from '../compare/runComparison';
import type { EpochRecord } from '../compare/summary';
import type { Dataset, Split } from '../data/datasets';
import type { ActivationResolver, ActivationSpec } from '../train/activationSpec';
import { trainAndEvaluate } from '../train/epochLoop';
import { schemeTakes } from '../train/init';
import { checkOptimizerSpec } from '../train/optimizers';
import { createTrainer, type Divergence, type RunSnapshot, type Trainer } from '../train/trainer';
import type { TrainingConfig } from '../train/trainingConfig';
import { engineBatchOrder } from './batchOrder';
import { float32List, float32Rows, shortestFloat32 } from './float32Text';
import { PROJECT_VERSION } from './projectVersion';
import {
  COMPARISON_SCHEMA, RUN_FILE_VERSION, RUN_SCHEMA,
  type ComparisonFile, type RunFile, type RunFileConfig, type RunFileData, type RunFileEpoch, type RunFileLenses, type RunFileState,
} from './schema';
import type { RunLenses } from '../train/lenses';

/** What every run of one experiment shares: the engine's settings, with a generated dataset. */
export type RunSetup = TrainingConfig & { epochs: number };

export interface RecordedRun {
  activation: ActivationSpec;
  seed: number;
  /** Metrics after each epoch, epoch 0 = before training. */
  history: EpochRecord[];
  diverged: Divergence | null;
}

export interface RecordOptions {
  resolveActivation: ActivationResolver;
  /** Backend the history was measured on; default: tf.getBackend(). */
  backend?: string;
}

const nullIfNaN = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : shortestFloat32(v));

function historyRecord(history: EpochRecord[]): RunFileEpoch[] {
  return history.map((h) => ({
    epoch: h.epoch,
    trainLoss: nullIfNaN(h.trainLoss),
    testLoss: nullIfNaN(h.testLoss),
    trainAcc: nullIfNaN(h.trainAcc),
    testAcc: nullIfNaN(h.testAcc),
    ...(h.lenses ? { lenses: lensesRecord(h.lenses) } : {}),
  }));
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function lensesRecord(l: RunLenses): RunFileLenses {
  return {
    points: l.points,
    layers: l.layers.map((x) => ({ width: x.width, dead: x.dead, sparsity: x.sparsity, preMean: finiteOrNull(x.preMean), preStd: finiteOrNull(x.preStd), gradNorm: finiteOrNull(x.gradNorm) })),
    outputGradNorm: finiteOrNull(l.outputGradNorm),
  };
}

function splitRecord(s: Split, dim: number) {
  return { x: float32Rows(s.x, s.n, dim), y: float32List(s.y) };
}

export function dataRecord(ds: Dataset): RunFileData {
  return {
    task: ds.task,
    dim: ds.dim,
    classes: ds.classes,
    outputDim: ds.outputDim,
    train: splitRecord(ds.train, ds.dim),
    test: splitRecord(ds.test, ds.dim),
  };
}

/** As the engine decides it (resolveRunParams): 'yes' parameters train unless toggled off, 'optional' ones when toggled on. */
export function learnableNames(spec: ActivationSpec, resolve: ActivationResolver): string[] {
  return resolve(spec).params.filter((p) => spec.learnable?.[p.name] ?? p.learnable === 'yes').map((p) => p.name);
}

export function stateRecord(snap: RunSnapshot, learnable: string[]): RunFileState {
  return {
    layers: snap.layers.map((l) => ({
      W: float32Rows(l.W, l.fanIn, l.fanOut),
      b: float32List(l.b),
      ...(l.V && l.c ? { V: float32Rows(l.V, l.fanIn, l.fanOut), c: float32List(l.c) } : {}),
    })),
    activationParams: snap.activationParams.map((rec) =>
      Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, shortestFloat32(v)])),
    ),
    learnable,
  };
}

function configRecord(setup: RunSetup, activation: ActivationSpec, seed: number, batchSize: number): RunFileConfig {
  const opt = checkOptimizerSpec({ name: setup.optimizer ?? 'adam', lr: setup.lr, momentum: setup.momentum, l2: setup.l2 });
  return {
    dataset: {
      name: setup.dataset.name,
      n: setup.dataset.n,
      noise: setup.dataset.noise ?? 0,
      testFraction: setup.dataset.testFraction ?? 0.2,
      seed: setup.dataset.seed,
    },
    hidden: [...setup.hidden],
    activation: {
      id: activation.id,
      params: { ...(activation.params ?? {}) },
      options: { ...(activation.options ?? {}) },
      learnable: { ...(activation.learnable ?? {}) },
    },
    seed,
    init: setup.init ?? 'he-normal',
    ...(setup.init === 'siren' ? { sirenOmega0: setup.sirenOmega0 ?? 30 } : {}),
    ...(schemeTakes(setup.init ?? 'he-normal').sigmaW ? { initSigmaW: setup.initSigmaW ?? 1 } : {}),
    ...(schemeTakes(setup.init ?? 'he-normal').sigmaB ? { initSigmaB: setup.initSigmaB ?? 0 } : {}),
    optimizer: { name: opt.name, lr: opt.lr, momentum: opt.momentum, beta1: opt.beta1, beta2: opt.beta2, eps: opt.eps, l2: opt.l2 },
    batchSize,
    epochs: setup.epochs,
  };
}

export function assemble(setup: RunSetup, run: RecordedRun, trainer: Trainer, initial: RunFileState, data: RunFileData, backend: string): RunFile {
  return {
    schema: RUN_SCHEMA,
    version: RUN_FILE_VERSION,
    projectVersion: PROJECT_VERSION,
    createdAt: new Date().toISOString(),
    backend,
    config: configRecord(setup, run.activation, run.seed, trainer.batchSize),
    data,
    initial,
    batchOrder: engineBatchOrder(run.seed, trainer.dataset.train.n, trainer.batchSize, setup.epochs),
    history: historyRecord(run.history),
    diverged: run.diverged ? { ...run.diverged } : null,
  };
}

function setupTrainer(setup: RunSetup, runs: { activation: ActivationSpec; seed: number }[], resolveActivation: ActivationResolver): Trainer {
  return createTrainer({
    dataset: setup.dataset,
    hidden: setup.hidden,
    runs: runs.map((r) => ({ activation: r.activation, seed: r.seed })),
    init: setup.init,
    sirenOmega0: setup.sirenOmega0,
    initSigmaW: setup.initSigmaW,
    initSigmaB: setup.initSigmaB,
    optimizer: setup.optimizer,
    lr: setup.lr,
    momentum: setup.momentum,
    l2: setup.l2,
    batchSize: setup.batchSize,
    epochs: setup.epochs,
    resolveActivation,
  });
}

/** One run file per recorded run (same setup), initial states from one fresh engine. */
export async function buildRunFiles(setup: RunSetup, runs: RecordedRun[], opts: RecordOptions): Promise<RunFile[]> {
  const trainer = setupTrainer(setup, runs, opts.resolveActivation);
  try {
    const snap = await trainer.snapshot();
    const data = dataRecord(trainer.dataset);
    const backend = opts.backend ?? tf.getBackend();
    return runs.map((run, i) =>
      assemble(setup, run, trainer, stateRecord(snap.runs[i], learnableNames(run.activation, opts.resolveActivation)), data, backend),
    );
  } finally {
    trainer.dispose();
  }
}

/** A comparison's runs as run files plus its summary, in one file. */
export async function buildComparisonFile(result: ComparisonResult, opts: Omit<RecordOptions, 'backend'>): Promise<ComparisonFile> {
  const { config } = result;
  const runs = await buildRunFiles(
    { ...config, epochs: config.epochs },
    result.runs.map((r) => ({ activation: r.activation, seed: r.seed, history: r.history, diverged: r.diverged })),
    { resolveActivation: opts.resolveActivation, backend: result.timing.backend },
  );
  return {
    schema: COMPARISON_SCHEMA,
    version: RUN_FILE_VERSION,
    projectVersion: PROJECT_VERSION,
    createdAt: new Date().toISOString(),
    backend: result.timing.backend,
    status: result.status,
    runs,
    summary: result.summary,
  };
}

/** Metrics before training and after every epoch (the engine's loop, ../train/epochLoop.ts). */
export async function trainEpochs(trainer: Trainer, epochs: number, onEpoch?: (record: EpochRecord) => void): Promise<EpochRecord[]> {
  const { histories } = await trainAndEvaluate(trainer, { epochs, onEpoch: onEpoch && ((epoch, [m]) => onEpoch({ epoch, ...m })) });
  return histories[0];
}

/** Trains one run (R = 1) and returns its run file. */
export async function trainRun(
  setup: RunSetup,
  run: { activation: ActivationSpec; seed: number },
  opts: RecordOptions & { onEpoch?: (record: EpochRecord) => void },
): Promise<RunFile> {
  const trainer = setupTrainer(setup, [run], opts.resolveActivation);
  try {
    const snap = await trainer.snapshot();
    const initial = stateRecord(snap.runs[0], learnableNames(run.activation, opts.resolveActivation));
    const history = await trainEpochs(trainer, setup.epochs, opts.onEpoch);
    const recorded: RecordedRun = { ...run, history, diverged: trainer.divergence()[0] };
    return assemble(setup, recorded, trainer, initial, dataRecord(trainer.dataset), opts.backend ?? tf.getBackend());
  } finally {
    trainer.dispose();
  }
}
