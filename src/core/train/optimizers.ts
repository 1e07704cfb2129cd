/**
 * SGD, momentum and Adam on stacked tensors. Every update is elementwise, so runs stacked on the
 * leading axis stay independent; a per-run `active` mask (tf.where, never multiplication, so a
 * NaN in a frozen run cannot leak) keeps diverged runs and their optimizer state untouched.
 *
 * L2 is classic coupled weight decay on weights only (not biases, not activation parameters):
 * g ← g + l2·W, i.e. the loss gains (l2/2)·‖W‖². With Adam this is "Adam + L2", not AdamW.
 */
import * as tf from '@tensorflow/tfjs';
import { OPTIMIZERS, type OptimizerName } from './choices';
import { adamUpdate, momentumUpdate, sgdUpdate, type UpdateInput } from '../cpu/optimizerKernels';
import { cpuKernelsActive } from '../cpu/segmentOp';
import { gpuEngineKernelsActive } from '../gpu/engineKernels';
import { gpuUpdate } from '../gpu/optimizerPrograms';

export { OPTIMIZERS, type OptimizerName } from './choices';

export interface OptimizerSpec {
  name: OptimizerName;
  lr: number;
  /** L2 coefficient on weights; default 0. */
  l2?: number;
  /** Momentum coefficient μ for 'momentum' (v ← μv + g; p ← p − lr·v). Default 0.9. */
  momentum?: number;
  /** Adam: β₁ = 0.9, β₂ = 0.999, ε = 1e-8 by default (Kingma & Ba's values). */
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** One stacked tensor the optimizer updates, and which runs its leading axis covers. */
export interface Trainable {
  variable: tf.Variable;
  /** Weight matrices get L2; biases and activation parameters do not. */
  decay: boolean;
  /** Leading axis = runs [runStart, runStart + runCount) of the stack's active mask. */
  runStart: number;
  runCount: number;
  /** Keep the value in [min, max] after every update (activation parameters' ranges). */
  clamp?: [number, number];
  /**
   * Per-element ranges instead (tensors of the variable's shape): a table of several
   * parameters per run, each column with its own range (−∞, ∞ where there is none).
   */
  clampTable?: { lo: tf.Tensor; hi: tf.Tensor };
}

export interface Optimizer {
  readonly spec: Required<OptimizerSpec>;
  /**
   * One update. grads[i] belongs to trainables[i]; `active` is a bool [R] mask of the runs to
   * update, or null for all (the fast path: masking costs a broadcast select per tensor).
   * Call inside tf.tidy.
   */
  apply(trainables: Trainable[], grads: tf.Tensor[], active: tf.Tensor | null): void;
  /** Number of updates applied so far. */
  readonly steps: number;
  dispose(): void;
}

export function checkOptimizerSpec(spec: OptimizerSpec): Required<OptimizerSpec> {
  if (!(OPTIMIZERS as readonly string[]).includes(spec.name)) {
    throw new Error(`Unknown optimizer "${spec.name}"; choose one of: ${OPTIMIZERS.join(', ')}`);
  }
  // Explicit undefined must not override a default.
  const given = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
  const full: Required<OptimizerSpec> = { l2: 0, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, ...given } as Required<OptimizerSpec>;
  if (!(Number.isFinite(full.lr) && full.lr > 0)) throw new Error(`Learning rate must be a positive number, got ${spec.lr}`);
  if (!(Number.isFinite(full.l2) && full.l2 >= 0)) throw new Error(`L2 must be a number ≥ 0, got ${spec.l2}`);
  for (const k of ['momentum', 'beta1', 'beta2'] as const) {
    if (!(full[k] >= 0 && full[k] < 1)) throw new Error(`${k} must lie in [0, 1), got ${full[k]}`);
  }
  if (!(full.eps > 0)) throw new Error(`eps must be > 0, got ${full.eps}`);
  return full;
}

/** The active mask for a trainable, shaped [runCount, 1, …, 1] to broadcast against it. */
function maskFor(t: Trainable, active: tf.Tensor | null): tf.Tensor | null {
  if (!active) return null;
  const slice = t.runCount === active.shape[0] ? active : tf.slice(active, [t.runStart], [t.runCount]);
  const shape = [t.runCount, ...t.variable.shape.slice(1).map(() => 1)];
  return tf.reshape(slice, shape);
}

function decayed(t: Trainable, g: tf.Tensor, l2: number): tf.Tensor {
  return t.decay && l2 > 0 ? tf.add(g, tf.mul(t.variable, l2)) : g;
}

/** Writes `next` into `target` for the masked-in runs (all runs when mask is null). */
function masked(target: tf.Variable, next: tf.Tensor, mask: tf.Tensor | null): void {
  target.assign(mask ? tf.where(mask, next, target) : next);
}

function clamped(t: Trainable, next: tf.Tensor): tf.Tensor {
  if (t.clamp) return tf.clipByValue(next, t.clamp[0], t.clamp[1]);
  // tf.clipByValue's rule with per-element bounds: a NaN stays NaN.
  if (t.clampTable) return tf.where(tf.isNaN(next), next, tf.minimum(tf.maximum(next, t.clampTable.lo), t.clampTable.hi));
  return next;
}

function commit(t: Trainable, next: tf.Tensor, mask: tf.Tensor | null): void {
  masked(t.variable, clamped(t, next), mask);
}

/** Per-variable state tensors (velocity, moments), created lazily as zeros. */
class StateStore {
  private readonly slots = new Map<string, tf.Variable>();
  /** `stacked` > 1: that many state tensors in one, [stacked, …variable's shape]. */
  get(t: Trainable, slot: string, stacked = 1): tf.Variable {
    const key = `${t.variable.name}:${slot}`;
    let v = this.slots.get(key);
    if (!v) {
      v = tf.variable(stacked > 1 ? tf.zeros([stacked, ...t.variable.shape]) : tf.zerosLike(t.variable), false);
      this.slots.set(key, v);
    }
    return v;
  }
  dispose(): void {
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
  }
}

export interface OptimizerOptions {
  /**
   * On tf.js's 'cpu' backend, update each variable in one loop (src/core/cpu/optimizerKernels.ts,
   * bit-identical to the tf.js ops) instead of ~10 ops. Default true; false forces the ops.
   */
  cpuKernels?: boolean;
  /**
   * On tf.js's 'webgpu' backend, update each variable with generated WGSL programs
   * (src/core/gpu/optimizerPrograms.ts: 1 dispatch for SGD, 2 for momentum and Adam) instead
   * of ~10 ops. Default true (when setGpuEngineKernelsEnabled has not turned them off).
   */
  gpuKernels?: boolean;
}

export function createOptimizer(input: OptimizerSpec, options: OptimizerOptions = {}): Optimizer {
  const spec = checkOptimizerSpec(input);
  const state = new StateStore();
  let steps = 0;

  /** The same update as below, as loops over the arrays (CPU backend). */
  const applyOnArrays = (trainables: Trainable[], grads: tf.Tensor[], active: tf.Tensor | null, bc1: number, bc2: number): void => {
    const mask = active ? active.dataSync() : null;
    trainables.forEach((t, i) => {
      const inp: UpdateInput = {
        w: t.variable.dataSync() as Float32Array,
        g: grads[i].dataSync() as Float32Array,
        runs: t.runCount,
        active: mask ? mask.subarray(t.runStart, t.runStart + t.runCount) : null,
        l2: t.decay ? spec.l2 : 0,
        clamp: t.clamp,
      };
      const slots = spec.name === 'sgd' ? [] : spec.name === 'momentum' ? ['v'] : ['m', 'v'];
      const vars = slots.map((n) => state.get(t, n));
      const arrays = vars.map((v) => v.dataSync() as Float32Array);
      const out = spec.name === 'sgd'
        ? sgdUpdate(inp, spec.lr)
        : spec.name === 'momentum'
          ? momentumUpdate(inp, arrays[0], spec.lr, spec.momentum)
          : adamUpdate(inp, arrays[0], arrays[1], { lr: spec.lr, beta1: spec.beta1, beta2: spec.beta2, eps: spec.eps, bc1, bc2 });
      t.variable.assign(tf.tensor(out.w, t.variable.shape));
      vars.forEach((v, k) => v.assign(tf.tensor(out.state[k], v.shape)));
    });
  };

  /** The same update as below, as generated WGSL programs (WebGPU backend). */
  const applyOnGpu = (trainables: Trainable[], grads: tf.Tensor[], active: tf.Tensor | null, bc1: number, bc2: number): void => {
    trainables.forEach((t, i) => {
      // Adam's m and v are one [2, …] state tensor here (the ops path keeps them apart).
      const slot = spec.name === 'sgd' ? null : spec.name === 'momentum' ? state.get(t, 'v') : state.get(t, 'mv', 2);
      const out = gpuUpdate(
        { w: t.variable, g: grads[i], state: slot, active, runStart: t.runStart, runCount: t.runCount, clamp: t.clamp ?? t.clampTable },
        { ...spec, l2: t.decay ? spec.l2 : 0, bc1, bc2 },
      );
      t.variable.assign(out.w);
      if (slot && out.state) slot.assign(out.state);
    });
  };

  const apply = (trainables: Trainable[], grads: tf.Tensor[], active: tf.Tensor | null): void => {
    steps++;
    // Bias corrections are the same for every run: runs of a stack step together.
    const bc1 = 1 - Math.pow(spec.beta1, steps);
    const bc2 = 1 - Math.pow(spec.beta2, steps);
    if (options.cpuKernels !== false && cpuKernelsActive()) {
      applyOnArrays(trainables, grads, active, bc1, bc2);
      return;
    }
    if (options.gpuKernels !== false && gpuEngineKernelsActive()) {
      applyOnGpu(trainables, grads, active, bc1, bc2);
      return;
    }
    trainables.forEach((t, i) => {
      const mask = maskFor(t, active);
      const g = decayed(t, grads[i], spec.l2);
      if (spec.name === 'sgd') {
        commit(t, tf.sub(t.variable, tf.mul(g, spec.lr)), mask);
      } else if (spec.name === 'momentum') {
        const v = state.get(t, 'v');
        const vNext = tf.add(tf.mul(v, spec.momentum), g);
        masked(v, vNext, mask);
        commit(t, tf.sub(t.variable, tf.mul(vNext, spec.lr)), mask);
      } else {
        const m = state.get(t, 'm');
        const v = state.get(t, 'v');
        const mNext = tf.add(tf.mul(m, spec.beta1), tf.mul(g, 1 - spec.beta1));
        const vNext = tf.add(tf.mul(v, spec.beta2), tf.mul(tf.square(g), 1 - spec.beta2));
        masked(m, mNext, mask);
        masked(v, vNext, mask);
        const mHat = tf.div(mNext, bc1);
        const vHat = tf.div(vNext, bc2);
        const delta = tf.div(tf.mul(mHat, spec.lr), tf.add(tf.sqrt(vHat), spec.eps));
        commit(t, tf.sub(t.variable, delta), mask);
      }
    });
  };

  return {
    spec,
    apply,
    get steps() {
      return steps;
    },
    dispose: () => state.dispose(),
  };
}
