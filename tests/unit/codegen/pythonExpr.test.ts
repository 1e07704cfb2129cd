/**
 * The Python expression printer on hand-built trees: grouping survives Python's precedence and
 * associativity (checked by evaluating the printed text in python3 against the same arithmetic
 * written out in JS), float literals read back to the identical double (bit patterns compared),
 * tie comparisons decide exact ties by the left-hand rule, and bad input gets a clear error.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CmpOp, Node } from '../../../src/core/expr/ast';
import { pyIdentifier } from '../../../src/core/codegen/export-plan';
import { CodegenError, pyFloat, pythonExpr } from '../../../src/core/codegen/python-expr';

const FIXTURES = resolve(__dirname, '../../fixtures/python');

const n = (value: number): Node => ({ kind: 'num', value });
const s = (name: string): Node => ({ kind: 'sym', name });
const bin = (op: '+' | '-' | '*' | '/' | '^', left: Node, right: Node): Node => ({ kind: 'bin', op, left, right });
const neg = (arg: Node): Node => ({ kind: 'neg', arg });
const x = s('x');
const y = s('y');
const z = s('z');

const names = { x: 'x', y: 'y', z: 'z', slope: 'slope' };

/** Evaluates Python expressions (one per line of `exprs`) with the fake jax.numpy in scope. */
function pyEval(exprs: string[], env: Record<string, number>): (number | boolean)[] {
  const program = `
import json, sys
sys.path.insert(0, ${JSON.stringify(FIXTURES)})
sys.path.insert(0, ${JSON.stringify(`${FIXTURES}/shims`)})
import jax.numpy as jnp
from fake_scalar import T, B
env = {k: T(v) for k, v in json.loads(sys.argv[1]).items()}
env['jnp'] = jnp
out = []
for line in sys.stdin.read().splitlines():
    r = eval(line, env)
    out.append(r.v if isinstance(r, (T, B)) else r)
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', program, JSON.stringify(env)], { input: exprs.join('\n'), encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as (number | boolean)[];
}

describe('pythonExpr', () => {
  it('keeps the tree grouping under Python precedence and associativity', () => {
    const X = 1.7, Y = -0.3, Z = 2.9;
    const cases: [Node, number][] = [
      [bin('-', x, bin('-', y, z)), X - (Y - Z)],
      [bin('-', bin('-', x, y), z), X - Y - Z],
      [bin('/', x, bin('*', y, z)), X / (Y * Z)],
      [bin('+', x, bin('+', y, z)), X + (Y + Z)],
      [bin('*', bin('+', x, y), z), (X + Y) * Z],
      [neg(bin('^', x, n(2))), -(X ** 2)],
      [bin('^', neg(y), n(2)), (-Y) ** 2],
      [bin('^', neg(y), n(3)), (-Y) ** 3],
      [bin('^', x, bin('^', z, n(0.5))), X ** (Z ** 0.5)],
      [bin('^', bin('^', x, z), n(0.5)), (X ** Z) ** 0.5],
      [bin('^', n(2), neg(x)), 2 ** -X],
      [bin('^', x, n(-2)), X ** -2],
      [neg(neg(x)), X],
      [bin('-', n(-0.5), neg(y)), -0.5 - -Y],
      [bin('*', n(-2), bin('^', y, n(2))), -2 * Y ** 2],
    ];
    const texts = cases.map(([node]) => pythonExpr(node, { dialect: 'jax', names, like: 'x' }));
    const got = pyEval(texts, { x: X, y: Y, z: Z });
    cases.forEach(([, want], i) => expect(got[i], texts[i]).toBe(want));
  });

  it('prints float64 constants that read back to the identical double', () => {
    const values = [
      1.0507009873554805, 1.6732632423543772, 0.1, 1 / 3, 2 / 3, Math.PI, Math.E, 5e-324, 2.2250738585072014e-308,
      1.7976931348623157e308, 1e21, 1e-7, 123456789012345680000, 0.7978845608028654, -3.1858810036855245, 3.30847488e-6,
      -0.04922261145617846, 2 ** 53 + 2, -0, 0,
    ];
    const program = `
import struct, sys
for line in sys.stdin.read().splitlines():
    print(struct.pack('<d', eval(line)).hex())
`;
    const r = spawnSync('python3', ['-c', program], { input: values.map(pyFloat).join('\n'), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const bits = (v: number) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, v, true);
      return [...new Uint8Array(view.buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    };
    expect(r.stdout.trim().split('\n')).toEqual(values.map(bits));
    expect(pyFloat(Infinity)).toBe("float('inf')");
    expect(pyFloat(3)).toBe('3.0');
  });

  it('decides exact ties by the left-hand rule: u op v at u == v holds iff dr op dl', () => {
    const ops: CmpOp[] = ['>', '<', '>=', '<=', '==', '!='];
    // Slopes (dl, dr) constant (folded at export) and symbolic (printed as where(...)).
    const slopes: [number, number][] = [[1, 0], [0, 1], [2, 2], [-1, 3]];
    const exprs: string[] = [];
    const want: boolean[] = [];
    for (const op of ops) {
      for (const [dl, dr] of slopes) {
        for (const symbolic of [false, true]) {
          const tie = { dl: n(dl), dr: symbolic ? bin('*', s('slope'), n(dr)) : n(dr) };
          const node: Node = { kind: 'cmp', op, left: x, right: y, tie };
          exprs.push(pythonExpr(node, { dialect: 'jax', names, like: 'x' }));
          // Just left of the tie point, x − y has the sign of (dr − dl).
          const h = 1e-6;
          const left = -dl * h;
          const right = -dr * h;
          const justLeft = { '>': left > right, '<': left < right, '>=': left >= right, '<=': left <= right, '==': left === right, '!=': left !== right }[op];
          want.push(justLeft);
        }
      }
    }
    // A comparison at the top of a tree is a number (1 or 0), as in the playground's evaluator.
    expect(pyEval(exprs, { x: 0.5, y: 0.5, slope: 1 })).toEqual(want.map(Number));
    // Away from the tie, the plain comparison.
    const plain = pyEval(exprs, { x: 0.75, y: 0.5, slope: 1 });
    expect(plain).toEqual(exprs.map((_, i) => Number(['>', '>=', '!='].includes(ops[Math.floor(i / 8)]))));
  });

  it('rejects unknown symbols, Mittag-Leffler and wrong arity with CodegenError', () => {
    expect(() => pythonExpr(s('w'), { dialect: 'torch', names, like: 'x' })).toThrow(CodegenError);
    expect(() => pythonExpr(s('w'), { dialect: 'torch', names, like: 'x' })).toThrow(/Unknown symbol "w"/);
    const ml: Node = { kind: 'call', fn: 'mlE', args: [x, n(1), n(1)] };
    expect(() => pythonExpr(ml, { dialect: 'jax', names, like: 'x' })).toThrow(/Mittag-Leffler/);
    expect(() => pythonExpr({ kind: 'call', fn: 'exp', args: [x, y] }, { dialect: 'tf', names, like: 'x' })).toThrow(/takes 1 argument/);
  });

  it('wraps constants for torch functions, which reject Python floats, in the dtype of the input', () => {
    expect(pythonExpr({ kind: 'call', fn: 'max', args: [x, n(0)] }, { dialect: 'torch', names, like: 'x' })).toBe('torch.clamp(x, min=0.0)');
    expect(pythonExpr({ kind: 'call', fn: 'tanh', args: [n(2)] }, { dialect: 'torch', names, like: 'x' })).toBe('torch.tanh(torch.tensor(2.0, dtype=x.dtype, device=x.device))');
    // Truth values and two-constant conditionals take x's dtype (a bare where(c, 1.0, 0.0) is float32 in torch).
    expect(pythonExpr({ kind: 'cmp', op: '>', left: x, right: n(0) }, { dialect: 'torch', names, like: 'x' })).toBe('(x > 0.0).to(x.dtype)');
    expect(pythonExpr({ kind: 'cond', test: { kind: 'cmp', op: '>', left: x, right: n(0) }, then: n(2), else: n(0.5) }, { dialect: 'tf', names, like: 'x' }))
      .toBe('tf.where(x > 0.0, tf.constant(2.0, dtype=x.dtype), 0.5)');
    expect(pythonExpr({ kind: 'call', fn: 'exp', args: [x] }, { dialect: 'jax', names, like: 'x' })).toBe('jnp.exp(jnp.minimum(x, 88.0))');
  });

  it('maps parameter names that are Python keywords or generated names', () => {
    expect(pyIdentifier('lambda')).toBe('lambda_');
    expect(pyIdentifier('torch')).toBe('torch_');
    expect(pyIdentifier('alpha')).toBe('alpha');
  });
});
