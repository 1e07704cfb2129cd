/**
 * CompiledActivation → tf.js op with tf.customGrad. The backward pass multiplies dy by the
 * compiled f′ (or, for backward-rule modifiers in training, the surrogate) and by ∂f/∂p, never
 * by tf's autodiff of the forward ops: the plotted derivative and the training gradient are the
 * same function, kinks included.
 */
import * as tf from '@tensorflow/tfjs';
import type { Node } from '../expr/ast';
import { compileTf, compileTfMany, type TfFn, type TfInputs, type TfManyFn } from '../expr/tfjs';
import type { CompiledActivation, TfActivation } from './types';

export interface TfActivationOptions {
  /** Use the surrogate (if the entry has one) in place of f′ in the backward pass. */
  training?: boolean;
  /** Values of fixed parameters known when the op is built (Mittag-Leffler α, β). */
  constants?: Record<string, number>;
}

/** Sum a broadcast gradient back down to the shape of the tensor it belongs to. */
export function reduceToShape(g: tf.Tensor, shape: number[]): tf.Tensor {
  if (g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.shape.length - shape.length;
  const axes: number[] = [];
  g.shape.forEach((d, i) => {
    if (i < lead || (shape[i - lead] === 1 && d !== 1)) axes.push(i);
  });
  const summed = axes.length ? tf.sum(g, axes, true) : g;
  return tf.reshape(summed, shape);
}

/** Input name of the upstream gradient in the backward trees (the parser never makes a `$`). */
const DY = '$dy';

interface Kernels {
  f: TfFn;
  /**
   * All backward products dy·∂ compiled together, so subtrees shared by f′ and the ∂f/∂p
   * (σ(βx), masks, …) are computed once per backward call: roots are dy·dvar per variable
   * (x; or a and u), then dy·surrogate if any, then dy·∂f/∂p per parameter in `dparamNames`.
   */
  backward: TfManyFn;
  dparamNames: string[];
  surrogateIndex?: number;
}

const kernelCache = new WeakMap<CompiledActivation, Map<string, Kernels>>();

function kernels(c: CompiledActivation, constants: Record<string, number>): Kernels {
  const key = JSON.stringify(constants);
  let per = kernelCache.get(c);
  if (!per) {
    per = new Map();
    kernelCache.set(c, per);
  }
  const hit = per.get(key);
  if (hit) return hit;
  const names = [...c.vars, ...c.params.map((p) => p.name)];
  const opts = { constants };
  const dvarNodes = c.ast.dvars ?? { [c.vars[0]]: c.ast.df };
  const dparamNames = Object.keys(c.ast.dparams);
  const dy: Node = { kind: 'sym', name: DY };
  const times = (n: Node): Node => ({ kind: 'bin', op: '*', left: dy, right: n });
  const roots = [
    ...c.vars.map((v) => times(dvarNodes[v])),
    ...(c.ast.surrogate ? [times(c.ast.surrogate)] : []),
    ...dparamNames.map((p) => times(c.ast.dparams[p])),
  ];
  const k: Kernels = {
    f: compileTf(c.ast.f, names, opts),
    backward: compileTfMany(roots, [...names, DY], opts),
    dparamNames,
    ...(c.ast.surrogate ? { surrogateIndex: c.vars.length } : {}),
  };
  per.set(key, k);
  return k;
}

function broadcastShape(ts: tf.Tensor[]): number[] {
  let shape: number[] = [];
  for (const t of ts) shape = tf.broadcast_util.assertAndGetBroadcastShape(shape, t.shape);
  return shape;
}

/** Result of f broadcast to the full shape (a formula like "1" yields a scalar). */
function toShape(t: tf.Tensor, shape: number[]): tf.Tensor {
  return t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : tf.broadcastTo(t, shape);
}

export function makeTfActivation(compiled: CompiledActivation, opts: TfActivationOptions = {}): TfActivation {
  const constants = opts.constants ?? {};
  const k = kernels(compiled, constants);
  const useSurrogate = Boolean(opts.training && k.surrogateIndex !== undefined);

  /**
   * vars: the variable tensors in compiled.vars order. Parameters that are not passed and not
   * constants take their default value (and get no gradient).
   */
  const run = (vars: tf.Tensor[], params: Record<string, tf.Tensor>): tf.Tensor => {
    const given = compiled.params.filter((p) => Object.hasOwn(params, p.name)).map((p) => p.name);
    const defaults = compiled.params.filter((p) => !Object.hasOwn(params, p.name) && !Object.hasOwn(constants, p.name));
    const nv = vars.length;
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args[args.length - 1] as tf.GradSaveFunc;
      const tensors = args.slice(0, -1) as tf.Tensor[];
      save(tensors);
      const inputsOf = (ts: tf.Tensor[]): TfInputs => {
        const inputs: TfInputs = Object.create(null);
        compiled.vars.forEach((v, i) => (inputs[v] = ts[i]));
        given.forEach((p, i) => (inputs[p] = ts[nv + i]));
        for (const p of defaults) inputs[p.name] = tf.scalar(p.default);
        return inputs;
      };
      const shape = broadcastShape(tensors);
      const value = tf.tidy(() => toShape(k.f(inputsOf(tensors)), shape));
      const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] => tf.tidy(() => {
        const inputs = inputsOf(saved);
        inputs[DY] = Array.isArray(dy) ? dy[0] : dy;
        const nvp = compiled.vars.length + (k.surrogateIndex === undefined ? 0 : 1);
        const pick = compiled.vars.map((_, i) => (i === 0 && useSurrogate && k.surrogateIndex !== undefined ? k.surrogateIndex : i));
        // A fixed parameter without a derivative (Mittag-Leffler α, β) gets a zero gradient.
        const withDerivative = given.filter((p) => k.dparamNames.includes(p));
        const products = k.backward(inputs, [...pick, ...withDerivative.map((p) => nvp + k.dparamNames.indexOf(p))]);
        const grads = compiled.vars.map((_, i) => reduceToShape(products[i], saved[i].shape));
        const pgrads = given.map((p, i) => {
          const j = withDerivative.indexOf(p);
          return j >= 0 ? reduceToShape(products[nv + j], saved[nv + i].shape) : tf.zerosLike(saved[nv + i]);
        });
        return [...grads, ...pgrads];
      });
      return { value, gradFunc };
    });
    return op(...vars, ...given.map((p) => params[p]));
  };

  const act: TfActivation = {
    apply(x, params) {
      if (compiled.vars.length !== 1) throw new Error(`Activation "${compiled.entry.id}" is a gated block; use applyGated(a, u, params)`);
      return run([x], params);
    },
  };
  if (compiled.vars.length === 2) act.applyGated = (a, u, params) => run([a, u], params);
  return act;
}
