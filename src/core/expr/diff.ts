/**
 * Exact symbolic differentiation of expression trees.
 *
 * Kinks follow the registry's left-hand rule (ACTIVATIONS.md, "Kink convention"): the derivative
 * of `c ? A : B` is `c′ ? A′ : B′`, where every comparison in c′ carries `tie = {dl, dr}`, the
 * derivatives of its two sides along the direction `dir` (x unless told). At an exact tie the
 * comparison is decided as it holds just left of the point. max, min and abs are rewritten as
 * such conditionals first, so relu′(0) = 0, relu6′(6) = 1, abs′(0) = −1, leaky′(0) = a.
 */
import type { Node } from './ast';
import { ExprError } from './errors';
import { TIE_SCALE_FLOOR } from './evaluate';
import { add, call, cmp, cond, div, logic, mul, neg, not, num, pow, sub } from './simplify';

/** True when `n` mentions the symbol `name`. */
export function dependsOn(n: Node, name: string, memo = new Map<Node, boolean>()): boolean {
  const hit = memo.get(n);
  if (hit !== undefined) return hit;
  let r: boolean;
  switch (n.kind) {
    case 'num': r = false; break;
    case 'sym': r = n.name === name; break;
    case 'neg':
    case 'not': r = dependsOn(n.arg, name, memo); break;
    case 'bin':
    case 'logic':
    case 'cmp': r = dependsOn(n.left, name, memo) || dependsOn(n.right, name, memo); break;
    case 'call': r = n.args.some((a) => dependsOn(a, name, memo)); break;
    case 'cond': r = dependsOn(n.test, name, memo) || dependsOn(n.then, name, memo) || dependsOn(n.else, name, memo); break;
  }
  memo.set(n, r);
  return r;
}

/** max(u, v) ≡ (v > u ? v : u); min(u, v) ≡ (v < u ? v : u); abs(u) ≡ (u > 0 ? u : −u). */
function asConditional(n: Extract<Node, { kind: 'call' }>): Node | undefined {
  const [u, v] = n.args;
  if (n.fn === 'max') return { kind: 'cond', test: { kind: 'cmp', op: '>', left: v, right: u }, then: v, else: u };
  if (n.fn === 'min') return { kind: 'cond', test: { kind: 'cmp', op: '<', left: v, right: u }, then: v, else: u };
  if (n.fn === 'abs') return { kind: 'cond', test: { kind: 'cmp', op: '>', left: u, right: num(0) }, then: u, else: neg(u) };
  return undefined;
}

const isZero = (n: Node): boolean => n.kind === 'num' && n.value === 0;

/** w == 2·w: true exactly where w is 0 or ±∞ (false for NaN); folds to false for other constants. */
const flatAt = (w: Node): Node => cmp('==', w, mul(num(2), w));

const TWO_OVER_SQRT_PI = 1.1283791670955126;

class Differentiator {
  private readonly memo = new Map<Node, Node>();
  private readonly dirMemo: Differentiator;
  private readonly deps = new Map<Node, boolean>();

  constructor(private readonly wrt: string, dirDiff?: Differentiator) {
    this.dirMemo = dirDiff ?? this;
  }

  d(n: Node): Node {
    const hit = this.memo.get(n);
    if (hit) return hit;
    const out = dependsOn(n, this.wrt, this.deps) ? this.rule(n) : num(0);
    this.memo.set(n, out);
    return out;
  }

  private scale: Node | undefined;

  /** max(|dir|, 2⁻¹²⁶), one shared node. */
  private tieScale(): Node {
    this.scale ??= call('max', [call('abs', [{ kind: 'sym', name: this.dirMemo.wrt }]), num(TIE_SCALE_FLOOR)]);
    return this.scale;
  }

  /** Derivative along the tie direction, used to annotate comparisons. */
  private dDir(n: Node): Node {
    return this.dirMemo.d(n);
  }

  /**
   * Annotate every comparison in a condition with its tie-breaking derivatives, scaled by the
   * size of the direction variable, max(|x|, 2⁻¹²⁶), so evaluators can tell a kink from an
   * interval the comparison is tied over (evaluate.ts isolatedTie). A side that is the literal 0
   * needs no scale (the tie value is 0, and the unscaled constants fold at compile time).
   */
  private tieTest(t: Node): Node {
    switch (t.kind) {
      case 'cmp': {
        if (t.tie) return t;
        const dl = this.dDir(t.left);
        const dr = this.dDir(t.right);
        if (isZero(t.left) || isZero(t.right)) return cmp(t.op, t.left, t.right, { dl, dr });
        const s = this.tieScale();
        return cmp(t.op, t.left, t.right, { dl: mul(dl, s), dr: mul(dr, s) });
      }
      case 'logic':
        return logic(t.op, this.tieTest(t.left), this.tieTest(t.right));
      case 'not':
        return not(this.tieTest(t.arg));
      default:
        return t;
    }
  }

  private rule(n: Node): Node {
    switch (n.kind) {
      case 'num':
        return num(0);
      case 'sym':
        return num(n.name === this.wrt ? 1 : 0);
      case 'neg':
        return neg(this.d(n.arg));
      case 'bin':
        return this.binary(n);
      case 'cond':
        return cond(this.tieTest(n.test), this.d(n.then), this.d(n.else));
      case 'call':
        return this.callRule(n);
      case 'cmp':
      case 'logic':
      case 'not':
        throw new ExprError('A condition cannot be differentiated as a number', 0, 0);
    }
  }

  private binary(n: Extract<Node, { kind: 'bin' }>): Node {
    const { left: u, right: v } = n;
    switch (n.op) {
      case '+':
        return add(this.d(u), this.d(v));
      case '-':
        return sub(this.d(u), this.d(v));
      case '*':
        return add(mul(this.d(u), v), mul(u, this.d(v)));
      case '/': {
        const du = this.d(u);
        const dv = this.d(v);
        // (u′ − (u/v)·v′)/v rather than (u′v − uv′)/v²: v² overflows or underflows long before
        // u/v does (1/(1e-190·x) has a finite f′, v² = 0), and where v overflows to ∞ (with v′
        // 0 there, see '^') it gives 0, not ∞/∞; u/v is the node itself, shared.
        if (dv.kind === 'num' && dv.value === 0) return div(du, v);
        return div(sub(du, mul(n, dv)), v);
      }
      case '^': {
        if (!dependsOn(v, this.wrt, this.deps)) {
          // n·u^(n−1)·u′ — also right for negative u when n is an integer.
          return mul(mul(v, pow(u, sub(v, num(1)))), this.d(u));
        }
        // u^v = exp(v·ln u): (u^v)′ = u^v·(v′·ln|u| + v·u′/u). |u|: where u < 0 and u^v is a
        // number, v is an integer there and v′ = 0, so ln u must not turn that 0 into NaN.
        // Where u^v or u is 0 or ±∞ (w == 2w holds for exactly those, in every precision) the
        // power as evaluated is flat: 0^x, (x > 1)^x and underflows stay 0, an overflow such as
        // x^x^x stays ∞ and ∞^v is ∞, 1 or 0 by the sign of v alone. Its derivative is 0 there,
        // not 0·ln 0, ∞·0 or ∞/∞ = NaN, so sigmoid(x^x^x) is flat where x^x^x overflows.
        const logBase = call('log', [call('abs', [u])]);
        const rate = dependsOn(u, this.wrt, this.deps) ? add(mul(this.d(v), logBase), div(mul(v, this.d(u)), u)) : mul(logBase, this.d(v));
        return cond(logic('or', flatAt(n), flatAt(u)), num(0), mul(n, rate));
      }
    }
  }

  private callRule(n: Extract<Node, { kind: 'call' }>): Node {
    const rewritten = asConditional(n);
    if (rewritten) return this.d(rewritten);
    const u = n.args[0];
    const du = this.d(u);
    const chain = (outer: Node): Node => mul(outer, du);
    switch (n.fn) {
      case 'exp': return chain(n);
      case 'expm1': return chain(call('exp', [u]));
      case 'log': return div(du, u);
      case 'log1p': return div(du, add(num(1), u));
      case 'sqrt': return div(du, mul(num(2), n));
      case 'sign':
      case 'step':
      case 'ceil':
      case 'floor':
        return num(0);
      case 'sin': return chain(call('cos', [u]));
      case 'cos': return neg(chain(call('sin', [u])));
      case 'tan': return div(du, pow(call('cos', [u]), num(2)));
      case 'tanh': return chain(sub(num(1), pow(n, num(2))));
      case 'sinh': return chain(call('cosh', [u]));
      case 'cosh': return chain(call('sinh', [u]));
      case 'atan': return div(du, add(num(1), pow(u, num(2))));
      case 'erf': return chain(mul(num(TWO_OVER_SQRT_PI), call('exp', [neg(pow(u, num(2)))])));
      case 'Phi': return chain(call('phi', [u]));
      case 'phi': return neg(chain(mul(u, n)));
      case 'sigmoid': return chain(mul(n, sub(num(1), n)));
      case 'softplus': return chain(call('sigmoid', [u]));
      case 'logsigmoid': return chain(call('sigmoid', [neg(u)]));
      case 'mlE':
      case 'mlE1':
      case 'mlE2': {
        if (n.args.slice(1).some((a) => dependsOn(a, this.wrt, this.deps))) {
          throw new ExprError(`Mittag-Leffler parameters (alpha, beta) cannot be differentiated; keep them fixed`, 0, 0);
        }
        if (n.fn === 'mlE2') throw new ExprError('Third derivative of the Mittag-Leffler function is not available', 0, 0);
        return chain(call(n.fn === 'mlE' ? 'mlE1' : 'mlE2', n.args));
      }
      case 'max':
      case 'min':
      case 'abs':
        throw new ExprError(`internal: ${n.fn} should have been rewritten`, 0, 0);
    }
  }
}

/**
 * d node / d wrt. `dir` (default 'x') is the direction in which ties at kinks are broken: for a
 * derivative by a parameter, kinks are still decided from the left in x.
 */
export function diff(node: Node, wrt: string, dir = 'x'): Node {
  if (dir === wrt) return new Differentiator(wrt).d(node);
  const along = new Differentiator(dir);
  return new Differentiator(wrt, along).d(node);
}
