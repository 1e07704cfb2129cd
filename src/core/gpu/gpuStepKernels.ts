/**
 * The step kernels on tf.js's 'webgpu' backend (./trainPrograms.ts): a mini-batch's inputs in
 * one dispatch (the loss reads the targets in place), the per-run mean loss one dispatch each
 * way, the divergence flags one. The gradient is taken of the loss vector with a seed of ones
 * (what tf.sum's gradient gives), which saves the sum and its gradient.
 */
import * as tf from '@tensorflow/tfjs';
import type { StepKernels } from '../kernels/stepKernels';
import { badStepUpdate, gatherRows, meanLossOp, type LossTargets } from './trainPrograms';

export function gpuStepKernels(): StepKernels {
  /** ones [R] per stack size R, the loss vector's seed gradient (made at the first step). */
  const seeds = new Map<number, tf.Tensor>();
  const seedOf = (runs: number): tf.Tensor => {
    let s = seeds.get(runs);
    if (!s) {
      s = tf.keep(tf.ones([runs]));
      seeds.set(runs, s);
    }
    return s;
  };
  return {
    engine: 'webgpu',
    gatherBatch(data, order, from, count, runs) {
      if (!order) return { runs, x: tf.expandDims(data.x, 0), targets: { y: tf.expandDims(data.y, 0) } satisfies LossTargets };
      return { runs, x: gatherRows(data.x, order, from, count), targets: { y: data.y, rows: { order, rowStart: from } } satisfies LossTargets };
    },
    lossAndGradients(task, forward, batch, vars) {
      const targets = batch.targets as LossTargets;
      const { value, grads } = tf.engine().gradients(() => meanLossOp(task, forward(), targets), vars, seedOf(batch.runs), true);
      return { loss: value, grads: vars.map((v, i) => grads[i] ?? tf.zerosLike(v)) };
    },
    flagBadSteps: badStepUpdate,
    dispose() {
      for (const s of seeds.values()) s.dispose();
      seeds.clear();
    },
  };
}
