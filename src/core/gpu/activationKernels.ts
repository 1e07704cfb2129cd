/**
 * The WGSL of one activation, generated from its compiled trees: forward f, the derivative for
 * each input variable (f′, or the surrogate when training a backward-rule modifier; ∂o/∂a and
 * ∂o/∂u for gated blocks), and ∂f/∂p for each parameter. Each becomes one kernel function.
 */
import type { CompiledActivation } from '../activation/types';
import type { Node } from '../expr/ast';
import type { KernelSource } from './activationPrograms';
import { emitWgslFunction, WgslUnsupportedError } from './wgslExpr';
import { fnv1a } from '../math/fnv1a';

/** The generated sources of one activation (mode): forward, per-variable and per-parameter derivatives. */
export interface ActivationKernels {
  forward: KernelSource;
  /** ∂f/∂v per input variable (x; a and u for gated blocks), surrogate for x when training a modifier. */
  dvars: KernelSource[];
  /** ∂f/∂p per parameter, in compiled.params order; null where the compiler gives none (fixed α, β). */
  dparams: (KernelSource | null)[];
}

export type KernelSupport = { ok: true; kernels: ActivationKernels } | { ok: false; reason: string };

/** FNV-1a 32-bit, for the pipeline-cache key of a generated kernel. */
function hashText(text: string): string {
  return fnv1a(text).toString(36);
}

function source(node: Node, args: string[]): KernelSource {
  const code = emitWgslFunction('ap_fn', node, args);
  return { code, key: `${hashText(code)}${code.length.toString(36)}` };
}

const kernelCache = new WeakMap<CompiledActivation, Map<string, KernelSupport>>();

/**
 * Generate the WGSL of an activation, or say why it cannot be generated. Cached per compiled
 * activation and mode.
 */
export function activationKernels(compiled: CompiledActivation, opts: { training?: boolean } = {}): KernelSupport {
  const useSurrogate = Boolean(opts.training && compiled.ast.surrogate);
  const mode = useSurrogate ? 'surrogate' : 'exact';
  let perCompiled = kernelCache.get(compiled);
  if (!perCompiled) {
    perCompiled = new Map();
    kernelCache.set(compiled, perCompiled);
  }
  const hit = perCompiled.get(mode);
  if (hit) return hit;
  let support: KernelSupport;
  try {
    const args = [...compiled.vars, ...compiled.params.map((p) => p.name)];
    const gated = compiled.vars.length === 2;
    const varTrees = gated
      ? compiled.vars.map((v) => {
          const t = compiled.ast.dvars?.[v];
          if (!t) throw new WgslUnsupportedError(`no ∂o/∂${v} tree for gated activation "${compiled.entry.id}"`);
          return t;
        })
      : [useSurrogate ? (compiled.ast.surrogate as NonNullable<typeof compiled.ast.surrogate>) : compiled.ast.df];
    support = {
      ok: true,
      kernels: {
        forward: source(compiled.ast.f, args),
        dvars: varTrees.map((t) => source(t, args)),
        dparams: compiled.params.map((p) => {
          const t = compiled.ast.dparams[p.name];
          return t ? source(t, args) : null;
        }),
      },
    };
  } catch (e) {
    if (!(e instanceof WgslUnsupportedError)) throw e;
    support = { ok: false, reason: e.message };
  }
  perCompiled.set(mode, support);
  return support;
}
