/**
 * Measures a run's sensitivity by retraining it (see ./sensitivity.ts for what is compared). Apart
 * from the pure comparison so that the pages, which only show verdicts, do not bundle tf.js.
 */
import type { ActivationResolver } from '../train/activationSpec';
import { retrainRun } from './retrain';
import type { RunFile } from './schema';
import { nudgedState, sensitivityOf, type RunSensitivity } from './sensitivity';

/**
 * Retrains the run from its one-ulp-nudged start on the current backend (one extra training of
 * the run's small network) and measures how far it moves from the recorded history.
 */
export async function measureSensitivity(file: RunFile, opts: { resolveActivation: ActivationResolver }): Promise<RunSensitivity> {
  const nudged: RunFile = { ...file, initial: nudgedState(file.initial) };
  const result = await retrainRun(nudged, { resolveActivation: opts.resolveActivation });
  const fresh = result.history.map((h) => ({ epoch: h.epoch, trainLoss: h.trainLoss, testLoss: h.testLoss, trainAcc: h.trainAcc, testAcc: h.testAcc }));
  return sensitivityOf(file.history, fresh, result.backend);
}
