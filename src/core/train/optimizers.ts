/**
 * SGD, momentum and Adam on stacked tensors: the spec, its check, and the step count; the update
 * itself is the engine's (StepKernels.createUpdate: ./composedUpdate.ts is the readable one).
 * Every update is elementwise, so runs stacked on the leading axis stay independent; a per-run
 * `active` mask keeps diverged runs and their optimizer state untouched.
 *
 * L2 is classic coupled weight decay on weights only (not biases, not activation parameters):
 * g ← g + l2·W, i.e. the loss gains (l2/2)·‖W‖². With Adam this is "Adam + L2", not AdamW.
 */
import type * as tf from '@tensorflow/tfjs';
import type { StepKernels, Trainable } from '../kernels/stepKernels';
import { OPTIMIZERS, type OptimizerName } from './choices';
import { chooseStepKernels, type KernelChoice } from './chooseKernels';

export { OPTIMIZERS, type OptimizerName } from './choices';
export type { Trainable } from '../kernels/stepKernels';

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

export interface OptimizerOptions extends KernelChoice {
  /**
   * The engine whose update to use (a trainer passes its own); default: the backend's, chosen
   * by chooseStepKernels with `cpuKernels` / `gpuKernels` overriding the switches (tests
   * compare the engines' updates with the composed ops' this way).
   */
  kernels?: StepKernels;
}

export function createOptimizer(input: OptimizerSpec, options: OptimizerOptions = {}): Optimizer {
  const spec = checkOptimizerSpec(input);
  const own = options.kernels ? null : chooseStepKernels(options);
  const update = (options.kernels ?? (own as StepKernels)).createUpdate(spec);
  let steps = 0;
  return {
    spec,
    apply(trainables, grads, active) {
      steps++;
      // Bias corrections are the same for every run: runs of a stack step together.
      update.apply(trainables, grads, active, 1 - Math.pow(spec.beta1, steps), 1 - Math.pow(spec.beta2, steps));
    },
    get steps() {
      return steps;
    },
    dispose() {
      update.dispose();
      own?.dispose();
    },
  };
}
