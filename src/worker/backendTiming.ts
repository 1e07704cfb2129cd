/**
 * How 'auto' measures a backend: a few timed training steps of the page's own network (the same
 * engine, data and batch size it is about to train), after one warm-up step that compiles the
 * kernels or shaders. A read-back ends each timed span, so queued GPU work is counted; the cost
 * of that read-back is measured on its own and subtracted.
 */
import type { BackendName } from '../core/train/choices';
import { createTrainer, type TrainerConfig } from '../core/train/trainer';
import type { TrainSetup } from './protocol';

/** Timed steps per backend (after one warm-up step). */
const TIMED_STEPS = 4;

export function stepTimer(setup: TrainSetup, toConfig: (s: TrainSetup) => TrainerConfig): (backend: BackendName) => Promise<number> {
  return async () => {
    const trainer = createTrainer(toConfig(setup));
    try {
      await trainer.step(1);
      await trainer.predictGrid(new Float32Array(trainer.dataset.dim));
      const t0 = performance.now();
      await trainer.step(TIMED_STEPS);
      await trainer.predictGrid(new Float32Array(trainer.dataset.dim));
      const t1 = performance.now();
      await trainer.predictGrid(new Float32Array(trainer.dataset.dim));
      const t2 = performance.now();
      return Math.max(0, t1 - t0 - (t2 - t1)) / TIMED_STEPS;
    } finally {
      trainer.dispose();
    }
  };
}
