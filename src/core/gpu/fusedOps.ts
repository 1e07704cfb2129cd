/**
 * The fused kernels as differentiable tf.js ops (tf.customGrad around runWebGPUProgram). Only
 * valid while tf's backend is 'webgpu'; callers check that and fall back to composed ops.
 */
import * as tf from '@tensorflow/tfjs';
import {
  separateElementwise, separateParamGrad, tableElementwise, tableParamGrad,
  type GpuProgram, type KernelSource, type TableSegment,
} from './activationPrograms';
import type { ActivationKernels } from './activationKernels';
import { ints, runGpuProgram } from './runGpuProgram';


/** One generated kernel over `inputs` with integer uniforms (the block sizes). */
function runKernel(program: GpuProgram, inputs: tf.Tensor[], intUniforms: number[]): tf.Tensor {
  return runGpuProgram(program, inputs, ints(intUniforms));
}

type Saved = tf.Tensor | ((save: tf.Tensor[]) => void);

/**
 * f(vars, params) with params as separate inputs; blocks[k] = elements sharing one value of
 * params[k]. Gradients: one elementwise kernel per variable, one reduction per parameter.
 */
export function separateOp(k: ActivationKernels, vars: tf.Tensor[], params: tf.Tensor[], blocks: number[]): tf.Tensor {
  const shape = vars[0].shape;
  const nv = vars.length;
  const np = params.length;
  const op = tf.customGrad((...args: Saved[]) => {
    const inputs = args.slice(0, nv + np) as tf.Tensor[];
    // The engine keeps only saved tensors alive until the backward pass.
    (args[args.length - 1] as tf.GradSaveFunc)(inputs);
    const value = runKernel(separateElementwise(k.forward, shape, nv, np, false), inputs, blocks);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const g = Array.isArray(dy) ? dy[0] : dy;
      const inputs = saved;
      const dvars = k.dvars.map((src) => runKernel(separateElementwise(src, shape, nv, np, true), [g, ...inputs], blocks));
      const dparams = inputs.slice(nv).map((p, i) => {
        const src = k.dparams[i];
        return src ? runKernel(separateParamGrad(src, p.shape, nv, np), [g, ...inputs], [...blocks, blocks[i]]) : tf.zerosLike(p);
      });
      return [...dvars, ...dparams];
    };
    return { value, gradFunc };
  });
  return op(...vars, ...params) as tf.Tensor;
}

/** Kernel functions of a parameter-table op: per segment, forward, per-variable and per-column derivatives. */
export interface TableKernels {
  segments: TableSegment[];
  forward: KernelSource[];
  /** dvars[v][s]: ∂/∂(variable v) for segment s. */
  dvars: KernelSource[][];
  /** dparams[s][c]: ∂/∂(column c) for segment s; null where there is none. */
  dparams: (KernelSource | null)[][];
  width: number;
}

/**
 * f(vars, table): vars [rows·block elements], table [rows, width] (width 0: no table). Gradients
 * to every variable and to the whole table, each one dispatch.
 */
export function tableOp(k: TableKernels, vars: tf.Tensor[], table: tf.Tensor | null, block: number): tf.Tensor {
  const shape = vars[0].shape;
  const nv = vars.length;
  const inputsOf = (args: Saved[]) => args.slice(0, nv + (table ? 1 : 0)) as tf.Tensor[];
  const op = tf.customGrad((...args: Saved[]) => {
    const inputs = inputsOf(args);
    (args[args.length - 1] as tf.GradSaveFunc)(inputs);
    const value = runKernel(tableElementwise(k.forward, k.segments, k.width, shape, nv, false), inputs, [block]);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const g = Array.isArray(dy) ? dy[0] : dy;
      const inputs = saved;
      const dvars = k.dvars.map((fns) => runKernel(tableElementwise(fns, k.segments, k.width, shape, nv, true), [g, ...inputs], [block]));
      if (!table) return dvars;
      const rows = table.shape[0];
      const anyParamGrad = k.dparams.some((cols) => cols.some((f) => f));
      const dtable = anyParamGrad ? runKernel(tableParamGrad(k.dparams, k.segments, k.width, rows, nv), [g, ...inputs], [block]) : tf.zerosLike(inputs[nv]);
      return [...dvars, dtable];
    };
    return { value, gradFunc };
  });
  return (table ? op(...vars, table) : op(...vars)) as tf.Tensor;
}
