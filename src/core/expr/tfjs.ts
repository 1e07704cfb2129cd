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
import { TIE_F32 } from './evaluate';
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

type Unary = (u: tf.Tensor) => tf.Tensor;
type PairFn = 'max' | 'min';
type MlFn = 'mlE' | 'mlE1' | 'mlE2';

/** One-argument functions as tensor ops. Total (with ML_ORDER and max/min): a new function fails to typecheck here. */
const UNARY: Record<Exclude<FnName, PairFn | MlFn>, Unary> = {
  exp: (u) => tf.exp(tf.minimum(u, EXP_MAX)),
  expm1: (u) => tf.sub(tf.exp(tf.minimum(u, EXP_MAX)), 1),
  log: tf.log,
  log1p: tf.log1p,
  sqrt: tf.sqrt,
  abs: tf.abs,
  // tf.sign(NaN) is 0 on some backends (WebGL, WASM), which hides a NaN; keep it NaN.
  sign: (u) => tf.where(tf.isNaN(u), u, tf.sign(u)),
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

const ML_ORDER: Record<MlFn, MlOrder> = { mlE: 0, mlE1: 1, mlE2: 2 };


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

type Binary = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
/** A decision known at compile time (a folded tie) or a bool tensor. */
type Bool = tf.Tensor | boolean;

const COMPARE: Record<CmpOp, Binary> = {
  '>': tf.greater,
  '<': tf.less,
  '>=': tf.greaterEqual,
  '<=': tf.lessEqual,
  '==': tf.equal,
  '!=': tf.notEqual,
};

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Structural ids: equal subtrees of all compiled roots share an id, so they are computed once. */
function internAll(roots: Node[]): Map<Node, number> {
  const ids = new Map<Node, number>();
  const byKey = new Map<string, number>();
  const visit = (n: Node): number => {
    const hit = ids.get(n);
    if (hit !== undefined) return hit;
    let key: string;
    switch (n.kind) {
      case 'num': key = `n${Object.is(n.value, -0) ? '-0' : n.value}`; break;
      case 'sym': key = `s${n.name}`; break;
      case 'neg': key = `-${visit(n.arg)}`; break;
      case 'bin': key = `b${n.op}${visit(n.left)},${visit(n.right)}`; break;
      case 'call': key = `c${n.fn}(${n.args.map(visit).join(',')})`; break;
      case 'cmp': key = `m${n.op}${visit(n.left)},${visit(n.right)}${n.tie ? `|${visit(n.tie.dl)},${visit(n.tie.dr)}` : ''}`; break;
      case 'logic': key = `l${n.op}${visit(n.left)},${visit(n.right)}`; break;
      case 'not': key = `!${visit(n.arg)}`; break;
      case 'cond': key = `?${visit(n.test)},${visit(n.then)},${visit(n.else)}`; break;
    }
    let id = byKey.get(key);
    if (id === undefined) {
      id = byKey.size;
      byKey.set(key, id);
    }
    ids.set(n, id);
    return id;
  };
  roots.forEach(visit);
  return ids;
}

/**
 * One evaluation of one or more trees on one set of input tensors. Peepholes (each gives the
 * same float32 values as the plain translation; NaN included):
 * - shared subtrees (by structure, across all roots) are computed once;
 * - a kink tie whose x-derivatives dl, dr are constants is decided at compile time: the
 *   comparison becomes > or ≥ (< or ≤, ==, !=, or a constant), no tie ops at all;
 *   otherwise ties are built from logical ops (never tf.where on bool tensors: WASM's Select
 *   treats its branches as float32 and corrupts its heap);
 * - `c ? 1 : 0` → cast(c); `c ? k : 0` (k > 0) → k·cast(c) (k·0 = +0, as where gives);
 * - max(u, 0) → relu(u) (forward values only; the backward pass is the compiled f′ anyway);
 * - constant scalars are expanded with tf.fill (not broadcastTo, which is a slow tile).
 * On the CPU backend a binary op whose operand needs broadcasting along an inner axis (per-run
 * parameters [R,1,1] against [R,N,H]) takes tfjs-backend-cpu's per-element index path, ~6×
 * slower than same-shape; such an operand is expanded once per evaluation (and size-1 ones
 * are reshaped to scalars, which the fast path handles), then every op on it is same-shape.
 * Not on wasm: its C++ kernels broadcast cheaply and its tile is slow (PReLU fwd+bwd on
 * [60,320,32]: 46 ms as is, 71 ms with the expansion).
 */
class TfEvaluation {
  private readonly memo = new Map<number, tf.Tensor>();
  private readonly boolMemo = new Map<number, Bool>();
  /** Tensors holding a compile-time constant scalar. */
  private readonly known = new Map<tf.Tensor, number>();
  private readonly expanded = new Map<tf.Tensor, Map<string, tf.Tensor>>();
  private readonly cpu = tf.getBackend() === 'cpu';

  constructor(
    private readonly inputs: TfInputs,
    private readonly constants: Record<string, number>,
    private readonly ids: Map<Node, number>,
  ) {}

  private idOf(n: Node): number {
    const id = this.ids.get(n);
    if (id === undefined) throw new ExprError('internal: node outside the compiled trees', 0, 0);
    return id;
  }

  num(n: Node): tf.Tensor {
    const id = this.idOf(n);
    const hit = this.memo.get(id);
    if (hit) return hit;
    const t = this.numRaw(n);
    const c = this.constOf(n);
    if (c !== undefined && t.size === 1) this.known.set(t, c);
    this.memo.set(id, t);
    return t;
  }

  /** A value known at compile time: a number, a negated one, or a fixed parameter. */
  private constOf(n: Node): number | undefined {
    if (n.kind === 'num') return n.value;
    if (n.kind === 'neg') {
      const c = this.constOf(n.arg);
      return c === undefined ? undefined : -c;
    }
    if (n.kind === 'sym' && !Object.hasOwn(this.inputs, n.name) && Object.hasOwn(this.constants, n.name)) return this.constants[n.name];
    return undefined;
  }

  private symbol(name: string): tf.Tensor {
    if (Object.hasOwn(this.inputs, name)) return this.inputs[name];
    if (Object.hasOwn(this.constants, name)) return tf.scalar(this.constants[name]);
    throw new ExprError(`No input tensor for "${name}"`, 0, 0);
  }

  /** t broadcast to `shape`, as cheaply as the backend allows; same values as tf.broadcastTo. */
  private expand(t: tf.Tensor, shape: number[]): tf.Tensor {
    if (sameShape(t.shape, shape)) return t;
    const key = shape.join(',');
    let per = this.expanded.get(t);
    const hit = per?.get(key);
    if (hit) return hit;
    const c = this.known.get(t);
    let out: tf.Tensor;
    if (c !== undefined && t.dtype === 'float32') out = tf.fill(shape, c);
    else if (this.cpu && t.size === 1 && t.dtype === 'float32') out = tf.mul(tf.ones(shape), tf.reshape(t, [])); // 1·s = s exactly
    else out = tf.broadcastTo(t, shape);
    if (!per) {
      per = new Map();
      this.expanded.set(t, per);
    }
    per.set(key, out);
    return out;
  }

  /** Operands the CPU backend's same-shape (or scalar) fast path can take; see the class note. */
  private fast(a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
    if (!this.cpu) return [a, b];
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const fix = (t: tf.Tensor, other: tf.Tensor): tf.Tensor => {
      if (!tf.broadcast_util.getBroadcastDims(t.shape, shape).length) return t;
      // A size-1 operand against a full-shape one: as a scalar it takes the fast path.
      if (t.size === 1 && sameShape(other.shape, shape)) return tf.reshape(t, []);
      return this.expand(t, shape);
    };
    return [fix(a, b), fix(b, a)];
  }

  private bin(op: Binary, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
    const [x, y] = this.fast(a, b);
    return op(x, y);
  }

  private select(test: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
    let shape = tf.broadcast_util.assertAndGetBroadcastShape(test.shape, a.shape);
    shape = tf.broadcast_util.assertAndGetBroadcastShape(shape, b.shape);
    return tf.where(this.expand(test, shape), this.expand(a, shape), this.expand(b, shape));
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
          case '+': return this.bin(tf.add, l, r);
          case '-': return this.bin(tf.sub, l, r);
          case '*': return this.bin(tf.mul, l, r);
          case '/': return this.bin(tf.div, l, r);
          case '^': return this.bin(tf.pow, l, r);
        }
        break;
      }
      case 'call': return this.call(n);
      case 'cond': return this.cond(n);
      case 'cmp':
      case 'logic':
      case 'not': {
        const b = this.bool(n);
        return typeof b === 'boolean' ? tf.scalar(b ? 1 : 0) : tf.cast(b, 'float32');
      }
    }
    throw new ExprError('internal: unhandled node', 0, 0);
  }

  private cond(n: Extract<Node, { kind: 'cond' }>): tf.Tensor {
    const test = this.bool(n.test);
    if (typeof test === 'boolean') return this.num(test ? n.then : n.else);
    const k1 = this.constOf(n.then);
    const k0 = this.constOf(n.else);
    if (k1 !== undefined && k0 === 0 && k1 > 0) {
      const m = tf.cast(test, 'float32');
      return k1 === 1 ? m : tf.mul(m, k1);
    }
    if (k0 !== undefined && k1 === 0 && k0 > 0) {
      const m = tf.cast(tf.logicalNot(test), 'float32');
      return k0 === 1 ? m : tf.mul(m, k0);
    }
    return this.select(test, this.num(n.then), this.num(n.else));
  }

  private call(n: Extract<Node, { kind: 'call' }>): tf.Tensor {
    const fn = n.fn;
    if (fn === 'mlE' || fn === 'mlE1' || fn === 'mlE2') return this.mittagLeffler(n, ML_ORDER[fn]);
    if (fn === 'max' || fn === 'min') {
      const [a, b] = n.args;
      if (fn === 'max' && this.constOf(b) === 0 && this.constOf(a) === undefined) return tf.relu(this.num(a));
      if (fn === 'max' && this.constOf(a) === 0 && this.constOf(b) === undefined) return tf.relu(this.num(b));
      return this.bin(fn === 'max' ? tf.maximum : tf.minimum, this.num(a), this.num(b));
    }
    return UNARY[fn](this.num(n.args[0]));
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
    return this.select(tf.less(z, ML_ZMIN), asym, interp);
  }

  bool(n: Node): Bool {
    const id = this.idOf(n);
    const hit = this.boolMemo.get(id);
    if (hit !== undefined) return hit;
    const b = this.boolRaw(n);
    this.boolMemo.set(id, b);
    return b;
  }

  private and(a: Bool, b: Bool): Bool {
    if (a === false || b === false) return false;
    if (a === true) return b;
    if (b === true) return a;
    return this.bin(tf.logicalAnd, a, b);
  }

  private or(a: Bool, b: Bool): Bool {
    if (a === true || b === true) return true;
    if (a === false) return b;
    if (b === false) return a;
    return this.bin(tf.logicalOr, a, b);
  }

  private boolRaw(n: Node): Bool {
    switch (n.kind) {
      case 'cmp': {
        if (n.tie) return this.tie(n.op, n.left, n.right, n.tie.dl, n.tie.dr);
        return this.bin(COMPARE[n.op], this.num(n.left), this.num(n.right));
      }
      case 'logic': {
        const a = this.bool(n.left);
        const b = this.bool(n.right);
        return n.op === 'and' ? this.and(a, b) : this.or(a, b);
      }
      case 'not': {
        const a = this.bool(n.arg);
        return typeof a === 'boolean' ? !a : tf.logicalNot(a);
      }
      default: return this.bin(tf.notEqual, this.num(n), tf.scalar(0));
    }
  }

  /**
   * `l op r` with the left-hand rule where l == r and the tie is a point in float32 (evaluate.ts
   * isolatedTie, TIE_F32: |dl − dr|·2¹² > max(|l|, 2⁻¹²⁶)); where it is not, the plain comparison
   * stands (the sides are tied over an interval as evaluated). Just left of a point tie
   * l − r ≈ (dl − dr)(x − c) with x − c < 0, so e.g. l > r there iff dl < dr. Per operator
   * (iso implies dl ≠ dr; NaN anywhere makes iso and d false):
   *   >  : l > r or (l == r and iso and dl < dr)     >= : l > r or (l == r and (not iso or dl < dr))
   *   <  : l < r or (l == r and iso and dl > dr)     <= : l < r or (l == r and (not iso or dl > dr))
   *   == : l == r and not iso                        != : l != r or iso
   * With dl, dr constants (float32-rounded, as the tensors would be) d is a compile-time
   * boolean, and so is iso when a side is also a constant (a relu-type kink at 0).
   */
  private tie(op: CmpOp, lNode: Node, rNode: Node, dlNode: Node, drNode: Node): Bool {
    const l = this.num(lNode);
    const r = this.num(rNode);
    const dlc = this.constOf(dlNode);
    const drc = this.constOf(drNode);
    const side = this.constOf(lNode) ?? this.constOf(rNode);
    const lower = op === '>' || op === '>=';
    let d: Bool;
    let iso: Bool;
    if (dlc !== undefined && drc !== undefined) {
      const a = Math.fround(dlc);
      const b = Math.fround(drc);
      d = lower ? a < b : a > b;
      iso = side !== undefined ? Math.abs(a - b) * TIE_F32.ratio > Math.max(Math.abs(Math.fround(side)), TIE_F32.floor) : this.isolated(l, this.num(dlNode), this.num(drNode));
    } else {
      const dl = this.num(dlNode);
      const dr = this.num(drNode);
      d = this.bin(lower ? tf.less : tf.greater, dl, dr);
      iso = this.isolated(l, dl, dr);
    }
    const notIso = typeof iso === 'boolean' ? !iso : tf.logicalNot(iso);
    switch (op) {
      case '>':
      case '<': {
        const atTie = this.and(iso, d);
        if (atTie === true) return this.bin(op === '>' ? tf.greaterEqual : tf.lessEqual, l, r);
        return this.or(this.bin(COMPARE[op], l, r), this.and(this.bin(tf.equal, l, r), atTie));
      }
      case '>=':
      case '<=': {
        const atTie = this.or(notIso, d);
        if (atTie === true) return this.bin(COMPARE[op], l, r);
        return this.or(this.bin(op === '>=' ? tf.greater : tf.less, l, r), this.and(this.bin(tf.equal, l, r), atTie));
      }
      case '==': return this.and(this.bin(tf.equal, l, r), notIso);
      case '!=': return this.or(this.bin(tf.notEqual, l, r), iso);
    }
  }

  /** |dl − dr|·2¹² > max(|t|, 2⁻¹²⁶): the float32 form of evaluate.ts isolatedTie. */
  private isolated(t: tf.Tensor, dl: tf.Tensor, dr: tf.Tensor): tf.Tensor {
    const gap = tf.mul(tf.abs(this.bin(tf.sub, dl, dr)), tf.scalar(TIE_F32.ratio));
    return this.bin(tf.greater, gap, tf.maximum(tf.abs(t), tf.scalar(TIE_F32.floor)));
  }
}

export type TfManyFn = (inputs: TfInputs, pick?: number[]) => tf.Tensor[];

/**
 * Compile several trees together: a call evaluates the roots listed in `pick` (default: all) in
 * one pass, computing every subtree they share once. It runs inside its own tf.tidy, so only the
 * results survive (each a distinct float32 tensor the caller owns).
 */
export function compileTfMany(nodes: Node[], names: string[], opts: TfCompileOptions = {}): TfManyFn {
  const constants = opts.constants ?? {};
  const ids = internAll(nodes);
  return (inputs, pick) => {
    for (const name of names) {
      if (!Object.hasOwn(inputs, name) && !Object.hasOwn(constants, name)) throw new ExprError(`No input tensor for "${name}"`, 0, 0);
    }
    const which = pick ?? nodes.map((_, i) => i);
    for (const i of which) if (!(i >= 0 && i < nodes.length)) throw new Error(`compileTfMany: no tree number ${i} (have ${nodes.length})`);
    return tf.tidy(() => {
      const ev = new TfEvaluation(inputs, constants, ids);
      const given = new Set(Object.values(inputs));
      const seen = new Set<tf.Tensor>();
      return which.map((i) => {
        let out = ev.num(nodes[i]);
        if (out.dtype !== 'float32') out = tf.cast(out, 'float32');
        // Never hand back an input, or one tensor twice: the caller owns (and disposes) each result.
        else if (given.has(out) || seen.has(out)) out = tf.clone(out);
        seen.add(out);
        return out;
      });
    });
  };
}

/** Compile one tree: compileTfMany with a single root. */
export function compileTf(node: Node, names: string[], opts: TfCompileOptions = {}): TfFn {
  const many = compileTfMany([node], names, opts);
  return (inputs) => many(inputs)[0];
}
