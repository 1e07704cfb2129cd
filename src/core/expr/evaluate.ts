/**
 * Compiles an expression tree to a float64 JS closure (no eval, no new Function): each node
 * becomes a small closure over its children's closures. Subtrees that mention no variable are
 * folded to constants once at compile time. Conditionals evaluate only the branch taken.
 */
import type { CmpOp, FnName, Node } from './ast';
import { isConstantNode } from './constant';
import { ExprError } from './errors';
import { children } from './size';
import { compare } from './simplify';
import * as sf from '../math/special';

type Env = ArrayLike<number>;
export type NumFn = (env: Env) => number;
type BoolFn = (env: Env) => boolean;

const UNARY: Partial<Record<FnName, (x: number) => number>> = {
  exp: Math.exp, log: Math.log, log1p: Math.log1p, expm1: Math.expm1, sqrt: Math.sqrt,
  abs: Math.abs, sign: sf.sign, step: sf.step, sin: Math.sin, cos: Math.cos, tan: Math.tan,
  tanh: Math.tanh, sinh: Math.sinh, cosh: Math.cosh, atan: Math.atan, erf: sf.erf, Phi: sf.Phi,
  phi: sf.phi, sigmoid: sf.sigmoid, softplus: sf.softplus, logsigmoid: sf.logsigmoid,
  ceil: Math.ceil, floor: Math.floor,
};

const ML_ORDER: Partial<Record<FnName, sf.MlOrder>> = { mlE: 0, mlE1: 1, mlE2: 2 };

/**
 * The kink rule at an exact tie u == v: just left of the point, u − v has the sign of
 * −(u′ − v′), so u > v (and u ≥ v) holds iff u′ < v′.
 */
export function tieDecision(op: CmpOp, dl: number, dr: number): boolean {
  switch (op) {
    case '>':
    case '>=':
      return dl < dr;
    case '<':
    case '<=':
      return dl > dr;
    case '==':
      return false;
    case '!=':
      return true;
  }
}

/**
 * The rule that tells a true kink from a comparison tied over an interval as evaluated, shared by
 * every path (float64 here, the CPU JIT and row interpreter; float32 in tfjs.ts and wgslExpr.ts).
 * At an exact tie u == v = t, the sides move apart at |dl − dr| along the direction x; they round
 * apart (by an ulp of t, ε·|t|) within a step of √(1/ε) ulps of x (ε·|x|·2^(p/2)) iff
 * |dl − dr|·|x|·2^(p/2) > |t| (ε cancels). Then the tie is a point and the kink rule decides it;
 * otherwise the comparison holds as evaluated over a whole neighbourhood (Phi(x) < 1 for
 * x ≳ 8.3 in float64, ≳ 5.4 in float32; erf(x) >= 1 for x ≳ 5.9), and f′ is that of the branch
 * taken. √(1/ε) ulps sits between the widths of the two cases by orders of magnitude: a
 * saturated tail ties over ~1/(x²ε) ulps and more, a crossing such as Phi(x) >= Phi(5) over
 * ~1/(x·phi(x)) relative ulps, and x >= 1e10 over one. diff.ts multiplies dl and dr by
 * s = max(|x|, 2⁻¹²⁶) (the float32 smallest normal, so x = 0 is not a degenerate scale), except
 * where a side is the literal 0 (relu-type kinks: there t = 0, and any slope above 2^-(p/2)
 * decides), so evaluators compare |dl − dr| (scaled) with max(|t|, smallest normal).
 */
export const TIE_SCALE_FLOOR = 2 ** -126;
/** 2^(p/2) and the smallest normal, for float64 (p = 52) and float32 (p = 23, rounded up to 24). */
const TIE_F64 = { ratio: 2 ** 26, floor: 2 ** -1022 } as const;
export const TIE_F32 = { ratio: 2 ** 12, floor: 2 ** -126 } as const;

/** Whether the float64 tie u == v = t with (scaled) side derivatives dl, dr is a kink (see above). */
export function isolatedTie(v: number, dl: number, dr: number): boolean {
  return Math.abs(dl - dr) * TIE_F64.ratio > Math.max(Math.abs(v), TIE_F64.floor);
}

class Float64Compiler {
  private readonly index = new Map<string, number>();
  private readonly numMemo = new Map<Node, NumFn>();
  private readonly constMemo = new Map<Node, boolean>();
  /** How many parents each node has across every tree compiled here. */
  private readonly uses = new Map<Node, number>();
  /** Ticks once per top-level evaluation; a shared node's value is kept for one tick. */
  private readonly clock = { tick: 0 };

  constructor(names: string[], roots: Node[]) {
    names.forEach((n, i) => this.index.set(n, i));
    const visit = (n: Node): void => {
      for (const c of children(n)) {
        const k = this.uses.get(c);
        this.uses.set(c, (k ?? 0) + 1);
        if (k === undefined) visit(c);
      }
    };
    for (const r of roots) {
      if (!this.uses.has(r)) {
        this.uses.set(r, 1);
        visit(r);
      } else this.uses.set(r, (this.uses.get(r) as number) + 1);
    }
  }

  /** A closure for a root: a new evaluation, so shared values from the last one are stale. */
  root(n: Node): NumFn {
    const f = this.num(n);
    const clock = this.clock;
    return (e) => {
      clock.tick++;
      return f(e);
    };
  }

  private isConstant(n: Node): boolean {
    return isConstantNode(n, this.constMemo);
  }

  num(n: Node): NumFn {
    const hit = this.numMemo.get(n);
    if (hit) return hit;
    let f = this.numRaw(n);
    if (n.kind !== 'num' && this.isConstant(n)) {
      const v = f([]);
      f = () => v;
    } else if (n.kind !== 'sym' && (this.uses.get(n) ?? 0) > 1) {
      // Expanded registry calls and derivatives share subtrees (a DAG): evaluate each once per
      // evaluation, not once per path to it, which grows exponentially with nesting.
      const inner = f;
      const clock = this.clock;
      let at = -1;
      let v = 0;
      f = (e) => {
        if (at !== clock.tick) {
          v = inner(e);
          at = clock.tick;
        }
        return v;
      };
    }
    this.numMemo.set(n, f);
    return f;
  }

  private numRaw(n: Node): NumFn {
    switch (n.kind) {
      case 'num': {
        const v = n.value;
        return () => v;
      }
      case 'sym': {
        const i = this.index.get(n.name);
        if (i === undefined) throw new ExprError(`Unknown symbol "${n.name}" (not among ${[...this.index.keys()].join(', ')})`, 0, 0);
        return (e) => e[i];
      }
      case 'neg': {
        const a = this.num(n.arg);
        return (e) => -a(e);
      }
      case 'bin': {
        const l = this.num(n.left);
        const r = this.num(n.right);
        switch (n.op) {
          case '+': return (e) => l(e) + r(e);
          case '-': return (e) => l(e) - r(e);
          case '*': return (e) => l(e) * r(e);
          case '/': return (e) => l(e) / r(e);
          case '^': return (e) => Math.pow(l(e), r(e));
        }
        break;
      }
      case 'call': return this.callFn(n);
      case 'cond': {
        const t = this.bool(n.test);
        const a = this.num(n.then);
        const b = this.num(n.else);
        return (e) => (t(e) ? a(e) : b(e));
      }
      case 'cmp':
      case 'logic':
      case 'not': {
        const t = this.bool(n);
        return (e) => (t(e) ? 1 : 0);
      }
    }
    throw new ExprError('internal: unhandled node', 0, 0);
  }

  private callFn(n: Extract<Node, { kind: 'call' }>): NumFn {
    const args = n.args.map((a) => this.num(a));
    const order = ML_ORDER[n.fn];
    if (order !== undefined) {
      const [z, alpha, beta] = args;
      return (e) => sf.mittagLeffler(z(e), alpha(e), beta(e), order);
    }
    if (n.fn === 'max') {
      const [a, b] = args;
      return (e) => Math.max(a(e), b(e));
    }
    if (n.fn === 'min') {
      const [a, b] = args;
      return (e) => Math.min(a(e), b(e));
    }
    const f = UNARY[n.fn];
    if (!f) throw new ExprError(`internal: no float64 implementation of ${n.fn}`, 0, 0);
    const a = args[0];
    return (e) => f(a(e));
  }

  bool(n: Node): BoolFn {
    switch (n.kind) {
      case 'cmp': {
        const l = this.num(n.left);
        const r = this.num(n.right);
        const op = n.op;
        if (!n.tie) return (e) => compare(op, l(e), r(e));
        const dl = this.num(n.tie.dl);
        const dr = this.num(n.tie.dr);
        return (e) => {
          const lv = l(e);
          const rv = r(e);
          if (lv === rv) {
            const a = dl(e);
            const b = dr(e);
            if (a !== b && isolatedTie(lv, a, b)) return tieDecision(op, a, b);
          }
          return compare(op, lv, rv);
        };
      }
      case 'logic': {
        const a = this.bool(n.left);
        const b = this.bool(n.right);
        return n.op === 'and' ? (e) => a(e) && b(e) : (e) => a(e) || b(e);
      }
      case 'not': {
        const a = this.bool(n.arg);
        return (e) => !a(e);
      }
      default: {
        const v = this.num(n);
        return (e) => v(e) !== 0;
      }
    }
  }
}

/** Compile to a closure that reads variable `names[i]` from `values[i]`. */
export function compileFloat64(node: Node, names: string[]): NumFn {
  return new Float64Compiler(names, [node]).root(node);
}

/** Compile several trees sharing one compiler, so common subtrees are compiled once. */
export function compileFloat64Many(nodes: Node[], names: string[]): NumFn[] {
  const c = new Float64Compiler(names, nodes);
  return nodes.map((n) => c.root(n));
}

/** One-off evaluation. */
export function evaluateNode(node: Node, env: Record<string, number>): number {
  const names = Object.keys(env);
  return compileFloat64(node, names)(names.map((k) => env[k]));
}
