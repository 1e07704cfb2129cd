/**
 * Simplifying constructors and `simplify`. Derivative trees are built through these so they
 * stay small enough to read as TeX. The rules are deliberately modest:
 * - constants fold only when the result is a "short" number (so 2/3 stays a fraction and
 *   2*pi stays 2π; the float64 evaluator folds everything anyway);
 * - x+0, x*1, 0*x → 0, x^1, x^0, --x, constant conditions and identical branches;
 * - a product or quotient with a conditional that has a 0 branch moves into the branches:
 *   (c ? 0 : A)·B → c ? 0 : A·B. Then the 0 branch never meets B, so a clamped formula's
 *   derivative does not form 0·∞ = NaN where B overflows.
 */
import type { ArithOp, CmpOp, FnName, Node } from './ast';

export function num(value: number): Node {
  return { kind: 'num', value: Object.is(value, -0) ? 0 : value };
}

function isNum(n: Node): n is { kind: 'num'; value: number } {
  return n.kind === 'num';
}

/** Not a type guard on purpose: a false answer says nothing about the node's kind. */
function isVal(n: Node, v: number): boolean {
  return n.kind === 'num' && n.value === v;
}

/** Fold only results that print as short decimals: 0.5, 6, 1e-6, but not 0.333… or 6.283…. */
function short(v: number): boolean {
  return Number.isFinite(v) && Number(v.toPrecision(8)) === v;
}

/** Structural equality (ties included), with an identity shortcut for shared subtrees. */
function sameNode(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'num':
      return Object.is(a.value, (b as typeof a).value) || a.value === (b as typeof a).value;
    case 'sym':
      return a.name === (b as typeof a).name;
    case 'neg':
    case 'not':
      return sameNode(a.arg, (b as typeof a).arg);
    case 'bin':
    case 'logic': {
      const c = b as typeof a;
      return a.op === c.op && sameNode(a.left, c.left) && sameNode(a.right, c.right);
    }
    case 'cmp': {
      const c = b as typeof a;
      if (a.op !== c.op || !sameNode(a.left, c.left) || !sameNode(a.right, c.right)) return false;
      if (!a.tie || !c.tie) return !a.tie && !c.tie;
      return sameNode(a.tie.dl, c.tie.dl) && sameNode(a.tie.dr, c.tie.dr);
    }
    case 'call': {
      const c = b as typeof a;
      return a.fn === c.fn && a.args.length === c.args.length && a.args.every((x, i) => sameNode(x, c.args[i]));
    }
    case 'cond': {
      const c = b as typeof a;
      return sameNode(a.test, c.test) && sameNode(a.then, c.then) && sameNode(a.else, c.else);
    }
  }
}

/** The value of a boolean node whose operands are all constants; undefined otherwise. */
function constantTruth(n: Node): boolean | undefined {
  switch (n.kind) {
    case 'cmp': {
      if (!isNum(n.left) || !isNum(n.right)) return undefined;
      return compare(n.op, n.left.value, n.right.value);
    }
    case 'not': {
      const v = constantTruth(n.arg);
      return v === undefined ? undefined : !v;
    }
    case 'logic': {
      const l = constantTruth(n.left);
      const r = constantTruth(n.right);
      if (n.op === 'and') return l === false || r === false ? false : l === true && r === true ? true : undefined;
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    default:
      return undefined;
  }
}

export function compare(op: CmpOp, l: number, r: number): boolean {
  switch (op) {
    case '>': return l > r;
    case '<': return l < r;
    case '>=': return l >= r;
    case '<=': return l <= r;
    case '==': return l === r;
    case '!=': return l !== r;
  }
}

function hasZeroBranch(n: Node): n is Extract<Node, { kind: 'cond' }> {
  return n.kind === 'cond' && (isVal(n.then, 0) || isVal(n.else, 0));
}

export function neg(a: Node): Node {
  if (isNum(a)) return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  if (a.kind === 'bin' && a.op === '-') return sub(a.right, a.left);
  if (a.kind === 'cond' && (isNum(a.then) || isNum(a.else))) return cond(a.test, neg(a.then), neg(a.else));
  return { kind: 'neg', arg: a };
}

export function add(a: Node, b: Node): Node {
  if (isNum(a) && isNum(b) && short(a.value + b.value)) return num(a.value + b.value);
  if (isVal(a, 0)) return b;
  if (isVal(b, 0)) return a;
  if (b.kind === 'neg') return sub(a, b.arg);
  if (isNum(b) && b.value < 0) return sub(a, num(-b.value));
  if (a.kind === 'neg') return sub(b, a.arg);
  if (sameNode(a, b)) return mul(num(2), a);
  // u + (u ± w) → 2u ± w: the product rule applied twice produces this shape.
  if (b.kind === 'bin' && (b.op === '+' || b.op === '-') && sameNode(a, b.left)) return bin(b.op, mul(num(2), a), b.right);
  return { kind: 'bin', op: '+', left: a, right: b };
}

export function sub(a: Node, b: Node): Node {
  if (isNum(a) && isNum(b) && short(a.value - b.value)) return num(a.value - b.value);
  if (isVal(b, 0)) return a;
  if (isVal(a, 0)) return neg(b);
  if (b.kind === 'neg') return add(a, b.arg);
  return { kind: 'bin', op: '-', left: a, right: b };
}

export function mul(a: Node, b: Node): Node {
  if (isNum(a) && isNum(b) && short(a.value * b.value)) return num(a.value * b.value);
  if (isVal(a, 0) || isVal(b, 0)) return num(0);
  if (isVal(a, 1)) return b;
  if (isVal(b, 1)) return a;
  if (isVal(a, -1)) return neg(b);
  if (isVal(b, -1)) return neg(a);
  if (a.kind === 'neg' && b.kind === 'neg') return mul(a.arg, b.arg);
  if (a.kind === 'neg') return neg(mul(a.arg, b));
  if (b.kind === 'neg') return neg(mul(a, b.arg));
  if (hasZeroBranch(a)) return cond(a.test, mul(a.then, b), mul(a.else, b));
  if (hasZeroBranch(b)) return cond(b.test, mul(a, b.then), mul(a, b.else));
  // u·u → u², u·u^n → u^(n+1) for a numeric n.
  if (sameNode(a, b)) return pow(a, num(2));
  if (b.kind === 'bin' && b.op === '^' && isNum(b.right) && sameNode(a, b.left)) return pow(a, num(b.right.value + 1));
  if (a.kind === 'bin' && a.op === '^' && isNum(a.right) && sameNode(b, a.left)) return pow(b, num(a.right.value + 1));
  if (b.kind === 'bin' && b.op === '*' && sameNode(a, b.left)) return mul(pow(a, num(2)), b.right);
  // Constants to the front, and c1·(c2·u) → (c1c2)·u when the product is short.
  if (isNum(b) && !isNum(a)) return mul(b, a);
  if (isNum(a) && b.kind === 'bin' && b.op === '*' && isNum(b.left) && short(a.value * b.left.value)) {
    return mul(num(a.value * b.left.value), b.right);
  }
  return { kind: 'bin', op: '*', left: a, right: b };
}

export function div(a: Node, b: Node): Node {
  if (isNum(a) && isNum(b) && b.value !== 0 && short(a.value / b.value)) return num(a.value / b.value);
  if (isVal(a, 0)) return num(0);
  if (isVal(b, 1)) return a;
  if (isVal(b, -1)) return neg(a);
  if (a.kind === 'neg') return neg(div(a.arg, b));
  if (b.kind === 'neg') return neg(div(a, b.arg));
  if (hasZeroBranch(a)) return cond(a.test, div(a.then, b), div(a.else, b));
  return { kind: 'bin', op: '/', left: a, right: b };
}

export function pow(a: Node, b: Node): Node {
  if (isNum(a) && isNum(b) && short(Math.pow(a.value, b.value))) return num(Math.pow(a.value, b.value));
  if (isVal(b, 1)) return a;
  if (isVal(b, 0)) return num(1);
  if (isVal(a, 1)) return num(1);
  return { kind: 'bin', op: '^', left: a, right: b };
}

function bin(op: ArithOp, a: Node, b: Node): Node {
  switch (op) {
    case '+': return add(a, b);
    case '-': return sub(a, b);
    case '*': return mul(a, b);
    case '/': return div(a, b);
    case '^': return pow(a, b);
  }
}

export function call(fn: FnName, args: Node[]): Node {
  if (fn === 'exp' && isVal(args[0], 0)) return num(1);
  if ((fn === 'log' && isVal(args[0], 1)) || ((fn === 'sin' || fn === 'tan' || fn === 'tanh' || fn === 'sinh' || fn === 'atan' || fn === 'erf' || fn === 'log1p' || fn === 'expm1') && isVal(args[0], 0))) {
    return num(0);
  }
  if ((fn === 'cos' || fn === 'cosh') && isVal(args[0], 0)) return num(1);
  return { kind: 'call', fn, args };
}

export function cmp(op: CmpOp, left: Node, right: Node, tie?: { dl: Node; dr: Node }): Node {
  // A tie with equal sides decides nothing: the plain comparison is used then anyway.
  const keepTie = tie && !sameNode(tie.dl, tie.dr) ? tie : undefined;
  return keepTie ? { kind: 'cmp', op, left, right, tie: keepTie } : { kind: 'cmp', op, left, right };
}

export function logic(op: 'and' | 'or', a: Node, b: Node): Node {
  const la = constantTruth(a);
  const lb = constantTruth(b);
  if (op === 'and') {
    if (la === true) return b;
    if (lb === true) return a;
  } else {
    if (la === false) return b;
    if (lb === false) return a;
  }
  return { kind: 'logic', op, left: a, right: b };
}

export function not(a: Node): Node {
  if (a.kind === 'not') return a.arg;
  return { kind: 'not', arg: a };
}

export function cond(test: Node, then: Node, otherwise: Node): Node {
  const t = constantTruth(test);
  if (t === true) return then;
  if (t === false) return otherwise;
  if (sameNode(then, otherwise)) return then;
  return { kind: 'cond', test, then, else: otherwise };
}

/** Rebuild a tree through the simplifying constructors (bottom-up, sharing preserved). */
export function simplify(root: Node): Node {
  const memo = new Map<Node, Node>();
  const go = (n: Node): Node => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: Node;
    switch (n.kind) {
      case 'num':
      case 'sym':
        out = n;
        break;
      case 'neg':
        out = neg(go(n.arg));
        break;
      case 'bin':
        out = bin(n.op, go(n.left), go(n.right));
        break;
      case 'call':
        out = call(n.fn, n.args.map(go));
        break;
      case 'cmp':
        out = cmp(n.op, go(n.left), go(n.right), n.tie && { dl: go(n.tie.dl), dr: go(n.tie.dr) });
        break;
      case 'logic':
        out = logic(n.op, go(n.left), go(n.right));
        break;
      case 'not':
        out = not(go(n.arg));
        break;
      case 'cond':
        out = cond(go(n.test), go(n.then), go(n.else));
        break;
    }
    memo.set(n, out);
    return out;
  };
  return go(root);
}
