/**
 * Broadcasts written as batched matMuls with ones, for backends whose StackLayout says so
 * (tf.js's CPU backend runs a binary op whose operand shapes differ in a size-1 axis through
 * per-element index arithmetic, ~20× slower than a same-shape op). Exact: each output is
 * 0 + x·1, the same value except that −0 becomes +0, which no loss or kinked op tells apart; as
 * fast as a copy, and its gradient is one more matMul, not a slow reduction.
 */
import * as tf from '@tensorflow/tfjs';

/** [R, 1, n] → [R, rows, n], as ones[1, rows, 1] · t. */
export function repeatRows(t: tf.Tensor, rows: number): tf.Tensor {
  return tf.matMul(tf.ones([1, rows, 1]), t);
}

/** A [count, 1, …, 1] tensor at the full `shape` [count, …]. */
export function repeatPerRun(t: tf.Tensor, shape: number[]): tf.Tensor {
  const per = shape.slice(1).reduce((n, d) => n * d, 1);
  return tf.reshape(tf.matMul(tf.reshape(t, [t.shape[0], 1, 1]), tf.ones([1, 1, per])), shape);
}

/** A [1, …] tensor repeated for R runs, [R, …] (targets shared by every run against per-run outputs). */
export function repeatForRuns(t: tf.Tensor, runs: number): tf.Tensor {
  if (t.shape[0] === runs) return t;
  return tf.reshape(tf.matMul(tf.ones([runs, 1, 1]), tf.reshape(t, [1, 1, t.size])), [runs, ...t.shape.slice(1)]);
}
