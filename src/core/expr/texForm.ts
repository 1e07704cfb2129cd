/**
 * The tree a derivative is shown as: the same function, written as a person would. Differentiation
 * leaves products like e^{u} β e^{-γx} γ β e^{-γx} γ and factors such as αx(A − B); here each
 * product becomes sign · number · parameters (alphabetical) · variables · other factors, equal
 * factors become powers (e^{u}·e^{u} = e^{2u}), and a short factor times a sum is multiplied out
 * so that the shown formula is a sum of terms (a line can break between them).
 *
 * Only for showing (toTex): the computed trees are never rewritten, and every step is an
 * identity of real numbers (tested by evaluating both trees).
 */
import type { Node } from './ast';

/** A product: sign, one number, and the other factors (each already in this form). */
interface Term {
  sign: 1 | -1;
  num: number;
  factors: Node[];
}

export interface TexFormOptions {
  /** Variables, written after the parameters. */
  vars?: readonly string[];
}

/** Multiply out a long sum (at least this many nodes: a short one such as 1 − σ reads best as is)… */
const MIN_DISTRIBUTED_SUM_NODES = 16;
/** …of at most this many terms… */
const MAX_DISTRIBUTED_TERMS = 4;
/** …when the factors it is multiplied by have at most this many nodes together. */
const MAX_DISTRIBUTED_NODES = 8;
/**
 * Trees larger than this (written out: shared subtrees count at every use) are left as they are:
 * their TeX is over toTex's length limit anyway, and this pass walks the written-out tree.
 */
export const MAX_TEX_FORM_NODES = 20_000;

/** Written-out size of a tree that may share subtrees (computed once per distinct node). */
function treeSize(n: Node, memo = new Map<Node, number>()): number {
  const hit = memo.get(n);
  if (hit !== undefined) return hit;
  const kids: Node[] =
    n.kind === 'neg' || n.kind === 'not' ? [n.arg] : n.kind === 'bin' || n.kind === 'cmp' || n.kind === 'logic' ? [n.left, n.right] : n.kind === 'call' ? n.args : n.kind === 'cond' ? [n.test, n.then, n.else] : [];
  const total = kids.reduce((sum, k) => sum + treeSize(k, memo), 1);
  memo.set(n, total);
  return total;
}

const size = (n: Node) => treeSize(n);

/** A structural key (ties of comparisons ignored: they are not shown). */
function key(n: Node): string {
  switch (n.kind) {
    case 'num':
      return `#${n.value}`;
    case 'sym':
      return n.name;
    case 'neg':
      return `-(${key(n.arg)})`;
    case 'not':
      return `!(${key(n.arg)})`;
    case 'bin':
    case 'cmp':
    case 'logic':
      return `(${key(n.left)}${n.op}${key(n.right)})`;
    case 'call':
      return `${n.fn}(${n.args.map(key).join(',')})`;
    case 'cond':
      return `(${key(n.test)}?${key(n.then)}:${key(n.else)})`;
  }
}

class Former {
  private readonly vars: Set<string>;

  constructor(opts: TexFormOptions) {
    this.vars = new Set(opts.vars ?? ['x', 'a', 'u']);
  }

  node(n: Node): Node {
    if (n.kind === 'bin' && n.op !== '/' && n.op !== '^') return this.sum(this.terms(n));
    if (n.kind === 'neg') return this.sum(this.terms(n));
    switch (n.kind) {
      case 'num':
      case 'sym':
        return n;
      case 'bin':
        return { ...n, left: this.node(n.left), right: this.node(n.right) };
      case 'not':
        return { ...n, arg: this.node(n.arg) };
      case 'cmp':
      case 'logic':
        return { ...n, left: this.node(n.left), right: this.node(n.right) };
      case 'call':
        return { ...n, args: n.args.map((a) => this.node(a)) };
      case 'cond':
        return { ...n, test: this.node(n.test), then: this.node(n.then), else: this.node(n.else) };
    }
  }

  /** The terms of a sum (one term for anything else). */
  private terms(n: Node): Term[] {
    if (n.kind === 'bin' && n.op === '+') return [...this.terms(n.left), ...this.terms(n.right)];
    if (n.kind === 'bin' && n.op === '-') return [...this.terms(n.left), ...this.terms(n.right).map(negate)];
    if (n.kind === 'neg') return this.terms(n.arg).map(negate);
    if (n.kind === 'bin' && n.op === '*') {
      const left = this.terms(n.left);
      const right = this.terms(n.right);
      const out: Term[] = [];
      for (const [sum, other] of [
        [left, right],
        [right, left],
      ] as const) {
        const long = sum.length > 1 && sum.length <= MAX_DISTRIBUTED_TERMS && sum.reduce((s, t) => s + t.factors.reduce((z, f) => z + size(f), 1), 0) >= MIN_DISTRIBUTED_SUM_NODES;
        if (long && other.length === 1 && other[0].factors.reduce((s, f) => s + size(f), 0) <= MAX_DISTRIBUTED_NODES) {
          for (const t of sum) out.push(times(t, other[0]));
          return out.map((t) => this.collect(t));
        }
      }
      return [this.collect(times(this.single(left), this.single(right)))];
    }
    if (n.kind === 'num') return [{ sign: n.value < 0 ? -1 : 1, num: Math.abs(n.value), factors: [] }];
    return [{ sign: 1, num: 1, factors: [this.node(n)] }];
  }

  /** Terms as one factor: a lone term as is, a sum as one (parenthesised) factor. */
  private single(terms: Term[]): Term {
    return terms.length === 1 ? terms[0] : { sign: 1, num: 1, factors: [this.sum(terms)] };
  }

  /** Equal factors become one power (e^{u}·e^{v} stay apart unless u = v); factors in order. */
  private collect(t: Term): Term {
    const groups = new Map<string, { base: Node; power: number; first: number }>();
    t.factors.forEach((f, i) => {
      const [base, power] = f.kind === 'bin' && f.op === '^' && f.right.kind === 'num' ? [f.left, f.right.value] : [f, 1];
      const k = key(base);
      const g = groups.get(k);
      if (g) g.power += power;
      else groups.set(k, { base, power, first: i });
    });
    const rank = (b: Node) => (b.kind === 'sym' ? (this.vars.has(b.name) ? 1 : 0) : 2);
    const ordered = [...groups.values()].sort((a, b) => {
      const r = rank(a.base) - rank(b.base);
      if (r !== 0) return r;
      if (a.base.kind === 'sym' && b.base.kind === 'sym') return a.base.name < b.base.name ? -1 : a.base.name > b.base.name ? 1 : 0;
      return a.first - b.first;
    });
    const factors = ordered.flatMap(({ base, power }): Node[] => {
      if (power === 0) return [];
      if (power === 1) return [base];
      // (e^{u})^k = e^{k u}
      if (base.kind === 'call' && base.fn === 'exp') return [{ kind: 'call', fn: 'exp', args: [this.node({ kind: 'bin', op: '*', left: { kind: 'num', value: power }, right: base.args[0] })] }];
      return [{ kind: 'bin', op: '^', left: base, right: { kind: 'num', value: power } }];
    });
    return { ...t, factors };
  }

  private sum(terms: Term[]): Node {
    const kept = terms.filter((t) => t.num !== 0);
    if (kept.length === 0) return { kind: 'num', value: 0 };
    let out: Node | null = null;
    for (const t of kept) {
      const p = product(t);
      if (out === null) out = t.sign < 0 ? { kind: 'neg', arg: p } : p;
      else out = { kind: 'bin', op: t.sign < 0 ? '-' : '+', left: out, right: p };
    }
    return out as Node;
  }
}

function negate(t: Term): Term {
  return { ...t, sign: t.sign === 1 ? -1 : 1 };
}

/** The product of two terms; numbers multiply when the product stays as short to write. */
function times(a: Term, b: Term): Term {
  const sign = a.sign === b.sign ? 1 : -1;
  const n = a.num * b.num;
  const exact = a.num === 1 || b.num === 1 || String(n).length <= Math.max(String(a.num).length, String(b.num).length) + 1;
  if (exact) return { sign, num: n, factors: [...a.factors, ...b.factors] };
  return { sign, num: a.num, factors: [{ kind: 'num', value: b.num }, ...a.factors, ...b.factors] };
}

/** A term's magnitude as a product tree (its sign is written by the sum). */
function product(t: Term): Node {
  const factors: Node[] = t.num === 1 && t.factors.length > 0 ? t.factors : [{ kind: 'num', value: t.num }, ...t.factors];
  return factors.reduce((l, r) => ({ kind: 'bin', op: '*', left: l, right: r }));
}

/** `node` as it is best shown (same values everywhere it is defined). */
export function texForm(node: Node, opts: TexFormOptions = {}): Node {
  if (treeSize(node) > MAX_TEX_FORM_NODES) return node;
  return new Former(opts).node(node);
}
