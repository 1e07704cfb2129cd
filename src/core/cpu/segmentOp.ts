/**
 * Activations of a stack of runs as ONE differentiable tf.js op on the CPU backend: the runs
 * (leading axis) are cut into consecutive segments, each with its own activation programs and
 * per-run parameter values, and the forward pass (or the whole backward pass: every variable's
 * and every parameter's gradient) is a single pass over the data through the segment's
 * programs. This replaces, per hidden layer, a split into K groups, K composed activations of
 * 5–15 tf.js ops each, and a concat — forward and backward.
 *
 * Only valid on tf.js's 'cpu' backend, where dataSync() hands out the tensor's own array and a
 * new tensor adopts the array it is given (no copies); callers check cpuKernelsActive().
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuKernels } from './cpuKernels';
import { runProgram } from './runProgram';

export interface CpuSegment {
  kernels: CpuKernels;
  /** Consecutive runs along the leading axis. */
  runs: number;
  /**
   * One tensor per kernels.params entry: one value for the segment (size 1) or one per run
   * (size `runs`, e.g. [runs, 1, 1]). Gradients come back in the same shapes.
   */
  params: tf.Tensor[];
}

let enabled = true;

/**
 * Turns every CPU kernel (activations, dense layers, optimizer loops) off or on for this
 * process: off, the engine uses tf.js's own ops only (the bench's baseline; tests compare both).
 */
export function setCpuKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** True when the CPU kernels can run: enabled, and tf.js's backend is 'cpu'. */
export function cpuKernelsActive(): boolean {
  return enabled && tf.getBackend() === 'cpu';
}

/** Whether a parameter tensor is one value or one value per run of `runs` (a leading axis, then ones). */
export function perRunShapeOk(shape: number[], runs: number): boolean {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 1) return true;
  return size === runs && shape[0] === runs;
}

type Saved = tf.Tensor | tf.GradSaveFunc;

/**
 * vars: the activation's inputs (x; a and u for gated blocks), all of one shape [R, …] with
 * R = Σ segment runs. Returns f applied run by run.
 */
export function segmentActivation(vars: tf.Tensor[], segments: CpuSegment[]): tf.Tensor {
  const shape = vars[0].shape;
  const size = vars[0].size;
  const R = segments.reduce((n, s) => n + s.runs, 0);
  if (shape[0] !== R && !(R === 1)) throw new Error(`segmentActivation: ${R} runs in the segments, but the leading axis is ${shape[0]}`);
  const per = size / R;
  const nv = vars.length;
  const flatParams = segments.flatMap((s) => s.params);

  /** Parameter values of run k of a segment, in kernels.params order. */
  const paramValues = (data: ArrayLike<number>[], k: number): number[] => data.map((d) => (d.length === 1 ? d[0] : d[k]));

  const op = tf.customGrad((...args: Saved[]) => {
    const inputs = args.slice(0, args.length - 1) as tf.Tensor[];
    (args[args.length - 1] as tf.GradSaveFunc)(inputs);
    const varData = inputs.slice(0, nv).map((t) => t.dataSync() as Float32Array);
    const out = new Float32Array(size);
    let p = nv;
    let run = 0;
    for (const seg of segments) {
      const pdata = inputs.slice(p, p + seg.params.length).map((t) => t.dataSync());
      p += seg.params.length;
      for (let k = 0; k < seg.runs; k++, run++) {
        runProgram(seg.kernels.forward, { elementArgs: varData, scalarArgs: paramValues(pdata, k), start: run * per, n: per, elementOut: [out] });
      }
    }
    const value = tf.tensor(out, shape, 'float32');
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
      const g = (Array.isArray(dy) ? dy[0] : dy).dataSync();
      const vs = saved.slice(0, nv).map((t) => t.dataSync());
      const dvars = vars.map(() => new Float32Array(size));
      const dparams: tf.Tensor[] = [];
      let q = nv;
      let r0 = 0;
      for (const seg of segments) {
        const ptensors = saved.slice(q, q + seg.params.length);
        q += seg.params.length;
        const pdata = ptensors.map((t) => t.dataSync());
        const nRoots = seg.kernels.backward.outputs.length - nv;
        // Per run, the sum over its elements of dy·∂f/∂p for every parameter root.
        const sums = new Float64Array(seg.runs * nRoots);
        for (let k = 0; k < seg.runs; k++) {
          runProgram(seg.kernels.backward, {
            elementArgs: [...vs, g], scalarArgs: paramValues(pdata, k), start: (r0 + k) * per, n: per,
            elementOut: dvars, sums, sumsOffset: k * nRoots,
          });
        }
        ptensors.forEach((t, i) => {
          const root = seg.kernels.dparamRoot[i];
          const grad = new Float32Array(t.size);
          if (root >= 0 && t.size === 1) {
            let total = 0; // one value shared by the segment's runs: its gradient is their sum
            for (let k = 0; k < seg.runs; k++) total += sums[k * nRoots + root];
            grad[0] = total;
          } else if (root >= 0) {
            for (let k = 0; k < seg.runs; k++) grad[k] = sums[k * nRoots + root];
          }
          dparams.push(tf.tensor(grad, t.shape, 'float32'));
        });
        r0 += seg.runs;
      }
      return [...dvars.map((d) => tf.tensor(d, shape, 'float32')), ...dparams];
    };
    return { value, gradFunc };
  });
  return op(...vars, ...flatParams) as tf.Tensor;
}
