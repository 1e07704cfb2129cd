/**
 * How large a tree is once written out. Registry calls expand at parse time and share their
 * argument (silu(silu(x)) holds the inner call once, used twice), so a 73-character formula can
 * stand for millions of operations: printers see it written out, and the parser bounds that size.
 */
import type { Node } from './ast';

/** The largest accepted formula, counted in operations once every shared subtree is written out. */
export const MAX_EXPANDED_NODES = 2000;

/** A node's operands, in one place for every walker that needs them all (tie derivatives included). */
export function children(n: Node): Node[] {
  switch (n.kind) {
    case 'num':
    case 'sym': return [];
    case 'neg':
    case 'not': return [n.arg];
    case 'bin':
    case 'logic': return [n.left, n.right];
    case 'cmp': return n.tie ? [n.left, n.right, n.tie.dl, n.tie.dr] : [n.left, n.right];
    case 'call': return n.args;
    case 'cond': return [n.test, n.then, n.else];
  }
}

/** Nodes of the tree written out (shared subtrees counted at every use); at most `cap` + 1. */
export function expandedSize(root: Node, cap = MAX_EXPANDED_NODES, memo = new Map<Node, number>()): number {
  const go = (n: Node): number => {
    const hit = memo.get(n);
    if (hit !== undefined) return hit;
    let s = 1;
    for (const c of children(n)) {
      s += go(c);
      if (s > cap) {
        s = cap + 1;
        break;
      }
    }
    memo.set(n, s);
    return s;
  };
  return go(root);
}

/**
 * The most distinct operations f, f′ and f″ of a typed formula may take together: each is one
 * per point and curve when the Explorer samples 2,001 points on every slider move. Twice the
 * registry's largest default (chebyshev, ~600).
 */
export const MAX_SAMPLED_NODES = 1200;

/** Distinct nodes of several trees together (what an evaluator that shares subtrees computes). */
export function distinctNodes(roots: Node[]): number {
  const seen = new Set<Node>();
  const stack = [...roots];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...children(n));
  }
  return seen.size;
}
