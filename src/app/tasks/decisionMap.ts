/**
 * Whether the decision-map canvas can draw a dataset: 1-D curves and 2-D classification. The
 * task sets draw their own views instead (digits have 64 inputs; the image is 2-D regression,
 * which the class-colour map has no colours for).
 */
import type { DatasetPoints } from '../../worker/protocol';

export function drawsDecisionMap(d: Pick<DatasetPoints, 'dim' | 'task'>): boolean {
  return d.dim === 1 || (d.dim === 2 && d.task !== 'regression');
}
