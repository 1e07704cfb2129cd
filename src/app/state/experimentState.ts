/**
 * The settings the Trainer and Compare pages share (dataset, network, optimiser, backend), as one
 * typed value with one URL form. Pure; each page's own state module adds its fields.
 *
 * Query keys: ds, n, noise, test, dseed, hidden, init, sw, sb, w0 (SIREN ω₀), opt, lr, bs, l2, backend. A bad value is
 * replaced by its default and described in `problems` (the page shows them), never thrown.
 */
import { datasetNames } from '../../core/data/datasets';
import { BACKEND_PREFERENCES, DEFAULT_ADAM_LR, INIT_SCHEMES, OPTIMIZERS, schemeTakes, type BackendPreference } from '../../core/train/choices';
import { MAX_HIDDEN_LAYERS } from '../../core/train/architecture';
import type { TrainingConfig } from '../../core/train/trainingConfig';
import type { TrainSetup } from '../../worker/protocol';
import { formatNumber, parseNumberText } from './queryCodec';

/**
 * The engine's TrainingConfig fields the pages set (core/train/trainingConfig.ts; σ_w/σ_b: see
 * there), always given, with the dataset as its URL parts and the backend preference.
 */
export interface ExperimentState extends Required<Pick<TrainingConfig, 'hidden' | 'init' | 'initSigmaW' | 'initSigmaB' | 'sirenOmega0' | 'optimizer' | 'lr' | 'batchSize' | 'l2'>> {
  dataset: string;
  n: number;
  noise: number;
  testFraction: number;
  dataSeed: number;
  backend: BackendPreference;
}

export const DEFAULT_EXPERIMENT: ExperimentState = {
  dataset: 'spiral',
  n: 400,
  noise: 0.05,
  testFraction: 0.2,
  dataSeed: 1,
  hidden: [16, 16],
  init: 'he-normal',
  initSigmaW: 1,
  initSigmaB: 0,
  // SIREN's first-layer frequency ω₀ (Sitzmann et al. 2020 use 30); used by the 'siren' init only.
  sirenOmega0: 30,
  optimizer: 'adam',
  lr: DEFAULT_ADAM_LR,
  batchSize: 32,
  l2: 0,
  backend: 'auto',
};

/** Bounds the page accepts (the engine checks again; these keep a link from freezing a tab). */
export const LIMITS = {
  n: [10, 20_000],
  noise: [0, 2],
  testFraction: [0, 0.9],
  lr: [1e-6, 100],
  batchSize: [1, 20_000],
  l2: [0, 10],
  layers: [1, MAX_HIDDEN_LAYERS],
  width: [1, 256],
  sigmaW: [0.01, 100],
  sigmaB: [0, 100],
  omega0: [0.1, 1000],
} as const;

/** "16,16" → [16, 16]; a sentence when malformed. */
export function parseHidden(text: string): number[] | string {
  const parts = text.split(',').map((s) => s.trim());
  const [minL, maxL] = LIMITS.layers;
  const [minW, maxW] = LIMITS.width;
  if (parts.length < minL || parts.length > maxL || parts.some((p) => p === '')) {
    return `hidden layers "${text}" must be ${minL} to ${maxL} widths separated by commas, e.g. 16,16`;
  }
  const widths = parts.map((p) => parseNumberText(p));
  if (widths.some((w) => w === undefined || !Number.isInteger(w) || w < minW || w > maxW)) {
    return `hidden layers "${text}": each width must be an integer from ${minW} to ${maxW}`;
  }
  return widths as number[];
}

function numberIn(key: string, value: string, lo: number, hi: number, integer: boolean, problems: string[]): number | undefined {
  const v = parseNumberText(value);
  if (v === undefined) problems.push(`${key} "${value}" is not a number; using the default.`);
  else if (v < lo || v > hi) problems.push(`${key} ${value} is outside [${lo}, ${hi}]; using the default.`);
  else if (integer && !Number.isInteger(v)) problems.push(`${key} ${value} is not a whole number; using the default.`);
  else return v;
  return undefined;
}

function choice<T extends string>(key: string, value: string, choices: readonly T[], problems: string[]): T | undefined {
  if ((choices as readonly string[]).includes(value)) return value as T;
  problems.push(`${key} "${value}" must be one of ${choices.join(', ')}; using the default.`);
  return undefined;
}

type NumberKey = 'n' | 'noise' | 'testFraction' | 'dataSeed' | 'lr' | 'batchSize' | 'l2' | 'initSigmaW' | 'initSigmaB' | 'sirenOmega0';

/** The numeric query keys: field, name in messages, accepted range, whole numbers only. */
const NUMBER_KEYS: Record<string, { field: NumberKey; label: string; range: readonly [number, number]; integer: boolean }> = {
  n: { field: 'n', label: 'points n', range: LIMITS.n, integer: true },
  noise: { field: 'noise', label: 'noise', range: LIMITS.noise, integer: false },
  test: { field: 'testFraction', label: 'test fraction', range: LIMITS.testFraction, integer: false },
  dseed: { field: 'dataSeed', label: 'data seed', range: [0, 2 ** 31 - 1], integer: true },
  lr: { field: 'lr', label: 'learning rate', range: LIMITS.lr, integer: false },
  bs: { field: 'batchSize', label: 'batch size', range: LIMITS.batchSize, integer: true },
  l2: { field: 'l2', label: 'L2', range: LIMITS.l2, integer: false },
  sw: { field: 'initSigmaW', label: 'init σ_w', range: LIMITS.sigmaW, integer: false },
  sb: { field: 'initSigmaB', label: 'init σ_b', range: LIMITS.sigmaB, integer: false },
  w0: { field: 'sirenOmega0', label: 'SIREN ω₀', range: LIMITS.omega0, integer: false },
};

/**
 * Applies one shared key to `state`. Returns false when `key` is not a shared setting (the page
 * module then handles it or reports it as unknown).
 */
export function applyExperimentField(state: ExperimentState, key: string, value: string, problems: string[]): boolean {
  const numeric = Object.hasOwn(NUMBER_KEYS, key) ? NUMBER_KEYS[key] : undefined;
  if (numeric) {
    const v = numberIn(numeric.label, value, numeric.range[0], numeric.range[1], numeric.integer, problems);
    if (v !== undefined) state[numeric.field] = v;
    return true;
  }
  switch (key) {
    case 'ds': {
      const v = choice('dataset', value, datasetNames(), problems);
      if (v) state.dataset = v;
      return true;
    }
    case 'hidden': {
      const v = parseHidden(value);
      if (typeof v === 'string') problems.push(`${v}; using the default.`);
      else state.hidden = v;
      return true;
    }
    case 'init': {
      const v = choice('init', value, INIT_SCHEMES, problems);
      if (v) state.init = v;
      return true;
    }
    case 'opt': {
      const v = choice('optimizer', value, OPTIMIZERS, problems);
      if (v) state.optimizer = v;
      return true;
    }
    case 'backend': {
      const v = choice('backend', value, BACKEND_PREFERENCES, problems);
      if (v) state.backend = v;
      return true;
    }
    default:
      return false;
  }
}

export function formatExperimentQuery(s: ExperimentState): string[] {
  return [
    `ds=${s.dataset}`,
    `n=${s.n}`,
    `noise=${formatNumber(s.noise)}`,
    `test=${formatNumber(s.testFraction)}`,
    `dseed=${s.dataSeed}`,
    `hidden=${s.hidden.join(',')}`,
    `init=${s.init}`,
    ...(schemeTakes(s.init).sigmaW ? [`sw=${formatNumber(s.initSigmaW)}`] : []),
    ...(schemeTakes(s.init).sigmaB ? [`sb=${formatNumber(s.initSigmaB)}`] : []),
    ...(s.init === 'siren' ? [`w0=${formatNumber(s.sirenOmega0)}`] : []),
    `opt=${s.optimizer}`,
    `lr=${formatNumber(s.lr)}`,
    `bs=${s.batchSize}`,
    `l2=${formatNumber(s.l2)}`,
    ...(s.backend !== 'auto' ? [`backend=${s.backend}`] : []),
  ];
}

/** The engine's setup for the shared settings plus the given runs. */
export function experimentSetup(s: ExperimentState, runs: TrainSetup['runs']): TrainSetup {
  return {
    dataset: { name: s.dataset, n: s.n, noise: s.noise, testFraction: s.testFraction, seed: s.dataSeed },
    hidden: s.hidden,
    runs,
    init: s.init,
    ...(schemeTakes(s.init).sigmaW ? { initSigmaW: s.initSigmaW } : {}),
    ...(schemeTakes(s.init).sigmaB ? { initSigmaB: s.initSigmaB } : {}),
    ...(s.init === 'siren' ? { sirenOmega0: s.sirenOmega0 } : {}),
    optimizer: s.optimizer,
    lr: s.lr,
    l2: s.l2,
    batchSize: s.batchSize,
  };
}
