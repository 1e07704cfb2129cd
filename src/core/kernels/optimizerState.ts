/**
 * An optimizer's state tensors (velocity, moments) per trained variable and slot, created lazily
 * as zeros: what every engine's ParameterUpdate (./stepKernels.ts) keeps between steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { Trainable } from './stepKernels';

export class OptimizerState {
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
