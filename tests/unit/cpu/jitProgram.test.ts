/**
 * The generated JavaScript of the CPU kernels (src/core/cpu/jitProgram.ts):
 * - its source is built from a closed set of tokens only (no identifier, string or text from a
 *   formula can reach `new Function`), for every registry entry's programs and for typed
 *   formulas with hostile-looking parameter names;
 * - the generated loop and the row interpreter (its fallback) give the same numbers, both equal to
 *   the float64 evaluator rounded to float32 (one ulp), on the registry and on random trees over
 *   every function and operator of the language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileActivation, compileFormula } from '../../../src/core/activation/compile';
import { cpuKernels } from '../../../src/core/cpu/cpuKernels';
import { jitSource, numberLiteral } from '../../../src/core/cpu/jitProgram';
import { runProgram, setJitEnabled } from '../../../src/core/cpu/runProgram';
import { compileSlotProgram } from '../../../src/core/cpu/slotProgram';
import { compileFloat64 } from '../../../src/core/expr/evaluate';
import { allEntries } from '../../../src/core/registry/index';
import { createRng } from '../../../src/core/data/rng';

afterEach(() => setJitEnabled(true));

/** Every identifier the generator may write. */
const ALLOWED_WORDS = new Set([
  'const', 'let', 'for', 'return', 'function', 'kernel', 'lib', 'elementArgs', 'scalarArgs', 'start', 'n',
  'elementOut', 'sums', 'sumsOffset', 'end', 'i', 'Math', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'abs', 'sign',
  'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'atan', 'ceil', 'floor', 'pow', 'max', 'min', 'erf', 'Phi',
  'phi', 'PhiE', 'ml', 'tie', 'isolated', 'NaN', 'Infinity',
]);

function checkTokens(src: string): string[] {
  const bad: string[] = [];
  // Strings may only be the six comparison operators passed to tie().
  const withoutStrings = src.replace(/"(>|<|>=|<=|==|!=)"/g, '0');
  if (/["'`\\]/.test(withoutStrings)) bad.push('a quote or backslash outside the operator strings');
  for (const w of withoutStrings.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []) {
    if (!ALLOWED_WORDS.has(w) && !/^[vxos][0-9]+$/.test(w) && !/^e[0-9]*$/.test(w)) bad.push(w);
  }
  if (/[^\sA-Za-z0-9_$.+\-*/()<>=!?:;,&|[\]{}"]/.test(withoutStrings)) bad.push('an unexpected character');
  return bad;
}

describe('generated source', () => {
  it('uses only the fixed token set, for every registry entry (eval and training programs)', () => {
    const bad: string[] = [];
    for (const e of allEntries()) {
      const c = compileActivation(e);
      for (const training of [false, true]) {
        const k = cpuKernels(c, { training });
        for (const [p, nElem, nOut] of [[k.forward, c.vars.length, 1], [k.backward, c.vars.length + 1, c.vars.length]] as const) {
          for (const t of checkTokens(jitSource(p, nElem, nOut))) bad.push(`${e.id}: ${t}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('never carries a typed formula\'s names into the source', () => {
    const c = compileFormula('constructor * x + __proto__ * sin(x)', [
      { name: 'constructor', default: 1, min: -5, max: 5, learnable: 'yes' },
      { name: '__proto__', default: 2, min: -5, max: 5, learnable: 'yes' },
    ]);
    const k = cpuKernels(c, {});
    const src = jitSource(k.backward, 2, 1);
    expect(src).not.toMatch(/constructor|__proto__/);
    expect(checkTokens(src)).toEqual([]);
  });

  it('prints numbers as plain literals', () => {
    expect([1.5, -2, 1e-300, -0, NaN, Infinity, -Infinity, 5e-324].map(numberLiteral)).toEqual(['1.5', '(-2)', '1e-300', '(-0)', 'NaN', 'Infinity', '(-Infinity)', '5e-324']);
  });
});

/** One float32 ulp at |v|. */
function ulp32(v: number): number {
  const a = Math.abs(Math.fround(v));
  return a < 1.1754943508222875e-38 ? 1.401298464324817e-45 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

const FORMULAS = [
  'x^3 - 2*x^-2 + x^0.5', 'max(x, a) + min(x, -a) + abs(x) + sign(x) + step(x)',
  'exp(x/4) + log(abs(x) + 1) + log1p(abs(x)) + expm1(x/8) + sqrt(abs(x))',
  'sin(x) + cos(x) + tan(x/10) + tanh(x) + sinh(x/4) + cosh(x/4) + atan(x)',
  'erf(x) + Phi(x) + phi(x) + sigmoid(x) + softplus(x) + logsigmoid(x) + ceil(x) + floor(x)',
  'x > a ? x : (x <= -a ? a*x : x^2)', '(x >= 0 and x < a) or not (x != 1) ? 1 : x == 2 ? 3 : x',
  'x / (1 + abs(x/a)) ^ 2',
];

describe('generated loop = row interpreter = float64 evaluator (one float32 ulp)', () => {
  it('on typed formulas covering every operator and function, f and all derivative programs', () => {
    const rng = createRng(5);
    const xs = Float32Array.from({ length: 700 }, (_, i) => (i < 9 ? [0, 1, -1, 2, -2, 0.5, 0.25, 1e-3, 3][i] : -6 + 12 * rng.uniform()));
    const failures: string[] = [];
    for (const f of FORMULAS) {
      const c = compileFormula(f, [{ name: 'a', default: 1.5, min: 0.1, max: 5, learnable: 'yes' }]);
      const roots = [c.ast.f, c.ast.df, c.ast.d2f, c.ast.dparams.a].filter(Boolean);
      const prog = compileSlotProgram(roots, ['x', 'a']);
      const refs = roots.map((r) => compileFloat64(r, ['x', 'a']));
      const outs = [true, false].map((jit) => {
        setJitEnabled(jit);
        const o = roots.map(() => new Float32Array(xs.length));
        runProgram(prog, { elementArgs: [xs], scalarArgs: [1.5], start: 0, n: xs.length, elementOut: o });
        return o;
      });
      roots.forEach((_, k) => {
        for (let i = 0; i < xs.length; i++) {
          const ref = Math.fround(refs[k]([xs[i], 1.5]));
          const [j, t] = [outs[0][k][i], outs[1][k][i]];
          if (!Object.is(j, t) && !(Number.isNaN(j) && Number.isNaN(t))) failures.push(`${f} root ${k} at x=${xs[i]}: jit ${j} vs interpreter ${t}`);
          const ok = Number.isNaN(ref) ? Number.isNaN(j) : !Number.isFinite(ref) ? j === ref : Math.abs(j - ref) <= ulp32(ref);
          if (!ok) failures.push(`${f} root ${k} at x=${xs[i]}: ${j} vs float64 ${ref}`);
        }
      });
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
