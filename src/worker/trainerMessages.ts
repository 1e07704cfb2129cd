/**
 * Messages the Trainer and Compare sessions both build from a live trainer: the data as the page
 * draws it, a decision-boundary grid, and divergences not yet reported. One definition, so both
 * pages receive the same shapes.
 */
import type { Dataset } from '../core/data/datasets';
import type { Trainer } from '../core/train/trainer';
import type { DatasetPoints, FromWorker } from './protocol';

/** The points the page draws (copies: the trainer keeps its own arrays). */
export function datasetPoints(ds: Dataset, extent: [number, number]): DatasetPoints {
  return {
    name: ds.name,
    task: ds.task,
    dim: ds.dim,
    classes: ds.classes,
    train: { x: ds.train.x.slice(), y: ds.train.y.slice() },
    test: { x: ds.test.x.slice(), y: ds.test.y.slice() },
    extent,
  };
}

/** Every run's prediction over `points` (a gridPoints grid of `gridSize` across `extent`). */
export async function gridMessage(trainer: Trainer, points: Float32Array, gridSize: number, extent: [number, number]): Promise<Extract<FromWorker, { type: 'grid' }>> {
  const values = await trainer.predictGrid(points);
  return {
    type: 'grid',
    step: trainer.stepCount,
    gridSize,
    extent,
    outputDim: trainer.dataset.outputDim,
    runs: values.map((_, i) => i),
    values,
  };
}

/** 'diverged' messages for runs that diverged since the last call; marks them in `reported`. */
export function newDivergences(trainer: Trainer, reported: Set<number>): Extract<FromWorker, { type: 'diverged' }>[] {
  const out: Extract<FromWorker, { type: 'diverged' }>[] = [];
  trainer.divergence().forEach((d, run) => {
    if (d && !reported.has(run)) {
      reported.add(run);
      out.push({ type: 'diverged', run, divergence: d });
    }
  });
  return out;
}
