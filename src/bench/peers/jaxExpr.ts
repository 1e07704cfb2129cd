/**
 * An activation's expression tree as jax-js ops, for the peer bench: what a jax-js user would
 * write by hand for f (jax-js's autodiff then gives the backward pass, as it would for them).
 * jax-js arrays are reference-counted and every op consumes its arguments, so each use of a
 * variable takes a `.ref` and every intermediate is consumed exactly once by its parent.
 * Comparisons ignore the kink rule's tie annotation: that appears only in derivative trees,
 * which this path never evaluates.
 */
import { nn, numpy as np, lax } from '@jax-js/jax';
import type { FnName, Node } from '../../core/expr/ast';

type Arr = np.Array;
type Operand = Arr | number;

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const UNARY: Partial<Record<FnName, (a: Arr) => Arr>> = {
  exp: np.exp, log: np.log, log1p: np.log1p, expm1: np.expm1, sqrt: np.sqrt, abs: np.abs,
  sign: np.sign, sin: np.sin, cos: np.cos, tan: np.tan, tanh: np.tanh, sinh: np.sinh,
  cosh: np.cosh, atan: np.arctan, erf: lax.erf, sigmoid: nn.sigmoid, softplus: nn.softplus,
  logsigmoid: nn.logSigmoid, ceil: np.ceil, floor: np.floor,
  step: (a) => np.where(np.greater(a, 0), 1, 0),
  Phi: (a) => np.multiply(np.add(lax.erf(np.multiply(a, SQRT1_2)), 1), 0.5),
  phi: (a) => np.multiply(np.exp(np.multiply(np.square(a), -0.5)), INV_SQRT_2PI),
};

const CMP = { '>': np.greater, '<': np.less, '>=': np.greaterEqual, '<=': np.lessEqual, '==': np.equal, '!=': np.notEqual } as const;
const ARITH = { '+': np.add, '-': np.subtract, '*': np.multiply, '/': np.divide, '^': np.power } as const;

/** A scalar operand becomes an array only where an op needs an array as its first argument. */
const arr = (v: Operand): Arr => (typeof v === 'number' ? np.array(v) : v);

/**
 * f of `node` with `env` holding the variables and parameters (not consumed: the caller
 * disposes them). Throws for functions jax-js has no op for (the Mittag-Leffler family).
 */
export function jaxExpr(node: Node, env: ReadonlyMap<string, Arr>): Operand {
  const ev = (n: Node): Operand => {
    switch (n.kind) {
      case 'num':
        return n.value;
      case 'sym': {
        const a = env.get(n.name);
        if (!a) throw new Error(`jaxExpr: no value for "${n.name}"`);
        return a.ref;
      }
      case 'neg':
        return np.negative(arr(ev(n.arg)));
      case 'bin': {
        const [l, r] = [ev(n.left), ev(n.right)];
        if (n.op === '^' && r === 2) return np.square(arr(l));
        return ARITH[n.op](arr(l), r);
      }
      case 'call': {
        if (n.fn === 'max' || n.fn === 'min') {
          const [a, b] = [ev(n.args[0]), ev(n.args[1])];
          return (n.fn === 'max' ? np.maximum : np.minimum)(arr(a), b);
        }
        const f = UNARY[n.fn];
        if (!f || n.args.length !== 1) throw new Error(`jaxExpr: no jax-js op for ${n.fn}`);
        return f(arr(ev(n.args[0])));
      }
      case 'cmp':
        return CMP[n.op](arr(ev(n.left)), ev(n.right));
      case 'logic':
        return (n.op === 'and' ? np.logicalAnd : np.logicalOr)(arr(ev(n.left)), ev(n.right));
      case 'not':
        return np.logicalNot(arr(ev(n.arg)));
      case 'cond':
        return np.where(arr(ev(n.test)), ev(n.then), ev(n.else));
    }
  };
  return ev(node);
}
