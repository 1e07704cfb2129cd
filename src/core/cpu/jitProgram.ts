/**
 * A SlotProgram (./slotProgram.ts) turned into one JavaScript loop by `new Function`, so V8
 * keeps every intermediate value in a register instead of a slot row (3–8× faster per element
 * than the row interpreter of ./runProgram.ts, which stays the fallback where a page's Content
 * Security Policy forbids generated code).
 *
 * What is generated is NOT the formula a user typed: it is the compiled instruction list, and
 * every piece of the source comes from a fixed template per opcode, variable names we make
 * (`v12`, `x0`), integer slot indices, and numbers printed by numberLiteral (digits, '.', 'e',
 * sign, or NaN/Infinity). No identifier, string or text from a formula can reach it; the parser
 * has already rejected every name outside its whitelist before a tree exists.
 * tests/unit/cpu/jitProgram.test.ts checks the token set of the generated source for every entry.
 */
import * as sf from '../math/special';
import * as km from './kernelMath';
import { isolatedTie, tieDecision } from '../expr/evaluate';
import { Fn, Op, type Instr, type SlotProgram } from './slotProgram';

/** Runs elements [start, start + n); per-element outputs written, summed roots added to sums[sumsOffset + j]. */
export type JitKernel = (
  elementArgs: ArrayLike<number>[], scalarArgs: number[], start: number, n: number,
  elementOut: (Float32Array | Float64Array)[], sums: Float64Array | null, sumsOffset: number,
) => void;

/** The functions generated code may call, by the name it calls them. */
const LIB = {
  exp: km.exp, expm1: km.expm1, tanh: km.tanh, sin: km.sin, cos: km.cos, PhiE: km.PhiGivenE,
  erf: sf.erf, Phi: sf.Phi, phi: sf.phi, ml: sf.mittagLeffler, tie: tieDecision, isolated: isolatedTie,
};

/**
 * How each function is called. Math builtins are written as `Math.f`, which V8 inlines (a call
 * through a captured variable is a real call: relu's max cost 6 ns per element that way) —
 * except exp, expm1, tanh, sin and cos, which are fdlibm calls into C (8–15 ns each) and come
 * from ./kernelMath.ts as plain JavaScript that V8 does inline; the small special functions are
 * inlined as their float64 definitions in ../math/special.ts; erf is a call. (Φ and φ are
 * lowered by the slot compiler to PhiE and one shared exponential.)
 */
const CALL: Record<Fn, (a: string) => string> = {
  [Fn.Exp]: (a) => `exp(${a})`, [Fn.Log]: (a) => `Math.log(${a})`, [Fn.Log1p]: (a) => `Math.log1p(${a})`,
  [Fn.Expm1]: (a) => `expm1(${a})`, [Fn.Sqrt]: (a) => `Math.sqrt(${a})`, [Fn.Abs]: (a) => `Math.abs(${a})`,
  [Fn.Sign]: (a) => `Math.sign(${a})`, [Fn.Sin]: (a) => `sin(${a})`, [Fn.Cos]: (a) => `cos(${a})`,
  [Fn.Tan]: (a) => `Math.tan(${a})`, [Fn.Tanh]: (a) => `tanh(${a})`, [Fn.Sinh]: (a) => `Math.sinh(${a})`,
  [Fn.Cosh]: (a) => `Math.cosh(${a})`, [Fn.Atan]: (a) => `Math.atan(${a})`, [Fn.Ceil]: (a) => `Math.ceil(${a})`,
  [Fn.Floor]: (a) => `Math.floor(${a})`,
  // sf.step: NaN stays NaN, H(0) = 0.
  [Fn.Step]: (a) => `(${a} > 0 ? 1 : ${a} === ${a} ? 0 : NaN)`,
  // sf.sigmoid: e^{−x} only for x ≥ 0, e^{x} only for x < 0.
  [Fn.Sigmoid]: (a) => `(${a} >= 0 ? 1 / (1 + exp(-${a})) : exp(${a}) / (1 + exp(${a})))`,
  [Fn.Softplus]: (a) => `(Math.max(${a}, 0) + Math.log1p(exp(-Math.abs(${a}))))`,
  [Fn.Logsigmoid]: (a) => `(Math.min(${a}, 0) - Math.log1p(exp(-Math.abs(${a}))))`,
  [Fn.Erf]: (a) => `erf(${a})`, [Fn.Phi]: (a) => `Phi(${a})`, [Fn.PhiPdf]: (a) => `phi(${a})`,
};

const BINARY: Partial<Record<Op, string>> = { [Op.Add]: '+', [Op.Sub]: '-', [Op.Mul]: '*', [Op.Div]: '/' };
const COMPARE: Partial<Record<Op, string>> = { [Op.Gt]: '>', [Op.Lt]: '<', [Op.Ge]: '>=', [Op.Le]: '<=', [Op.Eq]: '===', [Op.Ne]: '!==' };
const TIE_OP: Record<Instr['cmp'], string> = { '>': '>', '<': '<', '>=': '>=', '<=': '<=', '==': '===', '!=': '!==' };

/** A number as JavaScript source: only digits, '.', 'e', '+', '-', or NaN / Infinity. */
export function numberLiteral(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  const text = String(v);
  if (!/^-?[0-9.e+-]+$/.test(text)) throw new Error(`internal: unexpected number text "${text}"`);
  return v < 0 ? `(${text})` : text;
}

const slot = (k: number): string => `v${k | 0}`;

function statement(ins: Instr): string {
  const [d, a, b, c, e] = [slot(ins.dst), slot(ins.a), slot(ins.b), slot(ins.c), slot(ins.d)];
  const bin = BINARY[ins.op];
  if (bin) return `const ${d} = ${a} ${bin} ${b};`;
  const cmp = COMPARE[ins.op];
  if (cmp) return `const ${d} = ${a} ${cmp} ${b} ? 1 : 0;`;
  switch (ins.op) {
    case Op.Neg: return `const ${d} = -${a};`;
    case Op.Pow: return `const ${d} = Math.pow(${a}, ${b});`;
    case Op.Max: return `const ${d} = Math.max(${a}, ${b});`;
    case Op.Min: return `const ${d} = Math.min(${a}, ${b});`;
    case Op.Tie: {
      // The kink rule at an exact tie (see evaluate.ts tieDecision), else the plain comparison.
      const op = TIE_OP[ins.cmp];
      const cmpName = JSON.stringify(ins.cmp); // one of six fixed operator strings
      if (!/^"[<>=!]{1,2}"$/.test(cmpName)) throw new Error('internal: bad comparison');
      return `const ${d} = (${a} === ${b} && ${c} !== ${e} && isolated(${a}, ${c}, ${e})) ? (tie(${cmpName}, ${c}, ${e}) ? 1 : 0) : (${a} ${op} ${b} ? 1 : 0);`;
    }
    case Op.And: return `const ${d} = ${a} !== 0 && ${b} !== 0 ? 1 : 0;`;
    case Op.Or: return `const ${d} = ${a} !== 0 || ${b} !== 0 ? 1 : 0;`;
    case Op.Not: return `const ${d} = ${a} !== 0 ? 0 : 1;`;
    case Op.Truthy: return `const ${d} = ${a} !== 0 ? 1 : 0;`;
    case Op.Select: return `const ${d} = ${a} !== 0 ? ${b} : ${c};`;
    case Op.Call: return `const ${d} = ${CALL[ins.fn](a)};`;
    case Op.MittagLeffler: return `const ${d} = ml(${a}, ${b}, ${c}, ${ins.order | 0});`;
    case Op.PhiGivenE: return `const ${d} = PhiE(${a}, ${b});`;
  }
  throw new Error(`internal: no JavaScript form of opcode ${ins.op}`);
}

/** The generated source of the kernel body (exported for the token test). */
export function jitSource(p: SlotProgram, nElem: number, nOut: number): string {
  const lines: string[] = [];
  lines.push(`const { ${Object.keys(LIB).join(', ')} } = lib;`);
  lines.push('return function kernel(elementArgs, scalarArgs, start, n, elementOut, sums, sumsOffset) {');
  for (let k = 0; k < nElem; k++) lines.push(`  const x${k} = elementArgs[${k}];`);
  for (let k = nElem; k < p.args.length; k++) lines.push(`  const ${slot(p.args[k])} = scalarArgs[${k - nElem}];`);
  for (const { slot: s, value } of p.constants) lines.push(`  const ${slot(s)} = ${numberLiteral(value)};`);
  for (let k = 0; k < nOut; k++) lines.push(`  const o${k} = elementOut[${k}];`);
  const nSum = p.outputs.length - nOut;
  for (let j = 0; j < nSum; j++) lines.push(`  let s${j} = 0;`);
  // Instructions that read no element (SAU's 10·s and 1 − α, a parameter's square) run once, before the loop.
  const perElement = new Set(p.args.slice(0, nElem));
  const inLoop = p.code.filter((ins) => {
    const varies = [ins.a, ins.b, ins.c, ins.d].some((k) => perElement.has(k));
    if (varies) perElement.add(ins.dst);
    return varies;
  });
  for (const ins of p.code) if (!perElement.has(ins.dst)) lines.push(`  ${statement(ins)}`);
  lines.push('  const end = start + n;');
  lines.push('  for (let i = start; i < end; i++) {');
  for (let k = 0; k < nElem; k++) lines.push(`    const ${slot(p.args[k])} = x${k}[i];`);
  for (const ins of inLoop) lines.push(`    ${statement(ins)}`);
  for (let k = 0; k < nOut; k++) lines.push(`    o${k}[i] = ${slot(p.outputs[k])};`);
  for (let j = 0; j < nSum; j++) lines.push(`    s${j} += ${slot(p.outputs[nOut + j])};`);
  lines.push('  }');
  for (let j = 0; j < nSum; j++) lines.push(`  sums[sumsOffset + ${j}] += s${j};`);
  lines.push('};');
  return lines.join('\n');
}

let generatedCodeAllowed: boolean | undefined;

/** Whether `new Function` works here (a Content Security Policy without 'unsafe-eval' forbids it). */
function jitAvailable(): boolean {
  if (generatedCodeAllowed === undefined) {
    try {
      // eslint-disable-next-line no-new-func -- probes whether generated code is allowed (CSP)
      generatedCodeAllowed = new Function('return 1')() === 1;
    } catch {
      generatedCodeAllowed = false;
    }
  }
  return generatedCodeAllowed;
}

const cache = new WeakMap<SlotProgram, Map<string, JitKernel | null>>();

/** The compiled loop for this program and argument/output split, or null where code cannot be generated. */
export function jitKernel(p: SlotProgram, nElem: number, nOut: number): JitKernel | null {
  if (!jitAvailable()) return null;
  let per = cache.get(p);
  if (!per) {
    per = new Map();
    cache.set(p, per);
  }
  const key = `${nElem}/${nOut}`;
  if (per.has(key)) return per.get(key) ?? null;
  let k: JitKernel | null;
  try {
    // eslint-disable-next-line no-new-func -- source built only from fixed templates, slot numbers and number literals (see the module comment)
    k = new Function('lib', jitSource(p, nElem, nOut))(LIB) as JitKernel;
  } catch {
    k = null;
  }
  per.set(key, k);
  return k;
}
