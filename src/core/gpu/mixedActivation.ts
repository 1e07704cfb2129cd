/**
 * K different activations applied to a stack of runs in ONE dispatch per direction (issue 7,
 * stretch): the runs are grouped contiguously by activation (as the engine's Stack already
 * orders them), and every run's parameters live in one [R, width] table, so the kernel picks
 * the activation from the run index and reads the run's row. On other backends (or for an
 * activation the generator cannot express) it applies each group's composed op to its slice of
 * runs and concatenates — the same numbers, more dispatches.
 *
 * How the engine would use it: build once per stack layer set
 *   const mixed = makeMixedActivation(groups.map((g) => ({ compiled, runs: g.count })), { training });
 * hold the activation parameters of each hidden layer as one [R, mixed.width] variable whose
 * columns follow mixed.columns[group] (trainable mask per column for the optimiser; clamps per
 * column), and call mixed.apply(h, table) on the [R, B, H] pre-activations (gated stacks:
 * applyGated(a, u, table)). Gradients flow to h and to the whole table.
 */
import * as tf from '@tensorflow/tfjs';
import type { CompiledActivation } from '../activation/types';
import { makeTfActivation, type TfActivationOptions } from '../activation/tfop';
import { activationKernels, type ActivationKernels } from './activationKernels';
import { fusedBackendActive } from './fusedActivation';
import { tableOp, type TableKernels } from './fusedOps';

export interface MixedGroup {
  compiled: CompiledActivation;
  /** Number of consecutive runs (rows of the stack) using this activation. */
  runs: number;
}

export interface MixedActivation {
  /** Columns of the parameter table: the widest group's parameter count (0: no table). */
  width: number;
  /** Per group, its parameter names in column order. */
  columns: string[][];
  /** Whether apply() runs as one fused dispatch on the webgpu backend. */
  fused: boolean;
  /** x: [R, …] with R = total runs; table: [R, width] (null when width is 0). */
  apply(x: tf.Tensor, table: tf.Tensor | null): tf.Tensor;
  /** Gated (Tier C) groups only: o(a, u) for every run. */
  applyGated(a: tf.Tensor, u: tf.Tensor, table: tf.Tensor | null): tf.Tensor;
  /** Default parameter values as a [R, width] table (zeros in unused columns). */
  defaultTable(): tf.Tensor | null;
}

export function makeMixedActivation(groups: MixedGroup[], opts: TfActivationOptions = {}): MixedActivation {
  if (groups.length === 0) throw new Error('A mixed activation needs at least one group of runs');
  const nVars = groups[0].compiled.vars.length;
  if (groups.some((g) => g.compiled.vars.length !== nVars)) throw new Error('Gated and pointwise activations cannot share one stack (their hidden widths differ)');
  const columns = groups.map((g) => g.compiled.params.map((p) => p.name));
  const width = Math.max(0, ...columns.map((c) => c.length));
  const totalRuns = groups.reduce((n, g) => n + g.runs, 0);
  const support = groups.map((g) => activationKernels(g.compiled, opts));
  const allSupported = support.every((s) => s.ok);
  let kernels: TableKernels | undefined;
  if (allSupported) {
    const ks = support.map((s) => (s as { kernels: ActivationKernels }).kernels);
    let end = 0;
    kernels = {
      segments: groups.map((g) => ({ end: (end += g.runs), nParams: g.compiled.params.length })),
      forward: ks.map((k) => k.forward),
      dvars: Array.from({ length: nVars }, (_, v) => ks.map((k) => k.dvars[v])),
      dparams: ks.map((k) => k.dparams),
      width,
    };
  }
  const references = groups.map((g) => makeTfActivation(g.compiled, opts));

  const composed = (vars: tf.Tensor[], table: tf.Tensor | null): tf.Tensor => {
    let start = 0;
    const parts = groups.map((g, gi) => {
      const rows = (t: tf.Tensor) => tf.slice(t, [start, ...t.shape.slice(1).map(() => 0)], [g.runs, ...t.shape.slice(1).map(() => -1)]);
      const vs = vars.map(rows);
      const bshape = [g.runs, ...vars[0].shape.slice(1).map(() => 1)];
      const params = Object.fromEntries(columns[gi].map((name, c) => [name, tf.reshape(tf.slice(table as tf.Tensor, [start, c], [g.runs, 1]), bshape)]));
      start += g.runs;
      const ref = references[gi];
      return nVars === 2 ? (ref.applyGated as NonNullable<typeof ref.applyGated>)(vs[0], vs[1], params) : ref.apply(vs[0], params);
    });
    return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  };

  const run = (vars: tf.Tensor[], table: tf.Tensor | null): tf.Tensor => {
    if (vars[0].shape[0] !== totalRuns) throw new Error(`Expected ${totalRuns} runs along the first axis, got shape [${vars[0].shape.join(', ')}]`);
    if (width > 0 && (!table || table.shape.length !== 2 || table.shape[0] !== totalRuns || table.shape[1] !== width)) {
      throw new Error(`The parameter table must have shape [${totalRuns}, ${width}]`);
    }
    if (kernels && fusedBackendActive() && vars.every((v) => v.dtype === 'float32' && tf.util.arraysEqual(v.shape, vars[0].shape))) {
      return tableOp(kernels, vars, width > 0 ? table : null, vars[0].size / totalRuns);
    }
    return composed(vars, table);
  };

  return {
    width,
    columns,
    fused: Boolean(kernels),
    apply: (x, table) => run([x], table),
    applyGated: (a, u, table) => run([a, u], table),
    defaultTable() {
      if (width === 0) return null;
      const values = new Float32Array(totalRuns * width);
      let r = 0;
      for (const g of groups) {
        for (let i = 0; i < g.runs; i++, r++) g.compiled.params.forEach((p, c) => (values[r * width + c] = p.default));
      }
      return tf.tensor2d(values, [totalRuns, width]);
    },
  };
}
