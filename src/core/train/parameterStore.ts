/**
 * Where a stack's activation parameters live (one scalar per hidden layer per run), apart from
 * the forward pass that reads them. Two layouts, chosen by the stack's kernels:
 * - per group (composed ops, CPU kernels): each parameter of each activation group one
 *   [count, 1, 1] tensor per layer (a tf.Variable when trained), broadcasting against
 *   [count, B, width];
 * - tables (WebGPU kernels, when every group has generated kernels and none is stochastic): one
 *   [R, width] table per hidden layer, one row per run, one column per parameter, zeros past a
 *   group's own parameters (one tf.Variable with per-column ranges when any is trained), so
 *   every group of a layer is one dispatch and the optimizer updates one tensor per layer.
 */
import * as tf from '@tensorflow/tfjs';
import type { Trainable } from '../kernels/stepKernels';
import type { ResolvedActivation } from './activationSpec';

/** The runs of one activation group, as the store needs them. */
export interface ParameterGroup {
  resolved: ResolvedActivation;
  /** Runs [start, start + count) of the stack. */
  start: number;
  count: number;
  learnable: string[];
  /** Run k of the group's starting value of `name` at hidden layer l. */
  initial(k: number, l: number, name: string): number;
}

export interface ParameterStore {
  /** Group g's parameters at hidden layer l as [count, 1, 1] tensors (slices of the table when tabled). */
  of(g: number, l: number): Record<string, tf.Tensor>;
  /** Hidden layer l's [R, width] table, or null (held per group, or no run has parameters). */
  table(l: number): tf.Tensor | null;
  /** Whether the parameters are tables. */
  readonly tabled: boolean;
  /** What the optimizer updates, with their ranges. */
  readonly trainables: Trainable[];
  /** Per run (stack order), per hidden layer: every parameter's value. */
  values(): Promise<Record<string, number>[][]>;
  dispose(): void;
}

function owned(init: tf.Tensor, trained: boolean): tf.Tensor {
  if (!trained) return init;
  const v = tf.variable(init, true);
  init.dispose(); // the variable holds its own reference to the data
  return v;
}

export function groupParameters(groups: ParameterGroup[], hiddenLayers: number, runs: number): ParameterStore {
  const trainables: Trainable[] = [];
  const params = groups.map((g) => Array.from({ length: hiddenLayers }, (_, l) => {
    const rec: Record<string, tf.Tensor> = {};
    for (const p of g.resolved.params) {
      const learn = g.learnable.includes(p.name);
      const t = owned(tf.tensor3d(Float32Array.from({ length: g.count }, (_, k) => g.initial(k, l, p.name)), [g.count, 1, 1]), learn);
      rec[p.name] = t;
      // A parameter's declared range is where its formula is meant to be used (APA's λ, κ
      // clamps, snake's a ≥ 1e-3, …), so training keeps it there.
      if (learn) trainables.push({ variable: t as tf.Variable, decay: false, runStart: g.start, runCount: g.count, clamp: [p.min, p.max] });
    }
    return rec;
  }));
  return {
    of: (g, l) => params[g][l],
    table: () => null,
    tabled: false,
    trainables,
    async values() {
      const out: Record<string, number>[][] = Array.from({ length: runs }, () => []);
      for (const [gi, g] of groups.entries()) {
        for (const rec of params[gi]) {
          const values = await Promise.all(Object.entries(rec).map(async ([n, t]) => [n, await t.data()] as const));
          for (let k = 0; k < g.count; k++) {
            const layer: Record<string, number> = {};
            for (const [n, d] of values) layer[n] = d[k];
            out[g.start + k].push(layer);
          }
        }
      }
      return out;
    },
    dispose() {
      for (const layers of params) for (const rec of layers) for (const t of Object.values(rec)) t.dispose();
    },
  };
}

export function tableParameters(groups: ParameterGroup[], hiddenLayers: number, runs: number): ParameterStore {
  const width = Math.max(0, ...groups.map((g) => g.resolved.params.length));
  const trainables: Trainable[] = [];
  const bounds: tf.Tensor[] = [];
  const tables = Array.from({ length: hiddenLayers }, (_, l) => {
    if (width === 0) return null;
    const values = new Float32Array(runs * width);
    const lo = new Float32Array(runs * width).fill(-Infinity);
    const hi = new Float32Array(runs * width).fill(Infinity);
    let trained = false;
    for (const g of groups) {
      g.resolved.params.forEach((p, c) => {
        const learn = g.learnable.includes(p.name);
        trained ||= learn;
        for (let k = 0; k < g.count; k++) {
          const i = (g.start + k) * width + c;
          values[i] = g.initial(k, l, p.name);
          if (learn) [lo[i], hi[i]] = [p.min, p.max];
        }
      });
    }
    const t = owned(tf.tensor2d(values, [runs, width]), trained);
    if (trained) {
      const range = { lo: tf.tensor2d(lo, [runs, width]), hi: tf.tensor2d(hi, [runs, width]) };
      bounds.push(range.lo, range.hi);
      // Untrained columns get a zero gradient (and no range), so updates leave them as they are.
      trainables.push({ variable: t as tf.Variable, decay: false, runStart: 0, runCount: runs, clampTable: range });
    }
    return t;
  });
  return {
    of(gi, l) {
      const g = groups[gi];
      const out: Record<string, tf.Tensor> = {};
      g.resolved.params.forEach((p, c) => {
        out[p.name] = tf.reshape(tf.slice(tables[l] as tf.Tensor, [g.start, c], [g.count, 1]), [g.count, 1, 1]);
      });
      return out;
    },
    table: (l) => tables[l],
    tabled: true,
    trainables,
    async values() {
      const out: Record<string, number>[][] = Array.from({ length: runs }, () => []);
      for (const table of tables) {
        const d = table ? ((await table.data()) as Float32Array) : null;
        for (const g of groups) {
          for (let k = 0; k < g.count; k++) {
            const layer: Record<string, number> = {};
            g.resolved.params.forEach((p, c) => (layer[p.name] = (d as Float32Array)[(g.start + k) * width + c]));
            out[g.start + k].push(layer);
          }
        }
      }
      return out;
    },
    dispose() {
      for (const t of tables) t?.dispose();
      for (const t of bounds) t.dispose();
    },
  };
}
