/**
 * A claim preset as Compare page settings: the preset's comparison config written into the
 * page's state (activations, seeds 1…S, dataset, network, optimiser, epochs), keeping the
 * page's own view settings (band, scale, backend).
 */
import type { ClaimPreset } from '../../../core/compare/presets';
import { DEFAULT_EXPERIMENT } from '../../state/experimentState';
import type { CompareState } from '../../state/compareState';

export function presetState(p: ClaimPreset, current: CompareState): CompareState {
  const c = p.config;
  const seeds = typeof c.seeds === 'number' ? c.seeds : c.seeds.length;
  return {
    ...current,
    activations: c.activations.map((a) => ({ sel: { id: a.id, params: { ...(a.params ?? {}) }, options: { ...(a.options ?? {}) } }, learn: { ...(a.learnable ?? {}) } })),
    seeds,
    shownSeed: 1,
    epochs: c.epochs,
    dataset: c.dataset.name,
    n: c.dataset.n,
    noise: c.dataset.noise ?? 0,
    testFraction: c.dataset.testFraction ?? 0.2,
    dataSeed: c.dataset.seed,
    hidden: [...c.hidden],
    init: c.init ?? DEFAULT_EXPERIMENT.init,
    initSigmaW: c.initSigmaW ?? DEFAULT_EXPERIMENT.initSigmaW,
    initSigmaB: c.initSigmaB ?? DEFAULT_EXPERIMENT.initSigmaB,
    optimizer: c.optimizer ?? 'adam',
    lr: c.lr,
    // Full batch: any size ≥ the training set means one batch.
    batchSize: c.batchSize ?? c.dataset.n,
    l2: c.l2 ?? 0,
    target: p.rule.metric === 'testAcc' ? { kind: 'acc', value: 0.95 } : p.targetLoss !== undefined ? { kind: 'loss', value: p.targetLoss } : current.target,
  };
}
