/**
 * Measures a run's sensitivity by retraining it (see ./sensitivity.ts for what is compared). Apart
 * from the pure comparison so that the pages, which only show verdicts, do not bundle tf.js.
 */
import type { ActivationResolver } from '../train/activationSpec';
import { retrainRun } from './retrain';
import type { RunFile, RunFileEpoch } from './schema';
import { engineSpreadOf, nudgedState, sensitivityOf, withEngineSpread, type RunSensitivity } from './sensitivity';

/** Retrains a run unnudged on a second engine; null where none is available. */
export type OtherEngine = (file: RunFile) => Promise<{ history: RunFileEpoch[]; backend: string } | null>;

const curve = (h: RunFileEpoch[]): RunFileEpoch[] => h.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, testLoss: e.testLoss, trainAcc: e.trainAcc, testAcc: e.testAcc }));

/**
 * Retrains the run from its one-ulp-nudged start on the current backend (one extra training of
 * the run's small network) and measures how far it moves from the recorded history; with
 * `otherEngine`, also retrains it on a second engine (see RunSensitivity.engines).
 */
export async function measureSensitivity(file: RunFile, opts: { resolveActivation: ActivationResolver; otherEngine?: OtherEngine }): Promise<RunSensitivity> {
  const nudged: RunFile = { ...file, initial: nudgedState(file.initial) };
  const result = await retrainRun(nudged, { resolveActivation: opts.resolveActivation });
  const s = sensitivityOf(file.history, curve(result.history), result.backend);
  const other = opts.otherEngine ? await opts.otherEngine(file) : null;
  return other ? withEngineSpread(s, engineSpreadOf(file.history, curve(other.history), other.backend)) : s;
}
