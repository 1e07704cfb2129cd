/**
 * How a run names its activation, and what the engine needs once that name is resolved: the
 * tf.js op, and the programs of the engines that can run it their own way. The engine never
 * compiles formulas itself: a resolver (./activationResolver.ts) turns the spec into ops.
 */
import type { TfActivation } from '../activation/types';
import type { CpuTfActivation } from '../cpu/cpuActivation';
import type { GpuTfActivation } from '../gpu/fusedActivation';
import type { CustomActivation } from '../custom/types';
import type { ParamSpec } from '../registry/types';

export interface ActivationSpec {
  /** Registry id or alias, e.g. 'gelu', 'golu', 'swiglu'. */
  id: string;
  /** Parameter values; missing ones take the entry's defaults. */
  params?: Record<string, number>;
  /** Option choices (e.g. a base activation); missing ones take the entry's defaults. */
  options?: Record<string, string>;
  /**
   * Training toggles. A parameter is trained when its spec says learnable 'yes', or 'optional'
   * and the toggle is true here; false turns a 'yes' parameter off.
   */
  learnable?: Record<string, boolean>;
  /**
   * A typed formula to train instead of a registry entry (id is then ignored). A `my.…` id
   * (src/core/custom/encoding.ts) carries the same definition inside the id itself.
   */
  custom?: CustomActivation;
}

/**
 * A resolved op: the tf.js op, and the programs of the engines that can run it their own way
 * (the CPU kernels' programs, the WebGPU kernels' WGSL), when the resolver made them.
 */
export type EngineActivation = TfActivation & Pick<CpuTfActivation, 'cpuPrograms'> & Pick<GpuTfActivation, 'gpuKernels'>;

export interface ResolvedActivation {
  /** Canonical id (aliases resolved). */
  id: string;
  /** Same key ⇔ same compiled op (id + options); runs are grouped by it. */
  key: string;
  label: string;
  params: ParamSpec[];
  /** Tier C: the hidden layer computes o(a, u) from two projections. */
  gated: boolean;
  /** Op used in training steps (modifiers: surrogate backward). */
  train: EngineActivation;
  /** Op used for evaluation and prediction. */
  eval: EngineActivation;
  /**
   * Starting parameter values for a run's seed, for families whose init is random (kaf,
   * fourier-kan, …). Absent: the ParamSpec defaults. Explicit spec.params still win.
   */
  initialParams?: (seed: number) => Record<string, number>;
  /**
   * Stochastic activations (stochastic-silu-relu): in training the op is o(x, m) with a fresh
   * Bernoulli(p) mask m per element and forward pass, drawn by the engine from the run's seeded
   * stream; the same mask serves the backward pass. Evaluation uses `eval`.
   */
  stochastic?: {
    /** o(x, m) as a two-variable op: applyGated(x, m, {}); gradients to x only are used. */
    train: EngineActivation;
    /** Parameter holding P(m = 1). */
    probabilityParam: string;
  };
}

export type ActivationResolver = (spec: ActivationSpec) => ResolvedActivation;
