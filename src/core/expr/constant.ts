/** Whether a tree depends on no symbol at all, so every compiler can fold it to one number. */
import type { Node } from './ast';

/** `memo` caches per node: trees share subtrees, and compilers ask about every one of them. */
export function isConstantNode(n: Node, memo: Map<Node, boolean>): boolean {
  const hit = memo.get(n);
  if (hit !== undefined) return hit;
  const c = (m: Node) => isConstantNode(m, memo);
  let r: boolean;
  switch (n.kind) {
    case 'num': r = true; break;
    case 'sym': r = false; break;
    case 'neg':
    case 'not': r = c(n.arg); break;
    case 'bin':
    case 'logic': r = c(n.left) && c(n.right); break;
    case 'cmp': r = c(n.left) && c(n.right) && (!n.tie || (c(n.tie.dl) && c(n.tie.dr))); break;
    case 'call': r = n.args.every(c); break;
    case 'cond': r = c(n.test) && c(n.then) && c(n.else); break;
  }
  memo.set(n, r);
  return r;
}
