/**
 * Per-layer lenses: what each hidden layer of a run is doing, measured from its weights (as read
 * back for a snapshot) on the training set, in float64 with the registry's float64 evaluator:
 *   dead      fraction of units whose output is constant over the points (max − min ≤ DEAD_SPREAD);
 *   sparsity  fraction of outputs with |f(a)| < SPARSE_BELOW;
 *   preMean, preStd  mean and standard deviation of the pre-activations a over units and points
 *             (preMean² + preStd² is the empirical q_l of the mean-field theory, core/theory);
 *   gradNorm  ‖∂L/∂W_l‖ (Frobenius; with V for gated blocks), L the mean data loss over the points
 *             (the L2 penalty not included), by a float64 backward pass with the training
 *             derivative the engine uses (f′, or a modifier's surrogate).
 * Stochastic activations are measured with their evaluation function. Each pass costs about
 * points × Σ fan_in·fan_out multiply-adds; past the budget (LENS_BUDGET shared by a trainer's runs)
 * the lenses use an evenly spaced subset of the training points (`points` says how many).
 */
import type { CompiledActivation } from '../activation/types';
import type { Dataset, Task } from '../data/datasets';
import type { LayerWeights } from './init';

const DEAD_SPREAD = 1e-9;
export const SPARSE_BELOW = 1e-3;
/** Multiply-adds of one forward pass over the points the lenses may use (backward is twice that). */
export const LENS_BUDGET = 2e7;
/** The subset never drops below this many points (or the whole training set when smaller). */
export const LENS_MIN_POINTS = 64;

export interface LayerLens {
  /** Units of the layer. */
  width: number;
  dead: number;
  sparsity: number;
  preMean: number;
  preStd: number;
  gradNorm: number;
}

export interface RunLenses {
  /** Training points measured on. */
  points: number;
  /** One per hidden layer, first to last. */
  layers: LayerLens[];
  /** ‖∂L/∂W‖ of the output layer. */
  outputGradNorm: number;
}

/** One hidden layer's activation as float64 scalars: forward and the derivatives training uses. */
export type LensActivation =
  | { kind: 'pointwise'; f(a: number): number; df(a: number): number }
  | { kind: 'gated'; o(a: number, u: number): number; dOda(a: number, u: number): number; dOdu(a: number, u: number): number };

/** Per hidden layer: the compiled activation at that layer's parameter values. */
export function lensActivations(compiled: CompiledActivation, paramsPerLayer: Record<string, number>[]): LensActivation[] {
  return paramsPerLayer.map((params) => {
    const s = compiled.scalar(params);
    if (s.gated) return { kind: 'gated', o: s.gated.o, dOda: s.gated.dOda, dOdu: s.gated.dOdu };
    return { kind: 'pointwise', f: s.f, df: s.surrogate ?? s.df };
  });
}

/** The points the lenses use: all, or an evenly spaced subset within LENS_BUDGET. */
export function lensPointCount(n: number, layers: LayerWeights[], budget = LENS_BUDGET): number {
  const macs = layers.reduce((s, l) => s + l.fanIn * l.fanOut * (l.V ? 2 : 1), 0);
  return Math.min(n, Math.max(LENS_MIN_POINTS, Math.floor(budget / Math.max(1, macs))));
}

interface LensData {
  task: Task;
  dim: number;
  outputDim: number;
  /** n × dim, row-major. */
  x: ArrayLike<number>;
  /** Class index (classification) or target (regression), one per point. */
  y: ArrayLike<number>;
  n: number;
}

/** a = h·W + b for n rows (h: n × fanIn, W: fanIn × fanOut row-major). */
function dense(h: Float64Array, n: number, W: Float32Array, b: Float32Array, fanIn: number, fanOut: number): Float64Array {
  const a = new Float64Array(n * fanOut);
  for (let i = 0; i < n; i++) {
    const row = i * fanOut;
    for (let j = 0; j < fanOut; j++) a[row + j] = b[j];
    for (let k = 0; k < fanIn; k++) {
      const hk = h[i * fanIn + k];
      if (hk === 0) continue;
      const wRow = k * fanOut;
      for (let j = 0; j < fanOut; j++) a[row + j] += hk * W[wRow + j];
    }
  }
  return a;
}

/** ‖hᵀ·d‖² (the weight gradient's squared norm) and d·Wᵀ (the gradient to h). */
function backDense(h: Float64Array, d: Float64Array, n: number, W: Float32Array, fanIn: number, fanOut: number, needInput: boolean): { sq: number; dh: Float64Array | null } {
  const g = new Float64Array(fanIn * fanOut);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < fanIn; k++) {
      const hk = h[i * fanIn + k];
      if (hk === 0) continue;
      for (let j = 0; j < fanOut; j++) g[k * fanOut + j] += hk * d[i * fanOut + j];
    }
  }
  let sq = 0;
  for (const v of g) sq += v * v;
  if (!needInput) return { sq, dh: null };
  const dh = new Float64Array(n * fanIn);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < fanIn; k++) {
      let s = 0;
      for (let j = 0; j < fanOut; j++) s += d[i * fanOut + j] * W[k * fanOut + j];
      dh[i * fanIn + k] = s;
    }
  }
  return { sq, dh };
}

/** ∂(mean loss)/∂z per point and output, and the mean loss (as ./loss.ts defines it). */
function outputGradient(task: Task, z: Float64Array, y: ArrayLike<number>, n: number, outDim: number): { loss: number; dz: Float64Array } {
  const dz = new Float64Array(n * outDim);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    if (task === 'binary') {
      const zi = z[i];
      const t = y[i];
      loss += Math.max(zi, 0) - zi * t + Math.log1p(Math.exp(-Math.abs(zi)));
      dz[i] = (1 / (1 + Math.exp(-zi)) - t) / n;
    } else if (task === 'multiclass') {
      let m = -Infinity;
      for (let c = 0; c < outDim; c++) m = Math.max(m, z[i * outDim + c]);
      let s = 0;
      for (let c = 0; c < outDim; c++) s += Math.exp(z[i * outDim + c] - m);
      const lse = m + Math.log(s);
      loss += lse - z[i * outDim + y[i]];
      for (let c = 0; c < outDim; c++) dz[i * outDim + c] = (Math.exp(z[i * outDim + c] - lse) - (c === y[i] ? 1 : 0)) / n;
    } else {
      for (let c = 0; c < outDim; c++) {
        const r = z[i * outDim + c] - y[i];
        loss += r * r;
        dz[i * outDim + c] = (2 * r) / n;
      }
    }
  }
  return { loss: loss / n, dz };
}

/** The lenses of one run: `layers` its dense layers, `acts` one activation per hidden layer. */
export function measureLenses(layers: LayerWeights[], acts: LensActivation[], data: LensData, budget = LENS_BUDGET): RunLenses {
  if (acts.length !== layers.length - 1) throw new Error(`Lenses need one activation per hidden layer: ${layers.length - 1}, got ${acts.length}`);
  const n = lensPointCount(data.n, layers, budget);
  const rows = Array.from({ length: n }, (_, k) => Math.floor((k * data.n) / n));
  let h = new Float64Array(n * data.dim);
  rows.forEach((r, k) => {
    for (let d = 0; d < data.dim; d++) h[k * data.dim + d] = data.x[r * data.dim + d];
  });
  const y = rows.map((r) => data.y[r]);
  const inputs: Float64Array[] = [];
  const pre: { a: Float64Array; u: Float64Array | null }[] = [];
  const lenses: LayerLens[] = [];
  acts.forEach((act, l) => {
    const L = layers[l];
    const a = dense(h, n, L.W, L.b, L.fanIn, L.fanOut);
    const u = act.kind === 'gated' ? dense(h, n, L.V as Float32Array, L.c as Float32Array, L.fanIn, L.fanOut) : null;
    const out = new Float64Array(n * L.fanOut);
    for (let i = 0; i < out.length; i++) out[i] = act.kind === 'gated' ? act.o(a[i], (u as Float64Array)[i]) : act.f(a[i]);
    inputs.push(h);
    pre.push({ a, u });
    lenses.push({ width: L.fanOut, ...outputStats(out, n, L.fanOut), ...moments(a), gradNorm: NaN });
    h = out;
  });
  const last = layers[layers.length - 1];
  inputs.push(h);
  const z = dense(h, n, last.W, last.b, last.fanIn, last.fanOut);
  const { dz } = outputGradient(data.task, z, y, n, last.fanOut);
  const top = backDense(h, dz, n, last.W, last.fanIn, last.fanOut, acts.length > 0);
  let dh = top.dh;
  for (let l = acts.length - 1; l >= 0; l--) {
    const act = acts[l];
    const L = layers[l];
    const { a, u } = pre[l];
    const dA = new Float64Array(a.length);
    const dU = act.kind === 'gated' ? new Float64Array(a.length) : null;
    for (let i = 0; i < a.length; i++) {
      const g = (dh as Float64Array)[i];
      if (act.kind === 'gated') {
        dA[i] = g * act.dOda(a[i], (u as Float64Array)[i]);
        (dU as Float64Array)[i] = g * act.dOdu(a[i], (u as Float64Array)[i]);
      } else {
        dA[i] = g * act.df(a[i]);
      }
    }
    const w = backDense(inputs[l], dA, n, L.W, L.fanIn, L.fanOut, l > 0);
    let sq = w.sq;
    dh = w.dh;
    if (dU && L.V) {
      const v = backDense(inputs[l], dU, n, L.V, L.fanIn, L.fanOut, l > 0);
      sq += v.sq;
      if (dh && v.dh) for (let i = 0; i < dh.length; i++) dh[i] += v.dh[i];
    }
    lenses[l].gradNorm = Math.sqrt(sq);
  }
  return { points: n, layers: lenses, outputGradNorm: Math.sqrt(top.sq) };
}

function outputStats(out: Float64Array, n: number, width: number): { dead: number; sparsity: number } {
  let dead = 0;
  let sparse = 0;
  for (let j = 0; j < width; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = out[i * width + j];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      if (Math.abs(v) < SPARSE_BELOW) sparse++;
    }
    if (hi - lo <= DEAD_SPREAD) dead++;
  }
  return { dead: dead / width, sparsity: sparse / (n * width) };
}

function moments(a: Float64Array): { preMean: number; preStd: number } {
  let s = 0;
  for (const v of a) s += v;
  const mean = s / a.length;
  let s2 = 0;
  for (const v of a) s2 += (v - mean) * (v - mean);
  return { preMean: mean, preStd: Math.sqrt(s2 / a.length) };
}

/** Fraction of all hidden units that are dead. */
export function deadFraction(l: RunLenses): number {
  const units = l.layers.reduce((s, x) => s + x.width, 0);
  return l.layers.reduce((s, x) => s + x.dead * x.width, 0) / units;
}

/** The lenses of a snapshot's run on a dataset's training split. */
export function lensesOfRun(layers: LayerWeights[], compiled: CompiledActivation, activationParams: Record<string, number>[], ds: Dataset, budget = LENS_BUDGET): RunLenses {
  return measureLenses(layers, lensActivations(compiled, activationParams), { task: ds.task, dim: ds.dim, outputDim: ds.outputDim, ...ds.train }, budget);
}
