/**
 * Every activation group of a stack's hidden layer as ONE differentiable op on tf.js's 'webgpu'
 * backend: the runs (leading axis) are cut into consecutive segments, each with its own
 * generated kernels, and every run's parameters are one row of a [runs, width] table, so the
 * forward pass is one dispatch and the backward pass two (dy·∂f/∂v per input variable, and the
 * table's gradient). This replaces, per hidden layer, a split into K groups, K fused ops (1
 * dispatch forward, 1 + one per parameter backward) and a concat, forward and backward.
 *
 * Columns a segment does not train (fixed parameters, and columns past its own parameter count)
 * get an exact zero gradient, so an optimizer step leaves them unchanged.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ActivationKernels } from './activationKernels';
import { tableOp, type TableKernels } from './fusedOps';

export interface GpuSegment {
  kernels: ActivationKernels;
  /** Consecutive runs along the leading axis. */
  runs: number;
  /** Per parameter (kernels' order = the table's columns): whether it is trained. */
  trained: boolean[];
}

const cache = new Map<string, TableKernels>();

function kernelsFor(parts: GpuSegment[], width: number): TableKernels {
  const key = `${width}|${parts.map((p) => `${p.runs}:${p.kernels.forward.key}:${p.kernels.dvars.map((d) => d.key).join('.')}:${p.trained.map(Number).join('')}`).join('|')}`;
  let k = cache.get(key);
  if (!k) {
    let end = 0;
    const nVars = parts[0].kernels.dvars.length;
    k = {
      segments: parts.map((p) => ({ end: (end += p.runs), nParams: p.kernels.dparams.length })),
      forward: parts.map((p) => p.kernels.forward),
      dvars: Array.from({ length: nVars }, (_, v) => parts.map((p) => p.kernels.dvars[v])),
      dparams: parts.map((p) => p.kernels.dparams.map((d, c) => (p.trained[c] ? d : null))),
      width,
    };
    cache.set(key, k);
  }
  return k;
}

/**
 * vars: [runs, …] (x, or a and u for gated blocks), all of one shape; table: [runs, width] with
 * width ≥ every segment's parameter count, or null when no segment has parameters.
 */
export function stackActivation(vars: tf.Tensor[], table: tf.Tensor | null, parts: GpuSegment[]): tf.Tensor {
  const runs = vars[0].shape[0] as number;
  const width = table ? (table.shape[1] as number) : 0;
  return tableOp(kernelsFor(parts, width), vars, table, vars[0].size / runs);
}
