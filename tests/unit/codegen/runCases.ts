/**
 * Test support: a dozen small runs of different kinds (issue 15 evidence), each cheap enough to
 * train twice (the run and its 1-ulp-nudged sensitivity retrain) on a small shared machine.
 */
import type { RunSetup } from '../../../src/core/runfile/index';
import type { ActivationSpec } from '../../../src/core/train/activationSpec';

const moons: RunSetup = { dataset: { name: 'moons', n: 100, noise: 0.1, testFraction: 0.2, seed: 2 }, hidden: [8, 6], lr: 0.01, batchSize: 16, epochs: 20 };
const spiral3: RunSetup = { ...moons, dataset: { name: 'spiral3', n: 120, noise: 0.05, testFraction: 0.25, seed: 3 } };
const sine: RunSetup = { ...moons, dataset: { name: 'sine', n: 80, noise: 0, testFraction: 0.25, seed: 4 } };

export interface RunCase {
  name: string;
  kind: string;
  setup: RunSetup;
  activation: ActivationSpec;
  seed: number;
}

export const RUN_CASES: RunCase[] = [
  { name: 'relu-adam', kind: 'pointwise, Adam', setup: moons, activation: { id: 'relu' }, seed: 1 },
  { name: 'gelu-multiclass', kind: 'pointwise, multiclass', setup: spiral3, activation: { id: 'gelu' }, seed: 2 },
  { name: 'tanh-regression', kind: 'pointwise, regression', setup: sine, activation: { id: 'tanh' }, seed: 3 },
  { name: 'relu-fullbatch-sgd', kind: 'full batch, SGD', setup: { ...sine, optimizer: 'sgd', lr: 0.1, batchSize: 1000, epochs: 40 }, activation: { id: 'relu' }, seed: 4 },
  { name: 'elu-momentum-l2', kind: 'momentum + L2', setup: { ...moons, optimizer: 'momentum', lr: 0.05, l2: 1e-3 }, activation: { id: 'elu' }, seed: 5 },
  { name: 'prelu-learnable', kind: 'learnable (PReLU slope)', setup: moons, activation: { id: 'prelu', learnable: { a: true } }, seed: 6 },
  { name: 'pau-learnable', kind: 'learnable family (PAU, all coefficients)', setup: { ...moons, epochs: 15 }, activation: { id: 'pau' }, seed: 7 },
  { name: 'swish-beta', kind: 'learnable scalar (swish beta)', setup: spiral3, activation: { id: 'swish', learnable: { beta: true } }, seed: 8 },
  { name: 'swiglu-multiclass', kind: 'gated (SwiGLU), multiclass', setup: spiral3, activation: { id: 'swiglu' }, seed: 9 },
  { name: 'geglu-momentum', kind: 'gated (GEGLU), momentum', setup: { ...moons, optimizer: 'momentum', lr: 0.05 }, activation: { id: 'geglu' }, seed: 10 },
  { name: 'resilu2-modifier', kind: 'backward-rule modifier (ReSiLU2)', setup: moons, activation: { id: 'resilu2' }, seed: 11 },
  { name: 'chebyshev-fast', kind: 'polynomial family, large lr', setup: { ...moons, lr: 0.05 }, activation: { id: 'chebyshev' }, seed: 12 },
];

/** A run the script must refuse (its masks come from the playground's seeded stream). */
export const STOCHASTIC_CASE: RunCase = { name: 'stochastic-refused', kind: 'stochastic (refused)', setup: { ...moons, epochs: 2 }, activation: { id: 'stochastic-silu-relu' }, seed: 13 };
