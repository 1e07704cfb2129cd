/**
 * Expression trees → a straight-line program over "slots" (one Float64Array row per value), run
 * chunk by chunk over whole arrays by ./runProgram.ts. This is how the CPU training kernels
 * evaluate an activation and its derivatives in ONE pass over the data instead of 5–15 tf.js
 * ops, each of which allocates and walks a float32 array.
 *
 * No code is generated as text (no eval, no new Function): the program is data, a list of
 * instructions from a fixed set, interpreted by a switch whose cases are tight loops. Several
 * roots compile into one program, so subtrees shared by f′ and ∂f/∂p are computed once; constant
 * subtrees are folded in float64. Semantics are the float64 evaluator's (src/core/expr/
 * evaluate.ts), except that a conditional computes both branches and selects one (as tf.where).
 */
import type { CmpOp, FnName, Node } from '../expr/ast';
import { isConstantNode } from '../expr/constant';
import { evaluateNode } from '../expr/evaluate';
import { INV_SQRT_2PI } from './kernelMath';

/** Instruction codes. Booleans live in slots as 0 / 1. */
export const enum Op {
  Neg, Add, Sub, Mul, Div, Pow, Max, Min,
  Gt, Lt, Ge, Le, Eq, Ne,
  /** Comparison with the kink rule at exact ties: a = l, b = r, c = dl, d = dr, cmp = the operator. */
  Tie,
  And, Or, Not, Truthy,
  /** a ? b : c. */
  Select,
  /** One-argument function `fn` of slot a. */
  Call,
  /** Mittag-Leffler E (order `order`) of slots a (z), b (α), c (β). */
  MittagLeffler,
  /** Φ(a) given b = e^{−a²/2} (./kernelMath.ts PhiGivenE): Φ and φ of one value share an exponential. */
  PhiGivenE,
}

/** One-argument functions, each run by its own loop (monomorphic calls). */
export const enum Fn {
  Exp, Log, Log1p, Expm1, Sqrt, Abs, Sign, Step, Sin, Cos, Tan, Tanh, Sinh, Cosh, Atan,
  Erf, Phi, PhiPdf, Sigmoid, Softplus, Logsigmoid, Ceil, Floor,
}

const UNARY: Partial<Record<FnName, Fn>> = {
  exp: Fn.Exp, log: Fn.Log, log1p: Fn.Log1p, expm1: Fn.Expm1, sqrt: Fn.Sqrt, abs: Fn.Abs,
  sign: Fn.Sign, step: Fn.Step, sin: Fn.Sin, cos: Fn.Cos, tan: Fn.Tan, tanh: Fn.Tanh,
  sinh: Fn.Sinh, cosh: Fn.Cosh, atan: Fn.Atan, erf: Fn.Erf, Phi: Fn.Phi, phi: Fn.PhiPdf,
  sigmoid: Fn.Sigmoid, softplus: Fn.Softplus, logsigmoid: Fn.Logsigmoid, ceil: Fn.Ceil, floor: Fn.Floor,
};

const CMP: Record<CmpOp, Op> = { '>': Op.Gt, '<': Op.Lt, '>=': Op.Ge, '<=': Op.Le, '==': Op.Eq, '!=': Op.Ne };

export interface Instr {
  op: Op;
  /** Destination slot. */
  dst: number;
  a: number;
  b: number;
  c: number;
  d: number;
  fn: Fn;
  cmp: CmpOp;
  order: 0 | 1 | 2;
}

export interface SlotProgram {
  nSlots: number;
  /** Slot of each argument (variables, then parameters), in the order given to compile. */
  args: number[];
  /** Slots holding folded constants, filled once per run of the program. */
  constants: { slot: number; value: number }[];
  code: Instr[];
  /** Slot of each root. */
  outputs: number[];
}

/** Integer exponents up to this size become multiplications (as in the WGSL and tf.js compilers). */
const MAX_UNROLLED_POWER = 64;

const ML_ORDER: Partial<Record<FnName, 0 | 1 | 2>> = { mlE: 0, mlE1: 1, mlE2: 2 };

class Emitter {
  readonly code: Instr[] = [];
  readonly constants: { slot: number; value: number }[] = [];
  readonly args: number[];
  private nSlots = 0;
  private readonly byKey = new Map<string, number>();
  private readonly byNode = new Map<Node, number>();
  private readonly constMemo = new Map<Node, boolean>();
  private readonly symbols: Map<string, number>;

  /** Slots whose value differs from element to element (the element arguments and what reads them). */
  private readonly varying = new Set<number>();

  constructor(names: string[], nElementArgs: number) {
    this.args = names.map(() => this.nSlots++);
    this.symbols = new Map(names.map((n, i) => [n, this.args[i]]));
    for (let k = 0; k < nElementArgs; k++) this.varying.add(this.args[k]);
  }

  get slots(): number {
    return this.nSlots;
  }

  private constant(value: number): number {
    const key = `c${Object.is(value, -0) ? '-0' : String(value)}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const slot = this.nSlots++;
    this.constants.push({ slot, value });
    this.byKey.set(key, slot);
    return slot;
  }

  private emit(op: Op, a: number, b = -1, c = -1, d = -1, extra: Partial<Pick<Instr, 'fn' | 'cmp' | 'order'>> = {}): number {
    const key = `${op}:${a},${b},${c},${d},${extra.fn ?? ''},${extra.cmp ?? ''},${extra.order ?? ''}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const dst = this.nSlots++;
    this.code.push({ op, dst, a, b, c, d, fn: extra.fn ?? Fn.Exp, cmp: extra.cmp ?? '>', order: extra.order ?? 0 });
    this.byKey.set(key, dst);
    if ([a, b, c, d].some((k) => this.varying.has(k))) this.varying.add(dst);
    return dst;
  }

  value(n: Node): number {
    const hit = this.byNode.get(n);
    if (hit !== undefined) return hit;
    const slot = this.raw(n);
    this.byNode.set(n, slot);
    return slot;
  }

  private raw(n: Node): number {
    if (n.kind === 'num') return this.constant(n.value);
    if (isConstantNode(n, this.constMemo)) return this.constant(evaluateNode(n, {}));
    switch (n.kind) {
      case 'sym': {
        const s = this.symbols.get(n.name);
        if (s === undefined) throw new Error(`Symbol "${n.name}" is not an argument of the program (arguments: ${[...this.symbols.keys()].join(', ')})`);
        return s;
      }
      case 'neg': return this.emit(Op.Neg, this.value(n.arg));
      case 'bin': {
        if (n.op === '^') return this.power(n.left, n.right);
        const op = n.op === '+' ? Op.Add : n.op === '-' ? Op.Sub : n.op === '*' ? Op.Mul : Op.Div;
        const [l, r] = [this.value(n.left), this.value(n.right)];
        // x / p for a per-run p (SAU's x/s, elephant's |x|/a): one division per run, then a
        // multiplication per element (within an ulp of the quotient; a division costs ~4 multiplications).
        // Not for a constant whose reciprocal is not a normal number (x / 5e-324: 1/c = ∞, and
        // 0·∞ = NaN where 0/c = 0): there the quotient is the quotient.
        const c = this.constants.find((k) => k.slot === r)?.value;
        const exact = c !== undefined && !(Math.abs(1 / c) <= MAX_NORMAL_RECIPROCAL && Math.abs(c) >= MIN_NORMAL);
        if (op === Op.Div && this.varying.has(l) && !this.varying.has(r) && !exact) return this.emit(Op.Mul, l, this.emit(Op.Div, this.constant(1), r));
        return this.emit(op, l, r);
      }
      case 'call': return this.call(n);
      case 'cmp': {
        const l = this.value(n.left);
        const r = this.value(n.right);
        if (!n.tie) return this.emit(CMP[n.op], l, r);
        return this.emit(Op.Tie, l, r, this.value(n.tie.dl), this.value(n.tie.dr), { cmp: n.op });
      }
      case 'logic': return this.emit(n.op === 'and' ? Op.And : Op.Or, this.truth(n.left), this.truth(n.right));
      case 'not': return this.emit(Op.Not, this.truth(n.arg));
      case 'cond': {
        const t = this.truth(n.test);
        const a = this.value(n.then);
        const b = this.value(n.else);
        return a === b ? a : this.emit(Op.Select, t, a, b);
      }
    }
  }

  /** A slot holding 0 / 1 for the truth of n (numbers: n ≠ 0, as the float64 evaluator reads them). */
  private truth(n: Node): number {
    const s = this.value(n);
    return n.kind === 'cmp' || n.kind === 'logic' || n.kind === 'not' ? s : this.emit(Op.Truthy, s);
  }

  private power(base: Node, exponent: Node): number {
    const b = this.value(base);
    const k = isConstantNode(exponent, this.constMemo) ? evaluateNode(exponent, {}) : NaN;
    if (Number.isInteger(k) && Math.abs(k) <= MAX_UNROLLED_POWER) {
      if (k === 0) return this.constant(1);
      // Square-and-multiply: exact sign for negative bases, like repeated products.
      let acc = -1;
      let sq = b;
      let e = Math.abs(k);
      while (e > 0) {
        if (e & 1) acc = acc < 0 ? sq : this.emit(Op.Mul, acc, sq);
        e >>= 1;
        if (e > 0) sq = this.emit(Op.Mul, sq, sq);
      }
      return k > 0 ? acc : this.emit(Op.Div, this.constant(1), acc);
    }
    return this.emit(Op.Pow, b, this.value(exponent));
  }

  private call(n: Extract<Node, { kind: 'call' }>): number {
    const order = ML_ORDER[n.fn];
    if (order !== undefined) {
      const [z, alpha, beta] = n.args.map((a) => this.value(a));
      return this.emit(Op.MittagLeffler, z, alpha, beta, -1, { order });
    }
    // Before the argument is compiled: tanh(softplus(z)) does not compute softplus at all.
    if (n.fn === 'sigmoid' || n.fn === 'softplus' || n.fn === 'logsigmoid') return this.logistic(n.fn, n.args[0]);
    if (n.fn === 'tanh' && n.args[0].kind === 'call' && n.args[0].fn === 'softplus') return this.tanhSoftplus(n.args[0].args[0]);
    if (n.fn === 'Phi') return this.emit(Op.PhiGivenE, this.value(n.args[0]), this.gaussian(n.args[0]));
    if (n.fn === 'phi') return this.emit(Op.Mul, this.constant(INV_SQRT_2PI), this.gaussian(n.args[0]));
    const args = n.args.map((a) => this.value(a));
    if (n.fn === 'max' || n.fn === 'min') {
      // The parser folds n-ary calls to binary ones; fold again for trees built by hand.
      let acc = args[0];
      for (let i = 1; i < args.length; i++) acc = this.emit(n.fn === 'max' ? Op.Max : Op.Min, acc, args[i]);
      return acc;
    }
    const fn = UNARY[n.fn];
    if (fn === undefined) throw new Error(`internal: no CPU kernel form of ${n.fn}`);
    return this.emit(Op.Call, args[0], -1, -1, -1, { fn });
  }

  /**
   * e^{−z²/2}, the one exponential Φ(z) and φ(z) share (GELU's f′ = Φ + xφ, SAU). −½·z·z is
   * exact for float32 z (a power of two, then 48 significant bits), so e carries no argument error.
   */
  private gaussian(z: Node): number {
    const x = this.value(z);
    const half = this.emit(Op.Mul, this.constant(-0.5), x);
    return this.emit(Op.Call, this.emit(Op.Mul, half, x), -1, -1, -1, { fn: Fn.Exp });
  }

  /** e^{−|z|}: the one exponential σ, softplus and log σ of z (and tanh∘softplus) all need. */
  private expNegAbs(z: Node): number {
    // |−v| = |v| exactly: σ(x) and σ(−x) (log σ and its derivative) share the exponential.
    const inner = z.kind === 'neg' ? z.arg : z;
    const abs = this.emit(Op.Call, this.value(inner), -1, -1, -1, { fn: Fn.Abs });
    return this.emit(Op.Call, this.emit(Op.Neg, abs), -1, -1, -1, { fn: Fn.Exp });
  }

  /**
   * σ, softplus and log σ written out as in ../math/special.ts (the same operations, so the same
   * float64 values), around one shared e^{−|z|}: SiLU's σ(x) in f and f′, or Mish's softplus
   * and σ, then cost one exponential per element instead of one per call.
   */
  private logistic(fn: 'sigmoid' | 'softplus' | 'logsigmoid', z: Node): number {
    const x = this.value(z);
    const e = this.expNegAbs(z);
    const zero = this.constant(0);
    if (fn === 'softplus') return this.emit(Op.Add, this.emit(Op.Max, x, zero), this.emit(Op.Call, e, -1, -1, -1, { fn: Fn.Log1p }));
    if (fn === 'logsigmoid') return this.emit(Op.Sub, this.emit(Op.Min, x, zero), this.emit(Op.Call, e, -1, -1, -1, { fn: Fn.Log1p }));
    // σ(z) = 1/(1 + e^{−z}) for z ≥ 0, e^{z}/(1 + e^{z}) below: both are e^{−|z|} forms.
    const onePlus = this.emit(Op.Add, this.constant(1), e);
    return this.emit(Op.Select, this.emit(Op.Ge, x, zero), this.emit(Op.Div, this.constant(1), onePlus), this.emit(Op.Div, e, onePlus));
  }

  /**
   * tanh(softplus(z)) (Mish's gate) as a rational function of e = e^{−|z|}: with
   * s = 1 + e^{z}, tanh(ln s) = (s² − 1)/(s² + 1), i.e. (1 + 2e)/(1 + 2e + 2e²) for z ≥ 0 and
   * (e² + 2e)/(e² + 2e + 2) below. Every term is positive, so nothing cancels: accurate to a
   * few ulps everywhere, exactly 1 and 0 at ±∞, with no tanh and no log.
   */
  private tanhSoftplus(z: Node): number {
    const x = this.value(z);
    const e = this.expNegAbs(z);
    const [one, two] = [this.constant(1), this.constant(2)];
    const twoE = this.emit(Op.Mul, two, e);
    const ee = this.emit(Op.Mul, e, e);
    const upperNum = this.emit(Op.Add, one, twoE);
    const upper = this.emit(Op.Div, upperNum, this.emit(Op.Add, upperNum, this.emit(Op.Mul, two, ee)));
    const lowerNum = this.emit(Op.Add, ee, twoE);
    const lower = this.emit(Op.Div, lowerNum, this.emit(Op.Add, lowerNum, two));
    return this.emit(Op.Select, this.emit(Op.Ge, x, this.constant(0)), upper, lower);
  }
}

/**
 * One program computing every root from the arguments `names`: the first `nElementArgs` vary per
 * element (x; a, u; dy), the rest are one value per run (parameters).
 */
/** Smallest normal double, and the largest reciprocal that is not near overflow. */
const MIN_NORMAL = 2.2250738585072014e-308;
const MAX_NORMAL_RECIPROCAL = 1e300;

export function compileSlotProgram(roots: Node[], names: string[], nElementArgs = names.length): SlotProgram {
  const em = new Emitter(names, nElementArgs);
  const outputs = roots.map((r) => em.value(r));
  return { nSlots: em.slots, args: em.args, constants: em.constants, code: em.code, outputs };
}

/** One call of a SlotProgram over arrays (./runProgram.ts, ./rowInterpreter.ts). */
export interface ProgramCall {
  /** Per-element arguments (the program's first arguments), each read at [start, start + n). */
  elementArgs: ArrayLike<number>[];
  /** One value each for the remaining arguments. */
  scalarArgs: number[];
  start: number;
  n: number;
  /** Per-element outputs for the first roots (null: not needed), written at [start, start + n). */
  elementOut: (Float32Array | Float64Array | null)[];
  /** Float64 sums of the remaining roots over the n elements are ADDED to sums[offset + j]. */
  sums?: Float64Array;
  sumsOffset?: number;
}
