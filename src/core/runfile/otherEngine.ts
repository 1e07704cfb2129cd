/**
 * The sensitivity's second engine (RunSensitivity.engines): the run retrained unnudged on tf.js
 * wasm (float32 XNNPACK ops) when it was recorded on the cpu backend's kernels, on cpu otherwise.
 * Switches the global tf.js backend for the retrain and restores it after: callers run it when
 * nothing else trains in this thread (the CLI, tests). Null where the second engine cannot start.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActivationResolver } from '../train/activationSpec';
import { selectBackend } from '../train/backend';
import type { OtherEngine } from './measureSensitivity';
import { retrainRun } from './retrain';

export function otherEngine(resolveActivation: ActivationResolver): OtherEngine {
  return async (file) => {
    const current = tf.getBackend();
    const other = current === 'cpu' ? 'wasm' : 'cpu';
    try {
      if ((await selectBackend(other)).backend !== other) return null;
      const r = await retrainRun(file, { resolveActivation });
      return { history: r.history, backend: other };
    } catch {
      return null;
    } finally {
      await tf.setBackend(current);
    }
  };
}
