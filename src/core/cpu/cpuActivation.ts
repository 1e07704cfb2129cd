/**
 * A TfActivation whose forward and backward passes run the activation's CPU programs
 * (./cpuKernels.ts) as one op each on tf.js's 'cpu' backend, instead of the 5–15 composed
 * tf.js ops per direction. The composed op (makeTfActivation) stays the reference and the
 * fallback: used on every other backend and for parameter tensors that are not "one value, or
 * one value per run along the leading axis".
 */
import * as tf from '@tensorflow/tfjs';
import type { CompiledActivation, TfActivation } from '../activation/types';
import { makeTfActivation, type TfActivationOptions } from '../activation/tfop';
import { cpuKernels, type CpuKernels } from './cpuKernels';
import { cpuKernelsActive, perRunShapeOk, segmentActivation } from './segmentOp';

/**
 * A tf.js op that also carries its CPU programs: the engine then applies all activation groups
 * of a layer as one op on the CPU backend (./segmentOp.ts).
 */
export interface CpuTfActivation extends TfActivation {
  cpuPrograms?: CpuKernels;
}

export function makeCpuTfActivation(compiled: CompiledActivation, opts: TfActivationOptions = {}): CpuTfActivation {
  const reference = makeTfActivation(compiled, opts);
  // Ops built with constants (fixed α, β known up front) keep the composed path.
  if (opts.constants && Object.keys(opts.constants).length) return reference;
  const kernels = cpuKernels(compiled, opts);
  const tryKernel = (vars: tf.Tensor[], params: Record<string, tf.Tensor>): tf.Tensor | undefined => {
    if (!cpuKernelsActive()) return undefined;
    const shape = vars[0].shape;
    if (vars[0].size === 0 || vars.some((v) => v.dtype !== 'float32' || !tf.util.arraysEqual(v.shape, shape))) return undefined;
    // A missing parameter takes its default, as in the composed op.
    const tensors = compiled.params.map((p) => params[p.name] ?? tf.scalar(p.default));
    if (tensors.some((t) => t.dtype !== 'float32')) return undefined;
    const perRun = tensors.some((t) => t.size > 1);
    const runs = perRun ? shape[0] : 1;
    if (perRun && !tensors.every((t) => perRunShapeOk(t.shape, runs))) return undefined;
    return segmentActivation(vars, [{ kernels, runs, params: tensors }]);
  };
  const out: CpuTfActivation = {
    readsPerRunParams: cpuKernelsActive,
    cpuPrograms: kernels,
    apply(x, params) {
      if (compiled.vars.length !== 1) return reference.apply(x, params);
      return tryKernel([x], params) ?? reference.apply(x, params);
    },
  };
  const gatedRef = reference.applyGated;
  if (compiled.vars.length === 2 && gatedRef) {
    out.applyGated = (a, u, params) => tryKernel([a, u], params) ?? gatedRef.call(reference, a, u, params);
  }
  return out;
}
