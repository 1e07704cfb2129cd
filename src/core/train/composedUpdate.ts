/**
 * SGD, momentum and Adam as composed tf.js ops: the readable reference the engines' own updates
 * (src/core/cpu/cpuUpdate.ts, src/core/gpu/gpuUpdate.ts) are tested against, bit for bit on
 * the CPU. Every update is elementwise, so runs stacked on the leading axis stay independent; a
 * per-run `active` mask (tf.where, never multiplication, so a NaN in a frozen run cannot leak)
 * keeps diverged runs and their optimizer state untouched.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParameterUpdate, Trainable, UpdateRule } from '../kernels/stepKernels';
import { OptimizerState } from '../kernels/optimizerState';

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

export function composedUpdate(rule: UpdateRule): ParameterUpdate {
  const state = new OptimizerState();
  /** One trainable's update; g already decayed. */
  const step: Record<UpdateRule['name'], (t: Trainable, g: tf.Tensor, mask: tf.Tensor | null, bc1: number, bc2: number) => void> = {
    sgd(t, g, mask) {
      commit(t, tf.sub(t.variable, tf.mul(g, rule.lr)), mask);
    },
    momentum(t, g, mask) {
      const v = state.get(t, 'v');
      const vNext = tf.add(tf.mul(v, rule.momentum), g);
      masked(v, vNext, mask);
      commit(t, tf.sub(t.variable, tf.mul(vNext, rule.lr)), mask);
    },
    adam(t, g, mask, bc1, bc2) {
      const m = state.get(t, 'm');
      const v = state.get(t, 'v');
      const mNext = tf.add(tf.mul(m, rule.beta1), tf.mul(g, 1 - rule.beta1));
      const vNext = tf.add(tf.mul(v, rule.beta2), tf.mul(tf.square(g), 1 - rule.beta2));
      masked(m, mNext, mask);
      masked(v, vNext, mask);
      const mHat = tf.div(mNext, bc1);
      const vHat = tf.div(vNext, bc2);
      const delta = tf.div(tf.mul(mHat, rule.lr), tf.add(tf.sqrt(vHat), rule.eps));
      commit(t, tf.sub(t.variable, delta), mask);
    },
  };
  return {
    apply(trainables, grads, active, bc1, bc2) {
      trainables.forEach((t, i) => step[rule.name](t, decayed(t, grads[i], rule.l2), maskFor(t, active), bc1, bc2));
    },
    dispose: () => state.dispose(),
  };
}
