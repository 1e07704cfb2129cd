/**
 * The CPU kernels' activation resolver: ops that carry their CPU programs (./cpuActivation.ts),
 * so the engine runs every group of a layer as one op on the 'cpu' backend (composed ops
 * elsewhere). A stochastic rule's programs are made branch-free, so the engine runs it in a
 * layer's one op too.
 */
import type { CompiledActivation } from '../activation/types';
import type { Node } from '../expr/ast';
import { resolverWith } from '../kernels/activationResolver';
import { makeCpuTfActivation } from './cpuActivation';

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

export const cpuKernelRegistryResolver = resolverWith(makeCpuTfActivation, (op, o) => makeCpuTfActivation(branchFreeRule(op), o));
