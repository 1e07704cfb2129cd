/**
 * The step kernels as composed tf.js ops: the plain reference the engines' own kernels are
 * tested against, and what runs on every backend without them (wasm, webgl; cpu and WebGPU with
 * their kernels turned off). tf.variableGrads of the summed per-run mean losses, tf.isFinite and
 * tf.where for the flags, matMul + add for a dense layer, the optimizer as ops (./composedUpdate.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { StackLayout, StepKernels } from '../kernels/stepKernels';
import { composedUpdate } from './composedUpdate';
import { perSampleLoss } from './loss';
import { repeatForRuns, repeatRows } from './repeat';

/** h·W + b with b [R, 1, out], its broadcast as a matMul with ones where the layout says so. */
function composedDense(layout: StackLayout, h: tf.Tensor, W: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const z = tf.matMul(h, W);
  return tf.add(z, layout.repeatBroadcasts ? repeatRows(b, z.shape[1] as number) : b);
}

export function composedStepKernels(layout: StackLayout): StepKernels {
  return {
    engine: 'composed',
    layout,
    gatherBatch(data, order, from, count, runs) {
      if (!order) {
        const y = tf.expandDims(data.y, 0);
        return { runs, x: tf.expandDims(data.x, 0), targets: layout.repeatBroadcasts ? repeatForRuns(y, runs) : y };
      }
      const idx = tf.slice(order, [0, from], [runs, count]);
      return { runs, x: tf.gather(data.x, idx), targets: tf.gather(data.y, idx) };
    },
    lossAndGradients(task, forward, batch, vars) {
      let loss: tf.Tensor | null = null;
      const { grads } = tf.variableGrads(() => {
        loss = tf.keep(tf.mean(perSampleLoss(task, forward(), batch.targets as tf.Tensor), 1));
        // Summing keeps each run's gradient its own: ∂(Σ L_r)/∂θ_r = ∂L_r/∂θ_r.
        return tf.sum(loss) as tf.Scalar;
      }, vars);
      return { loss: loss as unknown as tf.Tensor, grads: vars.map((v) => grads[v.name] ?? tf.zerosLike(v)) };
    },
    flagBadSteps(badStep, loss, step) {
      const bad = tf.logicalAnd(tf.less(badStep, 0), tf.logicalNot(tf.isFinite(loss)));
      return tf.where(bad, tf.fill([badStep.shape[0] as number], step, 'int32'), badStep);
    },
    dense: (h, W, b) => composedDense(layout, h, W, b),
    createUpdate: composedUpdate,
    dispose() {},
  };
}
