/**
 * Expression tree → one WGSL function `fn name(p_0: f32, …) -> f32`, the body a list of `let`
 * statements with common subexpressions emitted once (derivative trees repeat subtrees a lot).
 * Semantics follow the tf.js compiler: both branches of a conditional are computed and one is
 * selected (like tf.where), comparisons produced by differentiation decide exact ties by the
 * left-hand rule (`tie`), integer powers are repeated multiplication, stable special functions
 * come from the WGSL prelude. Constant subtrees are folded in float64 here.
 */
import type { CmpOp, FnName, Node } from '../expr/ast';
import { isConstantNode } from '../expr/constant';
import { evaluateNode, TIE_F32 } from '../expr/evaluate';

/** The generator has no WGSL form for this tree (e.g. Mittag-Leffler functions). */
export class WgslUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WgslUnsupportedError';
  }
}

/**
 * One-argument functions: a prelude implementation or a WGSL builtin of the same meaning; step
 * is a select. Total with max/min and the Mittag-Leffler functions (which have no kernel form),
 * so a new function fails to typecheck here.
 */
const UNARY_WGSL: Record<Exclude<FnName, 'max' | 'min' | 'step' | 'mlE' | 'mlE1' | 'mlE2'>, string> = {
  exp: 'ap_exp', log: 'ap_log', log1p: 'ap_log1p', expm1: 'ap_expm1', sqrt: 'sqrt', abs: 'abs',
  sign: 'sign', sin: 'ap_sin', cos: 'ap_cos', tan: 'ap_tan', tanh: 'ap_tanh', sinh: 'ap_sinh',
  cosh: 'ap_cosh', atan: 'ap_atan', erf: 'ap_erf', Phi: 'ap_Phi', phi: 'ap_phi', sigmoid: 'ap_sigmoid',
  softplus: 'ap_softplus', logsigmoid: 'ap_logsigmoid', ceil: 'ceil', floor: 'floor',
};

/** Integer exponents up to this size become multiplications; larger ones use pow. */
const MAX_UNROLLED_POWER = 64;

const F32_MAX = 3.4028234663852886e38;

/** A float32 WGSL literal; infinities and NaN are read at run time (constant ones are errors). */
export function wgslLiteral(v: number): string {
  if (Number.isNaN(v)) return 'ap_nan()';
  const f = Math.fround(v);
  if (f === Infinity) return 'ap_inf()';
  if (f === -Infinity) return '(-ap_inf())';
  // Subnormal literals are flushed on some GPUs anyway; write them as zero.
  if (Math.abs(f) < 1.1754943508222875e-38) return '0.0';
  let text = Number.isInteger(f) && Math.abs(f) < 1e9 ? `${f}.0` : f.toPrecision(9);
  // Nine digits round the float32 maximum up past itself, which no shader compiler accepts as an
  // f32; it is the only float32 that happens to: write it exactly, in hexadecimal.
  if (Math.abs(Number(text)) > F32_MAX) text = f < 0 ? '-0x1.fffffep+127' : '0x1.fffffep+127';
  return f < 0 ? `(${text})` : text;
}

type Kind = 'f' | 'b';
interface Value {
  code: string;
  kind: Kind;
}

/** WGSL's comparison for the kink rule at an exact tie (same table as evaluate.ts's tieDecision). */
function tieCode(op: CmpOp, dl: string, dr: string): string {
  switch (op) {
    case '>':
    case '>=': return `(${dl} < ${dr})`;
    case '<':
    case '<=': return `(${dl} > ${dr})`;
    case '==': return 'false';
    case '!=': return 'true';
  }
}

class WgslEmitter {
  private readonly lines: string[] = [];
  private readonly byKey = new Map<string, Value>();
  private readonly byNode = new Map<Node, Value>();
  private readonly constMemo = new Map<Node, boolean>();
  private readonly symbols: Map<string, string>;
  private next = 0;

  constructor(args: string[]) {
    this.symbols = new Map(args.map((a, i) => [a, `p_${i}`]));
  }

  body(): string {
    return this.lines.join('\n');
  }

  private bind(key: string, kind: Kind, code: string): Value {
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const name = `t_${this.next++}`;
    this.lines.push(`  let ${name}: ${kind === 'f' ? 'f32' : 'bool'} = ${code};`);
    const v = { code: name, kind };
    this.byKey.set(key, v);
    return v;
  }

  num(n: Node): string {
    const v = this.value(n);
    return v.kind === 'f' ? v.code : `select(0.0, 1.0, ${v.code})`;
  }

  bool(n: Node): string {
    const v = this.value(n);
    return v.kind === 'b' ? v.code : `(${v.code} != 0.0)`;
  }

  value(n: Node): Value {
    const hit = this.byNode.get(n);
    if (hit) return hit;
    const v = this.emit(n);
    this.byNode.set(n, v);
    return v;
  }

  private emit(n: Node): Value {
    if (n.kind !== 'num' && isConstantNode(n, this.constMemo)) {
      const c = evaluateNode(n, {});
      const boolean = n.kind === 'cmp' || n.kind === 'logic' || n.kind === 'not';
      return boolean ? { code: c !== 0 ? 'true' : 'false', kind: 'b' } : { code: wgslLiteral(c), kind: 'f' };
    }
    switch (n.kind) {
      case 'num': return { code: wgslLiteral(n.value), kind: 'f' };
      case 'sym': {
        const s = this.symbols.get(n.name);
        if (!s) throw new WgslUnsupportedError(`Symbol "${n.name}" is not an argument of the kernel function (arguments: ${[...this.symbols.keys()].join(', ')})`);
        return { code: s, kind: 'f' };
      }
      case 'neg': {
        const a = this.num(n.arg);
        return this.bind(`neg(${a})`, 'f', `-${a}`);
      }
      case 'bin': {
        if (n.op === '^') return this.power(n.left, n.right);
        const l = this.num(n.left);
        const r = this.num(n.right);
        return this.bind(`${n.op}(${l},${r})`, 'f', `${l} ${n.op} ${r}`);
      }
      case 'call': return this.call(n);
      case 'cmp': {
        const l = this.num(n.left);
        const r = this.num(n.right);
        const plain = `${l} ${n.op} ${r}`;
        if (!n.tie) return this.bind(`cmp${n.op}(${l},${r})`, 'b', plain);
        const dl = this.num(n.tie.dl);
        const dr = this.num(n.tie.dr);
        // The kink rule only where the tie is a point in float32 (evaluate.ts isolatedTie, TIE_F32).
        const isolated = `abs(${dl} - ${dr}) * ${wgslLiteral(TIE_F32.ratio)} > max(abs(${l}), ${wgslLiteral(TIE_F32.floor)})`;
        const code = `select(${plain}, ${tieCode(n.op, dl, dr)}, ${l} == ${r} && ${isolated})`;
        return this.bind(`tie${n.op}(${l},${r},${dl},${dr})`, 'b', code);
      }
      case 'logic': {
        const l = this.bool(n.left);
        const r = this.bool(n.right);
        const op = n.op === 'and' ? '&&' : '||';
        return this.bind(`${op}(${l},${r})`, 'b', `${l} ${op} ${r}`);
      }
      case 'not': {
        const a = this.bool(n.arg);
        return this.bind(`!(${a})`, 'b', `!${a}`);
      }
      case 'cond': {
        const t = this.bool(n.test);
        const a = this.num(n.then);
        const b = this.num(n.else);
        if (a === b) return { code: a, kind: 'f' };
        return this.bind(`?(${t},${a},${b})`, 'f', `select(${b}, ${a}, ${t})`);
      }
    }
  }

  private power(base: Node, exponent: Node): Value {
    const b = this.num(base);
    const k = exponent.kind === 'num' ? exponent.value : isConstantNode(exponent, this.constMemo) ? evaluateNode(exponent, {}) : NaN;
    if (Number.isInteger(k) && Math.abs(k) <= MAX_UNROLLED_POWER) {
      if (k === 0) return { code: '1.0', kind: 'f' };
      // Square-and-multiply keeps the exact sign for negative bases, as tf's repeated products do.
      let acc: string | undefined;
      let sq = b;
      let e = Math.abs(k);
      while (e > 0) {
        if (e & 1) acc = acc === undefined ? sq : this.bind(`*(${acc},${sq})`, 'f', `${acc} * ${sq}`).code;
        e >>= 1;
        if (e > 0) sq = this.bind(`*(${sq},${sq})`, 'f', `${sq} * ${sq}`).code;
      }
      const pos = acc as string;
      return k > 0 ? { code: pos, kind: 'f' } : this.bind(`/(1,${pos})`, 'f', `1.0 / ${pos}`);
    }
    const e = this.num(exponent);
    return this.bind(`pow(${b},${e})`, 'f', `ap_pow(${b}, ${e})`);
  }

  private call(n: Extract<Node, { kind: 'call' }>): Value {
    if (n.fn === 'mlE' || n.fn === 'mlE1' || n.fn === 'mlE2') {
      throw new WgslUnsupportedError(`The WGSL generator has no kernel form of ${n.fn} (Mittag-Leffler functions are tabulated only in the tf.js compiler)`);
    }
    const args = n.args.map((a) => this.num(a));
    const fn = n.fn;
    if (fn === 'max' || fn === 'min') {
      // n-ary calls are folded to binary ones by the parser; fold again in case a tree was built by hand.
      let acc = args[0];
      for (let i = 1; i < args.length; i++) acc = this.bind(`${fn}(${acc},${args[i]})`, 'f', `${fn}(${acc}, ${args[i]})`).code;
      return { code: acc, kind: 'f' };
    }
    if (fn === 'step') return this.bind(`step(${args[0]})`, 'f', `select(0.0, 1.0, ${args[0]} > 0.0)`);
    const w = UNARY_WGSL[fn];
    return this.bind(`${w}(${args[0]})`, 'f', `${w}(${args[0]})`);
  }
}

const WGSL_IDENT = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * `fn <name>(p_0: f32, …) -> f32` computing `node`, where p_i is the symbol args[i]. Throws
 * WgslUnsupportedError for trees it cannot express.
 */

export function emitWgslFunction(name: string, node: Node, args: string[]): string {
  if (!WGSL_IDENT.test(name)) throw new WgslUnsupportedError(`Kernel function name ${JSON.stringify(name.slice(0, 40))} is not a WGSL identifier`);
  const em = new WgslEmitter(args);
  const result = em.num(node);
  const params = args.map((_, i) => `p_${i}: f32`).join(', ');
  // Argument names only label the comment; anything but identifier characters (a newline would
  // end the comment and start code) is written as '?', whoever the caller is.
  const comment = `  // arguments: ${args.map((a, i) => `p_${i} = ${a.slice(0, 40).replace(/[^A-Za-z0-9_]/g, '?')}`).join(', ') || 'none'}`;
  return `fn ${name}(${params}) -> f32 {\n${comment}\n${em.body()}\n  return ${result};\n}`;
}
