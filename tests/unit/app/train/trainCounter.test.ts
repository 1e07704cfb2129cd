import { describe, expect, it } from 'vitest';
import { counterPosition } from '../../../../src/app/train/trainCounter';

const divergence = (step: number) => ({ epoch: Math.floor((step - 1) / 4) + 1, step, message: 'diverged' });

describe('counterPosition', () => {
  it('shows the engine position while the run is healthy', () => {
    expect(counterPosition(10, 2.5, 4, null)).toEqual({ step: 10, epoch: 2.5 });
  });

  it('after a divergence shows the step where training stopped, not the steps run since', () => {
    // Diverged at step 7 of 4-step epochs; the loop ran on to step 12 (the epoch-3 check).
    expect(counterPosition(12, 3, 4, divergence(7))).toEqual({ step: 7, epoch: 7 / 4 });
    // Speed 100: the turn ran to step 100 before the loop stopped.
    expect(counterPosition(100, 25, 4, divergence(3))).toEqual({ step: 3, epoch: 0.75 });
  });

  it('never shows a step ahead of the engine (a report sent before the divergence)', () => {
    expect(counterPosition(5, 1.25, 4, divergence(7))).toEqual({ step: 5, epoch: 1.25 });
  });
});
