/**
 * A TfActivation whose forward and backward passes are generated WGSL kernels on tf.js's WebGPU
 * backend: one dispatch for f, one for dy·f′ (or dy·surrogate when training a backward-rule
 * modifier), one per parameter for Σ dy·∂f/∂p — instead of the 5–15 dispatches of the composed
 * tf.js ops. The composed op (makeTfActivation) stays the reference and the fallback: it is used
 * on every other backend, for trees the generator cannot express (activationKernels says why),
 * and for parameter tensors whose broadcast is not "one value per leading block" (blockSize).
 */
import * as tf from '@tensorflow/tfjs';
import type { CompiledActivation, TfActivation } from '../activation/types';
import { makeTfActivation, type TfActivationOptions } from '../activation/tfop';
import { separateBufferCount } from './activationPrograms';
import { activationKernels, type ActivationKernels } from './activationKernels';
import { separateOp, tableOp } from './fusedOps';

/**
 * A tf.js op that also carries its generated WGSL: the engine then applies all activation
 * groups of a layer as one dispatch on the WebGPU backend (./stackActivation.ts).
 */
export interface GpuTfActivation extends TfActivation {
  gpuKernels?: ActivationKernels;
}

/** WebGPU's default maxStorageBuffersPerShaderStage, which tf.js does not raise. */
const MAX_STORAGE_BUFFERS = 8;

/**
 * For a parameter tensor broadcast against a variable of shape `shape`: the number of
 * consecutive elements that share one parameter value, or undefined when the broadcast is not
 * "a prefix of the shape, then ones" (a scalar, [R, 1, 1] against [R, B, H], …).
 */
function blockSize(paramShape: number[], shape: number[]): number | undefined {
  if (paramShape.length > shape.length) return undefined;
  const padded = [...new Array<number>(shape.length - paramShape.length).fill(1), ...paramShape];
  let j = padded.length;
  while (j > 0 && padded[j - 1] === 1) j--;
  for (let i = 0; i < j; i++) if (padded[i] !== shape[i]) return undefined;
  return Math.max(1, shape.slice(j).reduce((a, b) => a * b, 1));
}

/** True when the fused kernels can run on the current backend. */
function fusedBackendActive(): boolean {
  return tf.getBackend() === 'webgpu';
}

/**
 * Parameters as one [rows, P] table (differentiable tf ops, so each tensor gets its own
 * gradient back): used when separate inputs would exceed the storage-buffer limit.
 */
function packTable(params: tf.Tensor[], blocks: number[], total: number): { table: tf.Tensor; block: number } {
  const block = Math.min(...blocks);
  const rows = total / block;
  const columns = params.map((p, k) => {
    const values = total / blocks[k];
    return tf.broadcastTo(tf.reshape(p, [values, 1]), [values, blocks[k] / block]).reshape([rows]);
  });
  return { table: tf.stack(columns, 1), block };
}

function fusedCall(k: ActivationKernels, vars: tf.Tensor[], params: tf.Tensor[], blocks: number[]): tf.Tensor {
  if (separateBufferCount(vars.length, params.length) <= MAX_STORAGE_BUFFERS) return separateOp(k, vars, params, blocks);
  const total = vars[0].size;
  const { table, block } = packTable(params, blocks, total);
  const segments = [{ end: total / block, nParams: params.length }];
  return tableOp({ segments, forward: [k.forward], dvars: k.dvars.map((d) => [d]), dparams: [k.dparams], width: params.length }, vars, table, block);
}

/**
 * Drop-in replacement for makeTfActivation (same interface and gradients) that uses the fused
 * WGSL kernels whenever tf's backend is 'webgpu' and the call's shapes allow; otherwise, and for
 * activations the generator cannot express, it is exactly the composed reference op.
 */
export function makeFusedTfActivation(compiled: CompiledActivation, opts: TfActivationOptions = {}): GpuTfActivation {
  const reference = makeTfActivation(compiled, opts);
  const support = activationKernels(compiled, opts);
  if (!support.ok) return reference;
  const kernels = support.kernels;
  const tryFused = (vars: tf.Tensor[], params: Record<string, tf.Tensor>): tf.Tensor | undefined => {
    if (!fusedBackendActive()) return undefined;
    const shape = vars[0].shape;
    if (vars[0].size === 0 || vars.some((v) => v.dtype !== 'float32' || !tf.util.arraysEqual(v.shape, shape))) return undefined;
    const tensors: tf.Tensor[] = [];
    const blocks: number[] = [];
    for (const p of compiled.params) {
      // A missing parameter takes its default, as in the composed op.
      const t = params[p.name] ?? tf.scalar(p.default);
      const block = t.dtype === 'float32' ? blockSize(t.shape, shape) : undefined;
      if (block === undefined) return undefined;
      tensors.push(t);
      blocks.push(block);
    }
    return fusedCall(kernels, vars, tensors, blocks);
  };
  const out: GpuTfActivation = {
    // Ops built with constants (fixed α, β known up front) keep them out of the table path.
    ...(opts.constants && Object.keys(opts.constants).length ? {} : { gpuKernels: kernels }),
    apply(x, params) {
      if (compiled.vars.length !== 1) return reference.apply(x, params);
      return tryFused([x], params) ?? reference.apply(x, params);
    },
  };
  const gatedRef = reference.applyGated;
  if (compiled.vars.length === 2 && gatedRef) {
    out.applyGated = (a, u, params) => tryFused([a, u], params) ?? gatedRef.call(reference, a, u, params);
  }
  return out;
}
