/**
 * The engine's mini-batch order, written out explicitly. The trainer (src/core/train/trainer.ts,
 * startEpoch) draws one permutation of the training points per epoch from
 * createRng(seed).fork('batches') and cuts it into consecutive batches; full batch uses no
 * permutation. This module repeats that derivation so a run file can carry the order itself: the
 * PyTorch script and any other reader then need no copy of our RNG. retrainRun checks that the
 * engine still derives this same order before it trusts a stored history.
 */
import { createRng } from '../data/rng';
import type { RunFileBatchOrder } from './schema';

const BATCH_ORDER_ALGORITHM = 'sfc32 seeded by splitmix32; fork("batches"); one Fisher–Yates permutation per epoch';

export function engineBatchOrder(seed: number, nTrain: number, batchSize: number, epochs: number): RunFileBatchOrder {
  if (batchSize >= nTrain) return { kind: 'full-batch' };
  const rng = createRng(seed).fork('batches');
  const permutations: number[][] = [];
  for (let e = 0; e < epochs; e++) permutations.push(Array.from(rng.permutation(nTrain)));
  return { kind: 'permutations', algorithm: BATCH_ORDER_ALGORITHM, seed, permutations };
}

