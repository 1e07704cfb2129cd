/**
 * The step kernels as composed tf.js ops: the plain reference the engines' own kernels are
 * tested against, and what runs on every backend without them (cpu, wasm, webgl; WebGPU with its
 * kernels turned off). tf.variableGrads of the summed per-run mean losses, then tf.isFinite and
 * tf.where for the flags.
 */
import * as tf from '@tensorflow/tfjs';
import type { StepKernels } from '../kernels/stepKernels';
import { perSampleLoss } from './loss';
import { repeatForRuns } from './model';

export interface ComposedOptions {
  /**
   * Repeat targets shared by every run to [R, …] before the loss (tf.js's CPU backend broadcasts
   * a size-1 axis slowly; see model.ts broadcastIsSlow).
   */
  repeatTargets: boolean;
}

export function composedStepKernels(options: ComposedOptions): StepKernels {
  return {
    engine: 'composed',
    gatherBatch(data, order, from, count, runs) {
      if (!order) {
        const y = tf.expandDims(data.y, 0);
        return { runs, x: tf.expandDims(data.x, 0), targets: options.repeatTargets ? repeatForRuns(y, runs) : y };
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
    dispose() {},
  };
}
