/**
 * Hand-built TfActivations for engine tests that must not depend on the registry or the
 * compiler (they test the engine, not the activations): plain tf.js ops with tf's autodiff.
 */
import * as tf from '@tensorflow/tfjs';
import type { TfActivation } from '../../../src/core/activation/types';
import type { ActivationResolver, ResolvedActivation } from '../../../src/core/train/activationSpec';
import type { ParamSpec } from '../../../src/core/registry/types';

function pointwise(id: string, fn: (x: tf.Tensor, p: Record<string, tf.Tensor>) => tf.Tensor, params: ParamSpec[] = []): ResolvedActivation {
  const op: TfActivation = { apply: fn };
  return { id, key: id, label: id, params, gated: false, train: op, eval: op };
}

const FIXTURES: Record<string, () => ResolvedActivation> = {
  relu: () => pointwise('relu', (x) => tf.relu(x)),
  tanh: () => pointwise('tanh', (x) => tf.tanh(x)),
  /** Unbounded and fast-growing: the one that blows up at a large learning rate. */
  exponential: () => pointwise('exponential', (x) => tf.exp(x)),
  /** x·tanh(βx)-style learnable slope: f = x·σ(βx), β trainable. */
  swish: () =>
    pointwise('swish', (x, p) => tf.mul(x, tf.sigmoid(tf.mul(p.beta, x))), [
      { name: 'beta', default: 1, min: 0.1, max: 10, learnable: 'optional' },
    ]),
  glu: () => {
    const op: TfActivation = {
      apply: () => {
        throw new Error('gated');
      },
      applyGated: (a, u) => tf.mul(tf.sigmoid(a), u),
    };
    return { id: 'glu', key: 'glu', label: 'glu', params: [], gated: true, train: op, eval: op };
  },
};

export const fixtureResolver: ActivationResolver = (spec) => {
  const make = FIXTURES[spec.id];
  if (!make) throw new Error(`No fixture for "${spec.id}"`);
  return make();
};
