/**
 * What the rest of the app consumes: an activation compiled from its registry entry (or from a
 * typed formula). Produced by `compileActivation` in ./compile.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Node } from '../expr/ast';
import type { ActivationEntry, ParamSpec } from '../registry/types';

/** float64 scalar functions at fixed parameter values. */
export interface ScalarActivation {
  f(x: number): number;
  /** f′ of the forward function (left-hand rule at kinks). */
  df(x: number): number;
  d2f(x: number): number;
  /** Backward-rule modifiers only: the surrogate used in place of f′ in training. */
  surrogate?: (x: number) => number;
  /** ∂f/∂p for every parameter p. */
  dparam: Record<string, (x: number) => number>;
  /**
   * Tier C only: the two-variable block o(a, u) and its partial derivatives. (For Tier C the
   * one-variable f, df, d2f above are the gate g(a) = o(a, u = 1) and its a-derivatives.)
   */
  gated?: GatedScalar;
}

export interface GatedScalar {
  o(a: number, u: number): number;
  dOda(a: number, u: number): number;
  dOdu(a: number, u: number): number;
  dparam: Record<string, (a: number, u: number) => number>;
}

export interface CompiledActivation {
  entry: ActivationEntry;
  options: Record<string, string>;
  params: ParamSpec[];
  /** ['x'] for pointwise entries, ['a', 'u'] for gated (Tier C) blocks. */
  vars: string[];
  ast: {
    f: Node;
    df: Node;
    d2f: Node;
    surrogate?: Node;
    /** ∂f/∂p per parameter. Omitted only for fixed ('no') parameters that cannot be differentiated (Mittag-Leffler α, β). */
    dparams: Record<string, Node>;
    /** Tier C: ∂o/∂a and ∂o/∂u (df is ∂o/∂a, d2f is ∂²o/∂a²). */
    dvars?: Record<string, Node>;
  };
  tex: { f: string; df: string; d2f: string; surrogate?: string };
  /** Parameter values default to the entry's defaults. Cheap: reuses compiled closures. */
  scalar(params?: Record<string, number>): ScalarActivation;
}

/**
 * A tf.js op built from a CompiledActivation with tf.customGrad: the backward pass uses the
 * compiled f′ (or the surrogate for modifiers) and ∂f/∂p, never tf's autodiff of the forward ops,
 * so the plotted derivative and the training gradient are the same function.
 */
export interface TfActivation {
  /**
   * x: any shape. params: one tensor per parameter name, broadcastable against x (a scalar, or
   * e.g. [R, 1, 1] when R stacked runs each have their own value). Gradients flow to x and to
   * every param tensor, summed down to that tensor's shape.
   */
  apply(x: tf.Tensor, params: Record<string, tf.Tensor>): tf.Tensor;
  /** Tier C only: o(a, u) with gradients to a, u and the params. */
  applyGated?(a: tf.Tensor, u: tf.Tensor, params: Record<string, tf.Tensor>): tf.Tensor;
  /**
   * True when, on the current backend, parameters of shape [R, 1, …, 1] against x [R, …] are
   * read per run directly (the CPU kernels), so the engine need not repeat them to x's shape.
   */
  readsPerRunParams?(): boolean;
}
