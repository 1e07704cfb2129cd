/**
 * What every formula must satisfy, checked case by case for the fuzz suite (unit test and
 * `npm run fuzz`): it is accepted or refused with the project's own error, within the time
 * bounds (validate ≤ 100 ms, f, f′, f″ at 2,001 points ≤ 50 ms), its generated WGSL and CPU-kernel
 * sources hold only the generator's own words and valid float32 / float64 literals, its tf.js op
 * runs, and f′ agrees with a finite difference of f wherever f is smooth.
 */
import * as tf from '@tensorflow/tfjs';
import { makeTfActivation } from '../../src/core/activation/tfop';
import type { CompiledActivation } from '../../src/core/activation/types';
import { jitSource } from '../../src/core/cpu/jitProgram';
import { compileSlotProgram } from '../../src/core/cpu/slotProgram';
import { checkCustom } from '../../src/core/custom/validate';
import { activationKernels } from '../../src/core/gpu/activationKernels';
import type { FormulaCase } from './formulaArbitrary';

export type Verdict = 'accepted' | 'refused' | 'crashed' | 'hung' | 'injected' | 'wrong';
export interface Outcome {
  verdict: Verdict;
  detail?: string;
  validateMs?: number;
  sampleMs?: number;
}

const VALIDATE_BUDGET_MS = 100;
const SAMPLE_BUDGET_MS = 50;
const SAMPLE_POINTS = 2001;

/**
 * Milliseconds of `fn`, robust to a busy machine: a run over `bound` is repeated twice and the
 * fastest of the three counts (a shared CI machine stalls single runs; a slow case stays slow).
 */
function timed(fn: () => void, bound: number): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
    if (best <= bound) break;
  }
  return best;
}

const WGSL_WORDS = new Set([
  'fn', 'let', 'var', 'return', 'f32', 'i32', 'u32', 'bool', 'select', 'true', 'false', 'abs', 'sqrt', 'sign', 'ceil', 'floor',
  'min', 'max', 'pow', 'exp', 'log', 'bitcast', 'arguments', 'none',
]);
const JS_WORDS = new Set([
  'const', 'let', 'return', 'function', 'kernel', 'for', 'lib', 'elementArgs', 'scalarArgs', 'start', 'n', 'end', 'i', 'elementOut',
  'sums', 'sumsOffset', 'Math', 'pow', 'max', 'min', 'abs', 'sqrt', 'log', 'log1p', 'exp', 'expm1', 'sign', 'floor', 'ceil', 'atan', 'tan',
  'sinh', 'cosh', 'tanh', 'sin', 'cos', 'erf', 'Phi', 'PhiE', 'phi', 'ml', 'tie', 'isolated', 'Infinity', 'NaN', 'e',
]);

/** Words of `code` not made by the generator (identifiers and numbers are checked separately). */
function foreignWords(code: string, words: ReadonlySet<string>, generated: RegExp): string[] {
  return (code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => !words.has(w) && !generated.test(w));
}

const F32_MAX = 3.4028234663852886e38;

/** The WGSL kernels' problems: foreign words, literals that are not float32, a comment that leaks. */
function wgslProblems(code: string): string[] {
  const out: string[] = [];
  const comments = code.match(/\/\/.*$/gm) ?? [];
  for (const c of comments) if (!/^\/\/ arguments: (none|p_\d+ = [A-Za-z0-9_?]+(, p_\d+ = [A-Za-z0-9_?]+)*)$/.test(c)) out.push(`comment ${c}`);
  const body = code.replace(/\/\/.*$/gm, '');
  const hexes = body.match(/0x[0-9a-f.]+p[+-]\d+/g) ?? [];
  for (const h of hexes) if (h !== '0x1.fffffep+127') out.push(`hex literal ${h}`);
  const plain = body.replace(/0x[0-9a-f.]+p[+-]\d+/g, ' ');
  for (const lit of plain.match(/(?<![A-Za-z_0-9])\d+\.\d*(?:e[+-]?\d+)?|(?<![A-Za-z_0-9])\d+e[+-]?\d+/g) ?? []) {
    const v = Number(lit);
    if (!(Math.abs(v) <= F32_MAX)) out.push(`literal ${lit} is not a finite float32`);
  }
  out.push(...foreignWords(plain.replace(/(?<![A-Za-z_0-9])\d+\.\d*(?:e[+-]?\d+)?/g, ' '), WGSL_WORDS, /^(p_\d+|t_?\d+|v\d+|ap_[A-Za-z0-9_]+|e\d*)$/).map((w) => `word ${w}`));
  return out;
}

function jsProblems(code: string): string[] {
  const stripped = code.replace(/(?<![A-Za-z_0-9])\d+(?:\.\d+)?(?:e[+-]?\d+)?/g, ' ').replace(/"[<>=!]{1,2}"/g, ' ');
  return foreignWords(stripped, JS_WORDS, /^(s\d+|x\d+|o\d+|v\d+|e\d+)$/).map((w) => `word ${w}`);
}

/** Points in [−5, 5] that avoid round numbers (so no comparison in a formula ties there by accident). */
const POINTS = Array.from({ length: 9 }, (_, i) => -4.61 + i * 1.1731);

/** The eight increments of f over [x − 4s, x + 4s] agree (to 1e-3 of their mean, plus noise). */
function smoothOnGrid(f: (x: number) => number, x: number, s: number): boolean {
  const inc = Array.from({ length: 8 }, (_, k) => f(x + (k - 3) * s) - f(x + (k - 4) * s));
  const mean = inc.reduce((a, b) => a + b, 0) / inc.length;
  const noise = 1e-12 * (1 + Math.abs(f(x)));
  return inc.every((d) => Math.abs(d - mean) <= 1e-3 * Math.abs(mean) + noise);
}

/** f′ against central differences at two steps where the two agree (f smooth there). */
function derivativeProblem(f: (x: number) => number, df: (x: number) => number): string | undefined {
  for (const x of POINTS) {
    const h = 1e-4;
    const v = [f(x - h), f(x + h), f(x - h / 2), f(x + h / 2), f(x)];
    if (!v.every(Number.isFinite) || v.some((y) => Math.abs(y) > 1e6)) continue;
    const fd1 = (v[1] - v[0]) / (2 * h);
    const fd2 = (v[3] - v[2]) / h;
    // Smooth: the two differences agree as O(h²) predicts; a kink or a jump inside breaks that.
    if (!(Math.abs(fd1 - fd2) <= 1e-5 * (1 + Math.abs(fd2)))) continue;
    // …and f is not a staircase that steep steps make look smooth at these two scales
    // (floor(x^x^x), whose steps are 2.5e-5 apart at x = 2.43): on a grid of h/8 the eight
    // increments of a smooth f agree to O(h); a staircase's are 0 or a whole step.
    if (!smoothOnGrid(f, x, h / 8)) continue;
    const d = df(x);
    if (!(Math.abs(d - fd2) <= 1e-4 * (1 + Math.abs(fd2)))) return `f'(${x}) = ${d}, finite difference ${fd2}`;
  }
  return undefined;
}

export interface CheckOptions {
  /** Multiplies the time bounds (1 in `npm run fuzz`; the unit test states its own). */
  slack?: number;
  /** Also build and run the tf.js op (slower; off for the longest runs). */
  tfjs?: boolean;
}

function sampleAll(c: CompiledActivation): void {
  const s = c.scalar();
  let acc = 0;
  for (let i = 0; i < SAMPLE_POINTS; i++) {
    const x = -5 + (10 * i) / (SAMPLE_POINTS - 1);
    acc += s.f(x) + s.df(x) + s.d2f(x);
  }
  if (acc === 0.123456789) throw new Error('unreachable');
}

export function checkFormula(fcase: FormulaCase, opts: CheckOptions = {}): Outcome {
  const slack = opts.slack ?? 1;
  const def = { name: 'fuzz', formula: fcase.formula, params: fcase.params.map((name) => ({ name, default: 1, min: -2, max: 2, learnable: true })) };
  let result: ReturnType<typeof checkCustom> | undefined;
  let validateMs: number;
  try {
    validateMs = timed(() => {
      result = checkCustom(def);
    }, VALIDATE_BUDGET_MS * slack);
  } catch (e) {
    return { verdict: 'crashed', detail: `${(e as Error).name}: ${(e as Error).message}` };
  }
  if (validateMs > VALIDATE_BUDGET_MS * slack) return { verdict: 'hung', detail: `validate took ${validateMs.toFixed(0)} ms`, validateMs };
  const compiled = result?.compiled;
  if (!compiled) {
    const problems = result?.problems ?? [];
    if (problems.length === 0 || problems.some((p) => typeof p.message !== 'string' || p.message === '')) return { verdict: 'crashed', detail: 'refused without a message' };
    if (problems.some((p) => /internal|TypeError|undefined/.test(p.message))) return { verdict: 'crashed', detail: problems[0].message };
    return { verdict: 'refused', detail: problems[0].message, validateMs };
  }
  try {
    const sampleMs = timed(() => sampleAll(compiled), SAMPLE_BUDGET_MS * slack);
    if (sampleMs > SAMPLE_BUDGET_MS * slack) return { verdict: 'hung', detail: `sampling took ${sampleMs.toFixed(0)} ms`, validateMs, sampleMs };
    const kernels = activationKernels(compiled);
    if (kernels.ok) {
      for (const k of [kernels.kernels.forward, ...kernels.kernels.dvars, ...kernels.kernels.dparams]) {
        const bad = k ? wgslProblems(k.code) : [];
        if (bad.length) return { verdict: 'injected', detail: `WGSL: ${bad[0]}` };
      }
    }
    const names = [...compiled.vars, ...compiled.params.map((p) => p.name)];
    const js = jitSource(compileSlotProgram([compiled.ast.f, compiled.ast.df], names, 1), 1, 2);
    const badJs = jsProblems(js);
    if (badJs.length) return { verdict: 'injected', detail: `CPU kernel: ${badJs[0]}` };
    if (opts.tfjs) {
      tf.tidy(() => {
        const op = makeTfActivation(compiled);
        const params = Object.fromEntries(compiled.params.map((p) => [p.name, tf.scalar(p.default)]));
        op.apply(tf.tensor1d(POINTS), params).dataSync();
      });
    }
    const s = compiled.scalar();
    const wrong = derivativeProblem(s.f, s.df);
    if (wrong) return { verdict: 'wrong', detail: wrong, validateMs, sampleMs };
    return { verdict: 'accepted', validateMs, sampleMs };
  } catch (e) {
    return { verdict: 'crashed', detail: `${(e as Error).name}: ${(e as Error).message}` };
  }
}
