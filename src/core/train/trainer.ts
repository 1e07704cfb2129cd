/**
 * The training engine: R runs (activations × seeds) trained as one stacked computation per
 * architecture (one stack for pointwise activations, one for gated blocks, whose hidden width
 * differs). A single training run is R = 1. Step-driven and async, so a Web Worker, the CLI and
 * tests drive it the same way; everything numeric stays on the tf.js backend between epochs.
 *
 * Divergence: each step records, on the device, the first step at which a run's batch loss was
 * NaN/±Infinity (no read-back, so WebGPU steps stay asynchronous). At the end of every epoch
 * (every checkEvery epochs) the engine also checks each run's parameters and full training loss;
 * a run that went bad is restored to its last good state (the previous check) and frozen: from then on its
 * updates are masked out with tf.where. Runs cannot contaminate each other even before that:
 * every op is per run (batched matMul, elementwise updates) and the only sum over runs is the
 * total loss, whose gradient to each run's loss is exactly 1. Until some run has diverged the
 * updates skip the mask, which on the CPU backend costs a broadcast select per tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../data/rng';
import { makeDataset, type Dataset, type DatasetSpec } from '../data/datasets';
import { resolveRunParams, type ActivationResolver, type ActivationSpec } from './activationSpec';
import { validateHidden } from './architecture';
import { checkInitScheme, isMeanFieldScheme, type GaussianScale, type InitialState, type LayerWeights } from './init';
import { initScaleFor } from './initScale';
import { outputToPrediction, perSampleCorrect, perSampleLoss } from './loss';
import { repeatForRuns, Stack, type StackRun } from './model';
import { createOptimizer, type Optimizer } from './optimizers';
import { registryResolver } from './registryResolver';
import { chooseStepKernels } from './chooseKernels';
import type { TrainTensors } from '../kernels/stepKernels';
import type { TrainingConfig } from './trainingConfig';

export interface RunSpec {
  activation: ActivationSpec;
  seed: number;
  /** Start from these weights and activation parameters instead of the seed's draw (shapes are checked). */
  initialState?: InitialState;
  /**
   * Visit the training points in this order instead of the seed's: permutation e − 1 of the
   * training indices for epoch e (mini-batch training only; training past the last one is refused).
   */
  batchOrder?: ArrayLike<number>[];
}

/** The shared training settings (./trainingConfig.ts) with the runs, for one engine. */
export interface TrainerConfig extends Omit<TrainingConfig, 'dataset'> {
  /** A spec (generated here) or an already generated dataset. */
  dataset: DatasetSpec | Dataset;
  runs: RunSpec[];
  /** Turns activation specs into tf.js ops; default: the registry (./registryResolver). */
  resolveActivation?: ActivationResolver;
  /**
   * Epochs between divergence checks (default 1: every epoch). A check evaluates the full
   * training loss, tests every parameter for finiteness and copies the last good state; with
   * full batch every step is an epoch, so drivers that only time or read results now and then
   * (the bench) can space them out. A run that goes bad is restored to the previous check.
   */
  checkEvery?: number;
}

export interface RunMetrics {
  trainLoss: number;
  testLoss: number;
  /** null for regression. */
  trainAcc: number | null;
  testAcc: number | null;
}

export interface Divergence {
  epoch: number;
  /** 1-based training step whose loss (or resulting state) was first non-finite. */
  step: number;
  message: string;
}

interface HiddenLayerOutput {
  layer: number;
  width: number;
  /** One array per unit, one value per grid point. */
  units: Float32Array[];
}

export interface RunSnapshot {
  activation: ActivationSpec;
  seed: number;
  diverged: Divergence | null;
  layers: LayerWeights[];
  /** Per hidden layer: every activation parameter's value. */
  activationParams: Record<string, number>[];
}

export interface TrainerSnapshot {
  step: number;
  epoch: number;
  runs: RunSnapshot[];
}

export interface Trainer {
  readonly dataset: Dataset;
  readonly runs: RunSpec[];
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly stepCount: number;
  readonly epochCount: number;
  /** Runs n optimisation steps (epoch boundaries are handled as they are crossed). */
  step(n?: number): Promise<void>;
  /** Runs the steps left in the current epoch (a whole epoch when called at a boundary). */
  epoch(): Promise<void>;
  /** Full train/test loss and accuracy per run, in config order. */
  evaluate(): Promise<RunMetrics[]>;
  /** Per run (config order): divergence info or null. */
  divergence(): (Divergence | null)[];
  /** Predictions on grid points (n × inputDim, row-major): one array per run (n × outputDim). */
  predictGrid(gridX: Float32Array): Promise<Float32Array[]>;
  /** Outputs of every hidden layer of one run on the grid. */
  hiddenUnits(runIndex: number, gridX: Float32Array): Promise<HiddenLayerOutput[]>;
  /** Per run (config order), per hidden layer: activation parameter values. */
  activationParams(): Promise<Record<string, number>[][]>;
  snapshot(): Promise<TrainerSnapshot>;
  dispose(): void;
}

/** Elements per evaluation chunk (runs × points × widest layer): bounds peak memory. */
const EVAL_CHUNK_ELEMENTS = 4_000_000;

interface StackState {
  stack: Stack;
  optimizer: Optimizer;
  /** int32 [R]: first bad step, −1 while healthy. */
  badStep: tf.Variable;
  /** Some run of this stack is frozen: updates must be masked. */
  frozen: boolean;
  /** Copies of the trainables at the end of the last epoch. */
  lastGood: tf.Tensor[];
  /** int32 [R, N]: this epoch's sample order per run. */
  order: tf.Tensor | null;
}

/** A non-trainable variable that takes over `init` (tf.variable leaves the source tensor alive). */
function ownedVariable(init: tf.Tensor): tf.Variable {
  const v = tf.variable(init, false);
  init.dispose();
  return v;
}

function isDataset(d: DatasetSpec | Dataset): d is Dataset {
  return (d as Dataset).train !== undefined;
}

function checkConfig(config: TrainerConfig): void {
  validateHidden(config.hidden);
  if (!Array.isArray(config.runs) || config.runs.length === 0) throw new Error('At least one run is needed');
  if (config.runs.length > 4096) throw new Error(`Too many runs (${config.runs.length}); at most 4096`);
  for (const r of config.runs) {
    if (!Number.isInteger(r.seed)) throw new Error(`Seeds must be integers, got ${r.seed}`);
  }
  if (config.batchSize !== undefined && !(Number.isInteger(config.batchSize) && config.batchSize >= 1)) {
    throw new Error(`Batch size must be a positive integer, got ${config.batchSize}`);
  }
  if (config.checkEvery !== undefined && !(Number.isInteger(config.checkEvery) && config.checkEvery >= 1)) {
    throw new Error(`checkEvery (epochs between divergence checks) must be a positive integer, got ${config.checkEvery}`);
  }
}

/** An explicit batch order must hold permutations of 0..n−1, one per epoch. */
function checkBatchOrder(order: ArrayLike<number>[], n: number, run: number): void {
  if (!Array.isArray(order)) throw new Error(`Run ${run} batch order: expected a list of per-epoch permutations`);
  const seen = new Uint8Array(n);
  order.forEach((perm, e) => {
    if (perm.length !== n) throw new Error(`Run ${run} batch order, epoch ${e + 1}: needs ${n} indices (one per training point), got ${perm.length}`);
    seen.fill(0);
    for (let k = 0; k < n; k++) {
      const i = perm[k];
      if (!(Number.isInteger(i) && i >= 0 && i < n) || seen[i]) throw new Error(`Run ${run} batch order, epoch ${e + 1}: ${i} is not a new index in 0..${n - 1}, so this is not a permutation`);
      seen[i] = 1;
    }
  });
}

function targets(ds: Dataset, y: Float32Array, n: number): tf.Tensor {
  if (ds.task !== 'multiclass') return tf.tensor2d(y, [n, 1]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), ds.classes).toFloat());
}

export function createTrainer(config: TrainerConfig): Trainer {
  checkConfig(config);
  const optimizerName = config.optimizer ?? 'adam';
  const scheme = checkInitScheme(config.init ?? 'he-normal');
  const ds = isDataset(config.dataset) ? config.dataset : makeDataset(config.dataset);
  const N = ds.train.n;
  const batchSize = Math.min(config.batchSize ?? N, N);
  const fullBatch = batchSize >= N;
  const stepsPerEpoch = Math.ceil(N / batchSize);

  const resolve = config.resolveActivation ?? registryResolver;
  const resolved = config.runs.map((r) => resolve(r.activation));
  const stackRuns: [StackRun[], StackRun[]] = [[], []];
  // Seeds of one activation share its init scale (the theory's search takes 10–150 ms).
  const scales = new Map<string, GaussianScale | undefined>();
  const scaleOf = (spec: ActivationSpec, values: Record<string, number>): GaussianScale | undefined => {
    const key = JSON.stringify([spec, values]);
    if (!scales.has(key)) scales.set(key, initScaleFor({ ...config, init: scheme }, spec, values));
    return scales.get(key);
  };
  config.runs.forEach((r, index) => {
    // Mean-field inits scale each run's draw for its own activation (./initScale.ts).
    const initScale = r.initialState || !isMeanFieldScheme(scheme) ? undefined : scaleOf(r.activation, resolveRunParams(r.activation, resolved[index], r.seed).values);
    stackRuns[resolved[index].gated ? 1 : 0].push({ index, seed: r.seed, activation: r.activation, resolved: resolved[index], initial: r.initialState, initScale });
    if (r.batchOrder && !fullBatch) checkBatchOrder(r.batchOrder, N, index);
  });

  const Xtr = tf.tensor2d(ds.train.x, [N, ds.dim]);
  const Ytr = targets(ds, ds.train.y, N);
  const Xte = tf.tensor2d(ds.test.x, [ds.test.n, ds.dim]);
  const Yte = targets(ds, ds.test.y, ds.test.n);
  const trainData: TrainTensors = { x: Xtr, y: Ytr };
  const kernels = chooseStepKernels();
  const states: StackState[] = [];
  const cleanup = (): void => {
    for (const s of states) {
      s.stack.dispose();
      s.optimizer.dispose();
      s.badStep.dispose();
      s.lastGood.forEach((t) => t.dispose());
      s.order?.dispose();
    }
    kernels.dispose();
    tf.dispose([Xtr, Ytr, Xte, Yte]);
  };
  try {
    stackRuns.forEach((runs, gi) => {
      if (runs.length === 0) return;
      const stack = new Stack({ inputDim: ds.dim, hidden: config.hidden, outputDim: ds.outputDim, gated: gi === 1 }, runs, scheme, kernels, config.sirenOmega0);
      states.push({
        stack,
        optimizer: createOptimizer({ name: optimizerName, lr: config.lr, l2: config.l2, momentum: config.momentum }, { kernels }),
        badStep: ownedVariable(tf.fill([stack.size], -1, 'int32')),
        frozen: false,
        lastGood: stack.trainables.map((t) => tf.clone(t.variable)),
        order: null,
      });
    });
  } catch (e) {
    cleanup();
    throw e;
  }

  const batchRngs = new Map<number, Rng>();
  for (const r of config.runs) if (!batchRngs.has(r.seed)) batchRngs.set(r.seed, createRng(r.seed).fork('batches'));
  const divergence: (Divergence | null)[] = config.runs.map(() => null);
  let stepCount = 0;
  let epochCount = 0;
  let stepInEpoch = 0;
  const checkEvery = config.checkEvery ?? 1;
  /** Epoch whose end state lastGood holds (the last divergence check). */
  let lastGoodEpoch = 0;
  let cached: { step: number; metrics: RunMetrics[] } | null = null;
  let disposed = false;

  const assertLive = (): void => {
    if (disposed) throw new Error('This trainer has been disposed');
  };

  /** Same order for every activation of a seed: one permutation per seed per epoch. */
  const startEpoch = (): void => {
    if (fullBatch) return;
    const perms = new Map<number, Int32Array>();
    for (const [seed, rng] of batchRngs) perms.set(seed, rng.permutation(N));
    for (const s of states) {
      const flat = new Int32Array(s.stack.size * N);
      s.stack.runs.forEach((run, r) => {
        const explicit = config.runs[run.index].batchOrder;
        if (explicit && epochCount >= explicit.length) {
          throw new Error(`Run ${run.index}'s batch order covers ${explicit.length} epochs; it cannot train epoch ${epochCount + 1}`);
        }
        flat.set(explicit ? explicit[epochCount] : (perms.get(run.seed) as Int32Array), r * N);
      });
      s.order?.dispose();
      s.order = tf.tensor2d(flat, [s.stack.size, N], 'int32');
    }
  };

  /** One step of one stack: batch, loss and gradients, divergence flags, update (the kernels picked at creation). */
  const trainStep = (s: StackState): void => {
    tf.tidy(() => {
      const from = stepInEpoch * batchSize;
      const batch = kernels.gatherBatch(trainData, fullBatch ? null : s.order, from, Math.min(batchSize, N - from), s.stack.size);
      const vars = s.stack.trainables.map((t) => t.variable);
      const { loss, grads } = kernels.lossAndGradients(ds.task, () => s.stack.forward(batch.x, 'train'), batch, vars);
      s.badStep.assign(kernels.flagBadSteps(s.badStep, loss, stepCount + 1));
      const active = s.frozen ? tf.less(s.badStep, 0) : null;
      s.optimizer.apply(s.stack.trainables, grads, active);
      loss.dispose();
    });
  };

  /**
   * Every run's train and test metrics. All the GPU work (every stack, both splits) is queued
   * first and read back together: one wait for the device per evaluation, not one per read.
   */
  const computeMetrics = async (): Promise<RunMetrics[]> => {
    const out: RunMetrics[] = config.runs.map(() => ({ trainLoss: NaN, testLoss: NaN, trainAcc: null, testAcc: null }));
    /** Queues the summed loss and correct count over X for every run of `s` (null when X is empty). */
    const queue = (s: StackState, X: tf.Tensor, Y: tf.Tensor, n: number): { loss: tf.Variable; correct: tf.Variable | null } | null => {
      if (n === 0) return null;
      const R = s.stack.size;
      const chunk = Math.max(1, Math.floor(EVAL_CHUNK_ELEMENTS / (R * Math.max(...s.stack.widths))));
      const loss = ownedVariable(tf.zeros([R]));
      const correct = ds.task === 'regression' ? null : ownedVariable(tf.zeros([R]));
      for (let from = 0; from < n; from += chunk) {
        const m = Math.min(chunk, n - from);
        tf.tidy(() => {
          const x = tf.expandDims(tf.slice(X, [from, 0], [m, -1]), 0);
          const y1 = tf.expandDims(tf.slice(Y, [from, 0], [m, -1]), 0);
          const y = kernels.layout.repeatBroadcasts ? repeatForRuns(y1, R) : y1;
          const z = s.stack.forward(x, 'eval');
          loss.assign(tf.add(loss, tf.sum(perSampleLoss(ds.task, z, y), 1)));
          const c = perSampleCorrect(ds.task, z, y);
          if (c && correct) correct.assign(tf.add(correct, tf.sum(c, 1)));
        });
      }
      return { loss, correct };
    };
    const queued = states.map((s) => ({ s, train: queue(s, Xtr, Ytr, N), test: queue(s, Xte, Yte, ds.test.n) }));
    const sums = queued.flatMap((q) => [q.train, q.test]).flatMap((m) => (m ? [m.loss, ...(m.correct ? [m.correct] : [])] : []));
    const values = new Map(sums.map((t, i) => [t, i]));
    const read = (await Promise.all(sums.map((t) => t.data()))) as Float32Array[];
    const mean = (t: tf.Variable | null | undefined, n: number): Float32Array | null => (t ? read[values.get(t) as number].map((v) => v / n) : null);
    for (const { s, train, test } of queued) {
      const R = s.stack.size;
      const trL = mean(train?.loss, N) ?? new Float32Array(R).fill(NaN);
      const teL = mean(test?.loss, ds.test.n) ?? new Float32Array(R).fill(NaN);
      const trA = mean(train?.correct, N);
      const teA = mean(test?.correct, ds.test.n);
      s.stack.runs.forEach((run, r) => {
        out[run.index] = { trainLoss: trL[r], testLoss: teL[r], trainAcc: trA ? trA[r] : null, testAcc: teA ? teA[r] : null };
      });
    }
    sums.forEach((t) => t.dispose());
    return out;
  };

  const evaluate = async (): Promise<RunMetrics[]> => {
    assertLive();
    if (!cached || cached.step !== stepCount) cached = { step: stepCount, metrics: await computeMetrics() };
    return cached.metrics.map((m) => ({ ...m }));
  };

  const endEpoch = async (): Promise<void> => {
    epochCount++;
    if (epochCount % checkEvery !== 0) return;
    // Queue the parameter checks, then wait once for them, the flags and the metrics together.
    const finiteParams = states.map((s) => tf.tidy(() =>
      s.stack.trainables
        .map((t) => {
          const R = s.stack.size;
          const ok = tf.cast(tf.all(tf.isFinite(tf.reshape(t.variable, [t.runCount, -1])), 1), 'float32');
          return t.runCount === R ? ok : tf.pad(ok, [[t.runStart, R - t.runStart - t.runCount]], 1);
        })
        .reduce((a, b) => tf.minimum(a, b)),
    ));
    const [metrics, bads, oks] = await Promise.all([
      evaluate(),
      Promise.all(states.map((s) => s.badStep.data())),
      Promise.all(finiteParams.map((t) => t.data())),
    ]);
    finiteParams.forEach((t) => t.dispose());
    let restored = false;
    for (const [si, s] of states.entries()) {
      const R = s.stack.size;
      const bad = bads[si] as Int32Array;
      const okParams = oks[si];
      const newBad = Int32Array.from(bad);
      s.stack.runs.forEach((run, r) => {
        if (divergence[run.index]) return;
        const m = metrics[run.index];
        const sick = bad[r] >= 0 || okParams[r] < 0.5 || !Number.isFinite(m.trainLoss);
        if (!sick) return;
        const step = bad[r] >= 0 ? bad[r] : stepCount;
        newBad[r] = step;
        const epoch = Math.floor((step - 1) / stepsPerEpoch) + 1;
        divergence[run.index] = {
          epoch,
          step,
          message:
            `Diverged at step ${step} (epoch ${epoch}): the loss became NaN or infinite. ` +
            `This run was stopped and restored to its state at the end of epoch ${lastGoodEpoch}; ` +
            `the other runs continue. Try a smaller learning rate (now ${config.lr}).`,
        };
        restored = true;
        s.frozen = true;
      });
      tf.tidy(() => {
        s.badStep.assign(tf.tensor1d(newBad, 'int32'));
        const frozen = tf.greaterEqual(s.badStep, 0);
        s.stack.trainables.forEach((t, i) => {
          const m = tf.reshape(
            t.runCount === R ? frozen : tf.slice(frozen, [t.runStart], [t.runCount]),
            [t.runCount, ...t.variable.shape.slice(1).map(() => 1)],
          );
          t.variable.assign(tf.where(m, s.lastGood[i], t.variable));
        });
      });
      s.lastGood.forEach((t) => t.dispose());
      s.lastGood = s.stack.trainables.map((t) => tf.clone(t.variable));
    }
    lastGoodEpoch = epochCount;
    if (restored) cached = null;
  };

  const step = async (n = 1): Promise<void> => {
    assertLive();
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`step(n) needs an integer n ≥ 0, got ${n}`);
    for (let i = 0; i < n; i++) {
      if (stepInEpoch === 0) startEpoch();
      for (const s of states) trainStep(s);
      stepCount++;
      stepInEpoch++;
      if (stepInEpoch === stepsPerEpoch) {
        stepInEpoch = 0;
        await endEpoch();
      }
    }
  };

  const locate = (runIndex: number): { s: StackState; pos: number } => {
    if (!(Number.isInteger(runIndex) && runIndex >= 0 && runIndex < config.runs.length)) {
      throw new Error(`Run index ${runIndex} out of range (0..${config.runs.length - 1})`);
    }
    for (const s of states) {
      const pos = s.stack.positionOf(runIndex);
      if (pos >= 0) return { s, pos };
    }
    throw new Error(`Run ${runIndex} not found`);
  };

  const gridTensor = (gridX: Float32Array): tf.Tensor2D => {
    if (gridX.length === 0 || gridX.length % ds.dim !== 0) {
      throw new Error(`Grid must hold n × ${ds.dim} values (row-major), got ${gridX.length}`);
    }
    return tf.tensor2d(gridX, [gridX.length / ds.dim, ds.dim]);
  };

  const predictGrid = async (gridX: Float32Array): Promise<Float32Array[]> => {
    assertLive();
    const G = gridTensor(gridX);
    const n = G.shape[0];
    const out: Float32Array[] = config.runs.map(() => new Float32Array(n * ds.outputDim));
    for (const s of states) {
      const R = s.stack.size;
      const chunk = Math.max(1, Math.floor(EVAL_CHUNK_ELEMENTS / (R * Math.max(...s.stack.widths))));
      for (let from = 0; from < n; from += chunk) {
        const m = Math.min(chunk, n - from);
        const p = tf.tidy(() => outputToPrediction(ds.task, s.stack.forward(tf.expandDims(tf.slice(G, [from, 0], [m, -1]), 0), 'eval')));
        const data = (await p.data()) as Float32Array;
        p.dispose();
        s.stack.runs.forEach((run, r) => {
          out[run.index].set(data.subarray(r * m * ds.outputDim, (r + 1) * m * ds.outputDim), from * ds.outputDim);
        });
      }
    }
    G.dispose();
    return out;
  };

  const hiddenUnits = async (runIndex: number, gridX: Float32Array): Promise<HiddenLayerOutput[]> => {
    assertLive();
    const { s, pos } = locate(runIndex);
    const G = gridTensor(gridX);
    const n = G.shape[0];
    const layers = tf.tidy(() => {
      const collect: tf.Tensor[] = [];
      s.stack.forward(tf.expandDims(G, 0), 'eval', { start: pos, count: 1 }, collect);
      // [1, n, w] → [w, n] so each unit's values are contiguous.
      return collect.map((h) => tf.transpose(tf.squeeze(h, [0])));
    });
    G.dispose();
    const out: HiddenLayerOutput[] = [];
    for (let l = 0; l < layers.length; l++) {
      const data = (await layers[l].data()) as Float32Array;
      const width = layers[l].shape[0];
      out.push({ layer: l, width, units: Array.from({ length: width }, (_, j) => data.slice(j * n, (j + 1) * n)) });
    }
    tf.dispose(layers);
    return out;
  };

  const activationParams = async (): Promise<Record<string, number>[][]> => {
    assertLive();
    const out: Record<string, number>[][] = config.runs.map(() => []);
    for (const s of states) {
      const values = await s.stack.activationParamValues();
      s.stack.runs.forEach((run, r) => (out[run.index] = values[r]));
    }
    return out;
  };

  const snapshot = async (): Promise<TrainerSnapshot> => {
    assertLive();
    const params = await activationParams();
    const runs: RunSnapshot[] = config.runs.map((r, i) => ({
      activation: r.activation,
      seed: r.seed,
      diverged: divergence[i],
      layers: [],
      activationParams: params[i],
    }));
    for (const s of states) {
      const weights = await s.stack.weightValues();
      s.stack.runs.forEach((run, r) => (runs[run.index].layers = weights[r]));
    }
    return { step: stepCount, epoch: epochCount, runs };
  };

  return {
    dataset: ds,
    runs: config.runs,
    batchSize,
    stepsPerEpoch,
    get stepCount() {
      return stepCount;
    },
    get epochCount() {
      return epochCount;
    },
    step,
    epoch: () => step(stepsPerEpoch - stepInEpoch),
    evaluate,
    divergence: () => divergence.map((d) => (d ? { ...d } : null)),
    predictGrid,
    hiddenUnits,
    activationParams,
    snapshot,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      cleanup();
    },
  };
}
