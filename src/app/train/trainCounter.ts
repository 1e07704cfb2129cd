/**
 * What the Trainer's step counter shows. The engine counts every step it runs, including those
 * after a run went bad (the loop stops only at the next check, an epoch end or a loop turn), so
 * once the run has diverged the counter shows the step where training stopped instead.
 */
import type { Divergence } from '../../core/train/trainer';

export interface CounterPosition {
  step: number;
  /** Fractional epoch: steps done / steps per epoch. */
  epoch: number;
}

export function counterPosition(step: number, epoch: number, stepsPerEpoch: number, diverged: Divergence | null): CounterPosition {
  if (!diverged || diverged.step >= step) return { step, epoch };
  return { step: diverged.step, epoch: stepsPerEpoch > 0 ? diverged.step / stepsPerEpoch : epoch };
}
