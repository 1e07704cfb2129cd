/**
 * The CPU programs of one activation, compiled from its trees (./slotProgram.ts): the forward
 * f, and ONE backward program whose roots are dy·∂f/∂v for each input variable (f′, or the
 * surrogate when training a backward-rule modifier; ∂o/∂a and ∂o/∂u for gated blocks) followed
 * by dy·∂f/∂p for each parameter that has a derivative. Shared subtrees (σ(βx), masks, …) are
 * computed once per element for all of them.
 */
import type { CompiledActivation } from '../activation/types';
import type { Node } from '../expr/ast';
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
   * Training: f and, in the same pass, ∂f/∂v per var and ∂f/∂p per parameter root (no dy), so
   * the backward pass only multiplies by dy: subtrees that f and its derivatives share (Φ(x) in
   * GELU, tanh(softplus(x)) in Mish) are computed once per element instead of twice.
   */
  forwardWithDerivatives: SlotProgram;
}

/** Name of the upstream gradient in the backward trees (the parser never makes a `$`). */
const DY = '$dy';

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
  const withDerivative = params.filter((p) => compiled.ast.dparams[p]);
  const dy: Node = { kind: 'sym', name: DY };
  const times = (n: Node): Node => ({ kind: 'bin', op: '*', left: dy, right: n });
  const k: CpuKernels = {
    vars: compiled.vars,
    params,
    forward: compileSlotProgram([compiled.ast.f], [...compiled.vars, ...params]),
    backward: compileSlotProgram(
      [...dvarTrees.map(times), ...withDerivative.map((p) => times(compiled.ast.dparams[p]))],
      [...compiled.vars, DY, ...params],
    ),
    dparamRoot: params.map((p) => withDerivative.indexOf(p)),
    forwardWithDerivatives: compileSlotProgram(
      [compiled.ast.f, ...dvarTrees, ...withDerivative.map((p) => compiled.ast.dparams[p])],
      [...compiled.vars, ...params],
    ),
  };
  per.set(mode, k);
  return k;
}
