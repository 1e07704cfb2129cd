/**
 * Prints an expression tree as one Python expression for torch, jax.numpy or tf. The printed
 * expression computes exactly the tree: same operation order (parentheses wherever Python's
 * associativity would regroup floating-point operations), same constants (shortest round-trip
 * float64 text, which Python reads back to the identical double), conditionals as `where`, and
 * tie-annotated comparisons decided by the left-hand kink rule, as the playground evaluates them.
 */
import type { CmpOp, Node } from '../expr/ast';
import { evaluateNode } from '../expr/evaluate';
import { DIALECTS, type PyDialect } from './python-dialects';

/** Export refused: the message says why (unsupported function, unknown symbol). */
export class CodegenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodegenError';
  }
}

export interface PyExprOptions {
  dialect: PyDialect;
  /** Python identifier for every symbol the tree may use (variables and parameters). */
  names: Record<string, string>;
  /**
   * The Python name of the array whose dtype (and device) numbers made by the printed code take:
   * the first variable, so the export computes in whichever dtype the caller's input has.
   */
  like: string;
}

/**
 * Python binding strength of what we print, loosest first. Comparisons are the loosest: in
 * Python they bind looser than `&` and `|`, so `x > 0 & y` would compare against `0 & y`.
 */
const enum Prec {
  Cmp = 0,
  Or = 1,
  And = 2,
  Add = 3,
  Mul = 4,
  Unary = 5,
  Pow = 6,
  Atom = 7,
}

interface Printed {
  text: string;
  prec: Prec;
}

/**
 * A float64 literal as Python source. JS's Number → string is the shortest text that reads
 * back to the same double (the same digits Python's repr picks), so constants survive exactly.
 */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (v === Infinity) return "float('inf')";
  if (v === -Infinity) return "(-float('inf'))";
  if (Object.is(v, -0)) return '(-0.0)';
  let s = String(v);
  if (!/[.eE]/.test(s)) s += '.0';
  return v < 0 ? `(${s})` : s;
}

/**
 * Numbers known at export time: literals, and subtrees without symbols, evaluated with the
 * playground's own float64 evaluator so the value is the one the playground uses.
 */
function constantValue(node: Node): number | undefined {
  if (node.kind === 'num') return node.value;
  return isConstant(node) ? evaluateNode(node, {}) : undefined;
}

/** True when the subtree uses no variable or parameter (so it is a Python float, not an array). */
function isConstant(node: Node): boolean {
  // Memoised: trees share subtrees (expanded registry calls), walked as trees they blow up.
  const hit = constantMemo.get(node);
  if (hit !== undefined) return hit;
  const r = isConstantRaw(node);
  constantMemo.set(node, r);
  return r;
}
const constantMemo = new WeakMap<Node, boolean>();

function isConstantRaw(node: Node): boolean {
  switch (node.kind) {
    case 'num':
      return true;
    case 'sym':
      return false;
    case 'neg':
    case 'not':
      return isConstant(node.arg);
    case 'bin':
    case 'cmp':
    case 'logic':
      return isConstant(node.left) && isConstant(node.right);
    case 'call':
      return node.args.every(isConstant);
    case 'cond':
      return isConstant(node.test) && isConstant(node.then) && isConstant(node.else);
  }
}

/** `u op v` for two known numbers: used to decide a tie at export time when both slopes are constants. */
function compareNumbers(op: CmpOp, u: number, v: number): boolean {
  switch (op) {
    case '>': return u > v;
    case '<': return u < v;
    case '>=': return u >= v;
    case '<=': return u <= v;
    case '==': return u === v;
    case '!=': return u !== v;
  }
}

/** Whether the plain comparison is already true when both sides are equal. */
function trueAtEquality(op: CmpOp): boolean {
  return op === '>=' || op === '<=' || op === '==';
}

/** Longest exported expression. */
const MAX_PY_EXPR_LENGTH = 200_000;

export function pythonExpr(node: Node, opts: PyExprOptions): string {
  const ops = DIALECTS[opts.dialect];
  const constant = (text: string): string => ops.constantOperand(text, opts.like);

  const wrap = (p: Printed, min: Prec): string => (p.prec < min ? `(${p.text})` : p.text);
  function printCall(node: Extract<Node, { kind: 'call' }>): Printed {
    const { fn, args } = node;
    if (fn === 'max' || fn === 'min') {
      if (args.length === 0) throw new CodegenError(`${fn}() needs at least one argument`);
      // n-ary max/min fold left, as the parser defines them. Values only: which side wins a
      // tie does not change the value, and derivatives arrive as their own trees.
      let text = print(args[0]).text;
      let allConstant = isConstant(args[0]);
      for (const next of args.slice(1)) {
        const nextText = print(next).text;
        const nextConstant = isConstant(next);
        if (allConstant && nextConstant) text = `${fn}(${text}, ${nextText})`;
        else if (nextConstant) text = ops.clamp(fn, text, nextText);
        else if (allConstant) text = ops.clamp(fn, nextText, text);
        else text = `${fn === 'max' ? ops.maximum : ops.minimum}(${text}, ${nextText})`;
        allConstant = allConstant && nextConstant;
      }
      return { text: allConstant ? constant(text) : text, prec: Prec.Atom };
    }
    if (fn === 'mlE' || fn === 'mlE1' || fn === 'mlE2') {
      throw new CodegenError(
        'Mittag-Leffler functions (mlE) cannot be exported: no torch/JAX/Keras op computes E_{α,β}; ' +
          'the playground evaluates them with a float64 series on the CPU.',
      );
    }
    const form = ops.unary[fn];
    if (!form) throw new CodegenError(`Function "${fn}" has no ${opts.dialect} export`);
    if (args.length !== 1) throw new CodegenError(`${fn}() takes 1 argument, got ${args.length}`);
    const arg = args[0];
    const printed = print(arg);
    const text = isConstant(arg) ? constant(printed.text) : printed.text;
    const atom = isConstant(arg) ? text : wrap(printed, Prec.Mul + 1);
    return { text: form(text, atom, opts.like), prec: Prec.Atom };
  }

  function printCmp(node: Extract<Node, { kind: 'cmp' }>): Printed {
    const left = node.left;
    const lhs = isConstant(left) && isConstant(node.right) ? constant(print(left).text) : wrap(print(left), Prec.Or);
    const rhs = wrap(print(node.right), Prec.Or);
    const plain = `${lhs} ${node.op} ${rhs}`;
    if (!node.tie) return { text: plain, prec: Prec.Cmp };
    // Left-hand kink rule: at left == right the comparison holds as it does just left of the
    // point, where left − right has the sign of (dr − dl); i.e. `dr op dl`.
    const dl = constantValue(node.tie.dl);
    const dr = constantValue(node.tie.dr);
    if (dl !== undefined && dr !== undefined) {
      const atTie = compareNumbers(node.op, dr, dl);
      if (atTie === trueAtEquality(node.op)) return { text: plain, prec: Prec.Cmp };
      return atTie
        ? { text: `(${plain}) | (${lhs} == ${rhs})`, prec: Prec.Or }
        : { text: `(${plain}) & (${lhs} != ${rhs})`, prec: Prec.And };
    }
    const drText = isConstant(node.tie.dr) && isConstant(node.tie.dl)
      ? constant(print(node.tie.dr).text)
      : wrap(print(node.tie.dr), Prec.Or);
    const decision = `${drText} ${node.op} ${wrap(print(node.tie.dl), Prec.Or)}`;
    return { text: `${ops.where}(${lhs} == ${rhs}, ${decision}, ${plain})`, prec: Prec.Atom };
  }

  /** Shared subtrees print once; the text is still written at every use, so it is bounded. */
  const printMemo = new Map<Node, Printed>();
  function print(node: Node): Printed {
    const hit = printMemo.get(node);
    if (hit) return hit;
    const p = printRaw(node);
    if (p.text.length > MAX_PY_EXPR_LENGTH) {
      throw new CodegenError(`The expression is too long to export (over ${MAX_PY_EXPR_LENGTH} characters of Python once shared parts are written out); nest fewer activation calls`);
    }
    printMemo.set(node, p);
    return p;
  }

  function printRaw(node: Node): Printed {
    switch (node.kind) {
      case 'num':
        return { text: pyFloat(node.value), prec: Prec.Atom };
      case 'sym': {
        const name = opts.names[node.name];
        if (name === undefined) throw new CodegenError(`Unknown symbol "${node.name}" in the expression`);
        return { text: name, prec: Prec.Atom };
      }
      case 'neg':
        return { text: `-${wrap(print(node.arg), Prec.Unary + 1)}`, prec: Prec.Unary };
      case 'bin': {
        if (node.op === '^') {
          const exponent = constantValue(node.right);
          // Integer exponents print as Python ints: every target then takes its integer-power
          // path, which keeps the sign exact for negative bases.
          const right = exponent !== undefined && Number.isInteger(exponent) && Math.abs(exponent) < 2 ** 31
            ? (exponent < 0 ? `(${exponent})` : String(exponent))
            : wrap(print(node.right), Prec.Pow);
          return { text: `${wrap(print(node.left), Prec.Pow + 1)} ** ${right}`, prec: Prec.Pow };
        }
        const prec = node.op === '+' || node.op === '-' ? Prec.Add : Prec.Mul;
        // Right operands of equal binding keep their parentheses: a - (b - c), a / (b * c), and
        // a + (b + c) too, since float addition is not associative.
        return { text: `${wrap(print(node.left), prec)} ${node.op} ${wrap(print(node.right), prec + 1)}`, prec };
      }
      case 'call':
        return printCall(node);
      case 'cmp':
      case 'logic':
      case 'not':
        // A truth value used as a number is 1 or 0, as in the playground's evaluator.
        return { text: ops.boolToNumber(printBool(node).text, opts.like), prec: Prec.Atom };
      case 'cond': {
        // Two constant branches would make a float32 where in torch and tf: one of them becomes
        // an array of the input's dtype (a single constant branch already takes the other's).
        const then = print(node.then).text;
        const twoConstants = isConstant(node.then) && isConstant(node.else);
        return {
          text: `${ops.where}(${printBool(node.test).text}, ${twoConstants ? constant(then) : then}, ${print(node.else).text})`,
          prec: Prec.Atom,
        };
      }
    }
  }

  /** A node in a truth-value position; a number there means "is non-zero". */
  function printBool(node: Node): Printed {
    switch (node.kind) {
      case 'cmp':
        return printCmp(node);
      case 'logic': {
        const prec = node.op === 'and' ? Prec.And : Prec.Or;
        const sym = node.op === 'and' ? '&' : '|';
        return { text: `${wrap(printBool(node.left), prec)} ${sym} ${wrap(printBool(node.right), prec + 1)}`, prec };
      }
      case 'not':
        return { text: `~${wrap(printBool(node.arg), Prec.Atom)}`, prec: Prec.Unary };
      default:
        return { text: `${wrap(print(node), Prec.Or)} != 0.0`, prec: Prec.Cmp };
    }
  }

  return print(node).text;
}
