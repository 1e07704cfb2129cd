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
import { gradientPrograms, type CpuKernels, type GradientPrograms } from './cpuKernels';
import { giveBack, multiplyStored, storesDerivatives, takeArray, type Stored } from './derivativeStore';
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
  /**
   * Which parameters need a gradient (kernels.params order); default all. The others get a
   * zero gradient without being computed: pass false only for tensors nobody differentiates.
   */
  paramGrads?: boolean[];
  /**
   * A per-element argument of this segment only, after the op's inputs (a stochastic
   * activation's mask: its programs are o(a, u) with u the mask): `runs` × (elements per run)
   * values in element order. It is not an input of the tf.js op, so it gets no gradient; its
   * derivative the programs compute anyway goes to scratch. Take it from takeArray: the op
   * gives it back to the pool once it has read it for the last time (after the forward pass
   * when the derivatives are stored, else after the backward pass).
   */
  extra?: Float64Array;
}

let enabled = true;

/**
 * Turns every CPU kernel (activations, dense layers, optimizer loops) off or on for this
 * process: off, the engine uses tf.js's own ops only (the bench's baseline; tests compare both).
 */
export function setCpuKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Whether the switch is on (src/core/train/chooseKernels.ts checks the backend). */
export function cpuKernelsEnabled(): boolean {
  return enabled;
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
 * Run k of a segment: the per-element arrays cut to its elements [from, from + n) of the op's
 * arrays, plus the segment's extra argument at [k·n, (k + 1)·n) of its own (so every argument
 * is read from 0).
 */
function runViews(arrays: Float32Array[], extra: Float64Array | undefined, from: number, k: number, n: number): (Float32Array | Float64Array)[] {
  const views: (Float32Array | Float64Array)[] = arrays.map((d) => d.subarray(from, from + n));
  if (extra) views.push(extra.subarray(k * n, (k + 1) * n));
  return views;
}

/** A segment's extra argument must match its programs (one more variable) and its elements. */
function checkExtra(seg: CpuSegment, nv: number, per: number): void {
  if (!seg.extra) return;
  if (seg.kernels.vars.length !== nv + 1) throw new Error(`segmentActivation: an extra argument needs programs of ${nv + 1} variables, got ${seg.kernels.vars.length}`);
  if (seg.extra.length !== seg.runs * per) throw new Error(`segmentActivation: extra argument of ${seg.extra.length} values for ${seg.runs * per} elements`);
}


/**
 * vars: the activation's inputs (x; a and u for gated blocks), all of one shape [R, …] with
 * R = Σ segment runs. Returns f applied run by run.
 *
 * `training`: the forward pass also computes and keeps f's derivatives (kernels.
 * forwardWithDerivatives), and the backward pass only multiplies them by dy: the same numbers
 * (each product dy·∂ still formed in float64 and rounded once), with the subtrees f shares with
 * its derivatives computed once. Use it only where a backward pass follows (the engine's
 * training step); otherwise the derivatives are wasted work.
 */
export function segmentActivation(vars: tf.Tensor[], segments: CpuSegment[], training = false): tf.Tensor {
  const shape = vars[0].shape;
  const size = vars[0].size;
  const R = segments.reduce((n, s) => n + s.runs, 0);
  if (shape[0] !== R && !(R === 1)) throw new Error(`segmentActivation: ${R} runs in the segments, but the leading axis is ${shape[0]}`);
  const per = size / R;
  const nv = vars.length;
  const flatParams = segments.flatMap((s) => s.params);
  const grads: GradientPrograms[] = segments.map((s) => (s.paramGrads ? gradientPrograms(s.kernels, s.paramGrads) : s.kernels));
  segments.forEach((s) => checkExtra(s, nv, per));

  /** Parameter values of run k of a segment, in kernels.params order. */
  const paramValues = (data: ArrayLike<number>[], k: number): number[] => data.map((d) => (d.length === 1 ? d[0] : d[k]));

  const op = tf.customGrad((...args: Saved[]) => {
    const inputs = args.slice(0, args.length - 1) as tf.Tensor[];
    (args[args.length - 1] as tf.GradSaveFunc)(inputs);
    const varData = inputs.slice(0, nv).map((t) => t.dataSync() as Float32Array);
    const out = new Float32Array(size);
    // Emptied once the backward pass has used them (the arrays go back to the pool).
    const stored: (Stored | null)[] = [];
    let p = nv;
    let run = 0;
    for (const [si, seg] of segments.entries()) {
      const gp = grads[si];
      const pdata = inputs.slice(p, p + seg.params.length).map((t) => t.dataSync());
      p += seg.params.length;
      if (!training || !storesDerivatives(seg.kernels, gp)) {
        for (let k = 0; k < seg.runs; k++, run++) {
          const from = run * per;
          runProgram(seg.kernels.forward, { elementArgs: runViews(varData, seg.extra, from, k, per), scalarArgs: paramValues(pdata, k), start: 0, n: per, elementOut: [out.subarray(from, from + per)] });
        }
        stored.push(null); // the backward program recomputes this segment's derivatives
        continue;
      }
      // Arrays over this segment only; each run's call sees views starting at its first element.
      const n = seg.runs * per;
      const nStored = gp.constantRoot.filter((c) => c === null).length;
      const st: Stored = { dvars: vars.map(() => takeArray(n)), dparams: Array.from({ length: nStored }, () => takeArray(n)) };
      stored.push(st);
      // ∂f/∂(extra argument) is not needed: one run's worth of scratch, overwritten run by run.
      const scratch = seg.extra ? [takeArray(per)] : [];
      for (let k = 0; k < seg.runs; k++, run++) {
        const [from, to] = [run * per, (run + 1) * per];
        const [lf, lt] = [k * per, (k + 1) * per];
        runProgram(gp.forwardWithDerivatives, {
          elementArgs: runViews(varData, seg.extra, from, k, per), scalarArgs: paramValues(pdata, k), start: 0, n: per,
          elementOut: [out.subarray(from, to), ...st.dvars.map((d) => d.subarray(lf, lt)), ...scratch, ...st.dparams.map((d) => d.subarray(lf, lt))],
        });
      }
      // The backward pass only multiplies the stored derivatives: the extra argument is done with.
      giveBack(seg.extra ? [...scratch, seg.extra] : scratch);
    }
    const value = tf.tensor(out, shape, 'float32');
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => {
      const g = (Array.isArray(dy) ? dy[0] : dy).dataSync() as Float32Array;
      const vs = saved.slice(0, nv).map((t) => t.dataSync() as Float32Array);
      const dvars = vars.map(() => new Float32Array(size));
      const dparams: tf.Tensor[] = [];
      let q = nv;
      let r0 = 0;
      let si = 0;
      for (const seg of segments) {
        const ptensors = saved.slice(q, q + seg.params.length);
        q += seg.params.length;
        const pdata = ptensors.map((t) => t.dataSync());
        const gp = grads[si];
        const nRoots = gp.backward.outputs.length - seg.kernels.vars.length;
        // Per run, the sum over its elements of dy·∂f/∂p for every parameter root.
        const sums = new Float64Array(seg.runs * nRoots);
        const st = stored[si];
        stored[si++] = null;
        // Recomputing: ∂f/∂(extra argument) to scratch, and the extra argument read for the last time.
        const scratch = seg.extra && !st ? [takeArray(per)] : [];
        for (let k = 0; k < seg.runs; k++) {
          const from = (r0 + k) * per;
          if (st) {
            multiplyStored(st, gp.constantRoot, g, dvars, from, k * per, per, sums, k * nRoots);
            continue;
          }
          runProgram(gp.backward, {
            elementArgs: [...runViews(vs, seg.extra, from, k, per), g.subarray(from, from + per)], scalarArgs: paramValues(pdata, k), start: 0, n: per,
            elementOut: [...dvars.map((d) => d.subarray(from, from + per)), ...scratch], sums, sumsOffset: k * nRoots,
          });
        }
        giveBack(st ? [...st.dvars, ...st.dparams] : seg.extra ? [...scratch, seg.extra] : []);
        ptensors.forEach((t, i) => {
          const root = gp.dparamRoot[i];
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
