/**
 * The CPU programs of one activation, compiled from its trees (./slotProgram.ts): the forward
 * f, and ONE backward program whose roots are dy·∂f/∂v for each input variable (f′, or the
 * surrogate when training a backward-rule modifier; ∂o/∂a and ∂o/∂u for gated blocks) followed
 * by dy·∂f/∂p for each parameter that has a derivative. Shared subtrees (σ(βx), masks, …) are
 * computed once per element for all of them.
 */
import type { CompiledActivation } from '../activation/types';
import type { Node } from '../expr/ast';
import { isConstantNode } from '../expr/constant';
import { evaluateNode } from '../expr/evaluate';
import { compileSlotProgram, type SlotProgram } from './slotProgram';

export interface CpuKernels {
  /** Input variables: ['x'], or ['a', 'u'] for gated blocks. */
  vars: string[];
  /** Parameter names in compiled.params order (the scalar arguments of both programs). */
  params: string[];
  /** Arguments: vars…, params… → root f. */
  forward: SlotProgram;
  /** Arguments: vars…, dy, params… → roots dy·∂f/∂v per var, then dy·∂f/∂p per `dparams` entry. */
  backward: SlotProgram;
  /** For each parameter (params order): its root index among the parameter roots, or −1 (no derivative: a zero gradient). */
  dparamRoot: number[];
  /**
   * Training: f and, in the same pass, ∂f/∂v per var and ∂f/∂p per parameter root that is not a
   * constant (no dy), so the backward pass only multiplies by dy: subtrees that f and its
   * derivatives share (Φ(x) in GELU, tanh(softplus(x)) in Mish) are computed once per element
   * instead of twice.
   */
  forwardWithDerivatives: SlotProgram;
  /**
   * Per parameter root: its value where ∂f/∂p is a constant (DyT's ∂f/∂β = 1), which
   * forwardWithDerivatives then does not compute or store per element; null otherwise.
   */
  constantRoot: (number | null)[];
}

/** The backward-side programs for a subset of the parameters (see gradientPrograms). */
export type GradientPrograms = Pick<CpuKernels, 'backward' | 'dparamRoot' | 'forwardWithDerivatives' | 'constantRoot'>;

/** Name of the upstream gradient in the backward trees (the parser never makes a `$`). */
const DY = '$dy';

interface Trees {
  f: Node;
  dvars: Node[];
  /** ∂f/∂p per parameter (params order), null where there is none. */
  dparams: (Node | null)[];
}

const treesOf = new WeakMap<CpuKernels, Trees>();
const subsets = new WeakMap<CpuKernels, Map<string, GradientPrograms>>();

function gradientProgramsOf(t: Trees, vars: string[], params: string[], wanted: boolean[]): GradientPrograms {
  const dy: Node = { kind: 'sym', name: DY };
  const times = (n: Node): Node => ({ kind: 'bin', op: '*', left: dy, right: n });
  const roots = params.map((_, i) => (wanted[i] ? t.dparams[i] : null));
  const rootIndex: number[] = [];
  const rootTrees: Node[] = [];
  roots.forEach((n) => {
    rootIndex.push(n ? rootTrees.length : -1);
    if (n) rootTrees.push(n);
  });
  const memo = new Map<Node, boolean>();
  const constantRoot = rootTrees.map((n) => (isConstantNode(n, memo) ? evaluateNode(n, {}) : null));
  return {
    backward: compileSlotProgram([...t.dvars.map(times), ...rootTrees.map(times)], [...vars, DY, ...params], vars.length + 1),
    dparamRoot: rootIndex,
    forwardWithDerivatives: compileSlotProgram([t.f, ...t.dvars, ...rootTrees.filter((_, j) => constantRoot[j] === null)], [...vars, ...params], vars.length),
    constantRoot,
  };
}

/**
 * The backward-side programs computing only the parameter gradients in `wanted` (params
 * order); the others get no root (dparamRoot −1: a zero gradient). The engine asks only for
 * trained parameters: golu's three optional ones, or SAU's fixed s, cost a third of its
 * per-element work otherwise. Cached per subset.
 */
export function gradientPrograms(k: CpuKernels, wanted: boolean[]): GradientPrograms {
  if (wanted.every(Boolean)) return k;
  const key = wanted.map((w) => (w ? 1 : 0)).join('');
  let per = subsets.get(k);
  if (!per) {
    per = new Map();
    subsets.set(k, per);
  }
  let hit = per.get(key);
  if (!hit) {
    hit = gradientProgramsOf(treesOf.get(k) as Trees, k.vars, k.params, wanted);
    per.set(key, hit);
  }
  return hit;
}

const cache = new WeakMap<CompiledActivation, Map<string, CpuKernels>>();

/** The CPU programs of `compiled`; `training` selects the surrogate backward of modifiers. Cached. */
export function cpuKernels(compiled: CompiledActivation, opts: { training?: boolean } = {}): CpuKernels {
  const useSurrogate = Boolean(opts.training && compiled.ast.surrogate);
  const mode = useSurrogate ? 'surrogate' : 'exact';
  let per = cache.get(compiled);
  if (!per) {
    per = new Map();
    cache.set(compiled, per);
  }
  const hit = per.get(mode);
  if (hit) return hit;
  const params = compiled.params.map((p) => p.name);
  const dvarTrees: Node[] = compiled.vars.length === 2
    ? compiled.vars.map((v) => {
        const t = compiled.ast.dvars?.[v];
        if (!t) throw new Error(`Activation "${compiled.entry.id}" has no ∂o/∂${v} tree`);
        return t;
      })
    : [useSurrogate ? (compiled.ast.surrogate as Node) : compiled.ast.df];
  const trees: Trees = { f: compiled.ast.f, dvars: dvarTrees, dparams: params.map((p) => compiled.ast.dparams[p] ?? null) };
  const k: CpuKernels = {
    vars: compiled.vars,
    params,
    forward: compileSlotProgram([compiled.ast.f], [...compiled.vars, ...params], compiled.vars.length),
    ...gradientProgramsOf(trees, compiled.vars, params, params.map(() => true)),
  };
  treesOf.set(k, trees);
  per.set(mode, k);
  return k;
}
