/**
 * Per-sample losses and correctness for stacked outputs z [R, B, out] against targets
 * y [R or 1, B, out]. Reductions over samples happen in the caller, so the training step can
 * average a batch and evaluation can sum chunks. Never reduced over runs: each run's loss, and
 * so its gradient, is its own.
 */
import * as tf from '@tensorflow/tfjs';
import type { Task } from '../data/datasets';

/**
 * binary: sigmoid cross-entropy from logits, max(z, 0) − z·y + log(1 + e^(−|z|)), which never
 * overflows; multiclass: −Σ y·logSoftmax(z) with one-hot y; regression: squared error summed
 * over outputs (one output here, so plain MSE after averaging). Returns [R, B].
 */
export function perSampleLoss(task: Task, z: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    if (task === 'binary') {
      const l = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.softplus(tf.neg(tf.abs(z))));
      return tf.sum(l, -1);
    }
    if (task === 'multiclass') return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(z)), -1));
    return tf.sum(tf.square(tf.sub(z, y)), -1);
  });
}

/** 1 where the prediction is right, else 0, as float [R, B]; null for regression. */
export function perSampleCorrect(task: Task, z: tf.Tensor, y: tf.Tensor): tf.Tensor | null {
  if (task === 'regression') return null;
  return tf.tidy(() => {
    if (task === 'binary') {
      return tf.cast(tf.equal(tf.greater(z, 0), tf.greater(y, 0.5)), 'float32').squeeze([2]);
    }
    return tf.cast(tf.equal(tf.argMax(z, -1), tf.argMax(y, -1)), 'float32');
  });
}

/** What a network output means to a user: probabilities for classification, values otherwise. */
export function outputToPrediction(task: Task, z: tf.Tensor): tf.Tensor {
  if (task === 'binary') return tf.sigmoid(z);
  if (task === 'multiclass') return tf.softmax(z);
  return tf.clone(z);
}
