/**
 * The gallery of paper claims: each preset states one claim in a sentence, names its paper
 * (from the registry's sources), and fixes the task, activations and settings of a seeded
 * multi-seed comparison small enough to run in seconds on the CPU backend. `rule` says how the
 * result decides the claim's direction (./claim.ts). Sizes were chosen by running them:
 * tests/unit/compare/presets.test.ts runs every preset and checks its rule over 3 seeds.
 */
import { getEntry } from '../registry/index';
import type { Source } from '../registry/types';
import type { ActivationSpec } from '../train/activationSpec';
import type { ClaimRule } from './claim';
import type { ComparisonConfig } from './runComparison';

export interface ClaimPreset {
  id: string;
  title: string;
  /** The claim, in one sentence, as this preset tests it. */
  claim: string;
  /** Registry id whose first source is the paper. */
  paperOf: string;
  /** What the numbers mean, and what a reader should look at. */
  note: string;
  config: ComparisonConfig;
  rule: ClaimRule;
  /**
   * Regression claims: the test loss that "epochs to target" counts down to, between the
   * subject's level and the others' (classification claims count to test accuracy 0.95).
   */
  targetLoss?: number;
}

const deep = (layers: number, width: number): number[] => Array.from({ length: layers }, () => width);

const ACT = {
  snake: { id: 'snake', params: { a: 5 } },
  relu: { id: 'relu' },
  tanh: { id: 'tanh' },
  sigmoid: { id: 'sigmoid' },
  siren: { id: 'sine', params: { omega0: 30 } },
  selu: { id: 'selu' },
  leaky: { id: 'leaky-relu', params: { a: 0.1 } },
  golu: { id: 'golu' },
  gelu: { id: 'gelu' },
  swish: { id: 'swish' },
  xatlu: { id: 'xatlu' },
} satisfies Record<string, ActivationSpec>;

export const CLAIM_PRESETS: readonly ClaimPreset[] = [
  {
    id: 'snake-periodic',
    title: 'Snake extrapolates a periodic signal',
    claim: "Outside the training window, Snake's test error is below half of ReLU's and below tanh's.",
    paperOf: 'snake',
    note: 'Trained on [−1, 1] only, tested on [−3, −1) ∪ (1, 3]: ReLU continues linearly and tanh flattens, Snake keeps oscillating.',
    config: {
      activations: [ACT.snake, ACT.relu, ACT.tanh],
      seeds: 3,
      dataset: { name: 'periodic', n: 200, noise: 0, testFraction: 0.5, seed: 1 },
      hidden: [16, 16],
      epochs: 150,
      optimizer: 'adam',
      lr: 0.02,
    },
    rule: { metric: 'testLoss', subject: 0, against: [1, 2], kind: 'below-fraction', amount: 0.5 },
    targetLoss: 0.5,
  },
  {
    id: 'siren-high-frequency',
    title: 'Sine (SIREN init) fits high frequencies',
    claim: "On a sum of sines up to 12 cycles per unit, a SIREN's test MSE is below a tenth of ReLU's.",
    paperOf: 'sine',
    note: "Both nets start from SIREN's init (ReLU with He init ends at the same error); ReLU fits the 1-cycle part and misses the 12-cycle part (see the error spectrum in Train).",
    config: {
      activations: [ACT.siren, ACT.relu],
      seeds: 3,
      dataset: { name: 'multifreq', n: 300, noise: 0, testFraction: 0.2, seed: 1 },
      hidden: [32, 32],
      epochs: 100,
      optimizer: 'adam',
      lr: 0.003,
      init: 'siren',
    },
    rule: { metric: 'testLoss', subject: 0, against: [1], kind: 'below-fraction', amount: 0.1 },
    targetLoss: 0.01,
  },
  {
    id: 'selu-depth-32',
    title: 'SELU trains a 32-layer net',
    claim: "With 32 hidden layers of 16 units and LeCun init, SELU's test accuracy beats tanh's and sigmoid's by at least 0.1.",
    paperOf: 'selu',
    note: 'Self-normalising activations keep unit-variance signals through depth; sigmoid (not zero-centred) stalls at chance and tanh learns slowly. Same LeCun-normal init for all three.',
    config: {
      activations: [ACT.selu, ACT.tanh, ACT.sigmoid],
      seeds: 3,
      dataset: { name: 'circle', n: 200, noise: 0.05, testFraction: 0.2, seed: 1 },
      hidden: deep(32, 16),
      epochs: 12,
      optimizer: 'adam',
      lr: 0.003,
      batchSize: 32,
      init: 'lecun-normal',
    },
    rule: { metric: 'testAcc', subject: 0, against: [1, 2], kind: 'above-by', amount: 0.1 },
  },
  {
    id: 'dead-relu-high-lr',
    title: 'Dead ReLUs at a high learning rate',
    claim: "With plain SGD at learning rate 3, ReLU units die (zero output on every training point) and ReLU's test accuracy ends at least 0.2 below Leaky ReLU's.",
    paperOf: 'leaky-relu',
    note: 'A large step pushes a ReLU unit\'s pre-activation below zero for every input; its gradient is then zero and it never recovers. A leaky slope of 0.1 keeps a gradient. A Leaky run that diverges is counted, not averaged.',
    config: {
      activations: [ACT.relu, ACT.leaky],
      seeds: 3,
      dataset: { name: 'moons', n: 200, noise: 0.05, testFraction: 0.2, seed: 1 },
      hidden: [8, 8],
      epochs: 20,
      optimizer: 'sgd',
      lr: 3,
      batchSize: 16,
    },
    rule: { metric: 'testAcc', subject: 1, against: [0], kind: 'above-by', amount: 0.2 },
  },
  {
    id: 'golu-digits',
    title: 'GoLU on real digits',
    claim: "On the UCI 8 × 8 digits, GoLU's test accuracy is no more than 0.01 below each of GELU's, Swish's and xATLU's (its paper reports it matching or beating them).",
    paperOf: 'golu',
    note: 'A real 10-class task: all four reach about 0.95 after 4 epochs, so this checks that GoLU is not worse; a win by a clear margin would need a larger task than a browser trains in seconds.',
    config: {
      activations: [ACT.golu, ACT.gelu, ACT.swish, ACT.xatlu],
      seeds: 3,
      dataset: { name: 'digits', n: 1000, noise: 0, testFraction: 0.3, seed: 1 },
      hidden: [32],
      epochs: 4,
      optimizer: 'adam',
      lr: 0.01,
      batchSize: 50,
    },
    rule: { metric: 'testAcc', subject: 0, against: [1, 2, 3], kind: 'above-by', amount: -0.01 },
  },
];

/** The preset's paper: the first source of its registry entry. */
export function presetPaper(p: ClaimPreset): Source | null {
  return getEntry(p.paperOf)?.sources[0] ?? null;
}

export function findPreset(id: string): ClaimPreset | undefined {
  return CLAIM_PRESETS.find((p) => p.id === id);
}
