/**
 * What a run's loss curve says about it, for a person: healthy, diverged, unstable or not
 * learning, with the likely cause (the learning rate) in words. Pure; the Train page shows it
 * while training, and any page holding a run's history can.
 *
 * "diverged" is the engine's own verdict (core/train/trainer.ts: a non-finite loss or parameter),
 * the one Compare's "diverged" column counts (./summary.ts). It is passed in, never re-derived.
 * A learning rate far too high often stays finite (Adam's step is bounded by lr): the loss then
 * jumps far above its starting value, or wanders without falling. Those two get their own names:
 *   unstable     a training loss above UNSTABLE_FACTOR × the loss before training
 *   not learning after STALL_EPOCHS epochs the training loss is still ≥ STALL_RATIO × the start
 * The thresholds sit well outside healthy runs at the defaults (worst jump 2.3× the start over
 * 5 seeds at the old Adam lr 0.03; 20 epochs in, healthy runs are at ≤ 0.93× the start).
 */
import { defaultLearningRate, type OptimizerName } from '../train/choices';
import type { Divergence } from '../train/trainer';

export const UNSTABLE_FACTOR = 3;
export const STALL_EPOCHS = 20;
const STALL_RATIO = 0.98;

/** One point of a loss curve: `epoch` may be fractional (the Train page's live points). */
export interface LossPoint {
  epoch: number;
  trainLoss: number;
}

export type RunHealth =
  | { kind: 'healthy' }
  | { kind: 'diverged'; divergence: Divergence }
  | { kind: 'unstable'; epoch: number; loss: number; start: number }
  | { kind: 'not-learning'; epoch: number; loss: number; start: number };

/** `history` starts with the point before training (epoch 0); without it nothing is judged. */
export function runHealth(history: readonly LossPoint[], diverged: Divergence | null): RunHealth {
  if (diverged) return { kind: 'diverged', divergence: diverged };
  const first = history[0];
  if (!first || first.epoch !== 0 || !(first.trainLoss > 0) || !Number.isFinite(first.trainLoss)) return { kind: 'healthy' };
  const start = first.trainLoss;
  let worst: LossPoint | null = null;
  for (const p of history.slice(1)) if (p.trainLoss > UNSTABLE_FACTOR * start && (!worst || p.trainLoss > worst.trainLoss)) worst = p;
  if (worst) return { kind: 'unstable', epoch: worst.epoch, loss: worst.trainLoss, start };
  const last = history[history.length - 1];
  if (last.epoch >= STALL_EPOCHS && last.trainLoss >= STALL_RATIO * start) return { kind: 'not-learning', epoch: last.epoch, loss: last.trainLoss, start };
  return { kind: 'healthy' };
}

/** 3 significant digits. */
function num(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/**
 * The likely cause and what to try, as a sentence. Relative to the optimizer's default rate:
 * 10× above it or more is "too high", 100× below or more "too low", between them either.
 */
export function learningRateAdvice(health: RunHealth, optimizer: OptimizerName, lr: number): string {
  const usual = defaultLearningRate(optimizer);
  const high = `The likely cause is the learning rate: ${num(lr)} is too high for ${optimizer} here (its default is ${num(usual)}); try ${num(lr / 10)}.`;
  switch (health.kind) {
    case 'healthy':
      return '';
    case 'diverged':
      return high;
    case 'unstable':
      return lr > usual / 3 ? high : `The learning rate (${num(lr)}) is not high for ${optimizer}; lower it anyway, or check the data and the activation's parameters.`;
    case 'not-learning':
      if (lr >= 10 * usual) return `${high} Steps that large can also push every unit where its output no longer changes.`;
      if (lr <= usual / 100) return `The likely cause is the learning rate: ${num(lr)} is too low for ${optimizer} (its default is ${num(usual)}), so the weights barely move; try ${num(lr * 10)}.`;
      return `The likely cause is the learning rate (${num(lr)}; ${optimizer}'s default is ${num(usual)}): too high if the loss jumps around, too low if it barely moves.`;
  }
}

/** What happened, as a sentence (the notice's first line). */
export function healthSummary(health: RunHealth): string {
  switch (health.kind) {
    case 'healthy':
      return '';
    case 'diverged':
      return `Training stopped at step ${health.divergence.step}: the loss became NaN or infinite (diverged).`;
    case 'unstable':
      return `The training loss jumped to ${num(health.loss)} at epoch ${num(health.epoch)}, ${num(health.loss / health.start)}× its value before training (${num(health.start)}): the network is unstable.`;
    case 'not-learning':
      return `After ${Math.floor(health.epoch)} epochs the training loss (${num(health.loss)}) is no lower than before training (${num(health.start)}): the network is not learning.`;
  }
}
