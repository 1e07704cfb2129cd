/**
 * Expression tree → tf.js ops (float32), with broadcasting between inputs.
 *
 * Numerics (ACTIVATIONS.md): exp arguments are clamped to ≤ 88 so float32 never overflows to
 * ∞ (and 0·∞ never makes NaN); σ, sp, ln σ, erf and tanh use tf's stable kernels; integer powers
 * are repeated multiplications so the sign of a negative base is exact; conditionals compute both
 * branches and select with tf.where; comparisons carrying a kink tie use the left-hand rule.
 *
 * Mittag-Leffler (mlE, mlE1, mlE2): tabulated in float64 on z ∈ [−20, 20] in steps of 0.01 for
 * the given (α, β), interpolated linearly (tf.gather) in float32; for z < −20 the three-term
 * asymptotic series is computed directly, and for z > 20 the table's last value is used (there
 * g = 1/(1 + E) is already ~0). α and β must be constants: numbers, `constants`, or scalar
 * tensors (read once with dataSync and cached per value).
 */
import * as tf from '@tensorflow/tfjs';
import type { CmpOp, FnName, Node } from './ast';
import { ExprError } from './errors';
import { mittagLeffler, rgamma, type MlOrder } from '../math/special';

export type TfInputs = Record<string, tf.Tensor>;
export type TfFn = (inputs: TfInputs) => tf.Tensor;

export interface TfCompileOptions {
  /** Values for symbols known at compile time (fixed parameters); they need no input tensor. */
  constants?: Record<string, number>;
}

const EXP_MAX = 88;
const ML_ZMIN = -20;
const ML_ZMAX = 20;
const ML_STEP = 0.01;
const ML_N = Math.round((ML_ZMAX - ML_ZMIN) / ML_STEP) + 1;
/** Table values are capped below float32's maximum so interpolation never meets ∞·0. */
const F32_CAP = 1e38;

const mlTables = new Map<string, Float32Array>();

function mlTable(alpha: number, beta: number, order: MlOrder): Float32Array {
  const key = `${alpha}|${beta}|${order}`;
  let t = mlTables.get(key);
  if (!t) {
    t = new Float32Array(ML_N);
    for (let i = 0; i < ML_N; i++) {
      const v = mittagLeffler(ML_ZMIN + i * ML_STEP, alpha, beta, order);
      t[i] = Math.max(-F32_CAP, Math.min(F32_CAP, v));
    }
    mlTables.set(key, t);
  }
  return t;
}

const UNARY: Partial<Record<FnName, (u: tf.Tensor) => tf.Tensor>> = {
  exp: (u) => tf.exp(tf.minimum(u, EXP_MAX)),
  expm1: (u) => tf.sub(tf.exp(tf.minimum(u, EXP_MAX)), 1),
  log: tf.log,
  log1p: tf.log1p,
  sqrt: tf.sqrt,
  abs: tf.abs,
  sign: tf.sign,
  step: (u) => tf.cast(tf.greater(u, 0), 'float32'),
  sin: tf.sin,
  cos: tf.cos,
  tan: tf.tan,
  tanh: tf.tanh,
  sinh: tf.sinh,
  cosh: tf.cosh,
  atan: tf.atan,
  erf: tf.erf,
  Phi: (u) => tf.mul(0.5, tf.add(1, tf.erf(tf.mul(u, Math.SQRT1_2)))),
  phi: (u) => tf.mul(1 / Math.sqrt(2 * Math.PI), tf.exp(tf.mul(-0.5, tf.square(u)))),
  sigmoid: tf.sigmoid,
  softplus: tf.softplus,
  logsigmoid: tf.logSigmoid,
  ceil: tf.ceil,
  floor: tf.floor,
};

const ML_ORDER: Partial<Record<FnName, MlOrder>> = { mlE: 0, mlE1: 1, mlE2: 2 };

/** u^n for an integer n by square-and-multiply: exact sign for negative u. */
function integerPower(u: tf.Tensor, n: number): tf.Tensor {
  if (n === 0) return tf.onesLike(u);
  let k = Math.abs(n);
  let result: tf.Tensor | undefined;
  let base = u;
  while (k > 0) {
    if (k & 1) result = result ? tf.mul(result, base) : base;
    k >>= 1;
    if (k > 0) base = tf.mul(base, base);
  }
  const r = result as tf.Tensor;
  return n < 0 ? tf.div(1, r) : r;
}

function broadcastAll(ts: tf.Tensor[]): tf.Tensor[] {
  let shape: number[] = [];
  for (const t of ts) shape = tf.broadcast_util.assertAndGetBroadcastShape(shape, t.shape);
  return ts.map((t) => (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]) ? t : tf.broadcastTo(t, shape)));
}

function select(test: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [c, x, y] = broadcastAll([test, a, b]);
  return tf.where(c, x, y);
}

/**
 * Select between two bool tensors with logical ops, not tf.where: tfjs-backend-wasm's Select
 * kernel reads and writes its branches as float32, so on bool tensors (1 byte per element) it
 * returns wrong values and writes past the output, corrupting the WASM heap (later kernels then
 * abort). Same result on every backend.
 */
function selectBool(test: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [c, x, y] = broadcastAll([test, a, b]);
  return tf.logicalOr(tf.logicalAnd(c, x), tf.logicalAnd(tf.logicalNot(c), y));
}

function compareTf(op: CmpOp, l: tf.Tensor, r: tf.Tensor): tf.Tensor {
  switch (op) {
    case '>': return tf.greater(l, r);
    case '<': return tf.less(l, r);
    case '>=': return tf.greaterEqual(l, r);
    case '<=': return tf.lessEqual(l, r);
    case '==': return tf.equal(l, r);
    case '!=': return tf.notEqual(l, r);
  }
}

/** Left-hand decision at a tie (see evaluate.ts tieDecision). */
function tieTf(op: CmpOp, dl: tf.Tensor, dr: tf.Tensor): tf.Tensor {
  switch (op) {
    case '>':
    case '>=': return tf.less(dl, dr);
    case '<':
    case '<=': return tf.greater(dl, dr);
    case '==': return tf.zerosLike(tf.add(dl, dr)).cast('bool');
    case '!=': return tf.onesLike(tf.add(dl, dr)).cast('bool');
  }
}

class TfEvaluation {
  private readonly memo = new Map<Node, tf.Tensor>();

  constructor(private readonly inputs: TfInputs, private readonly constants: Record<string, number>) {}

  num(n: Node): tf.Tensor {
    const hit = this.memo.get(n);
    if (hit) return hit;
    const t = this.numRaw(n);
    this.memo.set(n, t);
    return t;
  }

  private symbol(name: string): tf.Tensor {
    if (Object.hasOwn(this.inputs, name)) return this.inputs[name];
    if (Object.hasOwn(this.constants, name)) return tf.scalar(this.constants[name]);
    throw new ExprError(`No input tensor for "${name}"`, 0, 0);
  }

  /** A compile-time number for Mittag-Leffler's α, β. */
  private scalarValue(n: Node): number {
    if (n.kind === 'num') return n.value;
    if (n.kind === 'neg') return -this.scalarValue(n.arg);
    if (n.kind === 'sym') {
      if (Object.hasOwn(this.constants, n.name)) return this.constants[n.name];
      const t = this.inputs[n.name];
      if (t && t.size === 1) return t.dataSync()[0];
    }
    throw new ExprError('Mittag-Leffler α and β must be fixed numbers (one value, not per run) in tf.js', 0, 0);
  }

  private numRaw(n: Node): tf.Tensor {
    switch (n.kind) {
      case 'num': return tf.scalar(n.value);
      case 'sym': return this.symbol(n.name);
      case 'neg': return tf.neg(this.num(n.arg));
      case 'bin': {
        const l = this.num(n.left);
        if (n.op === '^' && n.right.kind === 'num') {
          const p = n.right.value;
          if (Number.isInteger(p) && Math.abs(p) <= 64) return integerPower(l, p);
          if (p === 0.5) return tf.sqrt(l);
        }
        const r = this.num(n.right);
        switch (n.op) {
          case '+': return tf.add(l, r);
          case '-': return tf.sub(l, r);
          case '*': return tf.mul(l, r);
          case '/': return tf.div(l, r);
          case '^': return tf.pow(l, r);
        }
        break;
      }
      case 'call': return this.call(n);
      case 'cond': return select(this.bool(n.test), this.num(n.then), this.num(n.else));
      case 'cmp':
      case 'logic':
      case 'not':
        return tf.cast(this.bool(n), 'float32');
    }
    throw new ExprError('internal: unhandled node', 0, 0);
  }

  private call(n: Extract<Node, { kind: 'call' }>): tf.Tensor {
    const order = ML_ORDER[n.fn];
    if (order !== undefined) return this.mittagLeffler(n, order);
    if (n.fn === 'max') return tf.maximum(this.num(n.args[0]), this.num(n.args[1]));
    if (n.fn === 'min') return tf.minimum(this.num(n.args[0]), this.num(n.args[1]));
    const f = UNARY[n.fn];
    if (!f) throw new ExprError(`internal: no tf.js implementation of ${n.fn}`, 0, 0);
    return f(this.num(n.args[0]));
  }

  private mittagLeffler(n: Extract<Node, { kind: 'call' }>, order: MlOrder): tf.Tensor {
    const alpha = this.scalarValue(n.args[1]);
    const beta = this.scalarValue(n.args[2]);
    const z = this.num(n.args[0]);
    const table = tf.tensor1d(mlTable(alpha, beta, order));
    const pos = tf.div(tf.sub(tf.clipByValue(z, ML_ZMIN, ML_ZMAX), ML_ZMIN), ML_STEP);
    const i0 = tf.clipByValue(tf.floor(pos), 0, ML_N - 2);
    const frac = tf.sub(pos, i0);
    const idx = tf.cast(i0, 'int32');
    const lo = tf.gather(table, idx);
    const hi = tf.gather(table, tf.add(idx, tf.scalar(1, 'int32')));
    const interp = tf.add(lo, tf.mul(frac, tf.sub(hi, lo)));
    // Below the table: E(z) ≈ −Σ_{k=1..3} z^{−k}/Γ(β−αk), differentiated term by term.
    let asym: tf.Tensor = tf.zerosLike(z);
    const zc = tf.minimum(z, ML_ZMIN); // keeps the unused branch finite
    for (let k = 1; k <= 3; k++) {
      const r = rgamma(beta - alpha * k);
      if (r === 0) continue;
      const coef = order === 0 ? -r : order === 1 ? k * r : -k * (k + 1) * r;
      asym = tf.add(asym, tf.mul(coef, integerPower(zc, -k - order)));
    }
    return select(tf.less(z, ML_ZMIN), asym, interp);
  }

  bool(n: Node): tf.Tensor {
    switch (n.kind) {
      case 'cmp': {
        const l = this.num(n.left);
        const r = this.num(n.right);
        const plain = compareTf(n.op, l, r);
        if (!n.tie) return plain;
        const dl = this.num(n.tie.dl);
        const dr = this.num(n.tie.dr);
        const decided = selectBool(tf.equal(dl, dr), plain, tieTf(n.op, dl, dr));
        return selectBool(tf.equal(l, r), decided, plain);
      }
      case 'logic': {
        const a = this.bool(n.left);
        const b = this.bool(n.right);
        return n.op === 'and' ? tf.logicalAnd(a, b) : tf.logicalOr(a, b);
      }
      case 'not': return tf.logicalNot(this.bool(n.arg));
      default: return tf.notEqual(this.num(n), 0);
    }
  }
}

/**
 * Compile to a function of named input tensors. The returned function runs inside its own
 * tf.tidy, so only the result tensor survives a call.
 */
export function compileTf(node: Node, names: string[], opts: TfCompileOptions = {}): TfFn {
  const constants = opts.constants ?? {};
  return (inputs) => {
    for (const name of names) {
      if (!Object.hasOwn(inputs, name) && !Object.hasOwn(constants, name)) throw new ExprError(`No input tensor for "${name}"`, 0, 0);
    }
    return tf.tidy(() => {
      const out = new TfEvaluation(inputs, constants).num(node);
      if (out.dtype !== 'float32') return tf.cast(out, 'float32');
      // Never hand back an input itself: the caller owns (and may dispose) the result.
      return Object.values(inputs).includes(out) ? tf.clone(out) : out;
    });
  };
}
