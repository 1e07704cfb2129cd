/**
 * The step kernels on tf.js's 'webgpu' backend (./trainPrograms.ts): a mini-batch's inputs in
 * one dispatch (the loss reads the targets in place), the per-run mean loss one dispatch each
 * way, the divergence flags one, a dense layer one (tf.fused.matMul with the bias; its backward
 * pass sums the bias gradient in one dispatch and skips the gradient to the data), every group of
 * a hidden layer one (./stackActivation.ts over the stack's parameter tables), the optimizer
 * one or two per variable (./gpuUpdate.ts). The gradient is taken of the loss vector with a
 * seed of ones (what tf.sum's gradient gives), which saves the sum and its gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { NATIVE_LAYOUT, type StepKernels } from '../kernels/stepKernels';
import { badStepUpdate, denseOp, gatherRows, meanLossOp, type LossTargets } from './trainPrograms';
import { stackActivation } from './stackActivation';
import { gpuUpdate } from './gpuUpdate';

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
    layout: NATIVE_LAYOUT,
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
    dense(h, W, b, layer) {
      // Past the first layer the gradient to h needs one row of h per run.
      if (layer === 0 || h.shape[0] === W.shape[0]) return denseOp(h, W, b, layer > 0);
      return tf.add(tf.matMul(h, W), b);
    },
    tables: stackActivation,
    createUpdate: gpuUpdate,
    dispose() {
      for (const s of seeds.values()) s.dispose();
      seeds.clear();
    },
  };
}
