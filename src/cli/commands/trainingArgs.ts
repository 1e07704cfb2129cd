/**
 * Flags shared by `train` and `compare`: dataset, architecture and optimiser. Each value is
 * checked here so a typo fails with one line before any training starts.
 */
import { datasetInfo, datasetNames } from '../../core/data/datasets/index';
import { MAX_HIDDEN_LAYERS } from '../../core/train/architecture';
import { INIT_SCHEMES, schemeTakes, type InitScheme } from '../../core/train/init';
import { OPTIMIZERS, type OptimizerName } from '../../core/train/optimizers';
import type { TrainingConfig } from '../../core/train/trainingConfig';
import { defaultLearningRate } from '../../core/train/choices';
import { parseInteger, parseNumber, stringFlag, UsageError, type FlagSpec, type ParsedArgs } from '../args';

export const TRAINING_FLAGS: Record<string, FlagSpec> = {
  dataset: { type: 'string' },
  points: { type: 'string' },
  noise: { type: 'string' },
  'test-fraction': { type: 'string' },
  'data-seed': { type: 'string' },
  hidden: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  momentum: { type: 'string' },
  'batch-size': { type: 'string' },
  l2: { type: 'string' },
  init: { type: 'string' },
  'sigma-w': { type: 'string' },
  'sigma-b': { type: 'string' },
  'siren-omega0': { type: 'string' },
  backend: { type: 'string' },
  json: { type: 'bool' },
};

export const TRAINING_USAGE =
  '[--dataset spiral] [--points 400] [--noise 0.05] [--test-fraction 0.2] [--data-seed 1] [--hidden 16,16] [--epochs N] [--lr 0.01 (adam), 0.1 (others)] [--optimizer sgd|momentum|adam] [--momentum 0.9] [--batch-size 32] [--l2 0] [--init he-normal|…|variance-preserving|edge-of-chaos|gaussian] [--sigma-w 1 (gaussian)] [--sigma-b 0 (gaussian, edge-of-chaos)] [--siren-omega0 30 (siren)] [--backend cpu|webgpu|wasm|auto] [--json]';

/** The engine's TrainingConfig (core/train/trainingConfig.ts) as the flags give it; these always set. */
export type TrainingSettings = TrainingConfig & Required<Pick<TrainingConfig, 'epochs' | 'optimizer' | 'l2' | 'init'>>;

function optional<T>(args: ParsedArgs, name: string, parse: (text: string) => T): T | undefined {
  const text = stringFlag(args, name);
  return text === undefined ? undefined : parse(text);
}

export function trainingSettings(args: ParsedArgs, defaults: { epochs: number }): TrainingSettings {
  const name = (stringFlag(args, 'dataset') ?? 'spiral').toLowerCase();
  if (!datasetNames().includes(name)) throw new UsageError(`Unknown dataset "${name}"; choose one of: ${datasetNames().join(', ')}`);
  const hiddenText = stringFlag(args, 'hidden') ?? '16,16';
  const hidden = hiddenText.split(',').map((w, i) => parseInteger(w, `--hidden layer ${i + 1}`, 1, 1024));
  if (hidden.length > MAX_HIDDEN_LAYERS) throw new UsageError(`--hidden allows at most ${MAX_HIDDEN_LAYERS} layers, got ${hidden.length}`);
  const optimizer = (stringFlag(args, 'optimizer') ?? 'adam') as OptimizerName;
  if (!OPTIMIZERS.includes(optimizer)) throw new UsageError(`--optimizer must be one of ${OPTIMIZERS.join(', ')}, got "${optimizer}"`);
  const init = (stringFlag(args, 'init') ?? 'he-normal') as InitScheme;
  if (!INIT_SCHEMES.includes(init)) throw new UsageError(`--init must be one of ${INIT_SCHEMES.join(', ')}, got "${init}"`);
  const takes = schemeTakes(init);
  const sigma = (flag: 'sigma-w' | 'sigma-b', allowed: boolean, positive: boolean): number | undefined => {
    const v = optional(args, flag, (t) => parseNumber(t, `--${flag}`));
    if (v === undefined) return undefined;
    if (!allowed) throw new UsageError(`--${flag} applies to --init ${flag === 'sigma-w' ? 'gaussian' : 'gaussian or edge-of-chaos'}, not ${init}`);
    if (!(positive ? v > 0 : v >= 0) || v > 100) throw new UsageError(`--${flag} must be ${positive ? 'above 0' : '≥ 0'} and at most 100, got ${v}`);
    return v;
  };
  const initSigmaW = sigma('sigma-w', takes.sigmaW, true);
  const initSigmaB = sigma('sigma-b', takes.sigmaB, false);
  const omega0 = optional(args, 'siren-omega0', (t) => parseNumber(t, '--siren-omega0'));
  if (omega0 !== undefined && init !== 'siren') throw new UsageError(`--siren-omega0 applies to --init siren, not ${init}`);
  if (omega0 !== undefined && !(omega0 > 0 && omega0 <= 1000)) throw new UsageError(`--siren-omega0 must be above 0 and at most 1000, got ${omega0}`);
  const lr = optional(args, 'lr', (t) => parseNumber(t, '--lr')) ?? defaultLearningRate(optimizer);
  if (!(lr > 0)) throw new UsageError(`--lr must be positive, got ${lr}`);
  const testFraction = optional(args, 'test-fraction', (t) => parseNumber(t, '--test-fraction')) ?? 0.2;
  if (testFraction < 0 || testFraction > 0.9) throw new UsageError(`--test-fraction must lie in [0, 0.9], got ${testFraction}`);
  const noise = optional(args, 'noise', (t) => parseNumber(t, '--noise')) ?? 0.05;
  if (noise < 0) throw new UsageError(`--noise must be ≥ 0, got ${noise}`);
  const l2 = optional(args, 'l2', (t) => parseNumber(t, '--l2')) ?? 0;
  if (l2 < 0) throw new UsageError(`--l2 must be ≥ 0, got ${l2}`);
  return {
    dataset: {
      name,
      n: optional(args, 'points', (t) => parseInteger(t, '--points', 4, 100_000)) ?? datasetInfo(name).defaultPoints ?? 400,
      noise,
      testFraction,
      seed: optional(args, 'data-seed', (t) => parseInteger(t, '--data-seed', 0, 2 ** 31 - 1)) ?? 1,
    },
    hidden,
    epochs: optional(args, 'epochs', (t) => parseInteger(t, '--epochs', 1, 100_000)) ?? defaults.epochs,
    lr,
    optimizer,
    momentum: optional(args, 'momentum', (t) => parseNumber(t, '--momentum')),
    // Mini-batches of 32 learn the toy sets in far fewer epochs than full batch.
    batchSize: optional(args, 'batch-size', (t) => parseInteger(t, '--batch-size', 1, 1_000_000)) ?? 32,
    l2,
    init,
    ...(takes.sigmaW ? { initSigmaW: initSigmaW ?? 1 } : {}),
    ...(takes.sigmaB ? { initSigmaB: initSigmaB ?? 0 } : {}),
    ...(omega0 !== undefined ? { sirenOmega0: omega0 } : {}),
  };
}
