/**
 * Activation resolvers: registry entry (or typed formula) → compiled activation → tf.js ops
 * (train mode with the surrogate backward for modifiers, eval mode for evaluation and
 * prediction), and the registry's per-seed initial parameters. Each engine's resolver is this
 * with its own op maker: the composed ops here, the CPU kernels' (src/core/cpu/cpuResolver.ts),
 * the fused WGSL kernels' (src/core/gpu/fusedResolver.ts); src/core/train/chooseKernels.ts
 * picks one by backend.
 */
import { compileActivation, compileFormula } from '../activation/compile';
import { makeTfActivation, type TfActivationOptions } from '../activation/tfop';
import type { CompiledActivation } from '../activation/types';
import { customEntry, customIdProblem, entryFor } from '../custom/compileCustom';
import { resolveEntry } from '../registry/index';
import { drawInitialParams } from '../registry/initialParams';
import type { ActivationResolver, EngineActivation, ResolvedActivation } from './resolvedActivation';

type MakeOp = (compiled: CompiledActivation, options: TfActivationOptions) => EngineActivation;

/**
 * A resolver whose tf.js ops come from `makeOp`; compiled ops are cached per (entry, options).
 * `makeRuleOp` makes a stochastic activation's training rule o(a, mask).
 */
export function resolverWith(makeOp: MakeOp, makeRuleOp: MakeOp = makeTfActivation): ActivationResolver {
  const cache = new Map<string, ResolvedActivation>();
  return (spec) => {
    // Typed formulas: spec.custom, or a `my.…` id that encodes one; both compile like an entry.
    const problem = spec.custom ? undefined : customIdProblem(spec.id);
    if (problem) throw new Error(problem);
    const entry = spec.custom ? customEntry(spec.custom) : (entryFor(spec.id) ?? resolveEntry(spec.id));
    const compiled = compileActivation(entry, spec.options ?? {});
    const options = Object.keys(compiled.options).sort().map((k) => `${k}=${compiled.options[k]}`);
    const key = `${entry.id}[${options.join(',')}]`;
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = {
        id: entry.id,
        key,
        label: options.length ? `${entry.name} [${options.join(', ')}]` : entry.name,
        params: compiled.params,
        gated: compiled.vars.length === 2,
        train: makeOp(compiled, { training: true }),
        eval: makeOp(compiled, { training: false }),
        // Random-init families (kaf, fourier-kan, apa `readme`, …) draw per run seed.
        initialParams: (seed) => drawInitialParams(entry, compiled.options, seed),
      };
      if (entry.trainingRule) {
        const rule = entry.trainingRule(compiled.options);
        const op = compileFormula(rule.formula, [], { vars: ['a', 'u'], id: `${key}:training-rule`, name: `${entry.name} (training rule)` });
        resolved.stochastic = { train: makeRuleOp(op, { training: true }), probabilityParam: rule.probabilityParam };
      }
      cache.set(key, resolved);
    }
    return resolved;
  };
}

/** Composed tf.js ops on every backend (the reference the engines' ops are tested against). */
export const composedRegistryResolver = resolverWith(makeTfActivation);
