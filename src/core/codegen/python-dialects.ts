/**
 * Which library call each expression-language function becomes in the three Python targets.
 * One table per dialect, so the printer (python-expr.ts) stays target-agnostic and a reader can
 * check a target's op choices in one place.
 */
import type { FnName } from '../expr/ast';

export type PyDialect = 'torch' | 'jax' | 'tf';

/** exp arguments are clamped to this, as the tf.js compiler does: e^88 is still finite in float32. */
const EXP_CLAMP = 88;

/** 1/√(2π) and 1/√2, as Python would print them (shortest round-trip float64). */
const INV_SQRT_2PI = '0.3989422804014327';
const INV_SQRT_2 = '0.7071067811865476';

type UnaryForm = (arg: string, atom: string, like: string) => string;

export interface DialectOps {
  /** Elementwise select: where(cond, a, b). */
  where: string;
  maximum: string;
  minimum: string;
  /** max/min of an array and a Python float. */
  clamp(fn: 'max' | 'min', array: string, constant: string): string;
  /**
   * Forms a call to a one-argument function from its printed argument: `arg` as printed, and
   * `atom` the same text parenthesised when it would otherwise bind looser than `*`; `like`
   * names the array whose dtype the result takes where the form makes numbers of its own.
   */
  unary: Partial<Record<FnName, UnaryForm>>;
  /**
   * Wraps a constant-only operand as an array of the dtype of `like` (the first variable), so
   * the library function accepts it (torch functions reject Python floats) and computes in the
   * caller's dtype: torch and tf make float32 arrays of bare floats, which would put float32
   * values into a float64 computation (or, in tf, refuse to mix them). jax.numpy's weakly typed
   * Python floats already take the other operand's dtype.
   */
  constantOperand(text: string, like: string): string;
  /**
   * A truth value as the number 1 or 0 in the dtype of `like`: `where(c, 1.0, 0.0)` would be
   * float32 in torch and tf whatever the input's dtype (so f′ = 1.0000001192 of a float64 step).
   */
  boolToNumber(cond: string, like: string): string;
}

function prefixed(names: Partial<Record<FnName, string>>): Partial<Record<FnName, UnaryForm>> {
  const out: Partial<Record<FnName, UnaryForm>> = {};
  for (const [fn, lib] of Object.entries(names) as [FnName, string][]) out[fn] = (a) => `${lib}(${a})`;
  return out;
}

const torchOps: DialectOps = {
  where: 'torch.where',
  maximum: 'torch.maximum',
  minimum: 'torch.minimum',
  // torch.maximum rejects Python floats; clamp takes them.
  clamp: (fn, t, c) => `torch.clamp(${t}, ${fn === 'max' ? 'min' : 'max'}=${c})`,
  unary: {
    ...prefixed({
      log: 'torch.log', log1p: 'torch.log1p', sqrt: 'torch.sqrt', abs: 'torch.abs', sign: 'torch.sign',
      sin: 'torch.sin', cos: 'torch.cos', tan: 'torch.tan', tanh: 'torch.tanh', sinh: 'torch.sinh',
      cosh: 'torch.cosh', atan: 'torch.atan', erf: 'torch.special.erf',
      sigmoid: 'torch.sigmoid', logsigmoid: 'F.logsigmoid', ceil: 'torch.ceil', floor: 'torch.floor',
    }),
    exp: (a) => `torch.exp(torch.clamp(${a}, max=${EXP_CLAMP}.0))`,
    // Not torch.special.ndtr: it computes (1 + erf(x/√2))/2, which cancels in the left tail
    // (Φ(−8) 1.8 % low, Φ(−30) = 0); erfc keeps relative accuracy there.
    Phi: (_a, atom) => `(0.5 * torch.special.erfc(-${INV_SQRT_2} * ${atom}))`,
    expm1: (a) => `torch.expm1(torch.clamp(${a}, max=${EXP_CLAMP}.0))`,
    phi: (a) => `(${INV_SQRT_2PI} * torch.exp(-0.5 * torch.square(${a})))`,
    // torch's default threshold (20) returns x above it, an error of up to 2e-9; at 40 the
    // skipped log1p(e^-x) is below float64 resolution, and e^40 is still finite in float32.
    softplus: (a) => `F.softplus(${a}, threshold=40.0)`,
    step: (_a, atom, like) => torchOps.boolToNumber(`${atom} > 0.0`, like),
  },
  constantOperand: (t, like) => `torch.tensor(${t}, dtype=${like}.dtype, device=${like}.device)`,
  boolToNumber: (c, like) => `(${c}).to(${like}.dtype)`,
};

const jaxOps: DialectOps = {
  where: 'jnp.where',
  maximum: 'jnp.maximum',
  minimum: 'jnp.minimum',
  clamp: (fn, t, c) => `jnp.${fn}imum(${t}, ${c})`,
  unary: {
    ...prefixed({
      log: 'jnp.log', log1p: 'jnp.log1p', sqrt: 'jnp.sqrt', abs: 'jnp.abs', sign: 'jnp.sign',
      sin: 'jnp.sin', cos: 'jnp.cos', tan: 'jnp.tan', tanh: 'jnp.tanh', sinh: 'jnp.sinh',
      cosh: 'jnp.cosh', atan: 'jnp.arctan', erf: 'jax.scipy.special.erf',
      sigmoid: 'jax.nn.sigmoid', softplus: 'jax.nn.softplus', logsigmoid: 'jax.nn.log_sigmoid',
      ceil: 'jnp.ceil', floor: 'jnp.floor',
    }),
    exp: (a) => `jnp.exp(jnp.minimum(${a}, ${EXP_CLAMP}.0))`,
    // The same erfc form as torch and tf (jax's ndtr switches to erfc in the tails too, but one
    // formula in all three targets is one thing to check).
    Phi: (_a, atom) => `(0.5 * jax.scipy.special.erfc(-${INV_SQRT_2} * ${atom}))`,
    expm1: (a) => `jnp.expm1(jnp.minimum(${a}, ${EXP_CLAMP}.0))`,
    phi: (a) => `(${INV_SQRT_2PI} * jnp.exp(-0.5 * jnp.square(${a})))`,
    step: (_a, atom, like) => jaxOps.boolToNumber(`${atom} > 0.0`, like),
  },
  constantOperand: (t) => t,
  // Weakly typed 1.0 and 0.0 take the dtype of what they meet, exactly.
  boolToNumber: (c) => `jnp.where(${c}, 1.0, 0.0)`,
};

const tfOps: DialectOps = {
  where: 'tf.where',
  maximum: 'tf.math.maximum',
  minimum: 'tf.math.minimum',
  clamp: (fn, t, c) => `tf.math.${fn}imum(${t}, ${c})`,
  unary: {
    ...prefixed({
      log: 'tf.math.log', log1p: 'tf.math.log1p', sqrt: 'tf.math.sqrt', abs: 'tf.math.abs',
      sign: 'tf.math.sign', sin: 'tf.math.sin', cos: 'tf.math.cos', tan: 'tf.math.tan',
      tanh: 'tf.math.tanh', sinh: 'tf.math.sinh', cosh: 'tf.math.cosh', atan: 'tf.math.atan',
      erf: 'tf.math.erf', sigmoid: 'tf.math.sigmoid', softplus: 'tf.math.softplus',
      logsigmoid: 'tf.math.log_sigmoid', ceil: 'tf.math.ceil', floor: 'tf.math.floor',
    }),
    exp: (a) => `tf.math.exp(tf.math.minimum(${a}, ${EXP_CLAMP}.0))`,
    expm1: (a) => `tf.math.expm1(tf.math.minimum(${a}, ${EXP_CLAMP}.0))`,
    // TF has no ndtr; erfc keeps relative accuracy in the left tail where 1 + erf cancels.
    Phi: (_a, atom) => `(0.5 * tf.math.erfc(-${INV_SQRT_2} * ${atom}))`,
    phi: (a) => `(${INV_SQRT_2PI} * tf.math.exp(-0.5 * tf.math.square(${a})))`,
    step: (_a, atom, like) => tfOps.boolToNumber(`${atom} > 0.0`, like),
  },
  constantOperand: (t, like) => `tf.constant(${t}, dtype=${like}.dtype)`,
  boolToNumber: (c, like) => `tf.cast(${c}, ${like}.dtype)`,
};

export const DIALECTS: Record<PyDialect, DialectOps> = { torch: torchOps, jax: jaxOps, tf: tfOps };
