/** Trains a fresh engine for `epochs` epochs and returns every epoch's metrics (then disposes it). */
import { createTrainer, type RunMetrics, type TrainerConfig } from '../../../src/core/train/trainer';

export async function history(config: TrainerConfig, epochs: number): Promise<RunMetrics[][]> {
  const t = createTrainer(config);
  const out: RunMetrics[][] = [];
  for (let e = 0; e < epochs; e++) {
    await t.epoch();
    out.push(await t.evaluate());
  }
  t.dispose();
  return out;
}
