/**
 * The default ActivationResolver: registry entry (or typed formula) → compiled activation →
 * tf.js ops (train mode with the surrogate backward for modifiers, eval mode for evaluation and
 * prediction), and the registry's per-seed initial parameters.
 *
 * On tf.js's 'webgpu' backend the ops are the fused WGSL kernels (src/core/gpu: one dispatch
 * per application instead of 5–15); on 'cpu', the CPU kernels (src/core/cpu: one pass over the
 * data per direction); elsewhere (wasm, webgl), the composed tf.js ops. The backend is read when
 * a spec is resolved, i.e. when a trainer is created.
 */
import * as tf from '@tensorflow/tfjs';
import { compileActivation, compileFormula } from '../activation/compile';
import { makeTfActivation, type TfActivationOptions } from '../activation/tfop';
import type { CompiledActivation } from '../activation/types';
import type { Node } from '../expr/ast';
import { customEntry, customIdProblem, entryFor } from '../custom/compileCustom';
import { makeCpuTfActivation } from '../cpu/cpuActivation';
import { makeFusedTfActivation } from '../gpu/fusedActivation';
import { resolveEntry, stochasticTrainingRule } from '../registry/index';
import { drawInitialParams } from '../registry/initialParams';
import type { ActivationResolver, EngineActivation, ResolvedActivation } from './activationSpec';

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
      if (entry.id === 'stochastic-silu-relu') {
        const rule = stochasticTrainingRule(compiled.options);
        // The compiler's two-variable form is o(a, u): rename whole identifiers x → a, m → u.
        const src = rule.formula.replace(/\b[A-Za-z_]\w*\b/g, (id) => (id === 'x' ? 'a' : id === rule.maskVariable ? 'u' : id));
        const op = compileFormula(src, [], { vars: ['a', 'u'], id: `${key}:training-rule`, name: `${entry.name} (training rule)` });
        resolved.stochastic = { train: makeRuleOp(op, { training: true }), probabilityParam: rule.probabilityParam };
      }
      cache.set(key, resolved);
    }
    return resolved;
  };
}

/** A node with each child replaced by f(child). */
function mapChildren(n: Node, f: (child: Node) => Node): Node {
  switch (n.kind) {
    case 'num':
    case 'sym': return n;
    case 'neg':
    case 'not': return { ...n, arg: f(n.arg) };
    case 'bin':
    case 'logic':
    case 'cmp': return { ...n, left: f(n.left), right: f(n.right) };
    case 'call': return { ...n, args: n.args.map(f) };
    case 'cond': return { ...n, test: f(n.test), then: f(n.then), else: f(n.else) };
  }
}

/** The training rule's mask test u > 0. */
function isMaskTest(n: Node): boolean {
  return n.kind === 'cmp' && n.op === '>' && n.left.kind === 'sym' && n.left.name === 'u' && n.right.kind === 'num' && n.right.value === 0;
}

/**
 * `u > 0 ? A : B` → u·A + (1 − u)·B, for a mask u ∈ {0, 1}: the same value for finite A and B
 * (up to the sign of a zero), and no branch, which a p = ½ mask mispredicts every other
 * element (the CPU rule's per-element cost 16 → 9 ns). Shared subtrees stay shared (memo).
 */
function blendMask(n: Node, memo: Map<Node, Node>): Node {
  let out = memo.get(n);
  if (out) return out;
  const m = (c: Node): Node => blendMask(c, memo);
  if (n.kind === 'cond' && isMaskTest(n.test)) {
    const u: Node = { kind: 'sym', name: 'u' };
    const notU: Node = { kind: 'bin', op: '-', left: { kind: 'num', value: 1 }, right: u };
    out = { kind: 'bin', op: '+', left: { kind: 'bin', op: '*', left: u, right: m(n.then) }, right: { kind: 'bin', op: '*', left: notU, right: m(n.else) } };
  } else {
    out = mapChildren(n, m);
  }
  memo.set(n, out);
  return out;
}

/**
 * The stochastic rule o(a, u) for the CPU kernels: f and ∂o/∂a with the mask's conditionals
 * blended (blendMask); ∂o/∂u stays the compiler's (zero: the mask is not differentiated).
 */
function branchFreeRule(op: CompiledActivation): CompiledActivation {
  const memo = new Map<Node, Node>();
  const dvars = op.ast.dvars ?? {};
  const blended = { f: blendMask(op.ast.f, memo), df: blendMask(op.ast.df, memo), dvars: { ...dvars, ...(dvars.a ? { a: blendMask(dvars.a, memo) } : {}) } };
  return { ...op, ast: { ...op.ast, ...blended } };
}

/** Composed tf.js ops on every backend (the reference the fused kernels are tested against). */
export const composedRegistryResolver = resolverWith(makeTfActivation);

const fused = resolverWith(makeFusedTfActivation);

/**
 * CPU kernels on the 'cpu' backend (composed ops elsewhere): compared with the composed resolver
 * in the bench. The stochastic rule's CPU programs (branch-free) let the engine run it in a
 * layer's one op.
 */
export const cpuKernelRegistryResolver = resolverWith(makeCpuTfActivation, (op, o) => makeCpuTfActivation(branchFreeRule(op), o));

export const registryResolver: ActivationResolver = (spec) => {
  const backend = tf.getBackend();
  return backend === 'webgpu' ? fused(spec) : backend === 'cpu' ? cpuKernelRegistryResolver(spec) : composedRegistryResolver(spec);
};
