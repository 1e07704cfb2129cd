/**
 * The rest of a training step on tf.js's 'webgpu' backend as generated WGSL programs (the
 * step is dispatch-bound there), each replacing a chain of tf.js ops (one dispatch each):
 *
 * - meanLossOp: the per-run mean training loss [R] from logits z [R, B, out], as ONE
 *   differentiable op: forward one dispatch (a workgroup per run), backward one elementwise
 *   dispatch for dz. Same meaning as perSampleLoss (../train/loss.ts) averaged over the batch.
 *   Targets are read in place: shared by every run ([1, B, out]), per run ([R, B, out]), or as
 *   rows of the training targets [N, out] picked by the epoch's sample order, so a mini-batch
 *   needs no gather for them.
 * - gatherRows: a mini-batch's inputs [R, b, dim] from the training inputs and the sample order
 *   (one dispatch instead of a slice and a gather).
 * - badStepUpdate: the divergence flags (int32 [R], −1 while healthy, else the first bad step)
 *   in one dispatch instead of isFinite, logicalNot, less, logicalAnd, fill and where.
 * - denseOp: h·W + b (tf.fused.matMul, one dispatch, also for the first layer) whose backward
 *   pass sums the bias gradient in one dispatch (tf.js: a transpose and a reduction) and skips
 *   the gradient to h where h is data.
 *
 * Non-finite values are detected by their bits, not by comparisons, so they survive compilers
 * that assume finite math. Data inputs are read through f32(…): a float tensor's buffer may hold
 * int32 (tf.js's WebGPU cast from int32, e.g. the one-hot targets, keeps the buffer).
 */
import * as tf from '@tensorflow/tfjs';
import { flatProgram, perGroupProgram, reductionProgram, TREE_SUM, WORKGROUP, type GpuProgram } from './activationPrograms';
import type { Task } from '../data/datasets';
import { ints, runGpuProgram } from './runGpuProgram';



function run(program: GpuProgram, inputs: tf.Tensor[], intUniforms: number[], dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  return runGpuProgram(program, inputs, ints(intUniforms), dtype);
}

type Saved = tf.Tensor | tf.GradSaveFunc;
type GradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** tf.customGrad over `inputs` (the last argument tf.js passes is the save function). */
function customOp(inputs: tf.Tensor[], f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: GradFunc }): tf.Tensor {
  const op = tf.customGrad((...args: Saved[]) => f(args.slice(0, -1) as tf.Tensor[], args[args.length - 1] as tf.GradSaveFunc));
  return op(...inputs);
}

const dyOf = (dy: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(dy) ? dy[0] : dy);

const FINITE = `
fn ap_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
`;

// ---------------------------------------------------------------- loss

/**
 * Where a run's targets are: `y` [1, B, out] (shared) or [R, B, out]; or, with `rows`, y is the
 * training targets [N, out] and sample b of run r is row order[r, rowStart + b].
 */
export interface LossTargets {
  y: tf.Tensor;
  rows?: { order: tf.Tensor; rowStart: number };
}

const LOSS_UNIFORMS = 'batch : i32, nout : i32, nrows : i32, rowStart : i32, ystride : i32, ';

/** Inputs Z, Y (and ORD when the targets are picked by the sample order). */
function targetHelpers(ordered: boolean): string {
  return `
fn ap_trow(r: i32, b: i32) -> i32 {
  ${ordered ? 'return ORD[r * uniforms.nrows + uniforms.rowStart + b];' : 'return r * uniforms.ystride + b;'}
}`;
}

/**
 * Per-sample loss of run r, sample b, summed over outputs, as perSampleLoss writes it: binary
 * max(z, 0) − z·y + log(1 + e^(−|z|)); multiclass −Σ y·(z − m − log Σ e^(z − m)), m = max z;
 * regression Σ (z − y)².
 */
function sampleLoss(task: Task): string {
  const head = `fn ap_sample_loss(r: i32, b: i32) -> f32 {
  let zi = (r * uniforms.batch + b) * uniforms.nout;
  let yi = ap_trow(r, b) * uniforms.nout;`;
  if (task === 'binary') {
    return `${head}
  var l = 0.0;
  for (var k = 0; k < uniforms.nout; k = k + 1) {
    let z = Z[zi + k];
    l = l + ((max(z, 0.0) - z * f32(Y[yi + k])) + ap_log1p(exp(-abs(z))));
  }
  return l;
}`;
  }
  if (task === 'multiclass') {
    return `${head}
  var m = Z[zi];
  for (var k = 1; k < uniforms.nout; k = k + 1) { m = max(m, Z[zi + k]); }
  var e = 0.0;
  for (var k = 0; k < uniforms.nout; k = k + 1) { e = e + exp(Z[zi + k] - m); }
  let lse = log(e);
  var l = 0.0;
  for (var k = 0; k < uniforms.nout; k = k + 1) { l = l + f32(Y[yi + k]) * ((Z[zi + k] - m) - lse); }
  return -l;
}`;
  }
  return `${head}
  var l = 0.0;
  for (var k = 0; k < uniforms.nout; k = k + 1) {
    let d = Z[zi + k] - f32(Y[yi + k]);
    l = l + d * d;
  }
  return l;
}`;
}

/**
 * ∂(per-sample loss)/∂z of one element: binary σ(z) − y; multiclass softmax(z)·Σy − y (one-hot
 * targets: softmax(z) − y); regression 2(z − y).
 */
function sampleGrad(task: Task): string {
  const head = `fn ap_sample_grad(r: i32, b: i32, k: i32) -> f32 {
  let zi = (r * uniforms.batch + b) * uniforms.nout;
  let yi = ap_trow(r, b) * uniforms.nout;`;
  if (task === 'binary') return `${head}\n  return ap_sigmoid(Z[zi + k]) - f32(Y[yi + k]);\n}`;
  if (task === 'multiclass') {
    return `${head}
  var m = Z[zi];
  for (var j = 1; j < uniforms.nout; j = j + 1) { m = max(m, Z[zi + j]); }
  var e = 0.0;
  var ys = 0.0;
  for (var j = 0; j < uniforms.nout; j = j + 1) {
    e = e + exp(Z[zi + j] - m);
    ys = ys + f32(Y[yi + j]);
  }
  return (exp(Z[zi + k] - m) / e) * ys - f32(Y[yi + k]);
}`;
  }
  return `${head}\n  return 2.0 * (Z[zi + k] - f32(Y[yi + k]));\n}`;
}

/** Mean over the batch of each run's per-sample loss: [R], a workgroup per run; NaN where any term or the sum is not finite. */
function lossForwardProgram(task: Task, R: number, ordered: boolean): GpuProgram {
  const names = ['Z', 'Y', ...(ordered ? ['ORD'] : [])];
  return perGroupProgram(names, [R], `aptrain_loss_${task}_${ordered ? 'o' : 'd'}`, LOSS_UNIFORMS, `
${FINITE}
${targetHelpers(ordered)}
${sampleLoss(task)}
var<workgroup> ap_partial: array<f32, ${WORKGROUP}>;
var<workgroup> ap_bad: array<u32, ${WORKGROUP}>;
fn main(index: i32) {
  let r = index / ${WORKGROUP};
  let lid = index - r * ${WORKGROUP};
  var acc = 0.0;
  var bad = 0u;
  if (r < uniforms.size) {
    for (var b = lid; b < uniforms.batch; b = b + ${WORKGROUP}) {
      let l = ap_sample_loss(r, b);
      acc = acc + l;
      bad = bad | select(0u, 1u, !ap_finite(l));
    }
  }
  ap_partial[lid] = acc;
  ap_bad[lid] = bad;
  ${TREE_SUM}
  if (lid == 0 && r < uniforms.size) {
    var anyBad = 0u;
    for (var j = 0; j < ${WORKGROUP}; j = j + 1) { anyBad = anyBad | ap_bad[j]; }
    let mean = ap_partial[0] / f32(uniforms.batch);
    result[r] = select(mean, ap_nan(), anyBad != 0u || !ap_finite(mean));
  }
}
`);
}

/** dz [R, B, out] = DY[r] · ∂(per-sample loss)/∂z / B. */
function lossBackwardProgram(task: Task, shape: number[], ordered: boolean): GpuProgram {
  const names = ['DY', 'Z', 'Y', ...(ordered ? ['ORD'] : [])];
  return flatProgram(names, shape, `aptrain_dloss_${task}_${ordered ? 'o' : 'd'}`, LOSS_UNIFORMS, `
${targetHelpers(ordered)}
${sampleGrad(task)}
fn main(index: i32) {
  if (index < uniforms.size) {
    let k = index % uniforms.nout;
    let rb = index / uniforms.nout;
    let b = rb % uniforms.batch;
    let r = rb / uniforms.batch;
    result[index] = DY[r] * (ap_sample_grad(r, b, k) / f32(uniforms.batch));
  }
}
`);
}

/**
 * Per-run mean training loss [R] of logits z [R, B, out] (what tf.mean(perSampleLoss(task, z,
 * y), 1) computes), differentiable in z: one dispatch forward, one backward. The targets are
 * constants (no gradient flows to them). Only while tf's backend is 'webgpu'.
 */
export function meanLossOp(task: Task, z: tf.Tensor, targets: LossTargets): tf.Tensor {
  const [R, B, nout] = z.shape as [number, number, number];
  const { y, rows } = targets;
  const ordered = rows !== undefined;
  if (z.rank !== 3 || z.dtype !== 'float32') throw new Error(`meanLossOp: logits must be float32 [R, B, out], got ${z.dtype} [${z.shape.join(', ')}]`);
  if (ordered) {
    if (y.rank !== 2 || y.shape[1] !== nout || rows.order.rank !== 2 || rows.order.shape[0] !== R || rows.rowStart + B > (rows.order.shape[1] as number)) {
      throw new Error(`meanLossOp: targets [${y.shape.join(', ')}] with order [${rows.order.shape.join(', ')}] from ${rows.rowStart} do not fit logits [${z.shape.join(', ')}]`);
    }
  } else if (y.rank !== 3 || !(y.shape[0] === 1 || y.shape[0] === R) || y.shape[1] !== B || y.shape[2] !== nout) {
    throw new Error(`meanLossOp: targets [${y.shape.join(', ')}] do not fit logits [${z.shape.join(', ')}]`);
  }
  const extra = ordered ? [y, rows.order] : [y];
  const ints = [B, nout, ordered ? (rows.order.shape[1] as number) : 0, ordered ? rows.rowStart : 0, !ordered && y.shape[0] === R ? B : 0];
  return customOp([z], ([zIn], save) => {
    save([zIn]);
    return {
      value: run(lossForwardProgram(task, R, ordered), [zIn, ...extra], ints),
      gradFunc: (dy, [zv]) => run(lossBackwardProgram(task, z.shape, ordered), [dyOf(dy), zv, ...extra], ints),
    };
  });
}

// ---------------------------------------------------------------- mini-batch inputs

/** x [R, b, dim]: row order[r, rowStart + k] of X [N, dim] for sample k of run r. One dispatch. */
export function gatherRows(X: tf.Tensor, order: tf.Tensor, rowStart: number, b: number): tf.Tensor {
  const dim = X.shape[1] as number;
  const R = order.shape[0];
  if (X.rank !== 2 || order.rank !== 2 || order.dtype !== 'int32' || rowStart + b > (order.shape[1] as number)) {
    throw new Error(`gatherRows: X [${X.shape.join(', ')}], order ${order.dtype} [${order.shape.join(', ')}], rows ${rowStart}..${rowStart + b}`);
  }
  const program = flatProgram(['X', 'ORD'], [R, b, dim], 'aptrain_gather', 'nrows : i32, rowStart : i32, batch : i32, dim : i32, ', `
fn main(index: i32) {
  if (index < uniforms.size) {
    let d = index % uniforms.dim;
    let rk = index / uniforms.dim;
    let k = rk % uniforms.batch;
    let r = rk / uniforms.batch;
    result[index] = f32(X[ORD[r * uniforms.nrows + uniforms.rowStart + k] * uniforms.dim + d]);
  }
}
`);
  return run(program, [X, order], [order.shape[1] as number, rowStart, b, dim]);
}

// ---------------------------------------------------------------- divergence flags

/**
 * int32 [R]: `badStep` where a run is already bad (≥ 0) or its loss is finite, else `step` (what
 * where(less(badStep, 0) ∧ ¬isFinite(loss), fill(step), badStep) gives). One dispatch.
 */
export function badStepUpdate(badStep: tf.Tensor, loss: tf.Tensor, step: number): tf.Tensor {
  if (badStep.dtype !== 'int32' || badStep.rank !== 1 || loss.rank !== 1 || loss.shape[0] !== badStep.shape[0]) {
    throw new Error(`badStepUpdate: flags ${badStep.dtype} [${badStep.shape.join(', ')}], loss [${loss.shape.join(', ')}]`);
  }
  const program = flatProgram(['BAD', 'L'], badStep.shape, 'aptrain_badstep', 'step : i32, ', `
${FINITE}
fn main(index: i32) {
  if (index < uniforms.size) {
    let old = BAD[index];
    result[index] = select(old, uniforms.step, old < 0 && !ap_finite(L[index]));
  }
}
`);
  return run(program, [badStep, loss], [step], 'int32');
}

// ---------------------------------------------------------------- dense layers

/** Σ over the batch axis of dy [R, B, out]: [R, 1, out], a workgroup per output element. */
function biasGradProgram(R: number, nout: number): GpuProgram {
  return reductionProgram(['DY'], [R, 1, nout], 'aptrain_biasgrad', 'batch : i32, nout : i32, ', '',
    '(w / uniforms.nout) * uniforms.batch * uniforms.nout + w % uniforms.nout', 'uniforms.batch', 'DY[start + j * uniforms.nout]');
}

/**
 * h·W + b for h [R or 1, B, in], W [R, in, out], b [R, 1, out] as one dispatch
 * (tf.fused.matMul), differentiable in W and b, and in h when `hasInputGrad` (h must then have
 * R rows). Backward: dW = hᵀ·dy, db = Σ_B dy (one dispatch), dh = dy·Wᵀ.
 */
export function denseOp(h: tf.Tensor, W: tf.Tensor, b: tf.Tensor, hasInputGrad: boolean): tf.Tensor {
  const [R, , nout] = W.shape as [number, number, number];
  if (hasInputGrad && h.shape[0] !== R) throw new Error(`denseOp: the gradient to h [${h.shape.join(', ')}] needs one row per run (${R})`);
  const weightGrads = (dy: tf.Tensor, hv: tf.Tensor): tf.Tensor[] => [
    tf.matMul(hv, dy, true, false),
    run(biasGradProgram(R, nout), [dy], [dy.shape[1] as number, nout]),
  ];
  if (hasInputGrad) {
    return customOp([h, W, b], ([hIn, WIn, bIn], save) => {
      save([hIn, WIn]);
      return {
        value: tf.fused.matMul({ a: hIn as tf.Tensor3D, b: WIn as tf.Tensor3D, bias: bIn }),
        gradFunc: (dy, [hv, Wv]) => [tf.matMul(dyOf(dy), Wv, false, true), ...weightGrads(dyOf(dy), hv)],
      };
    });
  }
  return customOp([W, b], ([WIn, bIn], save) => {
    save([h]);
    return {
      value: tf.fused.matMul({ a: h as tf.Tensor3D, b: WIn as tf.Tensor3D, bias: bIn }),
      gradFunc: (dy, [hv]) => weightGrads(dyOf(dy), hv),
    };
  });
}
