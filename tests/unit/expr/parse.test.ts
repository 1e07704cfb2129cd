/**
 * Parser: structure of what it builds (checked by evaluating against hand-computed numbers),
 * precedence, and safety: hostile inputs and a seeded fuzz must only ever raise ExprError.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/core/expr/ast';
import { ExprError } from '../../../src/core/expr/errors';
import { evaluateNode } from '../../../src/core/expr/evaluate';
import { parseFormula, type ParseOptions } from '../../../src/core/expr/parse';

const opts: ParseOptions = { vars: ['x'], params: ['a', 'b'] };
const ev = (src: string, x = 0.7, a = 2, b = -3) => evaluateNode(parseFormula(src, opts), { x, a, b });

function errorOf(src: string, o: ParseOptions = opts): ExprError {
  try {
    parseFormula(src, o);
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw new Error(`non-ExprError for ${JSON.stringify(src.slice(0, 60))}: ${String(e)}`, { cause: e });
  }
  throw new Error(`accepted: ${JSON.stringify(src.slice(0, 60))}`);
}

describe('parseFormula: arithmetic and precedence', () => {
  it('evaluates to hand-computed values', () => {
    const x = 0.7, a = 2, b = -3;
    expect(ev('1e-3 + 2.5E2 + .5')).toBe(1e-3 + 250 + 0.5);
    expect(ev('-x^2')).toBe(-(x * x));
    expect(ev('2^3^2')).toBe(512); // right-associative
    expect(ev('2^-1')).toBe(0.5);
    expect(ev('a - b - x')).toBeCloseTo(a - b - x, 15);
    expect(ev('a / b / x')).toBeCloseTo(a / b / x, 15);
    expect(ev('a + b * x')).toBeCloseTo(a + b * x, 15);
    expect(ev('(a + b) * x')).toBeCloseTo((a + b) * x, 15);
    expect(ev('pi')).toBe(Math.PI);
    expect(ev('e')).toBe(Math.E);
    expect(ev('max(1, x, a, b)')).toBe(2);
    expect(ev('min(1, x, a, b)')).toBe(-3);
    expect(ev('arctan(1)')).toBe(Math.PI / 4);
    expect(ev('ln(e)')).toBe(1);
    expect(ev('heaviside(0) + heaviside(x)')).toBe(1);
  });
  it('handles comparisons, logic and ternaries', () => {
    expect(ev('x > 0 ? 1 : 2')).toBe(1);
    expect(ev('x > 1 ? 1 : x > 0.5 ? 2 : 3')).toBe(2); // right-assoc
    expect(ev('x > 0 and x < 1 ? 5 : 6')).toBe(5);
    expect(ev('not (x > 0) or b > 0 ? 5 : 6')).toBe(6);
    expect(ev('x >= 0.7 && x <= 0.7 ? 1 : 0')).toBe(1);
    expect(ev('(x > 0) * 3 + (x == 1)')).toBe(3); // booleans count as 1/0
    expect(ev('b ? 4 : 5')).toBe(4); // numbers as conditions mean ≠ 0
    expect(ev('x != 0.7 ? 1 : 0')).toBe(0);
  });
  it('lets declared names shadow the constants pi and e', () => {
    const n = parseFormula('e * x', { vars: ['x'], params: ['e'] });
    expect(evaluateNode(n, { x: 2, e: 5 })).toBe(10);
  });
  it('expands registry functions through the hook', () => {
    const relu = (args: Node[]): Node => ({ kind: 'call', fn: 'max', args: [{ kind: 'num', value: 0 }, args[0]] });
    const o = { ...opts, functions: { relu } };
    expect(evaluateNode(parseFormula('relu(x - 1) + relu(x)', o), { x: 0.7, a: 0, b: 0 })).toBeCloseTo(0.7, 15);
    const bad = { ...opts, functions: { twoargs: (args: Node[]) => { if (args.length !== 2) throw new ExprError('twoargs expects 2 arguments', 0); return args[0]; } } };
    const e = errorOf('x + twoargs(x)', bad);
    expect(e.message).toBe('twoargs expects 2 arguments');
    expect(e.position).toBe(4);
  });
});

describe('parseFormula: errors carry a message and a position', () => {
  const cases: [string, RegExp, number][] = [
    ['evaluate("1")', /Strings are not allowed/, 9],
    ['evaluate(1)', /^Unknown function "evaluate" at position 0$/, 0],
    ['x + y', /^Unknown symbol "y" at position 4; allowed: x, a, b$/, 4],
    ['x = 1', /^Unexpected "=" at position 2$/, 2],
    ['a.b', /Property access is not allowed/, 1],
    ['[1,2]', /Matrices are not allowed/, 0],
    ['x[0]', /Matrices are not allowed/, 1],
    ['"s"', /Strings are not allowed/, 0],
    ["createUnit('x')", /Strings are not allowed/, 11],
    ['x; 1', /Unexpected ";" at position 1/, 1],
    ['f(x) = x', /Unexpected "=" at position 5/, 5],
    ['f(x)', /Unknown function "f" at position 0/, 0],
    ['import(x)', /Unknown function "import"/, 0],
    ['constructor(x)', /Unknown function "constructor"/, 0],
    ['__proto__', /Unknown symbol "__proto__"/, 0],
    ['x + toString', /Unknown symbol "toString"/, 4],
    ['exp(x, 1)', /exp expects 1 argument, got 2/, 0],
    ['mlE(x)', /mlE expects 3 arguments, got 1/, 0],
    ['max(x)', /max expects at least 2 arguments/, 0],
    ['2x', /Missing operator before "x" at position 1/, 1],
    ['x + ', /Unexpected end of formula/, 4],
    ['(x', /Expected "\)"/, 2],
    ['x > 0 > 1', /Chained comparisons/, 6],
    ['x ? 1', /Expected ":"/, 5],
    ['exp', /"exp" is a function/, 0],
    ['', /Formula is empty/, 0],
    ['x + λ', /Unexpected character U\+03BB at position 4/, 4],
    ['1e999', /out of range/, 0],
  ];
  for (const [src, msg, pos] of cases) {
    it(`rejects ${JSON.stringify(src)}`, () => {
      const e = errorOf(src);
      expect(e.message).toMatch(msg);
      expect(e.position).toBe(pos);
    });
  }
  it('rejects very deep nesting and very long input without overflowing the stack', () => {
    expect(errorOf('('.repeat(10000) + 'x' + ')'.repeat(10000)).message).toMatch(/too long/);
    expect(errorOf('('.repeat(900) + 'x' + ')'.repeat(900)).message).toMatch(/nested too deeply/);
    expect(errorOf('-'.repeat(1500) + 'x').message).toMatch(/nested too deeply/);
    expect(errorOf('x>0?'.repeat(200) + 'x' + ':1'.repeat(200)).message).toMatch(/nested too deeply/);
    expect(errorOf('x' + '^x'.repeat(1000)).message).toMatch(/too long|nested too deeply/);
    expect(errorOf('x+'.repeat(2500) + 'x').message).toMatch(/too long/);
    expect(errorOf('"' + 'a'.repeat(5000) + '"').message).toMatch(/too long|Strings/);
    // 60 levels are fine.
    expect(ev('('.repeat(60) + 'x' + ')'.repeat(60))).toBe(0.7);
  });
  it('rejects assorted unicode', () => {
    for (const s of ['x × 2', 'x\u0000', '😀', 'x + ∞', 'ｘ']) expect(errorOf(s).position).toBeGreaterThanOrEqual(0);
  });
});

/** Mulberry32: a tiny seeded generator so the fuzz is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseFormula: fuzz', () => {
  it('5,000 random token strings: every outcome is a tree or an ExprError, quickly', () => {
    const alphabet = ['x', 'a', 'b', 'y', '1', '2.5', '1e-3', '.', '(', ')', ',', '+', '-', '*', '/', '^', '?', ':', '>', '>=', '==', '!', '&&',
      'and', 'or', 'not', 'exp', 'max', 'mlE', 'pi', 'e', '"', "'", '[', ']', '=', ';', ' ', 'constructor', '__proto__', 'λ', '\\'];
    const next = rng(12345);
    let parsed = 0;
    const t0 = Date.now();
    for (let i = 0; i < 5000; i++) {
      const n = 1 + Math.floor(next() * 25);
      let s = '';
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      try {
        const node = parseFormula(s, opts);
        expect(typeof evaluateNode(node, { x: 0.5, a: 1, b: 2 })).toBe('number');
        parsed++;
      } catch (e) {
        if (!(e instanceof ExprError)) throw new Error(`non-ExprError for ${JSON.stringify(s)}: ${String(e)}`, { cause: e });
        expect(e.position).toBeGreaterThanOrEqual(0);
        expect(e.position).toBeLessThanOrEqual(s.length);
      }
    }
    expect(parsed).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
