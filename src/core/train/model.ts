/**
 * A stack of R MLPs of one architecture trained as ONE computation: weights [R, in, out] and
 * biases [R, 1, out] multiplied with batched tf.matMul over the run axis. Runs are ordered so
 * that runs sharing an activation are contiguous; each hidden layer applies each distinct
 * activation once to its slice of the run axis (K applications per layer, not R).
 *
 * Activation parameters are one scalar per layer per run, held per activation group as
 * [count, 1, 1] tensors (tf.Variables when trained), which broadcast against [count, B, width].
 * On the WebGPU backend (when every group has generated kernels and none is stochastic) they are
 * held instead as one [R, width] table per hidden layer (one row per run, one column per
 * parameter, zeros past a group's own parameters; one tf.Variable with per-column ranges when
 * any is trained): every group of a layer is then one dispatch (src/core/gpu/stackActivation.ts)
 * and the optimizer updates one tensor per layer instead of one per group and parameter.
 */
import * as tf from '@tensorflow/tfjs';
import { stackedDense } from '../cpu/denseOp';
import { takeArray } from '../cpu/derivativeStore';
import { cpuKernelsActive, segmentActivation, type CpuSegment } from '../cpu/segmentOp';
import { gpuEngineKernelsActive } from '../gpu/engineKernels';
import { stackActivation, type GpuSegment } from '../gpu/stackActivation';
import { denseOp } from '../gpu/trainPrograms';
import type { ActivationSpec, EngineActivation, ResolvedActivation } from './activationSpec';
import { resolveRunParams } from './activationSpec';
import { createRng, type Rng } from '../data/rng';
import { layerWidths, type Architecture } from './architecture';
import { checkInitialState, initWeights, type GaussianScale, type InitialState, type InitScheme, type LayerWeights } from './init';
import type { Trainable } from './optimizers';

export interface StackRun {
  /** Index of the run in the trainer's config (the order results are reported in). */
  index: number;
  seed: number;
  activation: ActivationSpec;
  resolved: ResolvedActivation;
  /** Explicit starting weights and parameters (a run file's); default: drawn from the seed. */
  initial?: InitialState;
  /** σ_w, σ_b of a mean-field init scheme, resolved for this run's activation (./initScale.ts). */
  initScale?: GaussianScale;
}

export interface ActivationGroup {
  resolved: ResolvedActivation;
  /** Runs [start, start + count) of the stack. */
  start: number;
  count: number;
  learnable: string[];
  /** Per hidden layer: every parameter as a [count, 1, 1] tensor (empty when the stack holds tables). */
  params: Record<string, tf.Tensor>[];
  /** Starting parameter values per run of the group (JS side, e.g. a stochastic mask's p). */
  values: Record<string, number>[];
}

interface DenseLayer {
  W: tf.Variable;
  b: tf.Variable;
  /** Gated hidden layers: the second projection u = xV + c. */
  V?: tf.Variable;
  c?: tf.Variable;
}

export type Mode = 'train' | 'eval';

export interface RunRange {
  start: number;
  count: number;
}

function groupKey(run: StackRun, learnable: string[]): string {
  return `${run.resolved.key}|${[...learnable].sort().join(',')}`;
}

function stackedVariable(arrays: Float32Array[], shape: number[]): tf.Variable {
  const flat = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let off = 0;
  for (const a of arrays) {
    flat.set(a, off);
    off += a.length;
  }
  const init = tf.tensor(flat, [arrays.length, ...shape]);
  const v = tf.variable(init, true);
  init.dispose(); // the variable holds its own reference to the data
  return v;
}

/**
 * tf.js's CPU backend runs a binary op whose operand shapes differ in a size-1 axis (a bias
 * [R, 1, out] or a parameter [count, 1, 1] against [R, B, width]) through per-element index
 * arithmetic, ~20× slower than a same-shape op (measured: 20 ms for [5, 1, 1] × [5, 512, 32];
 * such broadcasts were over half of a training step). There, broadcasts are done as a batched
 * matMul with ones instead: exact (each output is 0 + x·1: the same value, except that −0 becomes
 * +0, which no loss or kinked op tells apart), as fast as a copy, and its
 * gradient is one more matMul, not a slow reduction. Other backends broadcast natively.
 */
export function broadcastIsSlow(): boolean {
  return tf.getBackend() === 'cpu';
}

/**
 * Per-run activation parameters [count, 1, 1] are repeated to the activation input's shape on
 * the CPU backend (see broadcastIsSlow) and on wasm, whose arithmetic broadcasts fast but whose
 * comparisons (Greater, Equal, LogicalAnd: the kinks' tie rules) against [5, 1, 1] took 6.8 ms
 * vs 0.1 ms same-shape (bench config per step: 251 → 234 ms at full batch, 43 → 35 at batch 32).
 */
function parametersNeedRepeat(): boolean {
  return broadcastIsSlow() || tf.getBackend() === 'wasm';
}

/** [R, 1, n] → [R, rows, n], as ones[1, rows, 1] · t. */
function repeatRows(t: tf.Tensor, rows: number): tf.Tensor {
  return tf.matMul(tf.ones([1, rows, 1]), t);
}

/** A [count, 1, …, 1] tensor at the full `shape` [count, …] (see broadcastIsSlow). */
function repeatPerRun(t: tf.Tensor, shape: number[]): tf.Tensor {
  const per = shape.slice(1).reduce((n, d) => n * d, 1);
  return tf.reshape(tf.matMul(tf.reshape(t, [t.shape[0], 1, 1]), tf.ones([1, 1, per])), shape);
}

/**
 * A [1, …] tensor repeated for R runs, [R, …] (targets shared by every run against per-run
 * outputs); unchanged where broadcasting is cheap.
 */
export function repeatForRuns(t: tf.Tensor, runs: number): tf.Tensor {
  if (!broadcastIsSlow() || t.shape[0] === runs) return t;
  return tf.reshape(tf.matMul(tf.ones([runs, 1, 1]), tf.reshape(t, [1, 1, t.size])), [runs, ...t.shape.slice(1)]);
}

/**
 * Whether splitting a [R, B, width] activation input by group (and joining the outputs) is cheap
 * enough to run each layer as one matMul over all runs. tfjs-backend-wasm's Slice first copies
 * its WHOLE input out of the heap (readSync) for every part: a 12-group split of [60, 512, 32]
 * took 25 ms, more than the layer's math, so there each group runs through all layers on its own
 * and only the small weights are split (bench config: 536 → 251 ms per step at full batch, 58 →
 * 43 ms at batch 32). On the CPU backend a split is views, and the whole-stack matMul measured
 * ~15 % faster at batch 32 (equal at full batch); on WebGPU a split is a device copy and fewer
 * dispatches count more.
 */
function splitActivationsIsCheap(): boolean {
  return tf.getBackend() !== 'wasm';
}

interface Segment {
  g: ActivationGroup;
  /** Stack runs [s, e). */
  s: number;
  e: number;
}

/**
 * h·W + b with b [R, 1, out] (see broadcastIsSlow); on the CPU backend one fused op
 * (src/core/cpu/denseOp.ts); on WebGPU tf.fused.matMul with the bias (one dispatch instead of
 * two) whose backward pass sums the bias gradient in one dispatch and skips the gradient to h
 * in the first layer, whose inputs are data (src/core/gpu/trainPrograms.ts denseOp).
 */
function affine(h: tf.Tensor, W: tf.Tensor, b: tf.Tensor, l = 0): tf.Tensor {
  if (cpuKernelsActive()) return stackedDense(h, W, b);
  if (gpuEngineKernelsActive() && (l === 0 || h.shape[0] === W.shape[0])) return denseOp(h, W, b, l > 0);
  const z = tf.matMul(h, W);
  return tf.add(z, broadcastIsSlow() ? repeatRows(b, z.shape[1] as number) : b);
}

export class Stack {
  readonly arch: Architecture;
  readonly widths: number[];
  /** Runs in stack order (grouped by activation). */
  readonly runs: StackRun[];
  readonly groups: ActivationGroup[];
  readonly layers: DenseLayer[];
  readonly trainables: Trainable[];
  /**
   * WebGPU: per hidden layer, every run's activation parameters as one [R, width] table (null
   * when no run has parameters); null when the parameters are held per group.
   */
  private readonly tables: (tf.Tensor | null)[] | null;
  /** Per-element ranges of the trained tables (the optimizer's clamps). */
  private readonly tableBounds: tf.Tensor[] = [];
  /** Stack position → mask stream, for runs with a stochastic activation. */
  private readonly maskRngs = new Map<number, Rng>();

  constructor(arch: Architecture, runs: StackRun[], scheme: InitScheme, sirenOmega0 = 30) {
    this.arch = arch;
    this.widths = layerWidths(arch);
    // Group runs by activation, keeping first-appearance order of groups and of runs within one.
    const byKey = new Map<string, { runs: StackRun[]; learnable: string[]; values: Record<string, number>[] }>();
    for (const run of runs) {
      const rp = resolveRunParams(run.activation, run.resolved, run.seed);
      const key = groupKey(run, rp.learnable);
      const g = byKey.get(key) ?? { runs: [], learnable: rp.learnable, values: [] };
      g.runs.push(run);
      g.values.push(rp.values);
      byKey.set(key, g);
    }
    this.runs = [...byKey.values()].flatMap((g) => g.runs);

    // Identical seeds (and scales) give identical arrays; draw each once.
    const bySeed = new Map<string, LayerWeights[]>();
    const weightsOf = (seed: number, scale?: GaussianScale): LayerWeights[] => {
      const key = scale ? `${seed}:${scale.sigmaW}:${scale.sigmaB}` : String(seed);
      let w = bySeed.get(key);
      if (!w) {
        w = initWeights(arch, scheme, seed, sirenOmega0, scale);
        bySeed.set(key, w);
      }
      return w;
    };
    for (const r of this.runs) {
      if (r.initial) checkInitialState(r.initial, this.widths, arch.gated, r.resolved.params.map((p) => p.name), `Run ${r.index} initial state`);
    }
    const perRun = this.runs.map((r) => r.initial?.layers ?? weightsOf(r.seed, r.initScale));
    const nLayers = this.widths.length - 1;
    this.layers = [];
    this.trainables = [];
    const R = this.runs.length;
    for (let l = 0; l < nLayers; l++) {
      const [fanIn, fanOut] = [this.widths[l], this.widths[l + 1]];
      const layer: DenseLayer = {
        W: stackedVariable(perRun.map((w) => w[l].W), [fanIn, fanOut]),
        b: stackedVariable(perRun.map((w) => w[l].b), [1, fanOut]),
      };
      this.trainables.push({ variable: layer.W, decay: true, runStart: 0, runCount: R });
      this.trainables.push({ variable: layer.b, decay: false, runStart: 0, runCount: R });
      if (perRun[0][l].V) {
        layer.V = stackedVariable(perRun.map((w) => w[l].V as Float32Array), [fanIn, fanOut]);
        layer.c = stackedVariable(perRun.map((w) => w[l].c as Float32Array), [1, fanOut]);
        this.trainables.push({ variable: layer.V, decay: true, runStart: 0, runCount: R });
        this.trainables.push({ variable: layer.c, decay: false, runStart: 0, runCount: R });
      }
      this.layers.push(layer);
    }

    const useTables = gpuEngineKernelsActive() && nLayers > 1 && [...byKey.values()].every(({ runs: [{ resolved: r }] }) =>
      !r.stochastic && r.train.gpuKernels && r.eval.gpuKernels);
    this.groups = [];
    let start = 0;
    for (const g of byKey.values()) {
      const count = g.runs.length;
      const resolved = g.runs[0].resolved;
      const params: Record<string, tf.Tensor>[] = [];
      for (let l = 0; l < nLayers - 1 && !useTables; l++) {
        const rec: Record<string, tf.Tensor> = {};
        for (const p of resolved.params) {
          const values = g.runs.map((run, k) => run.initial?.activationParams[l][p.name] ?? g.values[k][p.name]);
          const init = tf.tensor3d(Float32Array.from(values), [count, 1, 1]);
          if (g.learnable.includes(p.name)) {
            const v = tf.variable(init, true);
            init.dispose();
            rec[p.name] = v;
            // A parameter's declared range is where its formula is meant to be used (APA's λ, κ
            // clamps, snake's a ≥ 1e-3, …), so training keeps it there.
            this.trainables.push({ variable: v, decay: false, runStart: start, runCount: count, clamp: [p.min, p.max] });
          } else {
            rec[p.name] = init;
          }
        }
        params.push(rec);
      }
      this.groups.push({ resolved, start, count, learnable: g.learnable, params, values: g.values });
      if (resolved.stochastic) {
        g.runs.forEach((run, k) => this.maskRngs.set(start + k, createRng(run.seed).fork('stochastic-mask')));
      }
      start += count;
    }
    this.tables = useTables ? this.buildTables(byKey) : null;
  }

  /** The [R, width] parameter tables (see `tables`), with the trained ones added to `trainables`. */
  private buildTables(byKey: Map<string, { runs: StackRun[]; values: Record<string, number>[] }>): (tf.Tensor | null)[] {
    const R = this.size;
    const width = Math.max(0, ...this.groups.map((g) => g.resolved.params.length));
    const sources = [...byKey.values()];
    return this.layers.slice(0, -1).map((_, l) => {
      if (width === 0) return null;
      const values = new Float32Array(R * width);
      const lo = new Float32Array(R * width).fill(-Infinity);
      const hi = new Float32Array(R * width).fill(Infinity);
      let trained = false;
      this.groups.forEach((g, gi) => {
        const src = sources[gi];
        g.resolved.params.forEach((p, c) => {
          const learn = g.learnable.includes(p.name);
          trained ||= learn;
          for (let k = 0; k < g.count; k++) {
            const i = (g.start + k) * width + c;
            values[i] = src.runs[k].initial?.activationParams[l][p.name] ?? src.values[k][p.name];
            if (learn) [lo[i], hi[i]] = [p.min, p.max];
          }
        });
      });
      const init = tf.tensor2d(values, [R, width]);
      if (!trained) return init;
      const v = tf.variable(init, true);
      init.dispose();
      const bounds = { lo: tf.tensor2d(lo, [R, width]), hi: tf.tensor2d(hi, [R, width]) };
      this.tableBounds.push(bounds.lo, bounds.hi);
      // Untrained columns get a zero gradient (and no range), so updates leave them as they are.
      this.trainables.push({ variable: v, decay: false, runStart: 0, runCount: R, clampTable: bounds });
      return v;
    });
  }

  /** Group g's parameters at hidden layer l as [count, 1, 1] tensors (slices of the table when the stack holds tables). */
  private paramsOf(g: ActivationGroup, l: number): Record<string, tf.Tensor> {
    if (!this.tables) return g.params[l];
    const table = this.tables[l];
    const out: Record<string, tf.Tensor> = {};
    g.resolved.params.forEach((p, c) => {
      out[p.name] = tf.reshape(tf.slice(table as tf.Tensor, [g.start, c], [g.count, 1]), [g.count, 1, 1]);
    });
    return out;
  }

  get size(): number {
    return this.runs.length;
  }

  /** Position of a config run index in this stack, or −1. */
  positionOf(index: number): number {
    return this.runs.findIndex((r) => r.index === index);
  }

  private static op(resolved: ResolvedActivation, mode: Mode): EngineActivation {
    return mode === 'train' ? resolved.train : resolved.eval;
  }

  /**
   * x: [range.count or 1, B, in] (a leading 1 broadcasts the same inputs to every run).
   * Returns the output logits [range.count, B, out]. `collect`, when given, receives each hidden
   * layer's output. Must run inside tf.tidy (or under tf.variableGrads).
   */
  forward(x: tf.Tensor, mode: Mode, range: RunRange = { start: 0, count: this.size }, collect?: tf.Tensor[]): tf.Tensor {
    const full = range.start === 0 && range.count === this.size;
    const sliceRuns = (t: tf.Tensor): tf.Tensor =>
      full ? t : tf.slice(t, [range.start, ...t.shape.slice(1).map(() => 0)], [range.count, ...t.shape.slice(1)]);
    const segments: Segment[] = [];
    for (const g of this.groups) {
      const s = Math.max(g.start, range.start);
      const e = Math.min(g.start + g.count, range.start + range.count);
      if (e > s) segments.push({ g, s, e });
    }
    const sizes = segments.map(({ s, e }) => e - s);
    // Each activation group's runs are contiguous, so a split along the run axis separates them
    // (its gradient is a concat; per-group slices would each get a pad, slow on the CPU backend).
    const split = (t: tf.Tensor): tf.Tensor[] => (sizes.length === 1 ? [t] : tf.split(t, sizes, 0));
    const last = this.layers.length - 1;

    if (!splitActivationsIsCheap()) {
      // Per group through all layers; only the small weights are split, and the outputs joined.
      const W = this.layers.map((L) => split(sliceRuns(L.W)));
      const b = this.layers.map((L) => split(sliceRuns(L.b)));
      const V = this.layers.map((L) => (L.V ? split(sliceRuns(L.V)) : null));
      const c = this.layers.map((L) => (L.c ? split(sliceRuns(L.c)) : null));
      const xs = x.shape[0] === 1 ? sizes.map(() => x) : split(x);
      const hidden: tf.Tensor[][] = this.layers.slice(0, last).map(() => []);
      const outs = segments.map((seg, k) => {
        let h = xs[k];
        for (let l = 0; l < last; l++) {
          const Vl = V[l];
          const cl = c[l];
          const u = Vl && cl ? affine(h, Vl[k], cl[k]) : null;
          h = this.activate(seg, l, affine(h, W[l][k], b[l][k]), u, mode);
          hidden[l].push(h);
        }
        return affine(h, W[last][k], b[last][k]);
      });
      for (const parts of hidden) collect?.push(parts.length === 1 ? parts[0] : tf.concat(parts, 0));
      return outs.length === 1 ? outs[0] : tf.concat(outs, 0);
    }

    let h = x;
    this.layers.forEach((layer, l) => {
      const a = affine(h, sliceRuns(layer.W), sliceRuns(layer.b), l);
      if (l === last) {
        h = a;
        return;
      }
      const u = layer.V && layer.c ? affine(h, sliceRuns(layer.V), sliceRuns(layer.c), l) : null;
      const all = this.activateAllOnGpu(segments, l, a, u, mode, range) ?? this.activateAllOnCpu(segments, l, a, u, mode);
      if (all) {
        h = all;
        collect?.push(h);
        return;
      }
      const aParts = split(a);
      const uParts = u ? split(u) : null;
      const parts = segments.map((seg, k) => this.activate(seg, l, aParts[k], uParts ? uParts[k] : null, mode));
      h = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
      collect?.push(h);
    });
    return h;
  }

  /**
   * Hidden layer l's activation for ALL segments as one dispatch per direction
   * (src/core/gpu/stackActivation.ts), when the stack holds parameter tables (WebGPU); null
   * otherwise.
   */
  private activateAllOnGpu(segments: Segment[], l: number, a: tf.Tensor, u: tf.Tensor | null, mode: Mode, range: RunRange): tf.Tensor | null {
    if (!this.tables || !gpuEngineKernelsActive() || a.size === 0 || a.dtype !== 'float32') return null;
    const parts: GpuSegment[] = [];
    for (const { g, s, e } of segments) {
      const kernels = Stack.op(g.resolved, mode).gpuKernels;
      if (!kernels) return null;
      parts.push({ kernels, runs: e - s, trained: g.resolved.params.map((p) => g.learnable.includes(p.name)) });
    }
    const T = this.tables[l];
    const full = range.start === 0 && range.count === this.size;
    const table = T && !full ? tf.slice(T, [range.start, 0], [range.count, T.shape[1] as number]) : T;
    return stackActivation(u ? [a, u] : [a], table, parts);
  }

  /**
   * Hidden layer l's activation for ALL segments as one op (src/core/cpu/segmentOp.ts): on the
   * CPU backend when every group's op has CPU programs; null otherwise, and the caller applies
   * per group. A stochastic group in training runs its rule o(a, mask) there with the mask as
   * the segment's extra argument (not in gated stacks, whose u the rule does not take).
   */
  private activateAllOnCpu(segments: Segment[], l: number, a: tf.Tensor, u: tf.Tensor | null, mode: Mode): tf.Tensor | null {
    if (!cpuKernelsActive()) return null;
    const parts: CpuSegment[] = [];
    const per = a.shape.slice(1).reduce((n, d) => n * d, 1);
    for (const seg of segments) {
      const stochastic = mode === 'train' ? seg.g.resolved.stochastic : undefined;
      const part = stochastic ? this.stochasticCpuSegment(seg, per, u !== null) : this.cpuSegment(seg, l, mode);
      if (!part) return null;
      parts.push(part);
    }
    // Masks are drawn only once the layer surely runs here (the per-group fallback draws its own).
    segments.forEach((seg, i) => {
      const [extra, rule] = [parts[i].extra, seg.g.resolved.stochastic];
      if (extra && rule) this.fillMask(extra, seg, per, rule.probabilityParam);
    });
    // A training forward pass is always followed by its backward pass (Trainer.trainStep).
    return segmentActivation(u ? [a, u] : [a], parts, mode === 'train');
  }

  /** A deterministic group's part of activateAllOnCpu; null when its op has no CPU programs. */
  private cpuSegment({ g, s, e }: Segment, l: number, mode: Mode): CpuSegment | null {
    const programs = Stack.op(g.resolved, mode).cpuPrograms;
    if (!programs) return null;
    const whole = s === g.start && e === g.start + g.count;
    const own = this.paramsOf(g, l);
    const params = programs.params.map((name) => {
      const p = own[name];
      return whole ? p : tf.slice(p, [s - g.start, 0, 0], [e - s, 1, 1]);
    });
    // Fixed parameters (and all of them when evaluating) need no gradient: not computing it
    // saves up to a third of an activation's work (golu's optional β, γ; SAU's s).
    return { kernels: programs, runs: e - s, params, paramGrads: programs.params.map((n) => mode === 'train' && g.learnable.includes(n)) };
  }

  /**
   * A stochastic group's training part of activateAllOnCpu: its rule's programs o(a, mask), the
   * mask (filled by the caller) as the extra argument, a reused array (fresh ones, ~0.3 MB per
   * layer per step, cost a tenth of the step in garbage collection); null when the rule has no
   * CPU programs or the stack is gated.
   */
  private stochasticCpuSegment({ g, s, e }: Segment, per: number, gated: boolean): CpuSegment | null {
    const programs = g.resolved.stochastic?.train.cpuPrograms;
    if (!programs || gated || programs.vars.length !== 2 || programs.params.length) return null;
    return { kernels: programs, runs: e - s, params: [], extra: takeArray((e - s) * per) };
  }

  /** Hidden layer l's activation for the runs of one segment: a (and u when gated) [e − s, B, width]. */
  private activate({ g, s, e }: Segment, l: number, a: tf.Tensor, u: tf.Tensor | null, mode: Mode): tf.Tensor {
    const act = Stack.op(g.resolved, mode);
    const repeat = parametersNeedRepeat() && !act.readsPerRunParams?.();
    const params: Record<string, tf.Tensor> = {};
    for (const [name, p] of Object.entries(this.paramsOf(g, l))) {
      const own = s === g.start && e === g.start + g.count ? p : tf.slice(p, [s - g.start, 0, 0], [e - s, 1, 1]);
      // One value (a single run) stays as it is: ops read such parameters as scalars
      // (Mittag-Leffler's α, β must be fixed numbers), and a scalar broadcasts fast anyway.
      params[name] = repeat && own.size > 1 ? repeatPerRun(own, a.shape) : own;
    }
    const stochastic = mode === 'train' ? g.resolved.stochastic : undefined;
    if (stochastic) {
      const rule = stochastic.train.applyGated;
      if (!rule) throw new Error(`Activation "${g.resolved.id}" has no two-variable training op`);
      return rule(a, this.drawMask(g, s, e, a.shape, stochastic.probabilityParam), {});
    }
    if (u) {
      if (!act.applyGated) throw new Error(`Activation "${g.resolved.id}" is gated but has no gated op`);
      return act.applyGated(a, u, params);
    }
    return act.apply(a, params);
  }

  /**
   * Bernoulli(p) masks for stack runs [s, e), each from its own run's stream in draw order, so
   * a run's masks do not depend on which other runs share the stack.
   */
  private drawMask(g: ActivationGroup, s: number, e: number, shape: number[], pName: string): tf.Tensor {
    const per = shape.slice(1).reduce((n, d) => n * d, 1);
    const mask = new Float32Array((e - s) * per);
    this.fillMask(mask, { g, s, e }, per, pName);
    return tf.tensor(mask, [e - s, ...shape.slice(1)]);
  }

  /** A segment's masks: `per` elements of each of runs [s, e), each run's next() < p in order. */
  private fillMask(mask: Float32Array | Float64Array, { g, s, e }: Segment, per: number, pName: string): void {
    for (let r = s; r < e; r++) {
      (this.maskRngs.get(r) as Rng).fillBernoulli(mask, (r - s) * per, per, g.values[r - g.start][pName]);
    }
  }

  /** Every tensor the stack owns, trained or not (for snapshots and disposal). */
  private ownedTensors(): tf.Tensor[] {
    const out: tf.Tensor[] = [];
    for (const l of this.layers) out.push(l.W, l.b, ...(l.V ? [l.V] : []), ...(l.c ? [l.c] : []));
    for (const g of this.groups) for (const rec of g.params) out.push(...Object.values(rec));
    for (const t of this.tables ?? []) if (t) out.push(t);
    return out;
  }

  /** Per-run parameter values by layer, in stack order. */
  async activationParamValues(): Promise<Record<string, number>[][]> {
    const out: Record<string, number>[][] = this.runs.map(() => []);
    if (this.tables) {
      for (const table of this.tables) {
        const d = table ? await table.data() : null;
        const width = table ? (table.shape[1] as number) : 0;
        for (const g of this.groups) {
          for (let k = 0; k < g.count; k++) {
            const layer: Record<string, number> = {};
            g.resolved.params.forEach((p, c) => (layer[p.name] = (d as Float32Array)[(g.start + k) * width + c]));
            out[g.start + k].push(layer);
          }
        }
      }
      return out;
    }
    for (const g of this.groups) {
      for (const rec of g.params) {
        const values = await Promise.all(Object.entries(rec).map(async ([n, t]) => [n, await t.data()] as const));
        for (let k = 0; k < g.count; k++) {
          const layer: Record<string, number> = {};
          for (const [n, d] of values) layer[n] = d[k];
          out[g.start + k].push(layer);
        }
      }
    }
    return out;
  }

  /** Per-run weights (stack order): per layer W, b (and V, c when gated). */
  async weightValues(): Promise<LayerWeights[][]> {
    const out: LayerWeights[][] = this.runs.map(() => []);
    for (let l = 0; l < this.layers.length; l++) {
      const L = this.layers[l];
      const [fanIn, fanOut] = [this.widths[l], this.widths[l + 1]];
      const [W, b] = [await L.W.data(), await L.b.data()] as Float32Array[];
      const V = L.V ? ((await L.V.data()) as Float32Array) : null;
      const c = L.c ? ((await L.c.data()) as Float32Array) : null;
      for (let r = 0; r < this.size; r++) {
        const lw: LayerWeights = {
          fanIn, fanOut,
          W: W.slice(r * fanIn * fanOut, (r + 1) * fanIn * fanOut),
          b: b.slice(r * fanOut, (r + 1) * fanOut),
        };
        if (V && c) {
          lw.V = V.slice(r * fanIn * fanOut, (r + 1) * fanIn * fanOut);
          lw.c = c.slice(r * fanOut, (r + 1) * fanOut);
        }
        out[r].push(lw);
      }
    }
    return out;
  }

  dispose(): void {
    for (const t of this.ownedTensors()) t.dispose();
    for (const t of this.tableBounds) t.dispose();
  }
}
