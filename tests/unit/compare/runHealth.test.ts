import { describe, expect, it } from 'vitest';
import { healthSummary, learningRateAdvice, runHealth, STALL_EPOCHS, UNSTABLE_FACTOR } from '../../../src/core/compare/runHealth';

const curve = (losses: number[]) => losses.map((trainLoss, epoch) => ({ epoch, trainLoss }));

describe('runHealth', () => {
  it('passes the engine divergence through unchanged (the rule of Compare\'s "diverged" column)', () => {
    const divergence = { epoch: 3, step: 25, message: 'x' };
    const h = runHealth(curve([0.7, 0.6]), divergence);
    expect(h).toEqual({ kind: 'diverged', divergence });
    expect(healthSummary(h)).toContain('step 25');
    expect(learningRateAdvice(h, 'adam', 50)).toContain('too high');
  });

  it('a falling curve, and the default-lr curve with a 2.3× jump, are healthy', () => {
    expect(runHealth(curve([0.7, 0.6, 0.5, 0.3]), null)).toEqual({ kind: 'healthy' });
    expect(runHealth(curve([0.7, 0.5, 0.7 * 2.3, 0.2]), null)).toEqual({ kind: 'healthy' });
    expect(runHealth([], null)).toEqual({ kind: 'healthy' });
    // Without the point before training nothing is judged.
    expect(runHealth([{ epoch: 1, trainLoss: 100 }], null)).toEqual({ kind: 'healthy' });
  });

  it(`a loss above ${UNSTABLE_FACTOR}× the start is unstable, reported at its worst point`, () => {
    const h = runHealth(curve([0.7, 147, 0.85, 187, 0.8]), null);
    expect(h).toEqual({ kind: 'unstable', epoch: 3, loss: 187, start: 0.7 });
    expect(healthSummary(h)).toBe('The training loss jumped to 187 at epoch 3, 267× its value before training (0.7): the network is unstable.');
    expect(learningRateAdvice(h, 'adam', 50)).toBe('The likely cause is the learning rate: 50 is too high for adam here (its default is 0.01); try 5.');
  });

  it(`no lower than the start after ${STALL_EPOCHS} epochs is not learning; the advice follows the rate`, () => {
    const flat = curve(Array.from({ length: STALL_EPOCHS + 1 }, () => 0.7));
    const h = runHealth(flat, null);
    expect(h).toEqual({ kind: 'not-learning', epoch: STALL_EPOCHS, loss: 0.7, start: 0.7 });
    expect(runHealth(flat.slice(0, STALL_EPOCHS), null)).toEqual({ kind: 'healthy' });
    expect(learningRateAdvice(h, 'sgd', 100)).toMatch(/100 is too high for sgd.*default is 0\.1.*try 10\./);
    expect(learningRateAdvice(h, 'adam', 1e-5)).toMatch(/0\.00001 is too low for adam.*try 0\.0001\./);
    expect(learningRateAdvice(h, 'adam', 0.01)).toContain('too high if the loss jumps around, too low if it barely moves');
  });
});
