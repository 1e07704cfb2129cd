/**
 * A stack of R MLPs of one architecture trained as ONE computation: weights [R, in, out] and
 * biases [R, 1, out] multiplied with batched matMuls over the run axis. Runs are ordered so
 * that runs sharing an activation are contiguous; each hidden layer applies each distinct
 * activation once to its slice of the run axis (K applications per layer, not R), or all of
 * them in one op where the kernels have one (CPU: one op over the arrays; WebGPU: one dispatch).
 *
 * Everything that differs by engine comes from the stack's kernels (../kernels/stepKernels.ts):
 * the dense layers, the layer-wide activation op, how broadcasts are done, and where the
 * activation parameters live (./parameterStore.ts: per group, or one [R, width] table per
 * hidden layer when the kernels activate a layer over tables).
 */
import * as tf from '@tensorflow/tfjs';
import type { CpuSegment } from '../cpu/segmentOp';
import type { GpuSegment } from '../gpu/stackActivation';
import type { StepKernels } from '../kernels/stepKernels';
import type { ActivationSpec, EngineActivation, ResolvedActivation } from './activationSpec';
import { resolveRunParams } from './activationSpec';
import { createRng, type Rng } from '../data/rng';
import { layerWidths, type Architecture } from './architecture';
import { checkInitialState, initWeights, type GaussianScale, type InitialState, type InitScheme, type LayerWeights } from './init';
import type { Trainable } from './optimizers';
import { groupParameters, tableParameters, type ParameterGroup, type ParameterStore } from './parameterStore';
import { repeatPerRun } from './repeat';

export { repeatForRuns } from './repeat';

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

interface ActivationGroup extends ParameterGroup {
  /** Position in Stack.groups (the parameter store's index). */
  index: number;
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

interface Segment {
  g: ActivationGroup;
  /** Stack runs [s, e). */
  s: number;
  e: number;
}

export class Stack {
  readonly arch: Architecture;
  readonly widths: number[];
  /** Runs in stack order (grouped by activation). */
  readonly runs: StackRun[];
  readonly groups: ActivationGroup[];
  readonly layers: DenseLayer[];
  readonly trainables: Trainable[];
  /** The activation parameters (per group, or tables: the kernels' layout). */
  private readonly params: ParameterStore;
  private readonly kernels: StepKernels;
  /** Stack position → mask stream, for runs with a stochastic activation. */
  private readonly maskRngs = new Map<number, Rng>();

  constructor(arch: Architecture, runs: StackRun[], scheme: InitScheme, kernels: StepKernels, sirenOmega0 = 30) {
    this.arch = arch;
    this.kernels = kernels;
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

    this.groups = [];
    let start = 0;
    for (const g of byKey.values()) {
      const resolved = g.runs[0].resolved;
      this.groups.push({
        index: this.groups.length, resolved, start, count: g.runs.length, learnable: g.learnable, values: g.values,
        initial: (k, l, name) => g.runs[k].initial?.activationParams[l][name] ?? g.values[k][name],
      });
      if (resolved.stochastic) {
        g.runs.forEach((run, k) => this.maskRngs.set(start + k, createRng(run.seed).fork('stochastic-mask')));
      }
      start += g.runs.length;
    }
    const hiddenLayers = nLayers - 1;
    const tabled = kernels.tables !== undefined && hiddenLayers > 0 && this.groups.every(({ resolved: r }) =>
      !r.stochastic && r.train.gpuKernels && r.eval.gpuKernels);
    this.params = (tabled ? tableParameters : groupParameters)(this.groups, hiddenLayers, R);
    this.trainables.push(...this.params.trainables);
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

    const dense = (h: tf.Tensor, W: tf.Tensor, b: tf.Tensor, l: number): tf.Tensor => this.kernels.dense(h, W, b, l);

    if (!this.kernels.layout.splitActivations) {
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
          const u = Vl && cl ? dense(h, Vl[k], cl[k], l) : null;
          h = this.activate(seg, l, dense(h, W[l][k], b[l][k], l), u, mode);
          hidden[l].push(h);
        }
        return dense(h, W[last][k], b[last][k], last);
      });
      for (const parts of hidden) collect?.push(parts.length === 1 ? parts[0] : tf.concat(parts, 0));
      return outs.length === 1 ? outs[0] : tf.concat(outs, 0);
    }

    let h = x;
    this.layers.forEach((layer, l) => {
      const a = dense(h, sliceRuns(layer.W), sliceRuns(layer.b), l);
      if (l === last) {
        h = a;
        return;
      }
      const u = layer.V && layer.c ? dense(h, sliceRuns(layer.V), sliceRuns(layer.c), l) : null;
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
   * Hidden layer l's activation for ALL segments as one dispatch per direction, when the
   * kernels have one (WebGPU: src/core/gpu/stackActivation.ts) and the stack holds parameter
   * tables; null otherwise.
   */
  private activateAllOnGpu(segments: Segment[], l: number, a: tf.Tensor, u: tf.Tensor | null, mode: Mode, range: RunRange): tf.Tensor | null {
    const op = this.kernels.tables;
    if (!op || !this.params.tabled || a.size === 0 || a.dtype !== 'float32') return null;
    const parts: GpuSegment[] = [];
    for (const { g, s, e } of segments) {
      const kernels = Stack.op(g.resolved, mode).gpuKernels;
      if (!kernels) return null;
      parts.push({ kernels, runs: e - s, trained: g.resolved.params.map((p) => g.learnable.includes(p.name)) });
    }
    const T = this.params.table(l);
    const full = range.start === 0 && range.count === this.size;
    const table = T && !full ? tf.slice(T, [range.start, 0], [range.count, T.shape[1] as number]) : T;
    return op(u ? [a, u] : [a], table, parts);
  }

  /**
   * Hidden layer l's activation for ALL segments as one op, when the kernels have one (CPU:
   * src/core/cpu/segmentOp.ts) and every group's op has CPU programs; null otherwise, and the
   * caller applies per group. A stochastic group in training runs its rule o(a, mask) there with the mask as
   * the segment's extra argument (not in gated stacks, whose u the rule does not take).
   */
  private activateAllOnCpu(segments: Segment[], l: number, a: tf.Tensor, u: tf.Tensor | null, mode: Mode): tf.Tensor | null {
    const op = this.kernels.segments;
    if (!op) return null;
    const parts: CpuSegment[] = [];
    const per = a.shape.slice(1).reduce((n, d) => n * d, 1);
    for (const seg of segments) {
      const stochastic = mode === 'train' ? seg.g.resolved.stochastic : undefined;
      const part = stochastic ? this.stochasticCpuSegment(seg, per, u !== null, op.scratch) : this.cpuSegment(seg, l, mode);
      if (!part) return null;
      parts.push(part);
    }
    // Masks are drawn only once the layer surely runs here (the per-group fallback draws its own).
    segments.forEach((seg, i) => {
      const [extra, rule] = [parts[i].extra, seg.g.resolved.stochastic];
      if (extra && rule) this.fillMask(extra, seg, per, rule.probabilityParam);
    });
    // A training forward pass is always followed by its backward pass (Trainer.trainStep).
    return op.apply(u ? [a, u] : [a], parts, mode === 'train');
  }

  /** A deterministic group's part of activateAllOnCpu; null when its op has no CPU programs. */
  private cpuSegment({ g, s, e }: Segment, l: number, mode: Mode): CpuSegment | null {
    const programs = Stack.op(g.resolved, mode).cpuPrograms;
    if (!programs) return null;
    const whole = s === g.start && e === g.start + g.count;
    const own = this.params.of(g.index, l);
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
  private stochasticCpuSegment({ g, s, e }: Segment, per: number, gated: boolean, scratch: (n: number) => Float64Array): CpuSegment | null {
    const programs = g.resolved.stochastic?.train.cpuPrograms;
    if (!programs || gated || programs.vars.length !== 2 || programs.params.length) return null;
    return { kernels: programs, runs: e - s, params: [], extra: scratch((e - s) * per) };
  }

  /** Hidden layer l's activation for the runs of one segment: a (and u when gated) [e − s, B, width]. */
  private activate({ g, s, e }: Segment, l: number, a: tf.Tensor, u: tf.Tensor | null, mode: Mode): tf.Tensor {
    const act = Stack.op(g.resolved, mode);
    const repeat = this.kernels.layout.repeatParams && !act.readsPerRunParams?.();
    const params: Record<string, tf.Tensor> = {};
    for (const [name, p] of Object.entries(this.params.of(g.index, l))) {
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

  /** Per-run parameter values by layer, in stack order. */
  activationParamValues(): Promise<Record<string, number>[][]> {
    return this.params.values();
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
    for (const l of this.layers) for (const t of [l.W, l.b, l.V, l.c]) t?.dispose();
    this.params.dispose();
  }
}
